"""Comparisons whose rival the claim leaves unnamed ("our model improves the precision scores",
"TVmax reduces repetition"): the subject is said to be better (higher, lower …) than some row
the claim does not name. Whatever that row is, a subject ahead of every other row of the column
is ahead of it, and a subject behind every other row is behind it: supported and contradicted
follow from the extremes; a subject in between settles nothing, since it depends on the rival.
"""

from __future__ import annotations

import re
from dataclasses import replace

from synth.models import AtomKind, Verdict
from synth.text import sentence_spans
from synth.verify.atoms import AtomSpec, ClaimAtoms
from synth.verify.cell_comparisons import judge_extreme, names_measure, second_order
from synth.verify.cells import TableView
from synth.verify.findings import Context, Finding, in_clause
from synth.verify.labels import CODE_PAIR

# Words that set the subject against something ("than", "over", "compared with", "from … to"):
# the rival is then named (or meant) in words, and this reading does not apply.
_RIVAL_WORDS = re.compile(r"\b(?:than|over|against|versus|vs\.?|compar\w*|relative\s+to|from|rather|instead|"
                          r"whereas|while|unlike|respectively)\b", re.IGNORECASE)


def _sentence(atoms: ClaimAtoms, atom: AtomSpec) -> tuple[int, int]:
    return next(((s, e) for s, e in sentence_spans(atoms.text) if s <= atom.start < e), atom.clause)


def unnamed_rival(atom: AtomSpec, atoms: ClaimAtoms, view: TableView) -> bool:
    """A comparison of one subject, named before its cue, against nothing the sentence names: no
    word that introduces a rival, no margin (which would be against one rival), no ablation code
    pair ("(B2−B3)"), and exactly one label of the table's rows (or columns) in the sentence, which
    names what is measured, not a measure ("the F1 score decreases" compares no row)."""
    start, end = _sentence(atoms, atom)
    if atom.kind is not AtomKind.COMPARISON or atom.margin is not None or second_order(atom, atoms.text):
        return False
    if _RIVAL_WORDS.search(atoms.text, start, end) or CODE_PAIR.search(atoms.text, start, end):
        return False
    for axis in (view.rows, view.columns):
        named = in_clause(axis, (start, end))
        if len({m.label for m, _ in named}) == 1 and all(
                m.start < atom.start and m.whole and not names_measure(m.label) for m, _ in named):
            return True
    return False


def judge_unnamed_rival(number: int, atom: AtomSpec, atoms: ClaimAtoms, view: TableView,
                        context: Context) -> Finding | None:
    """Supported when the subject leads every other row on the clause's columns, contradicted when
    it trails every other row (module docstring); a denial swaps the two."""
    if not unnamed_rival(atom, atoms, view):
        return None
    ahead = replace(atom, kind=AtomKind.EXTREME, negated=False, quantifier="all")
    leads = judge_extreme(number, ahead, atoms, view, context)
    if leads is not None and leads.status is Verdict.SUPPORTED:
        finding, status = leads, Verdict.SUPPORTED
    else:
        trails = judge_extreme(number, replace(ahead, direction=-atom.direction), atoms, view, context)
        if trails is None or trails.status is not Verdict.SUPPORTED:
            return None
        finding, status = trails, Verdict.CONTRADICTED
    if atom.negated:
        status = Verdict.CONTRADICTED if status is Verdict.SUPPORTED else Verdict.SUPPORTED
    place = "ahead of" if finding is leads else "behind"
    note = (f"{finding.subject} is {place} every other row on '{atom.cue}', so whatever rival is meant"
            + (" (the claim denies it)" if atom.negated else ""))
    return replace(finding, status=status, note=note)
