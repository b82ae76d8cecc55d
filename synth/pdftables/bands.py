"""Bands of one table: a results table printed as stacked bands, each under a label row of its own ("OPTQ | QuIP",
then "LDLQ-RG | QuIP-RG", … in QuIP's Table 1), with the column names ("WBits | Wiki↓ | PTB↓ | …") printed once,
in the first band. The block finder makes each band a grid of its own, so a later band's cells sat under no column
name and none of its values could be read ("QuIP, 2 bits, Wiki↓ 11.48"). A later band of the same caption takes the
first band's column names as a sub-header row under its label row, the way the first band has them."""

from __future__ import annotations

from collections.abc import Sequence

from synth.pdftables.captions import Caption
from synth.pdftables.cells import cell_kind
from synth.pdftables.grid import Grid


def _names_row(cells: Sequence[str]) -> bool:
    """Every column named and no number among the names: a row of column names."""
    return bool(cells) and all(c.strip() and cell_kind(c) == "text" for c in cells)


def _label_row(cells: Sequence[str]) -> bool:
    """A few labels over a wide row (each spanning the columns of its half or band), no number, the label column
    blank: the row that names a band, not its columns."""
    filled = [c for c in cells if c.strip()]
    return (bool(filled) and not cells[0].strip() and 2 * len(filled) <= len(cells)
            and all(cell_kind(c) == "text" for c in filled))


def _column_names(first: Grid) -> list[str] | None:
    """The first band's column names: its header, or, under a label row, the body's first row."""
    if _names_row(first.header):
        return list(first.header)
    if _label_row(first.header) and first.rows and _names_row(first.rows[0]):
        return list(first.rows[0])
    return None


def carry_column_names(found: Sequence[tuple[Grid, Caption | None]]) -> None:
    """Give each later band of a captioned table the column names its first band prints (in place)."""
    position = 0
    while position < len(found):
        grid, caption = found[position]
        following = position + 1
        while following < len(found) and caption is not None and found[following][1] is caption:
            following += 1
        names = _column_names(grid) if following - position > 1 else None
        for band, _ in found[position + 1:following] if names else ():
            if len(band.header) == len(names) and _label_row(band.header) and band.rows \
                    and not _names_row(band.rows[0]) and any(cell_kind(c) == "num" for c in band.rows[0]):
                band.rows.insert(0, list(names))
                band.groups.insert(0, "")
        position = following
