"""A count a sentence states for the model another one is compared with: "Compared to its predecessor Qwen2.5,
Qwen3 expands multilingual support from 29 to 119 languages" gives Qwen3's 119 and, as the start of the change,
Qwen2.5's 29. Only the start of a "from … to …" whose end the sentence states as the asked count, and only for a
subject the sentence names as what is compared with."""

from __future__ import annotations

import re
from collections.abc import Sequence

_FROM_TO = re.compile(r"\bfrom\s+(?P<old>\d[\d,.]*\s?[KMBT]?)\s+to\s+(?P<new>\d[\d,.]*\s?[KMBT]?)(?![\w.])")
_COMPARED = r"(?:compared\s+(?:to|with)|relative\s+to|unlike|than|over)\s+(?:its\s+predecessors?,?\s+|the\s+)?"
_SCALE = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}


def compared_with(text: str, spellings: Sequence[str]) -> bool:
    """The sentence names the subject as what another model is compared with."""
    return any(re.search(_COMPARED + re.escape(s) + r"(?![\w\-])", text, re.IGNORECASE) for s in spellings)


def predecessor_values(text: str, stated: Sequence[tuple[str, float, str, int]]
                       ) -> list[tuple[str, float, str, int]]:
    """(value as written, number, unit, offset) of the start of each "from X to Y" whose Y is among the sentence's
    stated values of the asked count (quantity_values)."""
    ends = {position for *_, position in stated}
    out = []
    for found in _FROM_TO.finditer(text):
        if found.start("new") not in ends:
            continue
        raw = found.group("old").strip()
        unit = raw[-1] if raw[-1] in _SCALE else ""
        out.append((raw, float(raw.rstrip("KMBT").replace(",", "").strip()), unit, found.start("old")))
    return out
