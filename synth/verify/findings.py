"""Findings: what one piece of evidence (a window of text, or table cells) says of one atom of a
claim, and the helpers every table finder shares: whether a claimed figure states a cell, which
metrics are better when lower, and quoting the cells used with their header paths.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from synth.claimparse import Quantity
from synth.grids import GridCell
from synth.models import Document, Evidence, Verdict
from synth.scientific import SCIENTIFIC
from synth.verify.cells import TableView, cell_evidence
from synth.verify.labels import Mention

_LOWER_BETTER = re.compile(r"↓|\berr(?:or)?s?\b|\bloss\b|perplexity|\bppl\b|\bwer\b|\bcer\b|\bter\b|\brank\b|\bmr\b|"
                           r"\bser\b|latency|\btime\b|\bmae\b|\bmse\b|\brmse\b|distance|\bfpr\b|\bfnr\b|invalid|"
                           r"\bmiss(?:ed)?\b|\bwrong\b|\brep\b|repetition", re.IGNORECASE)
TOLERANCE = 1e-9
# A misstated figure is of the cell's magnitude; beyond this ratio it is some other number.
PLAUSIBLE_RATIO = 3.0


@dataclass(frozen=True)
class Finding:
    """What one piece of evidence says of one atom of the claim."""

    atom: int
    status: Verdict
    evidence: tuple[Evidence, ...]
    note: str
    strength: float
    kind: str = "table"
    subject: str = ""
    attribute: str = ""
    setting: str = ""
    coverage: float = 1.0
    numeric: float = 1.0
    entity: float = 1.0
    relevance: float = 1.0

    @property
    def conflicting(self) -> bool:
        return any(e.conflicting_value is not None for e in self.evidence)

    @property
    def source(self) -> str:
        return self.evidence[0].source if self.evidence else ""


@dataclass(frozen=True)
class Context:
    """What reasoning needs besides the claim: where table rows are quoted from, and whose tables."""

    source_of: dict[str, str]
    row_spans: Mapping[tuple[str, int], tuple[int, int]]
    documents: dict[str, Document]
    titles: dict[str, frozenset[str]]


def lower_is_better(path: Sequence[str], caption: str = "") -> bool:
    return any(_LOWER_BETTER.search(label) for label in path)


_MAGNITUDE = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}
_MANTISSA = re.compile(r"\d[\d,]*(?:\.\d+)?")


def full_value(value: float, unit: str | None) -> float:
    """A cell's number at its printed magnitude: "1M" is a million, "14.8T" 1.48e13."""
    return value * _MAGNITUDE.get(unit or "", 1.0)


def agrees(q: Quantity, value: float, unit: str | None = None) -> bool:
    """The claim's figure states the cell: equal at the claim's precision (0.93 ~ 93%). A cell with
    a magnitude suffix ("1M", "128K") states its full value, compared at the claim's own magnitude
    ("1.5B" ~ "1480M"); it never states a percentage or a bare "128". A figure in scientific notation is compared
    at its mantissa's precision ("1e-3" states 1.0 × 10^−3, never 1e-4)."""
    if unit in _MAGNITUDE:
        mantissa = _MANTISSA.search(q.raw)
        if q.unit == "%" or mantissa is None or float(mantissa.group(0).replace(",", "")) == 0:
            return False
        return _at_claimed_scale(q, full_value(value, unit), float(mantissa.group(0).replace(",", "")))
    power = SCIENTIFIC.fullmatch(q.raw) if q.scientific else None
    if power is not None:  # "1e-3" ~ "1.0 × 10^−3": compared at the claim's power of ten, never rounded to 0
        return _at_claimed_scale(q, full_value(value, unit), float(power.group("mantissa") or "1"))
    candidates = [value]
    if q.unit == "%" and abs(value) <= 1.0 < q.value:
        candidates.append(value * 100)
    if q.unit != "%" and q.decimals > 0 and abs(q.value) <= 1.0 < abs(value):  # "0.93" ~ 93, never "1" ~ 81.11
        candidates.append(value / 100)
    return any(abs(round(c, q.decimals) - q.value) <= TOLERANCE for c in candidates)


def _at_claimed_scale(q: Quantity, cell: float, mantissa: float) -> bool:
    """The cell at the claim's own multiplier ("1.5B": 1e9, "1e-3": 1e-3) equals the claim's mantissa at its
    precision."""
    per = q.value / mantissa
    stated = q.value / per
    return abs(round(cell / per, q.decimals) - stated) <= TOLERANCE * max(1.0, abs(stated))


def kind_of_counted(mention: Mention, figure_end: int, text: str) -> bool:
    """A label written between a figure and its noun names the kind counted, not the subject the figure is said of:
    "8B-parameter Mamba-2-Hybrid has 24 Mamba-2 layers" is no claim about the Mamba-2 row."""
    return 0 < mention.start - figure_end <= 1 and re.match(r"\s+[a-z]", text[mention.end:]) is not None


def in_clause(mentions: Sequence[tuple[Mention, tuple[int, ...]]], span: tuple[int, int]
               ) -> list[tuple[Mention, tuple[int, ...]]]:
    return [(m, p) for m, p in mentions if span[0] <= m.start < span[1]]


def nearest(mentions: list[tuple[Mention, tuple[int, ...]]], position: int
             ) -> tuple[Mention, tuple[int, ...]] | None:
    if not mentions:
        return None
    return min(mentions, key=lambda item: (abs(item[0].start - position), item[0].start > position))


def quote_cells(cells: list[GridCell], view: TableView, context: Context,
              conflicting: str | None = None) -> tuple[Evidence, ...]:
    return tuple(cell_evidence(cells, view.grid, context.source_of.get(view.table.doc_id, view.table.doc_id),
                               context.documents[view.table.doc_id], context.row_spans, conflicting))


def cell_label(cell: GridCell) -> str:
    return f"{' / '.join(cell.row_path)} | {' / '.join(cell.column_path)}"


Named = list[tuple[Mention, tuple[int, ...]]]
