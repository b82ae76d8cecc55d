"""Tables as grids: every numeric cell addressed by its row path (row group, then every label column, a blank
label cell taking the label above it as a row span does) and its column path (every header level top to bottom: a
header of several lines or levels, a sub-header row read as a body row, a spanning label repeated or left blank
over the columns it spans). Verification and quotes read cells this way; the answer stage reads records
(synth.tables)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from functools import cached_property

from synth.models import Table
from synth.tableheads import axis_columns, fill_right, spanning, sub_header_rows, titled_group
from synth.tables import MISSING, parse_cell, parse_value, repeated_header
from synth.text import fold

# A numbered member of a series under a shared label ("Stage 1", "Stage 2"): the number alone names no column.
_NUMBERED = re.compile(r"\d{1,2}|[IVX]{1,4}")


@dataclass(frozen=True)
class GridCell:
    """One numeric cell with the full paths of its row and column labels, outermost first."""

    row: int
    column: int
    row_path: tuple[str, ...]
    column_path: tuple[str, ...]
    raw: str
    value: float
    unit: str | None


@dataclass(frozen=True)
class Grid:
    """A table as cells addressed by header paths; `row_paths[i]` is () for a header or group row."""

    table: Table
    label_columns: int
    column_paths: tuple[tuple[str, ...], ...]
    row_paths: tuple[tuple[str, ...], ...]
    cells: tuple[GridCell, ...]

    @cached_property
    def cell_at(self) -> dict[tuple[int, int], GridCell]:
        """Each cell by (row, column), built once and kept with the grid (the verifier looks up many
        cells of one table). Never in a module dict keyed by id(grid): a freed grid's address is
        reused by new grids, which then read the freed grid's cells."""
        return {(cell.row, cell.column): cell for cell in self.cells}


def _numeric(cell: str) -> bool:
    return parse_value(cell) is not None


def _blank(cell: str) -> bool:
    return fold(cell.strip()) in MISSING


def _label_columns(header: list[str], rows: list[list[str]]) -> int:
    """Leading columns that name rows rather than hold figures: the first, and each next one whose
    filled cells are mostly text ("Train | Test | System | BLEU …")."""
    width = len(header)
    count = 1
    while count < width - 1:
        filled = [r[count] for r in rows if count < len(r) and not _blank(r[count])]
        if not filled or sum(1 for c in filled if _numeric(c)) * 2 >= len(filled):
            break
        count += 1
    return count


def _split_prefixes(header: list[str], labels: int) -> list[list[str]]:
    """A one-line header whose neighbouring labels share a first word or phrase was a spanning
    header merged into each column ("LiveCodeBench Easy (82)", "LiveCodeBench Hard (57)", or
    "NC-v11 BLEU", "NC-v11 TER"): two levels, the shared phrase above."""
    words = [h.split() for h in header]
    top = [""] * len(header)
    bottom = list(header)
    c = labels
    while c < len(header):
        best = 0
        for size in range(1, len(words[c])):
            prefix = words[c][:size]
            run = c
            while run + 1 < len(header) and words[run + 1][:size] == prefix and len(words[run + 1]) > size:
                run += 1
            if run > c:
                best = size
        if best:
            end = _run_end(words, c, best)
            if best > 1 and all(_NUMBERED.fullmatch(" ".join(words[i][best:])) for i in range(c, end + 1)):
                best -= 1  # "Janus-Pro-7B Stage 1/2/3": "Stage" stays with its number, above it is the model
                end = _run_end(words, c, best)
            prefix = words[c][:best]
            for i in range(c, end + 1):
                top[i], bottom[i] = " ".join(prefix), " ".join(words[i][best:])
            c = end + 1
        else:
            c += 1
    return [top, bottom] if any(top) else [header]


def _run_end(words: list[list[str]], c: int, size: int) -> int:
    """The last column of the run from `c` whose labels share `c`'s first `size` words and go on after them."""
    end = c
    while end + 1 < len(words) and words[end + 1][:size] == words[c][:size] and len(words[end + 1]) > size:
        end += 1
    return end


def grid_parts(table: Table) -> list[Grid]:
    """The table's grids, one per header: two tables the PDF reader merged into one (Switch Transformers'
    Table 9, "Model | Expert Freq. | Num. Layers | Num Experts" printed below "Model | Parameters | FLOPs/seq …")
    are two grids, each with its own column labels, so a label of one never addresses a cell of the other.
    Each part keeps the table's row numbers (a row's span and quote stay the table's); the other parts' rows
    are blank in it."""
    header = [c.strip() for c in table.header]
    starts: list[int] = []
    figures = False  # a header level right under the header (a rowspan's "Model" repeated) starts no table
    for r, row in enumerate(table.rows):
        if figures and repeated_header(header, row):
            starts.append(r)
            header, figures = [c.strip() for c in row], False
        figures = figures or any(_numeric(c) for c in row[1:])
    if not starts:
        return [grid(table)]
    bounds = [-1, *starts, len(table.rows)]
    parts = []
    for lo, hi in itertools.pairwise(bounds):
        rows = tuple(row if lo < r < hi else () for r, row in enumerate(table.rows))
        parts.append(grid(replace(table, header=table.header if lo < 0 else table.rows[lo], rows=rows)))
    return parts


def grid(table: Table) -> Grid:
    """The table's numeric cells addressed by header paths (see the module docstring)."""
    width = max([len(table.header), *(len(r) for r in table.rows)], default=0)
    header = [c.strip() for c in (*table.header, *[""] * (width - len(table.header)))]
    rows = [[c.strip() for c in (*row, *[""] * (width - len(row)))] for row in table.rows]
    if width < 2 or not rows:
        return Grid(table, 1, tuple((h,) if h else () for h in header), tuple(() for _ in rows), ())
    axis = axis_columns(table)  # "Training Steps | 65,536 | 524,288" under a blank header: the columns' header
    if axis:
        header = [*axis, *[""] * (width - len(axis))]
    labels = _label_columns(header, rows)
    first_body = 1 if axis else sub_header_rows(rows, labels)
    levels = [header] if axis else [header, *rows[:first_body]]
    if len(levels) == 1:
        filled = _split_prefixes(header, labels)
    else:
        filled = [fill_right(level, labels) if i < len(levels) - 1 else level for i, level in enumerate(levels)]
    column_paths = []
    for c in range(width):
        path: list[str] = []
        for level in filled if c >= labels else [header]:
            label = level[c]
            if label and (not path or path[-1] != label):
                path.append(label)
        column_paths.append(tuple(path))
    row_paths: list[tuple[str, ...]] = [() for _ in rows]
    cells: list[GridCell] = []
    group, above = "", [""] * labels
    for r in range(first_body, len(rows)):
        row = rows[r]
        data = row[labels:]
        if not any(_numeric(c) for c in data) and (spanning(row) or not any(c for c in data)):
            group = next(c for c in row if c) if any(row) else group
            above = [""] * labels
            continue
        names = [row[c] if (row[c] and not _blank(row[c])) or not above[c] else above[c] for c in range(labels)]
        above = names
        table_group = titled_group(table, r, first_body)
        prefix = [g for g in dict.fromkeys((table_group, group)) if g]
        row_paths[r] = tuple(p for p in (*prefix, *names) if p)
        for c in range(labels, width):
            parsed = parse_cell(row[c])
            if parsed is not None:
                cells.append(GridCell(r, c, row_paths[r], column_paths[c], row[c], parsed[0], parsed[1]))
    return Grid(table, labels, tuple(column_paths), tuple(row_paths), tuple(cells))
