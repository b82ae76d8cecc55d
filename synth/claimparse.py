"""What a sentence asserts, in the parts verification compares: quantities, named entities,
polarity, comparatives and content words.

Numbers inside names (`Qwen2.5-72B`, `GPT-4o`) are part of the entity, not quantities; citation
parentheses such as `(Yang et al., 2024b)` are ignored so their years never count as figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from synth.text import STOPWORDS, fold, tokens

_CITATION = re.compile(r"\((?:[^()]*\bet al\.?[^()]*|[A-Z][A-Za-z\- ]+,? \d{4}[a-z]?(?:[;,][^()]*)?)\)")
_NUMBER = re.compile(
    r"(?<![\w.\-/])(\d{1,3}(?:,\d{3})+(?![\d])|\d+(?:\.\d+)?)"
    r"(?:\s*(%|(?i:percent|per cent))|\s*((?i:trillion|billion|million|thousand))\b|\s?([KMBT])(?![A-Za-z0-9]|-[A-Za-z]))?"
)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "dozen": 12, "hundred": 100,
    "twice": 2, "double": 2, "half": 0.5, "thrice": 3,
}
_WORD_NUMBER = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)
_SCALE = {"trillion": 1e12, "billion": 1e9, "million": 1e6, "thousand": 1e3,
          "t": 1e12, "b": 1e9, "m": 1e6, "k": 1e3}
_NEGATION = re.compile(
    r"\b(not|no|never|none|neither|nor|cannot|without|lacks?|fails? to|unable)\b|n't\b", re.IGNORECASE
)
_COMPARATIVE = re.compile(
    r"\b(outperform\w*|surpass\w*|beat\w*|exceed\w*|better than|worse than|higher than|lower than|"
    r"more than|less than|fewer than|larger than|smaller than|trail\w*|behind|underperform\w*)\b",
    re.IGNORECASE,
)
_LOWER_DIRECTION = re.compile(r"\b(worse|lower|less|fewer|smaller|trail\w*|behind|underperform\w*)\b", re.I)
_TOKEN = re.compile(r"(?<![\w.\-])[A-Za-z0-9]+(?:[-.@][A-Za-z0-9]+)*")
_PURE_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SIZE_TOKEN = re.compile(r"\d+(?:\.\d+)?[KMBT]")
_CAPITALISED = re.compile(r"[A-Z][a-z]+")
_SENTENCE_START_WORDS = frozenset(
    """the a an in on at we our this these those it its as for from to of by with and or but
    table figure section appendix however moreover additionally specifically notably overall
    both each all compared when while although since after before during""".split()
)


@dataclass(frozen=True)
class Quantity:
    """A figure as stated: `18 trillion` has value 1.8e13, unit 'scale' and raw text kept."""

    value: float
    unit: str
    raw: str
    start: int
    end: int
    decimals: int

    def agrees(self, other: Quantity) -> bool:
        if not self.compatible(other):
            return False
        return abs(self.value - other.value) <= 1e-9 * max(1.0, abs(self.value))

    def compatible(self, other: Quantity) -> bool:
        """Whether the two figures measure the same kind of thing and could be compared."""
        plainish = {"plain", "%"}
        if self.unit in plainish and other.unit in plainish:
            return True
        return self.unit == other.unit


@dataclass(frozen=True)
class Assertion:
    text: str
    quantities: tuple[Quantity, ...]
    entities: tuple[str, ...]
    negated: bool
    comparative: str | None
    lower_direction: bool
    words: frozenset[str]


def _mask_citations(text: str) -> str:
    return _CITATION.sub(lambda m: " " * len(m.group(0)), text)


def quantities(text: str) -> tuple[Quantity, ...]:
    """Figures stated in a text, excluding digits that belong to names (`Qwen2.5-72B`)."""
    masked = _mask_citations(text)
    taken = [span for _, span in _name_spans(masked)]
    found: list[Quantity] = []
    for match in _NUMBER.finditer(masked):
        if any(s <= match.start() < e for s, e in taken):
            continue
        number, percent, scale_word, suffix = match.groups()
        value = float(number.replace(",", ""))
        decimals = len(number.split(".")[1]) if "." in number else 0
        unit = "plain"
        if percent:
            unit = "%"
        elif scale_word or suffix:
            value *= _SCALE[(scale_word or suffix).lower()]
            unit = "scale"
        found.append(Quantity(value, unit, match.group(0).strip(), match.start(), match.end(), decimals))
    for match in _WORD_NUMBER.finditer(masked):
        word = match.group(1).lower()
        found.append(Quantity(float(_NUMBER_WORDS[word]), "plain", match.group(0), match.start(), match.end(), 0))
    return tuple(sorted(found, key=lambda q: q.start))


def entities(text: str) -> tuple[str, ...]:
    """Names a claim is about: tokens with digits and letters, acronyms, CamelCase, and
    capitalised words that do not merely start the sentence; adjacent capitalised words are
    kept together ("Alibaba Cloud Model Studio", "Mistral Large 2")."""
    unique: list[str] = []
    seen: set[str] = set()
    for name, _ in _name_spans(_mask_citations(text)):
        if fold(name) not in seen:
            seen.add(fold(name))
            unique.append(name)
    return tuple(unique)


def _is_name(word: str, at_start: bool) -> bool:
    if _PURE_NUMBER.fullmatch(word) or _SIZE_TOKEN.fullmatch(word):
        return False
    has_digit = any(ch.isdigit() for ch in word)
    has_alpha = any(ch.isalpha() for ch in word)
    upper_count = sum(ch.isupper() for ch in word)
    common = fold(word) in _SENTENCE_START_WORDS or fold(word) in STOPWORDS
    if has_digit and has_alpha:
        return True
    if upper_count >= 2:
        return True
    if not word[:1].isupper() or common:
        return False
    return not at_start or (len(word) > 3 and _looks_proper(word))


def _name_spans(masked: str) -> list[tuple[str, tuple[int, int]]]:
    groups: list[tuple[list[str], int, int]] = []
    previous_end = -1
    for match in _TOKEN.finditer(masked):
        word = match.group(0)
        before = masked[: match.start()].rstrip()
        at_start = not before or before.endswith((".", ":", ";", "!", "?", "\u2022", "*"))
        adjacent = previous_end >= 0 and masked[previous_end:match.start()] == " "
        if _is_name(word, at_start):
            if groups and adjacent:
                groups[-1][0].append(word)
                groups[-1] = (groups[-1][0], groups[-1][1], match.end())
            else:
                groups.append(([word], match.start(), match.end()))
            previous_end = match.end()
        elif (
            adjacent and groups and _PURE_NUMBER.fullmatch(word) and "," not in word
            and _CAPITALISED.fullmatch(groups[-1][0][-1])
        ):
            groups[-1][0].append(word)
            groups[-1] = (groups[-1][0], groups[-1][1], match.end())
            previous_end = match.end()
        else:
            previous_end = -1
    return [(" ".join(words), (start, end)) for words, start, end in groups]


def _looks_proper(word: str) -> bool:
    """A sentence-initial capitalised word counts as a name only when it is not a common word."""
    return fold(word) in _KNOWN_PROPER or not word[1:].islower()


_KNOWN_PROPER = frozenset({"qwen", "llama", "mistral", "mixtral", "gemma", "claude", "deepseek", "alibaba",
                           "gpt", "phi", "falcon", "bert", "transformer", "kimi", "janus", "whisper"})


def stem(word: str) -> str:
    """A light suffix stripper: enough for `scores`/`scored`/`scoring` to meet."""
    for suffix in ("ational", "ations", "ation", "ments", "ment", "ness", "ings", "ing", "ies", "ied",
                   "ed", "es", "ly", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> frozenset[str]:
    masked = _mask_citations(text)
    return frozenset(
        stem(t) for t in tokens(masked)
        if t not in STOPWORDS and len(t) > 1 and not t.replace(".", "").replace(",", "").isdigit()
        and not _NEGATION.fullmatch(t)
    )


@lru_cache(maxsize=65536)
def parse(text: str) -> Assertion:
    comparative = _COMPARATIVE.search(text)
    return Assertion(
        text=text,
        quantities=quantities(text),
        entities=entities(text),
        negated=bool(_NEGATION.search(_mask_citations(text))),
        comparative=comparative.group(0).lower() if comparative else None,
        lower_direction=bool(comparative and _LOWER_DIRECTION.match(comparative.group(0))),
        words=content_words(text),
    )


# `Qwen2.5-Coder`, `Qwen2.5-Turbo`, `GPT-4o-mini` are other models than `Qwen2.5` / `GPT-4o`;
# a size (`-72B`) or a variant (`-Instruct`) still names the same family.
_OTHER_MODEL = r"-(?!instruct\b|base\b|chat\b|it\b)[a-z]{2,}\b"
_NAME_PART = re.compile(r"[a-z]+|\d+(?:\.\d+)*")


@lru_cache(maxsize=65536)
def name_pattern(name: str) -> re.Pattern[str]:
    """Matches a name in folded text whatever its separators: `Qwen2.5-72B` ~ `qwen 2.5 72b`,
    but `GPT-4` never inside `GPT-4o` and `Qwen2.5-1.5B` never as `Qwen2.5-15B`."""
    parts = _NAME_PART.findall(fold(name))
    if not parts:
        return re.compile(r"(?!x)x")
    pattern = re.escape(parts[0])
    for previous, part in zip(parts, parts[1:], strict=False):
        both_numeric = previous[0].isdigit() and part[0].isdigit()
        pattern += (r"[\s\-_]+" if both_numeric else r"[\s\-_.]*") + re.escape(part)
    return re.compile(r"(?<![a-z0-9])" + pattern + r"(?![a-z0-9]|\.\d|" + _OTHER_MODEL + ")")


def mentions(folded_text: str, name: str) -> bool:
    return bool(name_pattern(name).search(folded_text))
