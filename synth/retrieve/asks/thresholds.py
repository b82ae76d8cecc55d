"""A threshold stated by the comparison that trips it: "the generated text has a gzip compression rate higher than
2.4" gives the compression rate threshold 2.4, though the sentence never says "threshold"."""

from __future__ import annotations

import re
from functools import lru_cache

from synth.models import PlanAttribute

_THRESHOLD = re.compile(r"^(?P<thing>.+?)\s+(?:threshold|cut-?off)s?$", re.IGNORECASE)
_FIGURE = r"(?P<n>[-−]?\d+(?:\.\d+)?)(?!\w|\.\d)"


@lru_cache(maxsize=256)
def _pattern(asked: str) -> re.Pattern[str] | None:
    found = _THRESHOLD.match(asked.strip())
    if not found:
        return None
    words = [re.escape(w) for w in re.split(r"[\s\-]+", found.group("thing")) if w]
    # the thing, a phrase qualifying it ("over the generated tokens"), then the comparison
    return re.compile(r"\b" + r"[\s\-]+".join(words) + r"s?(?:\s+(?:over|of|for|in|on|across)\s+[a-z\s\-]{1,30}?)?"
                      r"\s+(?:is\s+|was\s+|of\s+|gets\s+)?(?:(?:higher|lower|"
                      r"greater|less|larger|smaller)\s+than|above|below|exceeds?|exceeding|over|under)\s+"
                      + _FIGURE, re.IGNORECASE)


def threshold_values(text: str, attribute: PlanAttribute) -> list[tuple[str, float, str, int]]:
    """(value as written, number, unit, offset) of the figures a sentence compares the asked thing against."""
    pattern = _pattern(attribute.name)
    if pattern is None:
        return []
    return [(m.group("n"), float(m.group("n").replace("−", "-")), "", m.start("n")) for m in pattern.finditer(text)]
