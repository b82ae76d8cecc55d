"""The question in the library's spelling, before it is read.

Researchers type names in lower case ("mistral 7b", "deepseek-v2"), clip words ("ctx length", "LR",
"LCB") and hyphenate freely ("GPU-hours"). Every later step of the plan tells names from words by
their shape and matches asked phrases against the library's labels, so the question is first
re-spelt with the library's own vocabulary:

- a lower-case run of words that the library's tables or titles spell as a name ("Mistral 7B",
  "DeepSeek-V2", "BERT") takes the library's case (only names shaped as names: with a digit, an inner
  capital, or all in capitals, so "base" or "large" stay words);
- an abbreviation whose letters are the initials of one of the library's labels ("LR" for "learning
  rate", "LCB" for "LiveCodeBench") is expanded unless the library uses it as it is or defines it as
  something else ("RL", "KV" stay), and a clipped word without vowels ("ctx") becomes the one label
  word it abbreviates ("context"), when exactly one reading exists;
- an all-capitals word hyphenated to a common noun ("GPU-hours") is read as two words.

Nothing here lists a model, a benchmark or a wording: every reading comes from the library, and
each one is reported in the plan's notes.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from synth.text import STOPWORDS, fold
from synth.vocabulary import Vocabulary

_WORD = re.compile(r"[A-Za-z0-9][\w.\-]*[A-Za-z0-9]|[A-Za-z0-9]")
_VOWELS = frozenset("aeiouy")
# "GPU-hours" is two words the labels write apart ("GPU hours"); a name the library spells with its hyphen ("SWE-bench")
# stays as it is (respell).
_HYPHENED = re.compile(r"\b([A-Z]{2,})-([a-z]{3,})\b")
_MAX_WORDS = 3
_UNDERSCORED = re.compile(r"(?<![\w\-])([A-Za-z][A-Za-z0-9]*)_([A-Za-z0-9]+)(?![\w\-])")
# "beta2", "beta_2", "epsilon": papers write their settings as symbols ("β2 = 0.98"), so a question spelling one
# out asks for the symbol (read where its paper sets it); lower case only, so a name ("AlphaCode") stays.
_GREEK_LETTERS = {"alpha": "α", "beta": "β", "gamma": "γ", "epsilon": "ε", "lambda": "λ"}
_GREEK_NAME = re.compile(r"(?<![\w\-])(alpha|beta|gamma|epsilon|lambda)(?:_?(\d))?(?![\w\-])")
# "how much does accuracy drop": a plain word where the question's verb stands is that verb, not the DROP benchmark.
_VERB_SLOT = re.compile(r"\b(?:do|does|did|will|would|can|could|may|might|should|to)\s+(?:[a-z][\w-]*\s+)?$")
# "how many … do its bag-of-words feature vectors include?": a plain word ending a clause opened by "do" is its verb,
# not the INCLUDE benchmark
_CLAUSE_OPENED = re.compile(r"\b(?:do|does|did)\s[^,;?]*(?<!\bon)(?<!\bin)(?<!\bat)(?<!\bfor)(?<!\bof)(?<!\bwith)"
                            r"(?<!\bfrom)(?<!\bto)(?<!\bby)\s+$")  # "score on drop?": DROP, the object of "on"
_CLAUSE_END = re.compile(r"\s*(?:[?,;]|$)")
# "what is the share of math in its data": a plain word a share is taken of is a kind of data, not the MATH benchmark
_SHARE_OF = re.compile(r"\b(?:share|fraction|proportion|percentage|portion)s?\s+of\s+(?:the\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Respelling:
    """One change made to the question's text: what was written, how it is read, and why."""

    said: str
    read: str
    why: str

    def note(self) -> str:
        return f'"{self.said}" read as "{self.read}" ({self.why})'


