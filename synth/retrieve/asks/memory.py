"""Amounts of memory: "on a single GPU, with up to 48GB of memory", "80GB A100 GPUs". A figure glued to a byte unit
reads as a name to the figure reader (like "Qwen-72B"), so "how much GPU memory" found nothing (read30)."""

from __future__ import annotations

import re

from synth.models import PlanAttribute

_BYTE_UNITS = ("KB", "MB", "GB", "TB", "KiB", "MiB", "GiB", "TiB")
_ASKS_MEMORY = re.compile(r"\b(?:memory|VRAM|RAM|HBM)\s*$", re.IGNORECASE)
# The amount and what it is of: "48GB of memory", "48 GB of GPU memory", "80GB A100 GPUs", "80GB HBM".
_AMOUNT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?(" + "|".join(_BYTE_UNITS) + r")\b"
                     r"(?=\s+(?:of\s+(?:[\w\-]+\s+)?)?(?:memory|VRAM|RAM|HBM\w*)\b|\s+(?:[A-Z]\d{2,4}\s+)?[GT]PUs?\b)")


def memory_values(text: str, attribute: PlanAttribute) -> list[tuple[str, float, str, int]]:
    """(value as written, number, unit, offset) of the memory amounts a sentence gives, when memory is asked; the
    number stays in the unit printed (48 for "48GB"), the unit says which."""
    if not _ASKS_MEMORY.search(attribute.name):
        return []
    return [(f"{found.group(1)}{found.group(2)}", float(found.group(1)), found.group(2), found.start())
            for found in _AMOUNT.finditer(text)]
