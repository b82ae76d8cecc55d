"""Names a source is about and acronyms it defines, read from its title and opening pages.

Kept per document in the index (synth.termindex), so these run once per document, not per build.
"""

from __future__ import annotations

import re
from functools import lru_cache

from synth.claimparse import name_spans
from synth.models import Document, PassageKind, Source
from synth.names import canonical
from synth.text import STOPWORDS, fold

_SIZE_AFTER = re.compile(r"^[\s\-]*((?:\d+\s*[x×]\s*)?\d+(?:\.\d+)?\s*[BMK](?:[-_]?A\d+(?:\.\d+)?B)?)(?![A-Za-z0-9])")
_INTRODUCE = re.compile(
    r"\b(?:introduce|introducing|present|presenting|propose|proposing|release|releasing|call|called|named|dubbed|"
    r"term|termed|develop)s?\b|\bour\s+(?:\w+\s+){0,2}(?:model|method|system|approach|architecture|network)s?,",
    re.IGNORECASE,
)
_OPENING_PAGES = 2
_INTRO_GLUE = frozenset({"the", "a", "an", "our", "called", "named", "dubbed", "termed", "introduce", "present",
                         "propose", "release", "model", "models", "architecture", "method", "family", "series",
                         "approach", "system", "framework", "technique", "algorithm", "network", "agent"})
_INTRO_REACH = 90
_DEFINITION = re.compile(r"\(([A-Z][A-Za-z0-9]{1,7})s?\)")
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z0-9])")
_OWN_VOICE = re.compile(r"\b(?:we|our|us|this\s+(?:paper|work|report|study|article))\b", re.IGNORECASE)
_APPOSITION = re.compile(r"\s*(?:\(|,\s*(?:or\s+)?|or\s+)\s*")
_ADJECTIVE = re.compile(r"-(?:based|like|style|sized|level|only|free|scale|wise|aware)$", re.IGNORECASE)