def _name_shaped(spelling: str) -> bool:
    """A name by its letters: a digit, a capital inside a word ("DeepSeek", "nGPT"), or capitals only
    ("BERT"); a label in title case ("Active Params", "Pre-Training") is words, not a name."""
    letters = [c for c in spelling if c.isalpha()]
    if len(letters) < 2:
        return False
    return any(c.isdigit() for c in spelling) or bool(re.search(r"[a-z][A-Z]", spelling)) \
        or all(c.isupper() for c in letters)


@lru_cache(maxsize=4)
@lru_cache(maxsize=4)
def library_names(vocab: Vocabulary) -> dict[str, str]:
    """Folded spelling → the library's most used spelling, for every name-shaped label and title name."""
    counts: Counter[str] = Counter()
    for labels in (vocab.entity_labels, vocab.attribute_labels):
        for label, count in labels.items():
            label = " ".join(label.split())
            if _name_shaped(label) and len(label.split()) <= _MAX_WORDS:
                counts[label] += count
            for word in label.split()[1:] if len(label.split()) > 1 else ():
                # "EN-DE" under a spanning "BLEU" ("BLEU EN-DE"): a hyphenated or numbered name inside a label
                if re.fullmatch(r"[A-Z][\w]*[\-\d][\w\-]*", word) and _name_shaped(word):
                    counts[word] += count
    for names in vocab.about.values():
        for name in names:
            if _name_shaped(name):
                counts[name] += 1
    best: dict[str, str] = {}
    for spelling, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        best.setdefault(fold(spelling), spelling)
    return best


@lru_cache(maxsize=4)
def _hyphened_labels(vocab: Vocabulary) -> frozenset[str]:
    """The abbreviation-hyphen-noun words the library's labels print as one word ("SWE-bench Verified")."""
    return frozenset(fold(m.group(0)) for labels in (vocab.entity_labels, vocab.attribute_labels)
                     for label in labels for m in re.finditer(r"\b[A-Z]{2,}-[A-Za-z]{3,}\b", label))


@lru_cache(maxsize=4)
def _label_words(vocab: Vocabulary) -> tuple[frozenset[str], dict[str, set[str]]]:
    """The words of the library's attribute labels, and for each initials string the phrases it abbreviates
    (word initials of a lower-case label, capitals of a camel-case one)."""
    words: set[str] = set()
    initials: dict[str, set[str]] = {}
    for label in vocab.attribute_labels:
        plain = re.sub(r"\([^)]*\)|[#_]", " ", label)
        parts = re.findall(r"[A-Za-z]+", plain)
        words.update(fold(p) for p in parts)
        if len(parts) >= 2 and all(p.islower() or p.istitle() for p in parts):
            initials.setdefault("".join(p[0] for p in parts).lower(), set()).add(" ".join(p.lower() for p in parts))
        elif len(parts) == 1 and sum(c.isupper() for c in parts[0]) >= 2 and not parts[0].isupper():
            initials.setdefault("".join(c for c in parts[0] if c.isupper()).lower(), set()).add(parts[0])
    return frozenset(words), initials


def _known(word: str, vocab: Vocabulary) -> bool:
    """A word the library's labels or names already use as it is."""
    words, _ = _label_words(vocab)
    return fold(word) in words or fold(word) in library_names(vocab)


def _short_label(word: str, vocab: Vocabulary) -> bool:
    """An all-capitals attribute label the library also prints written out ("LR" in one table, "learning rate" in
    others): two spellings of one measure, so the question's abbreviation is read as the words, whose cells include
    the short label's. Read as it is, it would ask only the tables that print it short."""
    if not (word.isupper() and word.isalpha()) or vocab.role(word) != "attribute":
        return False
    found = _label_words(vocab)[1].get(word.lower(), set())
    return len(found) == 1 and " " in next(iter(found))


