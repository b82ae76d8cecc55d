"""What a table cell holds (a number, a placeholder dash, or text), and the cheap test of whether
a page may hold a table at all."""

from __future__ import annotations

import functools
import re

# A number, its unit, up to two trailers ("± 0.4", "/ 96.7%", "(23.1%)"), marks. A time in seconds is a unit as a
# percentage is: RMSNorm's Table 10 prints "31±0.5s (20.5%)", and a row with it read as text was no data row.
_NUMBER_CELL = re.compile(
    r"^[(\[]?[$€£¥]?[-−+<>~≈±]?\s*\d[\d,]*(?:\.\d+)?\s*(?:%|m?s\b|[KMBTkmbt]\b|x\b|×)?"
    r"(?:\s*[·×x]\s*10\^[-−]?\d+)?(?:\s*(?:/|±|\(|\+/-)\s*[-+]?\d[\d,]*(?:\.\d+)?\s*(?:%|m?s\b)?\)?){0,2}[)\]]?"
    r"\s*[†‡*§¶⋆∗'′]*\s*[a-d]?$"
)
_DASH_CELL = re.compile(r"^(?:-|–|—|/|N/A|n/a|NA|×|✗|x)$")
_DIGIT = re.compile(r"\d")


@functools.lru_cache(maxsize=1 << 16)
def cell_kind(text: str) -> str:
    """`num`, `dash` (a placeholder for a missing value) or `text`.

    Cached: a table page asks about the same short cell texts ("0.5", "-") many times over."""
    stripped = text.strip()
    if _DASH_CELL.match(stripped):
        return "dash"
    if _NUMBER_CELL.match(stripped):
        return "num"
    return "text"


def worth_scanning(page_text: str) -> bool:
    """Cheap pre-filter: a table needs two lines that each hold two or more numbers making up a
    good share of the line (prose with a year and a citation number does not count)."""
    numeric_lines = 0
    for line in page_text.splitlines():
        if not _DIGIT.search(line):
            continue
        tokens = line.split()
        cells = sum(1 for t in tokens if cell_kind(t) != "text")
        if cells >= 2 and cells >= 0.3 * len(tokens):
            numeric_lines += 1
            if numeric_lines >= 2:
                return True
    return False
