"""Words as verification compares them: content tokens with offsets, folded, lightly stemmed and
with a few general synonyms merged (use/employ), rise/fall and outperform/trail words reduced to
one token each (their direction is checked separately), and close morphological variants
counted as the same word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from synth import claimparse
from synth.text import STOPWORDS, fold

WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-+']*[A-Za-z0-9+]|[A-Za-z0-9]")


_NUMERIC = re.compile(r"[\d.,%+\-]+[kmbt]?")


_DENIALS = frozenset({"never", "none", "neither", "cannot", "without"})


_SCALE_WORDS = frozenset({"trillion", "billion", "million", "thousand", "percent", "hundred"})


_EXTRA_STOPWORDS = frozenset({"can", "also", "than", "which", "who", "whose", "there", "here", "thus", "however",
                              "therefore", "i.e", "e.g", "etc", "et", "al", "around", "approximately", "about",
                              "roughly", "nearly", "almost", "up"})


# General-English equivalences (not tied to any data set): verbs a paraphrase swaps freely.
_SYNONYMS = {
    "utiliz": "us", "utilis": "us", "employ": "us", "leverag": "us", "adopt": "us", "use": "us",
    "demonstrat": "show", "exhibit": "show", "reveal": "show", "display": "show",
    "includ": "contain", "compris": "contain", "consist": "contain",
    "attain": "achiev", "obtain": "achiev", "reach": "achiev",
    "big": "larg", "large": "larg", "larger": "larg", "bigger": "larg",
    "small": "small", "smaller": "small",
}


BARE_SIZE = re.compile(r"^\d+(?:\.\d+)?[BM]$", re.IGNORECASE)


HAS_DIGIT = re.compile(r"\d")


HAS_ALPHA = re.compile(r"[A-Za-z]")


_COMPACT = re.compile(r"[^a-z0-9+]")


WORD_SPLIT = re.compile(r"[a-z0-9+]+")


def norm(token: str) -> str:
    """The form two words are compared in: folded, hyphens dropped, lightly stemmed, synonyms merged.
    Rise/fall words become one token, and so do outperform/trail words: "increases" and
    "decreases" are about the same thing, and their direction is checked separately."""
    word = fold(token).strip(".-'").replace("'s", "").replace("’s", "")
    sized = claimparse.DIMENSIONAL.fullmatch(word)
    if sized:  # "512-dimensional": the figure stands apart (claimparse), the word says what it sizes
        word = word[sized.end(1) + 1:]
    if any(ch.isdigit() for ch in word) and any(ch.isalpha() for ch in word):
        return word
    kind = claimparse.word_kind(word)
    if kind is not None:
        return f"<{kind}>"
    denial = claimparse.NEGATIVE_ADJECTIVE.fullmatch(word)
    if denial is not None:
        word = denial.group(1)
    word = claimparse.stem(word.replace("-", ""))
    return _SYNONYMS.get(word, word)


def is_content(token: str) -> bool:
    low = fold(token).strip(".-'")
    if (len(low) < 2 or low in STOPWORDS or low in _EXTRA_STOPWORDS or low in _SCALE_WORDS
            or low in claimparse.NUMBER_WORDS or low in _DENIALS):
        return False
    return not _NUMERIC.fullmatch(low)


@dataclass(frozen=True)
class _Tokens:
    """Content tokens of a text with their offsets, for word coverage and figure context."""

    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]

    @property
    def bag(self) -> frozenset[str]:
        return frozenset(self.words)


@lru_cache(maxsize=65536)
def word_tokens(text: str) -> _Tokens:
    words, spans = [], []
    for match in WORD.finditer(text):
        if is_content(match.group(0)):
            words.append(norm(match.group(0)))
            spans.append((match.start(), match.end()))
    return _Tokens(tuple(words), tuple(spans))


def same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) < 5 or len(b) < 5 or a[0] != b[0]:
        return False
    shortest = min(len(a), len(b))
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= max(5, 0.75 * shortest)


def shared_words(claim_words: frozenset[str], window_words: frozenset[str]) -> frozenset[str]:
    """Claim words the window states, exactly or as a close morphological variant."""
    found = set(claim_words & window_words)
    for word in claim_words - found:
        if any(same_word(word, other) for other in window_words):
            found.add(word)
    return frozenset(found)


@lru_cache(maxsize=8192)
def folded(text: str) -> str:
    """`fold` remembered: the same passages and headings are folded for every claim of a report
    (bounded well below a library's passage count: the cache holds the texts it keys on)."""
    return fold(text)


def compact(text: str) -> str:
    return _COMPACT.sub("", fold(text))


def model_like(name: str, measures: frozenset[str]) -> bool:
    """A name that can own a figure (a model, a drug, a gene), not a benchmark or a bare size."""
    if compact(name) in measures or BARE_SIZE.match(name):
        return False
    return bool(HAS_DIGIT.search(name) and HAS_ALPHA.search(name))