def _abbreviation(word: str, vocab: Vocabulary) -> tuple[str, str] | None:
    """(expansion, why) for an abbreviation of the library's vocabulary, or None."""
    short = _short_label(word, vocab)
    if (_known(word, vocab) and not short) or fold(word) in STOPWORDS or len(word) > 5:
        return None
    if word.isupper() and word.isalpha() and len(word) >= 2:
        if word in vocab.acronyms or (vocab.role(word) is not None and not short):
            return None  # the library uses it as it is, or defines it as something else than a label
        _, initials = _label_words(vocab)
        found = initials.get(word.lower(), set())
        if len(found) == 1:
            phrase = next(iter(found))
            return phrase, f"the initials of the library's label \"{phrase}\""
        return None
    lowered = word.lower()
    if word.isalpha() and word.islower() and len(word) >= 3 and not (set(lowered) & _VOWELS):
        words, _ = _label_words(vocab)
        found = {w for w in words if len(w) > len(lowered) + 1 and w[0] == lowered[0] and _subsequence(lowered, w)}
        if len(found) == 1:
            full = next(iter(found))
            return full, f"a shortening of the library's label word \"{full}\""
    return None


def _subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(c in letters for c in short)


def respell(text: str, vocab: Vocabulary) -> tuple[str, tuple[Respelling, ...]]:
    """The question spelt as the library spells its names and labels, and every change made."""
    changes: list[Respelling] = []
    names = library_names(vocab)
    kept = _hyphened_labels(vocab)
    text = _HYPHENED.sub(lambda m: m.group(0) if fold(m.group(0)) in kept else _split(m, changes), text)
    text = _GREEK_NAME.sub(lambda m: _greek(m, changes), text)
    text = _UNDERSCORED.sub(lambda m: _subscript(m, vocab, changes), text)
    spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    out: list[str] = []
    at = 0
    i = 0
    while i < len(spans):
        replaced = False
        for width in range(min(_MAX_WORDS, len(spans) - i), 0, -1):
            start, end = spans[i][0], spans[i + width - 1][1]
            written = text[start:end]
            if width > 1 and not re.fullmatch(r"[^\s]+(?: [^\s]+)*", written):
                continue
            spelling = names.get(fold(written))
            if spelling and written.islower() and spelling != written and fold(written) not in STOPWORDS \
                    and not (width == 1 and written.isalpha() and (_VERB_SLOT.search(text[:start]) or (
                        _CLAUSE_OPENED.search(text[:start]) and _CLAUSE_END.match(text, end))
                        or _SHARE_OF.search(text[:start]))):
                out.append(text[at:start] + spelling)
                changes.append(Respelling(written, spelling, "the library's spelling of the name"))
                at, i, replaced = end, i + width, True
                break
        if replaced:
            continue
        start, end = spans[i]
        expanded = _abbreviation(text[start:end], vocab)
        if expanded:
            out.append(text[at:start] + expanded[0])
            changes.append(Respelling(text[start:end], expanded[0], expanded[1]))
            at = end
        i += 1
    out.append(text[at:])
    return "".join(out), tuple(changes)


def _subscript(match: re.Match[str], vocab: Vocabulary, changes: list[Respelling]) -> str:
    """"FFN_ReLU": a subscript written with an underscore, which the PDF prints run together ("FFNReLU")."""
    joined = match.group(1) + match.group(2)
    if vocab.role(joined) != "entity":
        return match.group(0)
    changes.append(Respelling(match.group(0), joined, "a subscript written with an underscore"))
    return joined


def _greek(match: re.Match[str], changes: list[Respelling]) -> str:
    read = _GREEK_LETTERS[match.group(1)] + (match.group(2) or "")
    changes.append(Respelling(match.group(0), read, "a Greek letter spelt out"))
    return read


def _split(match: re.Match[str], changes: list[Respelling]) -> str:
    read = f"{match.group(1)} {match.group(2)}"
    changes.append(Respelling(match.group(0), read, "a hyphen between an abbreviation and a noun"))
    return read
