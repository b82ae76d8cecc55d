"""Settings a paper writes as symbols: "β2 = 0.999", "Pdrop = 0.1", "warmup_steps = 4000", and the names
it gives those symbols itself ("dropout rate Pdrop = 0.1", "label smoothing of value εls = 0.1", "a stack
of N = 6 identical layers", "h = 8 parallel attention layers, or heads", "α: Stepsize").

A symbol stands for an asked attribute only where its own source defines it so (no list of conventions:
α is a step size in one paper and a length penalty in another); an attribute asked as a symbol ("β2")
is read wherever the symbol is set. A symbol defined with several names stands for the attribute whose
words its definition holds with the fewest other words ("N = 6 identical layers" is the layer count, not
"h = 8 parallel attention layers, or heads").
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping

from synth.models import Document, Passage, PlanAttribute
from synth.models.library import DocumentHandle
from synth.names import key, same_word
from synth.text import STOPWORDS, fold

# A symbol: a Greek letter with its subscript run in (β2, εls), one letter with a digit or a short
# subscript (N, h, dk, Pdrop, dmodel), or a code identifier (warmup_steps, weight_decay).
_SYMBOL = (r"(?:[\u0370-\u03ff\U0001d6a8-\U0001d7cb\x0f][A-Za-z0-9\u0370-\u03ff]{0,5}|"
           r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+|[A-Za-z](?:[a-z]{1,5}|\d)?|[A-Z][a-z]{2,5})")
_NUMBER = (r"(?:\d+(?:\.\d+)?\s*[×x]\s*10\s*[−\-–]\s*\d+|\d+(?:\.\d+)?e[−\-–]?\d+|10\s*[−\-–]\s*\d+(?![\d.])|"
           r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?[KMB]?)")
_SETTING = re.compile(rf"(?<![\w\u0370-\u03ff=/])(?P<symbol>{_SYMBOL})\s*=\s*(?P<number>{_NUMBER})"
                      r"(?![\w=/·]|\.\d)")
_COLON = re.compile(rf"(?<![\w\u0370-\u03ff])(?P<symbol>{_SYMBOL})\s*:\s*(?P<name>[A-Za-z][a-z\-]+(?:\s+[a-z][a-z\-]+)"
                    r"{0,3})")
# The name right before the symbol, or before "of (value)": "dropout rate Pdrop", "label smoothing of value εls";
# never across "with" ("a 4-layer transformer with dmodel = 1024" does not name dmodel).
_NAMED_BEFORE = re.compile(r"(?P<name>(?:[A-Za-z][A-Za-z\-]*\s+){1,4}?)(?:of\s+(?:value\s+)?)?$")
_LINK_WORDS = frozenset("of value to set is was are were a an the with at use uses used using we our".split())
_GENERIC = frozenset(key(w) for w in "default value values number numbers count amount setting settings".split())
_GREEK = {"\x0f": "", "ϵ": "ε", "ϑ": "θ", "ϕ": "φ"}
_SHORT_WORDS = frozenset("a an the of to in on at by is be as or and for we it its are was".split())


def normal_symbol(text: str) -> str:
    """One spelling for a symbol: mathematical italics and lunate ε read as plain Greek, the broken ε
    glyph some PDFs extract (U+000F, dropped from their text) dropped too, a subscript underscore dropped
    (`d_model` → `dmodel`)."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(_GREEK.get(ch, ch) for ch in text).strip()
    return text.replace("_", "") if re.fullmatch(r"[A-Za-z\u0370-\u03ff]_[A-Za-z0-9]+", text) else text


def plain(text: str) -> str:
    """Text with symbols spelled as `normal_symbol` spells them and whitespace runs as one space."""
    text = unicodedata.normalize("NFKC", text)
    return " ".join("".join(_GREEK.get(ch, ch) for ch in text).split())


def is_symbol(phrase: str) -> bool:
    """An attribute asked as a symbol ("β2", "d_model", "εls"), not as words."""
    return bool(re.fullmatch(r"[\u0370-\u03ff][A-Za-z0-9\u0370-\u03ff_]{0,6}|[A-Za-z]_[A-Za-z0-9]+",
                             plain(phrase)))


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z]+", fold(text).replace("-", " ").replace("_", " "))
            if w not in STOPWORDS and w not in _LINK_WORDS]


Definitions = Mapping[str, tuple[tuple[str, ...], ...]]
_CACHE: dict[tuple[str, str], Definitions] = {}
_CACHE_SIZE = 256


