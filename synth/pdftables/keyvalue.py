"""Two-column key–value tables ("Params | Values": Layers 28, Hidden size 3072, LR 3.2 × 10−4): one
value per row, so no line is a data row (two numbers) and `table_blocks` never starts a block. A text note
between a label and its value (the equation a symbol is defined in) is part of the label.

A run of such rows is read as a table only when everything about it is table-like: at least four
consecutive lines of exactly two short phrases at one size and even spacing, labels left-aligned,
values aligned (left, centre or right) and mostly holding digits, and a "Table N" caption close
above or below. Prose (one phrase per line) and a two-column page (long phrases) never qualify.
"""

from __future__ import annotations

import itertools

from synth.pdftables.cells import cell_kind
from synth.pdftables.grid import Grid
from synth.pdftables.lines import Line

_MIN_ROWS = 4
_CAPTION_REACH = 6.0  # ems between the table's edge and its caption


def key_value_grids(lines: list[Line], caption_lines: set[int], used: set[int]) -> list[Grid]:
    """Grids of key–value tables among lines no other block took (`used` holds their ids)."""
    grids: list[Grid] = []
    i = 0
    while i < len(lines):
        if not _pair_row(lines[i], i, caption_lines, used):
            i += 1
            continue
        j = i + 1
        while (j < len(lines) and _pair_row(lines[j], j, caption_lines, used)
               and _follows(lines[j - 1], lines[j], lines[i])):
            j += 1
        rows = lines[i:j]
        header_line = _header_line(lines, i, rows, caption_lines, used)
        if header_line is None and len(rows) > 2 and _set_apart(rows):
            header_line, rows = rows[0], rows[1:]
        if (len(rows) >= _MIN_ROWS and _aligned(rows) and _numeric(rows)
                and _captioned(lines, caption_lines, header_line or rows[0], rows[-1])):
            grids.append(_grid(header_line, rows))
        i = j
    return grids


def _pair_row(line: Line, index: int, caption_lines: set[int], used: set[int]) -> bool:
    """Two short phrases, a text label (≤ 5 words) and a short value (≤ 4 words), or three with a text note
    between them that belongs to the label ("α | (Equation 1) | 1.5" in PaSa's Table 4, under "Name | Value")."""
    if index in caption_lines or id(line) in used or not 2 <= len(line.segments) <= 3:
        return False
    label, *notes, value = line.segments
    return (cell_kind(label.text) == "text" and len(label.text.split()) <= 5 and len(value.text.split()) <= 4
            and len(value.text) <= 24 and all(cell_kind(n.text) == "text" and len(n.text.split()) <= 4
                                              for n in notes))


def _follows(prev: Line, line: Line, first: Line) -> bool:
    """The next row: same size, a line spacing below (under 2 ems)."""
    return abs(line.size - first.size) <= 0.1 * first.size and 0 < prev.y - line.y <= 2.0 * first.size


def _aligned(rows: list[Line]) -> bool:
    """Labels start at one x; values share a left edge, centre or right edge; the columns never touch."""
    size = rows[0].size
    if max(r.segments[0].x0 for r in rows) - min(r.segments[0].x0 for r in rows) > 0.5 * size:
        return False
    values = [r.segments[-1] for r in rows]
    if min(v.x0 for v in values) <= max(r.segments[-2].x1 for r in rows):
        return False
    return any(max(edge) - min(edge) <= 0.5 * size for edge in (
        [v.x0 for v in values], [v.center for v in values], [v.x1 for v in values]))


def _numeric(rows: list[Line]) -> bool:
    """Most values hold a digit (a hyperparameter table, not a glossary)."""
    return sum(1 for r in rows if any(ch.isdigit() for ch in r.segments[-1].text)) >= 0.6 * len(rows)


def _header_line(lines: list[Line], first: int, rows: list[Line], caption_lines: set[int],
                 used: set[int]) -> Line | None:
    """The line right above the rows naming both columns ("Params | Values"), if there is one."""
    k = first - 1
    if k < 0 or k in caption_lines or id(lines[k]) in used:
        return None
    line, size = lines[k], rows[0].size
    if len(line.segments) != 2 or not 0 < line.y - rows[0].y <= 2.6 * size:
        return None
    if any(cell_kind(s.text) != "text" or len(s.text.split()) > 4 for s in line.segments):
        return None
    return line


def _set_apart(rows: list[Line]) -> bool:
    """The first row is the header: no digit in it, and a wider gap below it than between the rows."""
    if any(ch.isdigit() for ch in rows[0].text):
        return False
    gaps = sorted(a.y - b.y for a, b in itertools.pairwise(rows[1:]))
    return rows[0].y - rows[1].y > 1.2 * gaps[len(gaps) // 2]


def _captioned(lines: list[Line], caption_lines: set[int], top: Line, bottom: Line) -> bool:
    """A caption line within reach above the top line or below the bottom one."""
    size = top.size
    for index in caption_lines:
        caption = lines[index]
        if 0 < caption.y - top.y <= _CAPTION_REACH * size or 0 < bottom.y - caption.y <= _CAPTION_REACH * size:
            return True
    return False


def _grid(header_line: Line | None, rows: list[Line]) -> Grid:
    """Label and value columns, with a note column when every row has one ("Model | Split | Prompts per customer"
    in InstructGPT's Table 8); notes only some rows have are read into their labels."""
    used = [*([header_line] if header_line else []), *rows]
    width = 3 if all(len(r.segments) == 3 for r in rows) else 2
    header = [s.text for s in header_line.segments] if header_line else [""] * width
    if len(header) > width:
        header = [" ".join(header[:-1]), header[-1]]
    elif len(header) < width:  # "Name | Value" over names, notes and values: the name heads both
        header = [*header[:-1], "", header[-1]]
    cells = [[s.text for s in r.segments] if width == 3 else [" ".join(s.text for s in r.segments[:-1]),
                                                              r.segments[-1].text] for r in rows]
    return Grid(header, [[c.replace("\u00ad", "") for c in row] for row in cells], [""] * len(rows),
                header_line is None, max(line.y + line.size for line in used),
                min(line.y for line in used), used)
