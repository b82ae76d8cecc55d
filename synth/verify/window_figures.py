"""A window's figures as its words give them, where the name finder misreads them: a span of time written as one
hyphened word ("a 15-month doubling time", "a 3-year period") is taken for a name (any word with digits and letters
is one), so its figure is neither read nor compared, and the word may own the figures around it as if it were a
model; it states its figure in its unit of time, as "15 months" does. So does a factor ("an 18x increase"). The
number of a numbered list's item ("1. Shufflenet [Zhang et al., 2017] achieved …") is no figure of what the item
says."""

from __future__ import annotations

import re
from dataclasses import replace

from synth.claimparse import Assertion, Quantity

TIME_SPAN = re.compile(r"(?<![\w.\-])(\d+(?:\.\d+)?)-(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)"
                       r"(?![\w\-])", re.IGNORECASE)
# "an 18x inference efficiency increase", "a factor of 44×": the name finder's factor ("18x") is the figure 18
FACTOR = re.compile(r"(?<![\w.\-])(\d+(?:\.\d+)?)[x×](?![\w\-])")
# "1. Shufflenet …", "2. EfficientNet-b0 …": an item's number where a sentence starts, before a capitalised word
_ITEM_NUMBER = re.compile(r"(?:^|(?<=[.!?:]\s))\s*(\d{1,2})\.\s+[A-Z]")


# "2Each training step took approximately 0.15 seconds …" (a footnote's number glued to its first word by the text
# layer): the name finder takes "2Each" for a model's name
_FOOTNOTE_MARK = re.compile(r"\d{1,2}[A-Z][a-z]{2,}")


def footnote_mark(name: str) -> bool:
    """Whether a word the name finder returned is a footnote's mark glued to a capitalised word ("2Each")."""
    return bool(_FOOTNOTE_MARK.fullmatch(name))


def time_span(name: str) -> bool:
    """Whether a word the name finder returned is a span of time ("15-month"), which names nothing."""
    return bool(TIME_SPAN.fullmatch(name))


def window_figures(text: str, parsed: Assertion) -> Assertion:
    """The text's figures with those of its hyphened spans of time and its factors, without its list items'
    numbers, in reading order."""
    items = {m.start(1) for m in _ITEM_NUMBER.finditer(text)}
    found = [Quantity(float(m.group(1)), "plain", m.group(1), m.start(1), m.end(1),
                      len(m.group(1).split(".")[1]) if "." in m.group(1) else 0)
             for pattern in (TIME_SPAN, FACTOR) for m in pattern.finditer(text)
             if not any(q.start <= m.start(1) < q.end for q in parsed.quantities)]
    if not found and not any(q.start in items for q in parsed.quantities):
        return parsed
    kept = [q for q in parsed.quantities if q.start not in items]
    return replace(parsed, quantities=tuple(sorted((*kept, *found), key=lambda q: q.start)))
