"""Cell rows into Tables and their TABLE_ROW passages; `Table N` paragraphs as their captions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from synth.library.markdown.blocks import Block, is_separator
from synth.models import Passage, PassageKind, Table
from synth.text import collapse

_CAPTION = re.compile(r"^[*_\s]*Table\s+\d+", re.IGNORECASE)


@dataclass
class TableBuilder:
    """Turns cell rows into a Table and its TABLE_ROW passages."""

    doc_id: str
    number: int
    caption: str
    section: str | None
    start: int
    end: int
    passages: list[Passage] = field(default_factory=list)

    def build(self, rows: list[tuple[list[str], tuple[int, int]]]) -> Table | None:
        rows = [(cells, span) for cells, span in rows if not is_separator(cells)]
        if not rows:
            return None
        header = rows[0][0]
        width = len(header)
        table_id = f"{self.doc_id}#t{self.number}"
        body: list[tuple[str, ...]] = []
        groups: list[str] = []
        group = ""
        ragged = False
        for cells, span in rows[1:]:
            if not any(cells):
                continue
            if width >= 2 and cells[0] and not any(cells[1:]):
                group = cells[0]
                continue
            ragged = ragged or len(cells) != width
            row = tuple((cells + [""] * width)[:width])
            body.append(row)
            groups.append(group)
            parts = [self.caption, " | ".join(c for c in header if c), group, " | ".join(c for c in row if c)]
            self.passages.append(Passage(self.doc_id, 0, " | ".join(p for p in parts if p), span[0], span[1],
                                         None, self.section, PassageKind.TABLE_ROW, table_id))
        empty_header = sum(1 for c in header if not c) > width / 2
        return Table(table_id, self.doc_id, self.caption, tuple(header), tuple(body), tuple(groups),
                     self.start, self.end, None, self.section, ragged or empty_header)


def caption_of(block: Block, text: str) -> tuple[str, tuple[int, int]] | None:
    """(caption, passage span) when a paragraph is a table caption such as `**Table 8: …**`."""
    if block.kind != "paragraph":
        return None
    raw = text[block.start:block.end]
    if not _CAPTION.match(raw) or len(raw) > 600:
        return None
    start, end = block.start, block.end
    while start < end and text[start] in "*_ \t\n":
        start += 1
    while end > start and text[end - 1] in "*_ \t\n":
        end -= 1
    inner = text[start:end]
    span = (start, end) if "**" not in inner else (block.start, block.end)
    return collapse(inner.replace("**", "")), span


def assign_captions(blocks: list[Block], text: str) -> dict[int, int]:
    """Table block index → caption block index: the paragraph right before, else right after."""
    captions: dict[int, int] = {}
    used: set[int] = set()
    tables = [i for i, b in enumerate(blocks)
              if b.kind == "table" or (b.kind == "html" and "<caption" not in text[b.start:b.end].lower())]
    for i in tables:
        if i > 0 and caption_of(blocks[i - 1], text) and (i - 1) not in used:
            captions[i] = i - 1
            used.add(i - 1)
    for i in tables:
        if i not in captions and i + 1 < len(blocks) and (i + 1) not in used and caption_of(blocks[i + 1], text):
            captions[i] = i + 1
            used.add(i + 1)
    return captions
