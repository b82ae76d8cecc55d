"""The words and figures of a sentence as the readers of values see them: word tokens, the asked word matched in
any inflection (a peak word for any other), and figures written plainly or in scientific notation."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from synth.names import key, same_word

WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")

# A schedule's highest value is written "peak", "max", "maximum" or "maximal" learning rate: one modifier.
PEAK = frozenset(key(w) for w in ("peak", "max", "maximum", "maximal"))


@lru_cache(maxsize=65536)
def word_tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """Words (hyphenated words split: "pre-trained" → pre, trained) and clause punctuation."""
    return tuple((m.group(0), m.start(), m.end()) for m in re.finditer(r"[A-Za-z][A-Za-z0-9]*|[,;:.()]", text))


def has_word(words: Iterable[str], wanted: str) -> bool:
    """The stemmed words include the wanted one; any peak word stands for any other ("max" is "maximum")."""
    if any(same_word(wanted, p) for p in PEAK):
        return any(same_word(w, p) for w in words for p in PEAK)
    return any(same_word(w, wanted) for w in words)


def peak_word(word: str) -> bool:
    """"peak", "max", "maximum", "maximal": the highest value of a schedule."""
    return any(same_word(key(word), p) for p in PEAK)


# "2.2 × 10−4", "1e-4", and "10−3": a power of ten whose superscript the PDF text lost keeps its minus sign (U+2212)
# glued to the exponent; read as the figure it stands for, not as 10 (nor its exponent as a figure of its own).
SCIENTIFIC = re.compile(r"(?<![\w.])(?:(\d+(?:\.\d+)?)(?:\s*[×x]\s*10\s*[−\-–]\s*|e[−\-–])|10−)(\d+)(?!\d)")


def scientific_value(match: re.Match[str]) -> float:
    """The figure a SCIENTIFIC match stands for (a bare power of ten has mantissa 1)."""
    return float(match.group(1) or 1) * 10 ** -int(match.group(2))
PLAIN = re.compile(r"(?<![\w.\-/])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)([KMBT](?![A-Za-z]))?(?![\w.]*\d)(?!\s*%)"
                   r"(?!\s*(?:trillion|billion|million|thousand)\b)"  # "72 million" is no plain 72
                   r"(?![A-Za-z])")
