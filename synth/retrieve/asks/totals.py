"""A count given as a total in brackets after what it counts: "a unique token for each language in our training set
(99 total)" gives Whisper's 99 language tokens. The bracket counts the thing the clause before it describes, so it
answers an ask only when that clause uses every asked word."""

from __future__ import annotations

import re

from synth.models import PlanAttribute
from synth.names import key, words_of

_TOTAL = re.compile(r"\((?:with\s+)?(?P<n>\d[\d,]*)\s+(?:in\s+)?(?:total|overall|altogether)\)", re.IGNORECASE)
_CLAUSE = re.compile(r"[.;:!?]\s")


def total_values(text: str, attribute: PlanAttribute) -> list[tuple[str, float, str, int]]:
    """(value as written, number, unit, offset) of the bracketed totals of a sentence that count the asked thing."""
    asked = words_of(attribute.name)
    out = []
    for found in _TOTAL.finditer(text):
        before = _CLAUSE.split(text[max(0, found.start() - 160):found.start()])[-1]
        have = {key(w) for w in re.findall(r"[a-z][a-z0-9\-]*", before.lower())}
        if asked and all(any(h == w or h.startswith(w) or w.startswith(h) for h in have) for w in asked):
            raw = found.group("n")
            out.append((raw, float(raw.replace(",", "")), "", found.start("n")))
    return out
