"""Percentages that state a quantity attribute itself. The other readers of counts never take a percentage (a share
of a whole has its own reader, shares.py), yet two shapes give the asked value only as one:

- a frequency asked with "how often" ("how often do the training labelers agree with each other") is a share of the
  time: "training labelers agree with each-other 72.6 ± 1.5% of the time", read only in a clause that says the asked
  words before the figure;
- a percentage written against the asked noun ("it is best to use 12.5% capacity blocks", "a capacity of 12.5%")
  is that noun's value, as "a dropout rate of 10%" is the dropout rate.
"""

from __future__ import annotations

import re

from synth.models import PlanAttribute
from synth.names import key, same_word, words_of
from synth.retrieve.asks.bounds import in_range
from synth.retrieve.asks.lexicon import word_tokens

_FIGURE = r"(?P<n>\d+(?:\.\d+)?)(?:\s*±\s*\d+(?:\.\d+)?)?\s*%"
_OF_THE_TIME = re.compile(rf"(?<![\w.]){_FIGURE}\s+of\s+(?:the\s+)?(?:time|cases|comparisons|examples|prompts)\b",
                          re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.;:]|,\s+(?:and|while|but|whereas)\b")
_LINKED = r"(?:\s+(?:is|was|are|were|of|to|at|set\s+to|=)\s+|\s*[=:]\s*)"


def asks_frequency(attribute: PlanAttribute) -> bool:
    """The question asked "how often …": its answer is a share of the time."""
    return attribute.origin.startswith('read from "how often')


def _said_before(text: str, start: int, asked: frozenset[str]) -> bool:
    """Every asked word is said in the figure's clause, before the figure."""
    clause = _CLAUSE_END.split(text[:start])[-1]
    said = [key(w) for w, _, _ in word_tokens(clause)]
    return all(any(same_word(w, a) for w in said) for a in asked)


def percent_values(text: str, attribute: PlanAttribute) -> list[tuple[str, float, str, int]]:
    """(value as written, number, unit, offset) of the percentages a sentence gives as the asked attribute."""
    asked = words_of(attribute.name)
    if not asked:
        return []
    out: list[tuple[str, float, str, int]] = []
    if asks_frequency(attribute):
        for found in _OF_THE_TIME.finditer(text):
            if _said_before(text, found.start(), asked):
                out.append((found.group(0).split(" of ")[0].strip(), float(found.group("n")), "%", found.start("n")))
        return out
    if len(asked) != 1:
        return out
    noun = re.escape(attribute.name.strip().split()[-1].rstrip("s")) + r"(?:s|ies)?"
    for pattern in (rf"(?<![\w.]){_FIGURE}\s+{noun}\b", rf"\b{noun}{_LINKED}{_FIGURE}(?!\s+of\b)"):
        for found in re.finditer(pattern, text, re.IGNORECASE):
            if in_range(text, found.start("n"), text.index("%", found.start("n")) + 1):
                continue  # "capacities from 12.5% to 95%": the range swept, no value
            out.append((f"{found.group('n')}%", float(found.group("n")), "%", found.start("n")))
    return out
