"""Tables in PDF pages, rebuilt from character positions.

PDF text has no table structure: a results table is just glyphs placed in a grid. The grid is
recovered from geometry, which is what survives every PDF producer:

1. glyphs are grouped into lines by *baseline* (not box centre: descenders and decimal points
   would split a line), superscripts (footnote marks, `MBPP+`) are attached to their line;
2. a line whose cells include two or more numbers is a *data row*; neighbouring data rows,
   short group headings ("Closed-Source Models") and the short lines just above (the header)
   make a table block; prose lines and captions end it;
3. columns are the x-intervals that the words of the data rows cover, separated by gutters no
   data word crosses, so a missing cell (`MATH-500` in Qwen3 Table 11) leaves a blank instead of
   shifting the row;
4. header phrases (possibly stacked over several lines, possibly spanning several columns such
   as "LiveCodeBench" over Easy/Medium/Hard/Overall) are joined per column top to bottom;
5. the nearest free "Table N" caption above or below (whichever convention the page follows) is
   attached;
6. a key–value table ("Params | Values", one value per row) has no data row, so runs of aligned
   two-phrase lines close to a caption are read by `keyvalue` among the lines no block took;
7. a caption no table (or only a doubtful one) took is read again on its side of the page alone (`beside`): a
   table set beside a figure, a column of prose or another table shares its baselines with the other side's lines;
8. a table printed in stacked bands under one caption, the column names only in the first (`bands`): each later
   band takes them.

Lines of much smaller glyphs beside a row (a stacked fraction's numerator and denominator, a radical sign TeX
raises above its row) neither end a block nor become headings: `fractions` sets them into their row or header.

Anything uncertain (no caption, a word between columns, merged cells, thin columns) sets
`Table.low_confidence` rather than dropping the table; pages without two numeric lines are never
analysed, so text pages cost one regex scan.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from synth.models import Table
from synth.pdftables.bands import carry_column_names
from synth.pdftables.beside import beside_tables, page_grids
from synth.pdftables.captions import find_captions, pair_captions, table_span
from synth.pdftables.cells import cell_kind, worth_scanning
from synth.pdftables.glyphs import Glyph, page_glyphs
from synth.pdftables.grid import plausible
from synth.pdftables.lines import page_lines

__all__ = ["Glyph", "cell_kind", "extract_tables", "page_glyphs", "tables_from_glyphs", "worth_scanning"]


def extract_tables(page: Any, doc_id: str, page_number: int, page_text: str, page_offset: int,
                   raw_text: str | None = None) -> list[Table]:
    """The tables on one PDF page.

    `page` is a pypdfium2 `PdfPage` (or its `PdfTextPage`); `page_number` is 1-based; `page_text`
    is the page's text exactly as it appears in `Document.text`, starting at `page_offset`, so
    each table's `start`/`end` point at its caption and rows there. Never raises on odd pages:
    a page that cannot be read yields no tables. `raw_text`, pdfium's text of the page when the
    caller has already read it, is not read a second time.
    """
    if not worth_scanning(page_text):
        return []
    try:
        glyphs = page_glyphs(page, raw_text)
    except Exception:  # a damaged page must not stop the document
        return []
    return tables_from_glyphs(glyphs, doc_id, page_number, page_text, page_offset)


def tables_from_glyphs(glyphs: Sequence[Glyph], doc_id: str, page_number: int, page_text: str = "",
                       page_offset: int = 0) -> list[Table]:
    """The tables found among positioned glyphs (the testable core of `extract_tables`)."""
    lines = page_lines(glyphs)
    captions, caption_lines = find_captions(lines)
    grids = page_grids(lines, caption_lines)
    paired = pair_captions(grids, captions)
    found = beside_tables(glyphs, lines, captions, list(zip(grids, paired, strict=True)))
    carry_column_names(found)
    tables: list[Table] = []
    for grid, caption in found:
        if caption is None and not plausible(grid):
            continue  # numbers in a grid without a caption: more likely a figure or a contents page
        start, end = table_span(grid, caption, page_text)
        number = len(tables) + 1
        tables.append(Table(
            table_id=f"{doc_id}#t{page_number}.{number}",
            doc_id=doc_id,
            caption=caption.text if caption else "",
            header=tuple(grid.header),
            rows=tuple(tuple(row) for row in grid.rows),
            row_groups=tuple(grid.groups),
            start=page_offset + start,
            end=page_offset + end,
            page=page_number,
            section=None,
            low_confidence=grid.low_confidence or caption is None,
        ))
    return tables
