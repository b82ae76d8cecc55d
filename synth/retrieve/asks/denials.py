"""A setting a sentence says is not used: "we use no dropout during pre-training" gives the pre-training dropout
rate as none (0), which a figure-only reader never sees and the answer would call not stated."""

from __future__ import annotations

import re

from synth.models import PlanAttribute

# Words of an asked setting that say how it is measured, not what it is: "dropout rate" is dropout.
_MEASURES = frozenset("rate rates value values probability coefficient ratio amount".split())
_STAGES = re.compile(r"\b(?:pre-?training|post-?training|fine-?tuning|training|pre-?trained|fine-?tuned)\b",
                     re.IGNORECASE)


def denied_values(text: str, attribute: PlanAttribute) -> list[tuple[str, float, str, int]]:
    """("no dropout", 0, "", offset) where the sentence says the asked setting is not used: "we use no dropout",
    "trained without dropout" (never "no more than", which bounds a figure)."""
    words = [w for w in _STAGES.sub(" ", attribute.name).split() if w.lower() not in _MEASURES]
    if not words or len(words) > 3:
        return []
    phrase = r"[\s-]+".join(re.escape(w) for w in words)
    return [(found.group(0), 0.0, "", found.start())
            for found in re.finditer(rf"\b(?:no|without(?:\s+any)?)\s+{phrase}\b", text, re.IGNORECASE)]