def attach_sizes(text: str, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Names with the size written after them: `Mistral 7B`, `DeepSeekMoE 16B`, `Llama 3.1 405B`."""
    out = []
    for name, start, end in spans:
        found = _SIZE_AFTER.match(text[end:])
        if found and not re.search(r"\d+(?:\.\d+)?\s*[BMK]\b", name):
            end += found.end()
            name = text[start:end]
        out.append((name, start, end))
    return out


@lru_cache(maxsize=65536)
def names_in(text: str) -> tuple[tuple[str, int, int], ...]:
    """Every name of a text with its offsets, sizes attached."""
    return tuple(attach_sizes(text, list(name_spans(text))))


def _expansion(words: list[str], acronym: str) -> str | None:
    """The words before "(ACR)" whose initials spell the acronym ("Group Relative Policy Optimization")."""
    letters = [c for c in acronym if c.isupper()]
    for start in range(len(words) - 1, -1, -1):
        chosen = [w for w in words[start:] if w.lower() not in STOPWORDS]
        initials = [p[0].upper() for w in chosen for p in w.split("-") if p]
        if initials == letters:
            return " ".join(words[start:])
    return None


def _proper(word: str, document: Document | None, strict: bool = False) -> bool:
    """A word is a name when the source never writes it in lower case; a coined spelling (`DeepSeek-V3`,
    `nGPT`, `p-RoPE`) is one as it stands, an adjective (`Mamba-based`) never. `strict`, for the words of a
    title without a head: it must also be written capitalised inside sentences, not only at their start or
    in title-cased headings ("Large-Scale Weak Supervision", "An Empirical Study")."""
    if _ADJECTIVE.search(word) or fold(word) in STOPWORDS:
        return False
    if re.fullmatch(r"[a-z]{1,2}-?[A-Z][A-Za-z]*[A-Z][\w-]*", word):
        return True
    if not word[:1].isupper():
        return False
    titled = re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)*", word) is not None
    if not titled and (any(c.isdigit() for c in word) or sum(c.isupper() for c in word) >= 2):
        return True
    if document is None:
        return False
    lower = len(re.findall(rf"(?<=\s){re.escape(word.lower())}(?=[\s,;:!?]|\.\s)", document.text))
    upper = len(re.findall(rf"(?<![\w-]){re.escape(word)}(?![\w-])", document.text))
    if upper < 3 or lower * 10 > upper:
        return False
    return not strict or len(re.findall(rf"(?<![\w-])[a-z]+,?\s+{re.escape(word)}(?![\w-])", document.text)) >= 2


def _title_names(title: str, document: Document | None) -> list[str]:
    """The name a title is about: its part before a colon when that is a name (`DeepSeekMoE: Towards …`),
    else its leading name-like words (`DeepSeek-V3 Technical Report` → `DeepSeek-V3`, `Mistral 7B`). A
    title in capitals or cut short ("TRANSFORMER WITH REPRE -", read from a PDF's first lines) names
    nothing reliably."""
    if title.rstrip().endswith("-") or sum(w.isupper() for w in title.split()) >= 2:
        return []
    head, _, _ = title.partition(":")
    if head != title and 0 < len(head.split()) <= 4 and any(_proper(w, document) for w in head.split()):
        return [head.strip()]
    out = []
    for name, _, _ in names_in(title):
        words: list[str] = []
        for word in name.split():
            if _proper(word, document, strict=True) or (words and re.fullmatch(r"[\d.]+[BMK]?", word)):
                words.append(word)
            else:
                break
        if words:
            out.append(" ".join(words))
    return out


def defined_acronyms(text: str) -> list[tuple[str, str]]:
    """The acronyms a text defines with their expansion, each once, in the order it first defines them
    ("Group Relative Policy Optimization (GRPO)"); kept per document by synth.termindex."""
    found: dict[str, str] = {}
    for match in _DEFINITION.finditer(text):
        acronym = match.group(1)
        words = re.findall(r"[A-Za-z][\w-]*", text[max(0, match.start() - 80):match.start()])[-6:]
        expansion = _expansion(words, acronym)
        if expansion:
            found.setdefault(acronym, expansion)
    return list(found.items())


def _own_voice(text: str, end: int) -> bool:
    """Whether the sentence up to an introducing verb speaks for the paper ("we propose", "this paper
    introduces", "Our largest model,"), not for earlier work ("Ba et al. propose", "[4] proposes")."""
    opening = max((m.end() for m in _SENTENCE_END.finditer(text, 0, end)), default=0)
    return bool(_OWN_VOICE.search(text[opening:end]))


def _abbreviates(short: str, name: str) -> bool:
    """Whether a name in parentheses after another is its acronym ("Mixture-of-Experts (MoE)"), the same
    thing under a shorter name, not a new one ("the normalized Transformer (nGPT)")."""
    capitals = [c for c in short if c.isupper()]
    return len(capitals) >= 2 and capitals == [p[0] for p in re.split(r"[\s-]+", name) if p[:1].isupper()]


def _bare_name(name: str, document: Document) -> str:
    """A name without a footnote mark glued to it ("We call our approach Whisper2"): the source writes
    the name often without the digit and almost never with it."""
    found = re.fullmatch(r"(.*[a-z])\d", name)
    if found is None:
        return name
    bare, text = found.group(1), document.text
    glued = len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w.-])", text))
    alone = len(re.findall(rf"(?<![\w-]){re.escape(bare)}(?![\w.-])", text))
    return bare if glued <= 2 and alone >= 5 * glued else name


def _introduced(text: str, document: Document) -> list[str]:
    """The names a passage says the paper itself introduces: the name after an introducing verb in the
    same sentence, or the name set beside it when the first is a variant ("the normalized Transformer
    (nGPT)")."""
    found: list[str] = []
    spans = names_in(text)
    for verb in _INTRODUCE.finditer(text):
        if not _own_voice(text, verb.end()):
            continue
        ending = _SENTENCE_END.search(text, verb.end())
        stop = min(verb.end() + _INTRO_REACH, ending.start() if ending else len(text))
        after = [n for n in spans if verb.end() <= n[1] <= stop]
        for index, (name, start, _) in enumerate(after[:2]):
            if index and (not _APPOSITION.fullmatch(text[after[0][2]:start]) or _abbreviates(name, after[0][0])):
                break
            before = re.search(r"([A-Za-z][\w-]*)\s*$", text[verb.end():start])
            if before and before.group(1).islower() and before.group(1) not in _INTRO_GLUE:
                continue  # "the normalized Transformer" introduces a variant, not the Transformer
            if _proper(name.split()[0], document) and any(len(w) > 1 for w in name.split()):
                found.append(_bare_name(name, document))
            break
    return found


def _title_acronyms(title: str, opening: str) -> list[str]:
    """Acronyms the opening pages define for words of the title: for all of the title or its head
    ("evolution through large models (ELM)"), or, for a coined acronym in mixed case, for a part of it
    ("Rotary Positional Encodings (RoPE)" under "What makes rotary positional encodings useful?"); of
    definitions nested in one another ("Positional Encodings (PEs)"), the longest."""
    folded = _words(title)
    whole = {folded, _words(title.partition(":")[0])}
    hits: dict[str, str] = {}
    for match in _DEFINITION.finditer(opening):
        acronym = match.group(1)
        before = _words(opening[max(0, match.start() - 80):match.start()]).split()
        spelled = next((" ".join(before[i:]) for i in range(len(before) - 1) if before[i] not in STOPWORDS
                        and re.search(rf"(?:^| ){re.escape(' '.join(before[i:]))}s?(?: |$)", folded)), "")
        coined = any(c.islower() for c in acronym.removesuffix("s"))
        if spelled and (coined or spelled in whole or spelled + "s" in whole):
            hits.setdefault(acronym, spelled)
    return [a for a, spelled in hits.items() if not any(spelled != other and spelled in other
                                                         for other in hits.values())]


def _words(text: str) -> str:
    """A text's folded letter and digit runs, one space apart."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


def _introduces_title(title: str, opening: list[str]) -> bool:
    """Whether the opening pages say, in the paper's voice, that it introduces what its title names."""
    wanted = fold(title.strip())
    for text in opening:
        for verb in _INTRODUCE.finditer(text):
            if _own_voice(text, verb.end()) and fold(text[verb.end():]).lstrip().startswith(wanted):
                return True
    return False


def about_names(source: Source) -> tuple[str, ...]:
    """Names a source is about: from its title, what its opening pages introduce, an acronym its title
    spells out, and, when it names nothing else, the title itself when the paper says it introduces that
    ("This paper introduces layer normalization") (kept per document and title by synth.termindex)."""
    document = source.document
    titled = _title_names(source.title, document)
    names = list(titled)
    if document is not None:
        opening = [" ".join(p.text.split()) for p in document.passages
                   if p.kind is PassageKind.TEXT and (p.page or 1) <= _OPENING_PAGES]
        for text in opening:
            names.extend(_introduced(text, document))
        if not titled:
            names.extend(_title_acronyms(source.title, " ".join(opening)))
        if not names and _introduces_title(source.title, opening):
            names.append(source.title.strip())
    unique: dict[str, str] = {}
    for name in names:
        unique.setdefault(canonical(name), name)
    return tuple(unique.values())
