"""Columns of a table block: the x-intervals its data words cover, separated by gutters (step 3 of
the package docstring)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from synth.pdftables.lines import Line, Word


@dataclass(slots=True)
class Column:
    x0: float
    x1: float
    support: int = 0

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


def find_columns(data_rows: list[Line], size: float) -> list[Column]:
    """X-intervals covered by data-row words, separated by gutters. With six or more rows a
    stretch must be covered by two rows, so one merged or overlong cell cannot bridge a gutter."""
    need = 2 if len(data_rows) >= 6 else 1
    events: list[tuple[float, int]] = []
    for line in data_rows:
        for word in line.words:
            events += [(word.x0, 1), (word.x1, -1)]
    events.sort()
    covered: list[list[float]] = []
    depth = 0
    start = 0.0
    for x, step in events:
        before = depth
        depth += step
        if before < need <= depth:
            start = x
        elif depth < need <= before and x > start:
            if covered and start <= covered[-1][1] + 0.4 * size:
                covered[-1][1] = x
            else:
                covered.append([start, x])
    columns = [Column(x0, x1) for a, b in covered for x0, x1 in _split_spanned(a, b, data_rows, size)]
    centers = [[(word.x0 + word.x1) / 2 for word in line.words] for line in data_rows]  # Word.center, once
    for column in columns:
        left, right = column.x0, column.x1
        column.support = sum(1 for row in centers if any(left <= center <= right for center in row))
    return columns


def _split_spanned(x0: float, x1: float, data_rows: list[Line], size: float) -> list[tuple[float, float]]:
    """A stretch that three or more rows each print as two words with one shared gutter between them is two
    columns: the two rows whose single cell spans both (a training cost printed once for EN-DE and EN-FR) must not
    bridge the gutter every other row keeps."""
    gaps: list[tuple[float, float]] = []
    for line in data_rows:
        inside = [w for w in line.words if w.x0 >= x0 - 0.5 and w.x1 <= x1 + 0.5]
        gaps += [(a.x1, b.x0) for a, b in itertools.pairwise(inside) if b.x0 - a.x1 > 0.5 * size]
    if len(gaps) < 3:
        return [(x0, x1)]
    left, right = max(a for a, _ in gaps), min(b for _, b in gaps)
    if right - left <= 0.4 * size:
        return [(x0, x1)]
    return [(x0, left), (right, x1)]


def column_of(word: Word, columns: list[Column]) -> tuple[int, bool]:
    """Index of the column holding a word; `exact` is False when it sat between columns or
    straddled two of them.

    One pass over the columns without building lists: this runs for every word of every table."""
    x0, x1 = word.x0, word.x1
    center = (x0 + x1) / 2
    hit = touched = -1
    touching = 0
    for index, column in enumerate(columns):
        left, right = column.x0, column.x1
        if hit < 0 and left - 0.5 <= center <= right + 0.5:
            hit = index
        if min(x1, right) - max(x0, left) > 0:
            touching += 1
            touched = index
    if hit >= 0:
        return hit, touching <= 1
    if touching == 1:
        return touched, True
    nearest = min(range(len(columns)), key=lambda i: min(abs(center - columns[i].x0), abs(center - columns[i].x1)))
    return nearest, False


def overlapped(segment: Word, columns: list[Column]) -> list[int]:
    hits = []
    for index, column in enumerate(columns):
        overlap = min(segment.x1, column.x1) - max(segment.x0, column.x0)
        width = max(column.x1 - column.x0, 1.0)
        if overlap > 0 and (overlap >= 0.4 * width or overlap >= 0.4 * (segment.x1 - segment.x0)):
            hits.append(index)
    return hits
