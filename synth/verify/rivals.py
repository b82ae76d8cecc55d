"""Comparisons whose rival the claim leaves unnamed ("our model improves the precision scores",
"sparsemax and TVmax reduce repetition"): the subject is said to be better (higher, lower …) than
some row the claim does not name. Whatever that row is, a subject ahead of every other row of the
column is ahead of it, and a subject behind every other row is behind it: supported and
contradicted follow from the extremes; a subject in between settles nothing, since it depends on
the rival. Several subjects named together ("sparsemax and TVmax") are each set against the rows
the claim does not name, on the columns it names.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from synth.grids import GridCell
from synth.models import AtomKind, Verdict
from synth.text import sentence_spans
from synth.verify.atoms import AtomSpec, ClaimAtoms
from synth.verify.cell_comparisons import judge_extreme, second_order
from synth.verify.cells import TableView
from synth.verify.findings import Context, Finding, Named, in_clause, lower_is_better, quote_cells
from synth.verify.label_spelling import CODE_PAIR
from synth.verify.labels import plain
from synth.verify.measures import names_measure

# Words that set the subject against something ("than", "over", "compared with", "from … to"):
# the rival is then named (or meant) in words, and this reading does not apply.
_RIVAL_WORDS = re.compile(r"\b(?:than|over|against|versus|vs\.?|compar\w*|relative\s+to|from|rather|instead|"
                          r"whereas|while|unlike|respectively)\b", re.IGNORECASE)
# What may stand between subjects named together: "sparsemax and especially TVmax", "A, B and C".
_TOGETHER = re.compile(r"^\s*(?:,|and|or|especially|particularly|also|as\s+well\s+as|the|\s)*$", re.IGNORECASE)


def _sentence(atoms: ClaimAtoms, atom: AtomSpec) -> tuple[int, int]:
    return next(((s, e) for s, e in sentence_spans(atoms.text) if s <= atom.start < e), atom.clause)


def _subjects(atom: AtomSpec, atoms: ClaimAtoms, view: TableView) -> tuple[str, Named, Named] | None:
    """The axis, the subject label(s) and the other axis's labels of a comparison with no rival
    named: no word that introduces a rival, no margin (which would be against one rival), no
    ablation code pair ("(B2−B3)"), and on one axis only labels before the cue, each naming what
    is measured (not a measure: "the F1 score decreases" compares no row), named together."""
    start, end = _sentence(atoms, atom)
    if atom.kind is not AtomKind.COMPARISON or atom.margin is not None or second_order(atom, atoms.text):
        return None
    if _RIVAL_WORDS.search(atoms.text, start, end) or CODE_PAIR.search(atoms.text, start, end):
        return None
    for axis, names, others in (("row", view.rows, view.columns), ("column", view.columns, view.rows)):
        named = sorted(in_clause(names, (start, end)), key=lambda n: n[0].start)
        if not named or not all(m.start < atom.start and m.whole and not names_measure(m.label) for m, _ in named):
            continue
        if all(_TOGETHER.match(atoms.text[a.end:b.start]) for (a, _), (b, _) in itertools.pairwise(named)):
            return axis, named, in_clause(others, (start, end))
    return None


def unnamed_rival(atom: AtomSpec, atoms: ClaimAtoms, view: TableView) -> bool:
    """Whether the comparison names its subject(s) but no rival (see `_subjects`)."""
    return _subjects(atom, atoms, view) is not None


def _one(number: int, atom: AtomSpec, atoms: ClaimAtoms, view: TableView, context: Context) -> Finding | None:
    """One subject: the extreme of the clause's columns, ahead of every other row or behind it."""
    ahead = replace(atom, kind=AtomKind.EXTREME, negated=False, quantifier="all")
    leads = judge_extreme(number, ahead, atoms, view, context)
    if leads is not None and leads.status is Verdict.SUPPORTED:
        return replace(leads, note=f"{leads.subject} is ahead of every other row on '{atom.cue}', so of any rival")
    trails = judge_extreme(number, replace(ahead, direction=-atom.direction), atoms, view, context)
    if trails is None or trails.status is not Verdict.SUPPORTED:
        return None
    note = f"{trails.subject} is behind every other row on '{atom.cue}', so of any rival"
    return replace(trails, status=Verdict.CONTRADICTED, note=note)


def _group(number: int, atom: AtomSpec, view: TableView, axis: str, named: Named, attributes: Named,
           context: Context) -> Finding | None:
    """Several subjects: each against every row the claim does not name, on the named columns."""
    if not attributes:
        return None  # "A and B improve" of what? Every column would answer another question
    group = {p for _, positions in named for p in positions}
    along = sorted({p for _, positions in attributes for p in positions})
    positions = sorted({c.row if axis == "row" else c.column for c in view.grid.cells})

    def cell(position: int, other: int) -> GridCell | None:
        return view.cell(position, other) if axis == "row" else view.cell(other, position)

    leads: list[bool] = []
    trails: list[bool] = []
    shown: list[GridCell] = []
    for other in along:
        rivals = [c for p in positions if p not in group and (c := cell(p, other)) is not None]
        for position in sorted(group):
            own = cell(position, other)
            if own is None or not rivals:
                continue
            path = own.column_path if axis == "row" else own.row_path
            sign = -atom.direction if atom.aware and lower_is_better(path) else atom.direction
            leads.append(all(sign * (own.value - r.value) > 0 for r in rivals))
            trails.append(all(sign * (own.value - r.value) < 0 for r in rivals))
            shown += [own, *rivals[:1]]
    if not leads or not (all(leads) or all(trails)):
        return None
    status = Verdict.SUPPORTED if all(leads) else Verdict.CONTRADICTED
    subjects = ", ".join(dict.fromkeys(plain(m.label) for m, _ in named))
    place = "ahead of" if status is Verdict.SUPPORTED else "behind"
    note = f"{subjects}: each {place} every other row on '{atom.cue}', so of any rival"
    conflicting = None if status is Verdict.SUPPORTED else shown[1].raw
    return Finding(number, status, quote_cells(shown[:4], view, context, conflicting), note, 1.0,
                   subject=subjects, attribute=", ".join(dict.fromkeys(plain(m.label) for m, _ in attributes)),
                   setting=view.table.caption[:60])


def judge_unnamed_rival(number: int, atom: AtomSpec, atoms: ClaimAtoms, view: TableView,
                        context: Context) -> Finding | None:
    """Supported when the subject(s) lead every other row on the clause's columns, contradicted
    when they trail every other row (module docstring); a denial swaps the two."""
    found = _subjects(atom, atoms, view)
    if found is None:
        return None
    axis, named, attributes = found
    single = len({m.label for m, _ in named}) == 1
    finding = _one(number, atom, atoms, view, context) if single else _group(
        number, atom, view, axis, named, attributes, context)
    if finding is None or not atom.negated:
        return finding
    status = Verdict.CONTRADICTED if finding.status is Verdict.SUPPORTED else Verdict.SUPPORTED
    return replace(finding, status=status, note=f"{finding.note} (the claim denies it)")
