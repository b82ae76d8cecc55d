"""What changing a swept setting does, read from table cells: "reducing the number of heads lowers accuracy".

A table run over one setting lays it out as rows labelled by increasing numbers under a header that
names it ("# of Heads" | 1, 2, 4, 8, 16: synth.verify.cells.sweep_rows). A claim that changes the
setting ("increasing the number of attention heads", "reducing the number of layers") and says what
that does to a measure ("improves accuracy", "decreases performance") is read along the whole sweep:
it holds when the measure moves the claimed way at every step (ties aside), and is refuted when the
measure ends on the other side of where it started; a measure that rises and then falls settles
nothing. The change itself is borne out by the table laying the setting out. The measure is the
column the clause names after the effect, else the table's summary measure when it speaks of
performance (synth.verify.measures); without either nothing is read.
"""

from __future__ import annotations

import itertools
import re

from synth.grids import GridCell
from synth.models import AtomKind, Verdict
from synth.text import fold
from synth.verify.atoms import AtomSpec, ClaimAtoms
from synth.verify.cells import TableView, setting_header, sweep_rows
from synth.verify.findings import Context, Finding, quote_cells
from synth.verify.margins import degree_outcome, direction_of
from synth.verify.measures import means_performance, names_measure, summary_columns

_CHANGE = re.compile(r"\b(?P<verb>increasing|raising|adding|reducing|decreasing|lowering|cutting)\s+(?:the\s+)?"
                     r"(?:number|count|amount)\s+of\s+(?P<thing>(?:[\w\-]+\s+){0,2}[\w\-]+)", re.IGNORECASE)
_UP = re.compile(r"^(?:increasing|raising|adding)$", re.IGNORECASE)


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _counted(change: re.Match[str], header: str) -> int | None:
    """Where what the claim changes ends when it is what the sweep counts (the header's last word
    among the words after "number of": "attention heads" for "# of Heads"), else None."""
    last = _singular(fold(header).split()[-1])
    for word in re.finditer(r"[\w\-]+", change.group("thing")):
        if _singular(fold(word.group(0))) == last:
            return change.start("thing") + word.end()
    return None


def _measures(view: TableView, atom: AtomSpec, text: str) -> list[int]:
    """The data columns the effect is on: those the clause names after the effect, else the summary
    measure when the clause speaks of performance."""
    data = sorted({c.column for c in view.grid.cells})
    named = [positions for mention, positions in view.columns
             if atom.end <= mention.start < atom.clause[1] and all(p in data for p in positions)]
    if named:
        return sorted({p for positions in named for p in positions})
    if not means_performance(atom, text, []):
        return []
    paths = view.grid.column_paths
    summary = summary_columns(data, paths, True)
    if summary == data and not all(names_measure(paths[p][-1]) for p in data):
        return []  # no summary measure among the columns: "performance" names none of them
    return summary


def _moves(series: list[GridCell], sign: int) -> bool | None:
    """True when the measure moves the claimed way at every step (ties aside), False when it ends
    on the other side of where it started, None when it goes both ways."""
    steps = [sign * (b.value - a.value) for a, b in itertools.pairwise(series)]
    if all(s >= 0 for s in steps) and any(s > 0 for s in steps):
        return True
    return False if sign * (series[-1].value - series[0].value) < 0 else None


def changes_sweep(view: TableView, text: str) -> bool:
    """Whether the text changes the setting the table sweeps ("reducing the number of attention heads"
    for a table run over "# of Heads")."""
    header = setting_header(view.grid)
    return (header is not None and sweep_rows(view.grid) is not None
            and any(_counted(m, header) is not None for m in _CHANGE.finditer(text)))


def judge_sweep(number: int, atom: AtomSpec, atoms: ClaimAtoms, view: TableView,
                context: Context) -> Finding | None:
    """A change of the swept setting, or what the claim says it does to a measure (module docstring)."""
    rows, header = sweep_rows(view.grid), setting_header(view.grid)
    if rows is None or header is None:
        return None
    text = atoms.text
    found = [(m, end) for m in _CHANGE.finditer(text, atom.clause[0], atom.clause[1])
             if (end := _counted(m, header)) is not None]
    if not found:
        return None
    change, end = found[0]
    run = ", ".join(view.grid.row_paths[r][-1] for r in rows)
    if change.start("verb") <= atom.start < change.end("verb"):  # the change itself: the table lays it out
        labels = [c for r in (rows[0], rows[-1]) if (c := next((x for x in view.grid.cells if x.row == r), None))]
        effect = any(a.kind is AtomKind.COMPARISON and a.start >= end and a.clause == atom.clause for a in atoms.atoms)
        if atom.negated or len(labels) < 2 or not effect:
            return None  # a change with no effect said of it is no claim the sweep can bear out
        return Finding(number, Verdict.SUPPORTED, quote_cells(labels, view, context),
                       f"the table's rows run {header} = {run}", 1.0, subject=header,
                       setting=view.table.caption[:60])
    if atom.start < end or atom.direction == 0:
        return None
    grow = 1 if _UP.match(change.group("verb")) else -1
    moved: list[bool | None] = []
    shown: list[GridCell] = []
    for column in _measures(view, atom, text):
        series = [view.cell(r, column) for r in rows]
        cells = [c for c in series if c is not None]
        if len(cells) != len(rows):
            continue
        moved.append(_moves(cells, grow * direction_of(atom, cells[0].column_path)))
        shown += [cells[0], cells[-1]]
    if not moved or (None in moved and False not in moved):
        return None
    holds = False not in moved
    status = Verdict.SUPPORTED if holds != atom.negated else Verdict.CONTRADICTED
    if holds and not atom.negated:  # "slightly improves": the change over the whole sweep must fit the degree
        status = degree_outcome(atom, [(shown[i + 1], shown[i]) for i in range(0, len(shown), 2)], status)
        if status is Verdict.INSUFFICIENT:
            return None
    note = (f"along {header} = {run}: '{atom.cue}' {'holds at every step' if holds else 'is not borne out'}"
            + (" (the claim denies it)" if atom.negated else ""))
    conflicting = None if status is Verdict.SUPPORTED else shown[-1].raw
    return Finding(number, status, quote_cells(shown[:4], view, context, conflicting), note, 1.0,
                   subject=header, attribute=", ".join(dict.fromkeys(" / ".join(c.column_path) for c in shown)),
                   setting=view.table.caption[:60])
