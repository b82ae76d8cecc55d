"""Gaps compared: "the gap between Seq2seq and Dual2seq under BLEU (around 3 points) is greater than that under
Meteor (around 5 points)". Each gap is the difference of the two rows' cells in its own column (a 0-1 score's
difference read in points, as "+3.2 BLEU" and "around 5 Meteor points" are), a gap's stated size must fit its
cells, and the comparison is of the two gaps, never of one cell against another."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from synth.grids import GridCell
from synth.models import Verdict
from synth.verify.cells import TableView
from synth.verify.findings import Context, Finding, Named, quote_cells
from synth.verify.labels import plain

if TYPE_CHECKING:  # atoms reads the gaps' sizes with gap_spans, so it cannot be imported here at run time
    from synth.verify.atoms import AtomSpec, ClaimAtoms

_SIZE = (r"(?:\s*\(\s*(?P<{0}_about>around|about|approximately|roughly|nearly|~|∼|≈)?\s*(?P<{0}>\d+(?:\.\d+)?)\s*"
         r"(?:points?|pts?|pp|%)?\s*\))?")
_UNDER = r"\s+(?:under|on|in|for|with|of)\s+(?:the\s+)?"
GAP = re.compile(r"\b(?:gap|difference|margin)\s+between\s+(?P<a>[^,;()]+?)\s+and\s+(?P<b>[^,;()]+?)"
                 + _UNDER + r"(?P<x>[^,;()]+?)" + _SIZE.format("n")
                 + r"\s+(?:is|was|remains)\s+(?:not\s+)?(?:(?:much|far|slightly|considerably|significantly)\s+)?"
                 r"(?P<cue>greater|larger|bigger|wider|higher|smaller|narrower|lower)\s+than\s+"
                 r"(?:that|the\s+one|the\s+gap|the\s+difference|the\s+margin)" + _UNDER + r"(?P<y>[^,;()]+?)"
                 + _SIZE.format("m") + r"\s*(?=[.,;]|$)", re.IGNORECASE)
_WIDER = ("greater", "larger", "bigger", "wider", "higher")


def gap_spans(text: str) -> list[tuple[int, int]]:
    """Where the claim states the sizes of compared gaps ("(around 3 points)"): a gap's own figure, checked with
    the gap, no figure atom of its own."""
    spans = []
    for match in GAP.finditer(text):
        spans += [match.span(group) for group in ("n", "m") if match.group(group) is not None]
    return spans


def _within(named: Named, span: tuple[int, int]) -> list[tuple[int, ...]]:
    return [positions for mention, positions in named if span[0] <= mention.start < span[1]]


def _one(found: list[tuple[int, ...]], narrowing: set[int] | None = None) -> int | None:
    """The single position the names of one group address, narrowed by the clause's other names when several."""
    positions = {p for group in found for p in group}
    if len(positions) > 1 and narrowing:
        positions &= narrowing
    return positions.pop() if len(positions) == 1 else None


def _gap(a: GridCell, b: GridCell) -> float:
    """The two cells' difference, in points when both are 0-1 scores."""
    difference = abs(a.value - b.value)
    return difference * 100 if max(abs(a.value), abs(b.value)) <= 1.0 and a.unit != "%" else difference


def _fits(size: str | None, about: str | None, gap: float) -> bool:
    """Whether a stated gap size fits the cells: at its rounding, or within a point when it is approximate."""
    if size is None:
        return True
    decimals = len(size.split(".")[1]) if "." in size else 0
    tolerance = 0.5 * 10 ** -decimals + 1e-9 if about is None else max(1.0, 0.5 * 10 ** -decimals)
    return abs(gap - float(size)) <= tolerance


def judge_gap(number: int, atom: AtomSpec, atoms: ClaimAtoms, view: TableView, context: Context) -> Finding | None:
    """The comparison of two gaps between the same two rows in two columns; None unless the clause is that shape
    and its names address one row each and one column each in this table."""
    text = atoms.text
    match = next((m for m in GAP.finditer(text, atom.clause[0], atom.clause[1])
                  if m.start("cue") <= atom.start < m.end("cue")), None)
    if match is None:
        return None
    spans = {group: match.span(group) for group in ("a", "b", "x", "y")}
    named = [(m, p) for m, p in view.columns if atom.clause[0] <= m.start < atom.clause[1]]
    setting = {p for m, positions in named if not any(s <= m.start < e for s, e in spans.values()) for p in positions}
    rows = [_one(_within(list(view.rows), spans[g])) for g in ("a", "b")]
    columns = [_one(_within(named, spans[g]), setting) for g in ("x", "y")]
    if rows[0] is None or rows[1] is None or columns[0] is None or columns[1] is None or len(set(rows)) < 2 or len(
            set(columns)) < 2:
        return None
    cells = [view.cell(r, c) for c in columns for r in rows]
    found = [cell for cell in cells if cell is not None]
    if len(found) < 4:
        return None
    a_x, b_x, a_y, b_y = found
    gaps = (_gap(a_x, b_x), _gap(a_y, b_y))
    if gaps[0] == gaps[1]:
        return None
    sized = _fits(match.group("n"), match.group("n_about"), gaps[0]) and _fits(
        match.group("m"), match.group("m_about"), gaps[1])
    wider = (gaps[0] > gaps[1]) == (match.group("cue").lower() in _WIDER)
    status = Verdict.SUPPORTED if sized and wider != atom.negated else Verdict.CONTRADICTED
    note = (f"{plain(a_x.column_path[-1])}: {a_x.raw} vs {b_x.raw} (gap {gaps[0]:.2f}); "
            f"{plain(a_y.column_path[-1])}: {a_y.raw} vs {b_y.raw} (gap {gaps[1]:.2f})"
            + ("" if sized else "; a stated gap size does not fit its cells"))
    conflicting = None if status is Verdict.SUPPORTED else b_y.raw
    return Finding(number, status, quote_cells(found, view, context, conflicting), note, 1.0,
                   subject=plain(a_x.row_path[-1]),
                   attribute=f"{plain(a_x.column_path[-1])}, {plain(a_y.column_path[-1])}",
                   setting=view.table.caption[:60])
