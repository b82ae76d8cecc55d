"""Comparisons of parity ("A performs comparably to B", "A is on par with B", "comparable to the
two others"), read from table cells.

A parity claim says the cells are close, not which is ahead, so it is read on the size of the
gaps, never their sign: each compared pair's relative gap (|a - b| / max(|a|, |b|), as degree words
are read, synth.verify.margins) must be at most PARITY_GAP for the claim to hold, and every gap at
least APART_GAP refutes it ("UnsupEmb performs comparably to Word2Tag" against 87.06 vs 95.55 and
81.11 vs 91.41). Gaps on both sides of those bounds settle nothing: what "comparable" tolerates
between them is the author's call. The pairs are those a directed comparison reads (rows that
differ only in the compared label, on the clause's attributes, "performance" on the summary
measure); "comparable to the (two) others" sets the subject against every other row of its axis.
"Comparable to or better than B" (either order) is one assertion, at least on a par: a pair
ahead the directed word's way holds like a small gap, and only a large gap behind refutes it.
A denial ("does not perform comparably") swaps supported and contradicted; a margin stated with
it ("with only 0.40% difference") is not read here, so such a claim is left open.
"""

from __future__ import annotations

from dataclasses import replace

from synth.grids import GridCell
from synth.models import Verdict
from synth.verify.atoms import PARITY_RIVALS, AtomSpec, ClaimAtoms
from synth.verify.cell_comparisons import _own_attributes, _pairs, _paths, _split
from synth.verify.cells import TableView
from synth.verify.findings import Context, Finding, Named, in_clause, quote_cells
from synth.verify.labels import Mention, plain
from synth.verify.margins import pair_holds
from synth.verify.measures import means_performance
from synth.verify.sides import comparison_sides

# Relative gaps a parity claim is read against: every gap within PARITY_GAP bears it out, every
# gap of APART_GAP or more refutes it (results 5% apart are not "comparable").
PARITY_GAP = 0.02
APART_GAP = 0.05


def _gap(a: GridCell, b: GridCell) -> float:
    """The relative gap of two cells (two zeros are equal)."""
    top = max(abs(a.value), abs(b.value))
    return abs(a.value - b.value) / top if top > 0 else 0.0


def _every_other(view: TableView, axis: str, subject: tuple[Mention, tuple[int, ...]]) -> Named:
    """Every other row (or column) of the subject's axis, named by its own label."""
    paths = _paths(view, axis)
    return [(Mention(path[-1], subject[0].start, subject[0].end, True), (position,))
            for position, path in enumerate(paths) if path and position not in subject[1]]


def _sides(atom: AtomSpec, atoms: ClaimAtoms, view: TableView, axis: str, names: Named
           ) -> tuple[tuple[Mention, tuple[int, ...]], Named] | None:
    """The subject and what it is said to be on a par with: the names the clause sets against each
    other, else the one name before the cue against every other row ("comparable to the two others")."""
    sides = comparison_sides(atom, atoms, names)
    if sides is not None:
        return sides
    before = [n for n in names if n[0].start < atom.start]
    if len({m.label for m, _ in before}) != 1 or not PARITY_RIVALS.match(atoms.text[atom.end:atom.clause[1]]):
        return None
    return before[0], _every_other(view, axis, before[0])


def _status(gaps: list[float], ahead: list[bool]) -> Verdict:
    """Supported when every gap is small (or, for "comparable to or better than", the subject is
    ahead the directed word's way), contradicted when every gap is large (and the subject behind),
    else open."""
    if all(g <= PARITY_GAP or a for g, a in zip(gaps, ahead, strict=True)):
        return Verdict.SUPPORTED
    if all(g >= APART_GAP and not a for g, a in zip(gaps, ahead, strict=True)):
        return Verdict.CONTRADICTED
    return Verdict.INSUFFICIENT


def _ahead(atom: AtomSpec, axis: str, pairs: list[tuple[GridCell, GridCell]]) -> list[bool]:
    """Per pair, whether the subject is ahead the way a disjunction allows ("or better than"); all
    False for a plain parity, which allows no side."""
    if not atom.leaning:
        return [False] * len(pairs)
    leaning = replace(atom, direction=atom.leaning)
    return [pair_holds(leaning, a.value, b.value, a.column_path if axis == "row" else a.row_path) for a, b in pairs]


def judge_parity(number: int, atom: AtomSpec, atoms: ClaimAtoms, view: TableView, context: Context) -> Finding | None:
    """A on a par with B on the clause's attributes, in one table (module docstring)."""
    if atom.direction != 0 or atom.margin is not None:
        return None
    split = _split(view, atom, atoms.text)
    if split is None:  # no name after the cue: "comparable to the two others" names one side only
        rows, columns = in_clause(view.rows, atom.clause), in_clause(view.columns, atom.clause)
        found = next(((axis, names, others) for axis, names, others in (("row", rows, columns),
                                                                        ("column", columns, rows))
                      if _sides(atom, atoms, view, axis, names) is not None), None)
        if found is None:
            return None
        axis, names, attributes = found
        narrowing: Named = []
    else:
        axis, names, narrowing, attributes = split
    attributes = _own_attributes(atom, attributes, _paths(view, "column" if axis == "row" else "row"))
    sides = _sides(atom, atoms, view, axis, names)
    if sides is None:
        return None
    subject, objects = sides
    pairs = _pairs(view, axis, subject, objects, narrowing, attributes, means_performance(atom, atoms.text, attributes))
    gaps = [_gap(a, b) for a, b in pairs]
    if not gaps:
        return None
    status = _status(gaps, _ahead(atom, axis, pairs))
    if atom.negated and status is not Verdict.INSUFFICIENT:
        status = Verdict.CONTRADICTED if status is Verdict.SUPPORTED else Verdict.SUPPORTED
    if status is Verdict.INSUFFICIENT:
        return None
    rivals = ", ".join(dict.fromkeys(plain(m.label) for m, _ in objects))
    note = (f"{plain(subject[0].label)} vs {rivals}: relative gaps {min(gaps):.1%} to {max(gaps):.1%} "
            f"(on a par within {PARITY_GAP:.0%}{' or ahead' if atom.leaning else ''}, apart from {APART_GAP:.0%})"
            + (" (the claim denies it)" if atom.negated else ""))
    shown = [c for pair in pairs[:3] for c in pair]
    conflicting = None if status is Verdict.SUPPORTED else pairs[0][1].raw
    return Finding(number, status, quote_cells(shown, view, context, conflicting), note, 1.0,
                   subject=plain(subject[0].label),
                   attribute=", ".join(dict.fromkeys(plain(m.label) for m, _ in attributes)),
                   setting=view.table.caption[:60])