def _definitions(document: Document | DocumentHandle) -> Definitions:
    """Every name the document gives each symbol, as word tuples (kept per document: small, and read once).
    A build reads them from the passage index instead (synth.termindex), computed once per added document."""
    slot = (document.doc_id, document.sha256)
    if slot not in _CACHE:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        _CACHE[slot] = read_definitions(document.passages)
    return _CACHE[slot]


def read_definitions(passages: Iterable[Passage]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Every name the passages give each symbol they set, as word tuples, sorted."""
    found: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for passage in passages:
        text = plain(passage.text)
        for match in _SETTING.finditer(text):
            symbol = normal_symbol(match.group("symbol"))
            if symbol.lower() in _SHORT_WORDS:
                continue
            if "_" in match.group("symbol"):
                found[symbol].add(tuple(_words(match.group("symbol"))))  # "warmup_steps" names itself
            before = re.split(r"[,;:.()=]|\b(?:with|for|in|on|by|from|when|where|and|while)\b",
                              text[max(0, match.start() - 60):match.start()])[-1]
            named = _NAMED_BEFORE.search(before)
            if named:
                words = _words(named.group("name"))[-3:]
                if words:
                    found[symbol].add(tuple(words))
            after = text[match.end():match.end() + 80]
            phrase = re.match(r"\s+((?:[a-z][a-z\-]*\s*){1,4})(?:,?\s+or\s+([a-z][a-z\-]*))?", after)
            if phrase:
                words = _words(phrase.group(1)) + _words(phrase.group(2) or "")
                if words:
                    found[symbol].add(tuple(words))
        for match in _COLON.finditer(text):
            symbol = normal_symbol(match.group("symbol"))
            if re.match(r"[\u0370-\u03ff]", symbol):  # "α: Stepsize" (a Greek symbol: not "Table 3: Results")
                words = _words(match.group("name"))
                if words:
                    found[symbol].add(tuple(words))
    return {symbol: tuple(sorted(names)) for symbol, names in found.items()}


def _asked_words(attribute: PlanAttribute) -> list[str]:
    return [w for w in _words(attribute.name) if key(w) not in _GENERIC]


def _covers(definition: Iterable[str], asked: list[str]) -> bool:
    """Every asked word is in the definition (a compound too: "stepsize" for "step size")."""
    have = list(definition)
    joined = "".join(have)
    if all(any(same_word(key(a), key(h)) for h in have) for a in asked):
        return True
    return len(asked) > 1 and "".join(asked) in joined


def _contrasted(definition: Iterable[str], asked: list[str], contrast: frozenset[str]) -> bool:
    """A word of the definition, not asked, is a modifier that makes the count another one."""
    return any(same_word(key(w), c) for w in definition if not any(same_word(key(w), key(a)) for a in asked)
               for c in contrast)


def attribute_symbols(attribute: PlanAttribute, document: Document | DocumentHandle | Definitions,
                      contrast: frozenset[str] = frozenset()) -> frozenset[str]:
    """The symbols a document defines as the asked attribute: those whose definition holds every asked
    word with the fewest other words; the attribute itself when it is asked as a symbol, and the symbols the
    question writes for it. A definition holding
    a contrasting modifier names another count ("warmup_steps" is no answer to "how many steps"), as in prose.
    `document` may be its definitions already read (PassageIndex.symbol_definitions)."""
    if is_symbol(attribute.name):
        return frozenset({normal_symbol(attribute.name)})
    written = frozenset(normal_symbol(symbol) for symbol in attribute.symbols)  # "what clipping threshold d"
    return written | _defined_as(attribute, document, contrast)


def _defined_as(attribute: PlanAttribute, document: Document | DocumentHandle | Definitions,
                contrast: frozenset[str]) -> frozenset[str]:
    """The symbols whose definitions in the document hold every asked word with the fewest other words."""
    asked = _asked_words(attribute)
    if not asked:
        return frozenset()
    best: dict[str, int] = {}
    definitions = document if isinstance(document, Mapping) else _definitions(document)
    for symbol, names in definitions.items():
        extras = [len([w for w in name if not any(same_word(key(w), key(a)) for a in asked)])
                  for name in names if _covers(name, asked) and not _contrasted(name, asked, contrast)]
        if extras:
            best[symbol] = min(extras)
    if not best:
        return frozenset()
    fewest = min(best.values())
    return frozenset(s for s, n in best.items() if n == fewest)


# An indexed symbol asked ("β2") and its values set together under the bare symbol: "β = 0.9, 0.95", "β (0.9, 0.95)"
_INDEXED = re.compile(r"^(?P<base>[\u0370-\u03ff])(?P<index>[1-3])$")
_TUPLE = re.compile(rf"(?<![\w\u0370-\u03ff=/])(?P<symbol>[\u0370-\u03ff\U0001d6a8-\U0001d7cb])\s*(?:=\s*\(?|\()"
                    rf"(?P<values>{_NUMBER}(?:\s*,\s*{_NUMBER}){{1,2}})\s*\)?(?![\w,]|\.\d|\s*,\s*\d)")


def _indexed_values(text: str, symbols: frozenset[str]) -> list[tuple[str, float, str, int]]:
    """"β = 0.9, 0.95" sets β1 and β2 in one: the value at the asked symbol's index (β2 → 0.95), where the values
    number two or three (Adam's betas), never a longer list (a sweep)."""
    wanted = {(m.group("base"), int(m.group("index"))) for s in symbols if (m := _INDEXED.match(s))}
    out = []
    for match in _TUPLE.finditer(text):
        base = normal_symbol(match.group("symbol"))
        values = [v for v in re.finditer(_NUMBER, match.group("values"))]
        for symbol, index in wanted:
            if symbol != base or index > len(values):
                continue
            found = values[index - 1]
            parsed = _number(found.group(0))
            if parsed is not None:
                out.append((found.group(0), parsed[0], parsed[1], match.start("values") + found.start()))
    return out


def symbol_values(text: str, symbols: frozenset[str]) -> list[tuple[str, float, str, int]]:
    """(value as written, number, unit, offset) of every "symbol = value" of a sentence whose symbol is
    one of `symbols`; a chain ("dk = dv = 64") or an expression ("α · t") is no setting. An indexed symbol is also
    read from the values its bare symbol sets together ("β = 0.9, 0.95" gives β2 = 0.95)."""
    if not symbols:
        return []
    out = _indexed_values(text, symbols) + _split_values(text, symbols)
    for match in _SETTING.finditer(text):
        if normal_symbol(match.group("symbol")) not in symbols:
            continue
        if re.search(r"=\s*$", text[max(0, match.start() - 4):match.start()]):
            continue
        symbol = match.group("symbol")
        split = re.search(r"(?<![\w])([a-z]{1,3})\s+$", text[max(0, match.start() - 5):match.start()])
        if len(symbol) == 1 and split and split.group(1).endswith(symbol):
            continue  # "df f = 3072": d_ff's subscript split off by the PDF, not the symbol f
        number = match.group("number")
        parsed = _number(number)
        if parsed is None:
            continue
        value, unit = parsed
        out.append((" ".join(number.split()), value, unit, match.start("number")))
    return out


def _split_values(text: str, symbols: frozenset[str]) -> list[tuple[str, float, str, int]]:
    """"df f = 3072" sets d_ff: a subscript the PDF's text layer split off the letter by a space is the asked symbol
    whole (letters only, two at least, so that a lone letter is never joined to the word before it)."""
    out = []
    for symbol in symbols:
        if not re.fullmatch(r"[A-Za-z]{2,8}", symbol):
            continue
        spelled = r"\s?".join(re.escape(letter) for letter in symbol)
        for match in re.finditer(rf"(?<![\w\u0370-\u03ff=/])(?P<symbol>{spelled})\s*=\s*(?P<number>{_NUMBER})"
                                 r"(?![\w=/·]|\.\d)", text):
            parsed = _number(match.group("number"))
            if " " in match.group("symbol") and parsed is not None:
                out.append((" ".join(match.group("number").split()), parsed[0], parsed[1], match.start("number")))
    return out


def _number(raw: str) -> tuple[float, str] | None:
    raw = raw.replace("−", "-").replace("–", "-")
    scientific = re.fullmatch(r"(\d+(?:\.\d+)?)\s*[×x]\s*10\s*-\s*(\d+)", raw)
    if scientific:
        return float(scientific.group(1)) * 10 ** -int(scientific.group(2)), ""
    power = re.fullmatch(r"10\s*-\s*(\d+)", raw)
    if power:
        return 10.0 ** -int(power.group(1)), ""
    exponent = re.fullmatch(r"(\d+(?:\.\d+)?)e(-?\d+)", raw)
    if exponent:
        return float(exponent.group(1)) * 10 ** int(exponent.group(2)), ""
    suffix = re.fullmatch(r"(\d+(?:\.\d+)?)([KMB])", raw)
    if suffix:
        return float(suffix.group(1)), suffix.group(2)
    try:
        return float(raw.replace(",", "")), ""
    except ValueError:
        return None


def label_symbol(label: str) -> str:
    """A table label read as a symbol ("Pdrop", "\\x0fls", "h")."""
    return normal_symbol(label.strip())
