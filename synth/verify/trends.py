"""Trends read from table cells: "A scales better than B as the batch size increases".

A comparison of how two series change along a setting compares no single pair of cells: it is read
where the table lays the setting out as rows labelled by numbers in increasing order under a label
column whose header the claim names ("Batch size" | 1, 10, 25). Each compared name is one column;
its change is the ratio of its last cell to its first (the growth from the smallest setting to the
largest), and "scales better" / "grows faster" holds when the subject's change is the larger in
the metric's own direction. The "as the batch size increases" phrase is itself checked: the table
shows the setting increasing down its rows. Anything else (unordered or non-numeric rows, a
setting the table does not label, more or fewer than two compared columns) settles nothing.
"""

from __future__ import annotations

import itertools
import re

from synth.grids import GridCell
from synth.models import Verdict
from synth.text import fold
from synth.verify.atoms import AtomSpec, ClaimAtoms
from synth.verify.cells import TableView
from synth.verify.findings import Context, Finding, quote_cells
from synth.verify.labels import plain
from synth.verify.margins import direction_of

_AS_SETTING = re.compile(r"\bas\s+(?:the\s+)?(?P<setting>[A-Za-z][\w\- ]{1,40}?)\s+(?P<verb>increases|grows|rises|"
                         r"goes\s+up|decreases|shrinks|drops)\b", re.IGNORECASE)
_SCALES = re.compile(r"\b(?:scal\w*|grow\w*|improv\w*|increas\w*)\s+$", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)?\s*$")


def _setting(view: TableView, name: str) -> list[int] | None:
    """The rows of the setting the claim names, in table order, when a label column with that
    header labels them by numbers that increase down the table."""
    wanted = fold(name).strip()
    headers = [fold(" ".join(view.grid.column_paths[c])).strip() for c in range(view.grid.label_columns)
               if c < len(view.grid.column_paths)]
    if not wanted or wanted not in headers:
        return None
    rows = [r for r, path in enumerate(view.grid.row_paths) if path and _NUMBER.match(path[-1])]
    values = [float(view.grid.row_paths[r][-1]) for r in rows]
    if len(rows) < 2 or len(rows) != sum(1 for p in view.grid.row_paths if p):
        return None
    if any(b <= a for a, b in itertools.pairwise(values)):
        return None
    return rows


def _phrase(atom: AtomSpec, text: str) -> re.Match[str] | None:
    """The "as the <setting> increases" phrase the atom is the verb of, else the first after it in its clause."""
    found = list(_AS_SETTING.finditer(text, atom.clause[0], atom.clause[1]))
    own = [m for m in found if m.start("verb") <= atom.start < m.end("verb")]
    return own[0] if own else next((m for m in found if m.start() >= atom.end), None)


def _series(view: TableView, rows: list[int], column: int) -> list[GridCell] | None:
    cells = [view.cell(r, column) for r in rows]
    return None if any(c is None for c in cells) else [c for c in cells if c is not None]


def judge_trend(number: int, atom: AtomSpec, atoms: ClaimAtoms, view: TableView,
                context: Context) -> Finding | None:
    """A trend comparison (module docstring), or the setting phrase it is read along."""
    text = atoms.text
    phrase = _phrase(atom, text)
    if phrase is None:
        return None
    rows = _setting(view, phrase.group("setting"))
    if rows is None:
        return None
    rising = not re.match(r"decreas|shrink|drop", phrase.group("verb"), re.IGNORECASE)
    if phrase.start("verb") <= atom.start < phrase.end("verb"):  # the setting phrase itself
        labels = [c for r in rows if (c := next((x for x in view.grid.cells if x.row == r), None)) is not None]
        if not rising or atom.negated or len(labels) < 2:
            return None
        shown = [labels[0], labels[-1]]
        return Finding(number, Verdict.SUPPORTED, quote_cells(shown, view, context),
                       f"the table's rows run {phrase.group('setting')} = "
                       f"{', '.join(view.grid.row_paths[r][-1] for r in rows)}", 1.0,
                       subject=phrase.group("setting"), setting=view.table.caption[:60])
    if not _SCALES.search(text[atom.clause[0]:atom.start]) or not rising:
        return None
    named = [(m, p[0]) for m, p in view.columns if len(p) == 1 and atom.clause[0] <= m.start < phrase.start()]
    before = [n for n in named if n[0].start < atom.start]
    after = [n for n in named if n[0].start >= atom.end]
    if not before or not after or before[-1][1] == after[0][1]:
        return None
    subject, rival = before[-1], after[0]
    mine, theirs = _series(view, rows, subject[1]), _series(view, rows, rival[1])
    if mine is None or theirs is None or mine[0].value <= 0 or theirs[0].value <= 0:
        return None
    growth = (mine[-1].value / mine[0].value, theirs[-1].value / theirs[0].value)
    if growth[0] == growth[1]:
        return None
    higher = growth[0] > growth[1]
    holds = higher if direction_of(atom, mine[0].column_path) > 0 else not higher
    status = Verdict.SUPPORTED if holds != atom.negated else Verdict.CONTRADICTED
    note = (f"{plain(subject[0].label)} changes ×{growth[0]:.2f} and {plain(rival[0].label)} ×{growth[1]:.2f} "
            f"from {view.grid.row_paths[rows[0]][-1]} to {view.grid.row_paths[rows[-1]][-1]}"
            + (" (the claim denies it)" if atom.negated else ""))
    shown = [mine[0], mine[-1], theirs[0], theirs[-1]]
    return Finding(number, status, quote_cells(shown, view, context,
                                               None if status is Verdict.SUPPORTED else theirs[-1].raw),
                   note, 1.0, subject=plain(subject[0].label), attribute=phrase.group("setting"),
                   setting=view.table.caption[:60])
