"""Values a learning-rate schedule states: the peak a warm-up rises to ("we first linearly increase it from 0 to
2.2 × 10−4 during the first 2K steps") and the steps of the warm-up."""

from __future__ import annotations

import re

from synth.names import key, same_word
from synth.retrieve.asks.lexicon import (
    PEAK,
    PLAIN,
    WORD,
    has_word,
    peak_word,
    word_tokens,
)
from synth.scientific import SCIENTIFIC, scientific_value

_RISES = re.compile(r"\b(?:increas\w*|rais\w*|ramp\w*\s+up|warm\w*\s+up|grow\w*)\s+(?:it\s+|the\s+[a-z]+\s+[a-z]+\s+)?"
                    r"(?:linearly\s+|gradually\s+)?from\s+[\d.,]+\s*[KMB]?\s+to\s+$", re.IGNORECASE)
WARMUP = re.compile(r"\bwarm[\s-]?up|\b(?:increas\w*|rais\w*|ramp\w*\s+up)\s+(?:it\s+)?(?:linearly\s+)?from\s+0\b",
                     re.IGNORECASE)
_FIRST = re.compile(r"\b(?:during|over|in|for|within)\s+the\s+first\s+$", re.IGNORECASE)
_STEPS = re.compile(r"^\s*(?:training\s+)?(?:steps|updates|iterations)\b", re.IGNORECASE)


def peak_stated(text: str, at: int) -> bool:
    """The value at `at` is a schedule's highest: a peak word in its clause ("The maximum learning rate for
    DeepSeekMoE 16B is set to"), the value a warm-up rises to ("increase it from 0 to 2.2 × 10−4"), or the one
    learning rate of a sentence stating its warm-up ("learning rate of 1e-4, … warmup over the first 10,000
    steps")."""
    clause = re.split(r"[.;]\s|,\s+(?:and|but)\s", text[max(0, at - 120):at])[-1]
    if any(peak_word(w) for w in WORD.findall(clause)) or _RISES.search(text[max(0, at - 60):at]):
        return True
    return WARMUP.search(text) is not None and not re.search(r"\b(?:decay\w*|final|minimum|end)\b", clause,
                                                               re.IGNORECASE)


def schedule_values(text: str, words: list[str], modifiers: frozenset[str], taken: set[int]
                     ) -> list[tuple[str, float, str, int]]:
    """A warm-up written as the schedule it is: "As for the learning rate scheduling, we first linearly increase
    it from 0 to 2.2 × 10−4 during the first 2K steps" states the peak learning rate (the value the warm-up
    reaches) and the warm-up steps; so does "learning rate warmup over the first 10,000 steps"."""
    folded = [key(w) for w, _, _ in word_tokens(text)]
    peak = any(same_word(m, p) for m in modifiers for p in PEAK) and all(has_word(folded, key(w)) for w in words)
    warmup = any(re.match(r"warm", w, re.IGNORECASE) for w in words) and WARMUP.search(text) is not None
    if not (peak or warmup):
        return []
    out: list[tuple[str, float, str, int]] = []
    for number in (*SCIENTIFIC.finditer(text), *PLAIN.finditer(text)):
        if number.start() in taken:
            continue
        before = text[max(0, number.start() - 60):number.start()]
        if not ((peak and _RISES.search(before)) or (warmup and _FIRST.search(before)
                                                     and _STEPS.match(text[number.end():]))):
            continue
        if number.re is SCIENTIFIC:
            value, unit = scientific_value(number), ""
        else:
            value, unit = float(number.group(1).replace(",", "")), number.group(2) or ""
        taken.add(number.start())
        out.append((number.group(0), value, unit, number.start()))
    return out
