"""The words and figures of a sentence as the readers of values see them: word tokens, the asked word matched in
any inflection (a peak word for any other), and figures written plainly (scientific notation: synth.scientific)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from synth.names import key, same_word
from synth.text import STOPWORDS

WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")

# A schedule's highest value is written "peak", "max", "maximum" or "maximal" learning rate: one modifier.
PEAK = frozenset(key(w) for w in ("peak", "max", "maximum", "maximal"))
# Repeated runs of one experiment are counted as "runs", "trials" or "repetitions": "over how many runs was the loss
# averaged" is answered by "we ran each network for 20 trials".
_REPEAT_WORDS = ("run", "trial", "repetition", "repeat")
REPEATS = frozenset(key(f"{w}s") for w in _REPEAT_WORDS)
REPEATS_QUERY = " OR ".join(f'"{w}s"' for w in _REPEAT_WORDS)
REPEATED = rf"(?:{'|'.join(_REPEAT_WORDS)})s?\b"


def asks_repeats(name: str) -> bool:
    """"over how many runs", "how many trials": the asked noun counts repeated runs."""
    return any(key(w) in REPEATS for w in name.split())


@lru_cache(maxsize=65536)
def word_tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """Words (hyphenated words split: "pre-trained" → pre, trained) and clause punctuation."""
    return tuple((m.group(0), m.start(), m.end()) for m in re.finditer(r"[A-Za-z][A-Za-z0-9]*|[,;:.()]", text))


def has_word(words: Iterable[str], wanted: str) -> bool:
    """The stemmed words include the wanted one; any peak word stands for any other ("max" is "maximum"), and any
    word of repeated runs ("trials" are "runs")."""
    for same in (PEAK, REPEATS):
        if any(same_word(wanted, p) for p in same):
            return any(same_word(w, p) for w in words for p in same)
    return any(same_word(w, wanted) for w in words)


def peak_word(word: str) -> bool:
    """"peak", "max", "maximum", "maximal": the highest value of a schedule."""
    return any(same_word(key(word), p) for p in PEAK)


PLAIN = re.compile(r"(?<![\w.\-/])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)([KMBT](?![A-Za-z]))?(?![\w.]*\d)(?!\s*%)"
                   r"(?!\s*(?:trillion|billion|million|thousand)\b)"  # "72 million" is no plain 72
                   r"(?![A-Za-z])")


# A context's extent is its length, size or window alike ("we also increase the context size from 512 to 1024 tokens"
# gives GPT-2's context length).
# A layer's width is its size or dimension alike ("hidden size" is "the hidden dimension to 2048").
_SAME_MEASURE = {key("context"): ("length", "size", "window"), key("hidden"): ("size", "dimension"),
                 key("embedding"): ("size", "dimension")}


def same_measures(words: list[str]) -> tuple[str, ...]:
    """The names of the measure a two-word attribute ends in when its noun has several ("context length": length,
    size, window); none otherwise."""
    if len(words) != 2:
        return ()
    same = _SAME_MEASURE.get(key(words[0]), ())
    return same if words[1].lower() in same else ()


# A noun measured by its size or count ("vocabulary size", "expert count"): sources often give the measure by the
# noun alone ("the vocabulary is expanded to 50,257").
_MEASURES = frozenset({"size", "sizes", "count", "counts"})


def measured_noun(words: list[str]) -> str | None:
    """The noun of a two-word attribute that is a size or count ("vocabulary" of "vocabulary size"); None otherwise."""
    return words[0] if len(words) == 2 and words[-1].lower() in _MEASURES else None


_CAPITALS_RUN = re.compile(r"\b[A-Z]{2,}(?:[\s\-]+[A-Z]{2,}){2,}\b")


@lru_cache(maxsize=65536)
def _shouted_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The text's runs of capitals with a function word among them, found once per sentence (every name term of the
    sentence asks)."""
    return tuple((m.start(), m.end()) for m in _CAPITALS_RUN.finditer(text)
                 if any(w.lower() in STOPWORDS for w in m.group(0).split()))


def shouted(text: str, position: int) -> bool:
    """Whether the position sits in a run of three or more words set in capitals with a function word among them
    ("4 HOW ARE DIFFERENT FREQUENCIES USED?"): a heading, whose capitals make no word a name."""
    return any(start <= position < end for start, end in _shouted_spans(text))
