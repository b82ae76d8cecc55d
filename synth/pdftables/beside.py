"""Tables set beside a figure or a column of prose, read on their side of the page alone (step 7 of the
package docstring).

Beside a plot, or in one column of a two-column page, a table's rows share baselines with the lines of the
other side, so the page's lines mix the two: a row becomes a line of prose (the Adafactor paper's Table 3 next
to the text column), a header line takes a legend entry and the plot's tick labels set its size (RMSNorm's
Table 10 beside Figure 9), a caption starts in the middle of a line ("5 Experiments … Table 4: …" in PaSa),
and two tables side by side become one grid under the nearer caption (BERT's Tables 2 and 4). A "Table N"
caption that no table of the page took, whose tables are all low-confidence, or whose table reaches across a
gutter to another caption's side is therefore read again from the glyphs on its side alone: under its width
(towards a side where nothing is beside it, the table may be wider than its caption), over the band of lines
around it that nothing crosses at its edges, no confident table of another caption holds and no gap of three
ems breaks. Only such captions are read twice, so pages whose tables were all found cost nothing more.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from synth.pdftables.blocks import table_blocks
from synth.pdftables.captions import CAPTION, Caption, find_captions, pair_captions
from synth.pdftables.glyphs import Glyph
from synth.pdftables.grid import Grid, block_grids
from synth.pdftables.keyvalue import key_value_grids
from synth.pdftables.lines import Line, Word, page_lines

_MARGIN = 0.5  # ems beyond the caption's edges that still belong to its side
_GAP = 3.0  # ems of blank page between two lines that end a caption's band
_REACH = 12.0  # ems from a table within which another caption may be its neighbour's (as pair_captions reaches)
_GUTTER = 1.5  # ems between two phrases of a line that set a caption apart from the other column


@dataclass(frozen=True, slots=True)
class Anchor:
    """A caption whose table may sit beside something: its number, horizontal extent and the index of its line."""

    number: int
    x0: float
    x1: float
    index: int
    size: float


def page_grids(lines: list[Line], caption_lines: set[int]) -> list[Grid]:
    """Grids of the table blocks, then of key-value tables among the lines no block took."""
    grids: list[Grid] = []
    for number, (block, first_data) in enumerate(table_blocks(lines, caption_lines)):
        for grid in block_grids(block, first_data):
            grid.block = number
            grids.append(grid)
    used = {id(line) for grid in grids for line in grid.lines}
    for grid in key_value_grids(lines, caption_lines, used):
        grid.block = max((g.block for g in grids), default=-1) + 1
        grids.append(grid)
    return grids


def beside_tables(glyphs: Sequence[Glyph], lines: list[Line], captions: list[Caption],
                  found: list[tuple[Grid, Caption | None]]) -> list[tuple[Grid, Caption | None]]:
    """`found` (grids with their captions), where a caption's table is read again on its side of the page: a caption
    left without a table, or with a doubtful one (RMSNorm's Table 10 kept only the two rows no plot line shared a
    baseline with), whose reading there holds more cells; or one whose table reached across a gutter into another
    caption's table (BERT's Tables 2 and 4, side by side on one baseline), whatever its reading there holds."""
    paired = {id(caption) for _, caption in found if caption is not None}
    straddling = _straddling(lines, captions, found)
    out = list(found)

    def doubtful(number: int) -> bool:
        return number in straddling or _doubtful(out, number)

    done: set[int] = set()
    for anchor in _anchors(lines, [c for c in captions if id(c) not in paired]
                           + [c for _, c in found if c is not None and doubtful(c.number)]):
        own = [grid for grid, caption in out if caption is not None and caption.number == anchor.number]
        if anchor.number in done or (own and not doubtful(anchor.number)):
            continue
        done.add(anchor.number)
        lo, hi = anchor.x0 - _MARGIN * anchor.size, anchor.x1 + _MARGIN * anchor.size
        used = {id(line) for grid, caption in out if caption is not None and caption.number != anchor.number
                and not doubtful(caption.number) for line in grid.lines}
        band = _band(lines, anchor.index, lo, hi, used)
        left = any(s.x1 < lo for line in band for s in line.segments)
        right = any(s.x0 > hi for line in band for s in line.segments)
        if not left and not right:
            continue  # nothing beside the caption: the page reading already saw its side alone
        if not (left and right):  # the table may be wider than its caption towards the free margin
            lo, hi = (lo, math.inf) if left else (-math.inf, hi)
            band = _band(lines, anchor.index, lo, hi, used)
        read = _side_reading(glyphs, band, lo, hi, anchor.number)
        if read and (anchor.number in straddling or _cells(read[0]) > sum(map(_cells, own))):
            inside = {id(line) for line in band}
            out = [(grid, caption) for grid, caption in out if not any(grid is o for o in own)
                   and not ((caption is None or doubtful(caption.number)) and _mixed(grid, inside, lo, hi))]
            out.append(read)
    return out


def _straddling(lines: list[Line], captions: list[Caption], found: list[tuple[Grid, Caption | None]]) -> set[int]:
    """Numbers of the captions whose tables reach, across a gutter at one edge of the caption that none of their
    phrases crosses, to the side where another caption is: two tables set side by side on shared baselines read as
    one, under whichever caption was nearer."""
    index = {id(line): k for k, line in enumerate(lines)}
    extents = {id(c): _anchor(c.number, c.first_line.segments, 0, index[id(c.first_line)]) for c in captions}
    numbers: set[int] = set()
    for caption in captions:
        grids = [grid for grid, paired in found if paired is caption]
        if not grids:
            continue
        mine = extents[id(caption)]
        lo, hi = mine.x0 - _MARGIN * mine.size, mine.x1 + _MARGIN * mine.size
        segments = [s for grid in grids for line in grid.lines for s in line.segments]
        if any(s.x0 < edge < s.x1 for s in segments for edge in (lo, hi)):
            continue
        beyond_left, beyond_right = any(s.x1 < lo for s in segments), any(s.x0 > hi for s in segments)
        if beyond_left == beyond_right:
            continue
        top, bottom = max(grid.top for grid in grids), min(grid.bottom for grid in grids)
        reach = _REACH * mine.size
        for other in captions:
            theirs = extents[id(other)]
            if (other is not caption and bottom - reach <= other.top and other.bottom <= top + reach
                    and (theirs.x1 < lo if beyond_left else theirs.x0 > hi)):
                numbers.add(caption.number)
    return numbers


def _doubtful(found: Sequence[tuple[Grid, Caption | None]], number: int) -> bool:
    """Whether every grid paired with caption `number` is low-confidence."""
    grids = [grid for grid, caption in found if caption is not None and caption.number == number]
    return bool(grids) and all(grid.low_confidence for grid in grids)


def _mixed(grid: Grid, band: set[int], lo: float, hi: float) -> bool:
    """A grid of the band's lines reaching into the caption's side: both sides read as one, so an uncaptioned or
    doubtful one is dropped when the side is read alone (a plot and a table beside it under the plot's caption)."""
    return any(id(line) in band for line in grid.lines) and any(
        line.x1 > lo and line.x0 < hi for line in grid.lines)


def _cells(grid: Grid) -> int:
    return sum(1 for row in grid.rows for cell in row if cell)


def _side_reading(glyphs: Sequence[Glyph], band: list[Line], lo: float, hi: float,
                  number: int) -> tuple[Grid, Caption] | None:
    """The grid captioned `number` among the glyphs between `lo` and `hi` (centres) over the band's height."""
    top, bottom = band[0].y + band[0].size, band[-1].y - 0.5 * band[-1].size
    side = [g for g in glyphs if lo <= (g.x0 + g.x1) / 2 <= hi and bottom <= g.y <= top]
    side_lines = page_lines(side)
    side_captions, side_caption_lines = find_captions(side_lines)
    side_grids = page_grids(side_lines, side_caption_lines)
    for grid, caption in zip(side_grids, pair_captions(side_grids, side_captions), strict=True):
        if caption is not None and caption.number == number:
            return grid, caption
    return None


def _anchors(lines: list[Line], captions: list[Caption]) -> list[Anchor]:
    """The given captions, and captions that start inside a line, after a phrase of the other side."""
    index = {id(line): k for k, line in enumerate(lines)}
    anchors = [_anchor(c.number, c.first_line.segments, 0, index[id(c.first_line)]) for c in captions]
    for k, line in enumerate(lines):
        for at, segment in enumerate(line.segments):
            match = CAPTION.match(segment.text) if at else None
            if match:
                anchors.append(_anchor(int(match.group(1)), line.segments, at, k))
                break
    return anchors


def _anchor(number: int, segments: list[Word], first: int, index: int) -> Anchor:
    """A caption's extent: its phrases from `first` up to a gap of over `_GUTTER` ems, where the line goes on into
    the other column (BERT's "Table 3: SQuAD 2.0 results. We exclude entries that" beside "(SWAG) dataset …")."""
    size = segments[first].size
    last = first
    while last + 1 < len(segments) and segments[last + 1].x0 - segments[last].x1 <= _GUTTER * size:
        last += 1
    return Anchor(number, segments[first].x0, segments[last].x1, index, size)


def _band(lines: list[Line], index: int, lo: float, hi: float, used: set[int]) -> list[Line]:
    """The run of lines around `index` that no phrase crosses at `lo` or `hi`, no other table read with confidence
    holds, and no gap of over `_GAP` ems breaks: how far the caption's side of the page reaches up and down. A
    doubtful table does not stop it: the page reading may have read the plot beside it and some of its rows as one
    (RMSNorm's Figure 9 and Table 10, under Table 9's caption)."""
    size = lines[index].size

    def open_line(line: Line, neighbour: Line) -> bool:
        return (id(line) not in used and abs(neighbour.y - line.y) <= _GAP * size
                and not any(s.x0 < edge < s.x1 for s in line.segments for edge in (lo, hi)))

    first = last = index
    while first > 0 and open_line(lines[first - 1], lines[first]):
        first -= 1
    while last + 1 < len(lines) and open_line(lines[last + 1], lines[last]):
        last += 1
    return lines[first:last + 1]
