"""Markdown reader: sections from ATX headings, paragraphs as passages, tables kept as tables.

A GitHub pipe table (or a basic HTML `<table>`) becomes a `Table` with its caption, header, body
rows and the group headings ("Coding Tasks") its rows sit under; every body row is also indexed as
one TABLE_ROW passage that carries the caption and header, so BM25 finds "LiveCodeBench" together
with the model names of the columns. Text passages are exact slices of the repaired text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from synth.library.base import (
    EXTRACTOR_VERSION,
    Unreadable,
    decode_text,
    first_line_title,
    numbered,
    paragraph_chunks,
    short_title,
    text_passage,
)
from synth.models import Document, Passage, PassageKind, Table
from synth.text import collapse, repair

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CAPTION = re.compile(r"^[*_\s]*Table\s+\d+", re.IGNORECASE)
_SEPARATOR_CELL = re.compile(r"^:?-+:?$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_HTML_TABLE_START = re.compile(r"<table\b", re.IGNORECASE)
_HTML_TABLE_END = re.compile(r"</table\s*>", re.IGNORECASE)
_MAX_SPAN = 100
_GENERIC_HEADINGS = {"abstract", "introduction", "contents", "table of contents", "summary", "references", "overview"}


@dataclass
class _Block:
    """A run of lines: a paragraph, a pipe or HTML table, or a heading."""

    kind: str
    start: int
    end: int
    section: str | None
    lines: list[tuple[int, int]] = field(default_factory=list)


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, position = [], 0
    for line in text.split("\n"):
        spans.append((position, position + len(line)))
        position += len(line) + 1
    return spans


def clean_heading(raw: str) -> str:
    """Heading text without markup: `## **5.2 Results**` → `5.2 Results`."""
    return collapse(raw.replace("**", "").replace("__", "").strip("#").strip())


def clean_cell(raw: str) -> str:
    return collapse(raw.replace("\\|", "|").replace("**", "").replace("__", ""))


def split_row(line: str) -> list[str]:
    """Cells of one pipe-table line, outer pipes dropped, `\\|` kept as a literal pipe."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [clean_cell(cell) for cell in _CELL_SPLIT.split(body)]


def _is_separator(cells: list[str]) -> bool:
    return bool(cells) and all(_SEPARATOR_CELL.match(c.replace(" ", "")) for c in cells)


def _is_table_line(line: str) -> bool:
    return line.lstrip().startswith("|")


class _Scanner:
    """Splits markdown into blocks, tracking the section each block belongs to."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = _line_spans(text)
        self.blocks: list[_Block] = []
        self.headings: list[tuple[int, str]] = []
        self.front_matter: dict[str, str] = {}
        self.section: str | None = None

    def line(self, index: int) -> str:
        start, end = self.lines[index]
        return self.text[start:end]

    def scan(self) -> None:
        index = self._front_matter()
        while index < len(self.lines):
            index = self._block(index)

    def _front_matter(self) -> int:
        if not self.lines or self.line(0).strip() != "---":
            return 0
        for index in range(1, min(len(self.lines), 200)):
            if self.line(index).strip() in ("---", "..."):
                for line_index in range(1, index):
                    key, sep, value = self.line(line_index).partition(":")
                    if sep and key.strip() and value.strip():
                        self.front_matter[key.strip().lower()] = value.strip().strip("\"'")
                return index + 1
        return 0

    def _add(self, kind: str, first: int, last: int) -> None:
        lines = self.lines[first:last + 1]
        self.blocks.append(_Block(kind, lines[0][0], lines[-1][1], self.section, lines))

    def _heading(self, index: int, last: int, level: int, raw: str) -> None:
        """A heading starts a section; it is kept as a block so a caption is never looked for across it."""
        title = clean_heading(raw)
        if title:
            self.headings.append((level, title))
            self.section = title
        self._add("heading", index, last)

    def _block(self, index: int) -> int:
        line = self.line(index)
        if not line.strip():
            return index + 1
        fence = _FENCE.match(line)
        if fence:
            return self._fenced(index, fence.group(1))
        atx = _ATX.match(line)
        if atx:
            self._heading(index, index, len(atx.group(1)), atx.group(2) or "")
            return index + 1
        if _HTML_TABLE_START.search(line):
            return self._html_table(index)
        if self._starts_pipe_table(index):
            return self._pipe_table(index)
        if _RULE.match(line):
            return index + 1
        if (index + 1 < len(self.lines) and _SETEXT.match(self.line(index + 1)) and not _is_table_line(line)
                and line.rstrip()[-1] not in ".!?:;,"):
            level = 1 if "=" in self.line(index + 1) else 2
            self._heading(index, index + 1, level, line)
            return index + 2
        return self._paragraph(index)

    def _fenced(self, index: int, marker: str) -> int:
        last = index
        for other in range(index + 1, len(self.lines)):
            last = other
            if self.line(other).strip().startswith(marker[0] * len(marker)):
                break
        self._add("paragraph", index, last)
        return last + 1

    def _starts_pipe_table(self, index: int) -> bool:
        if not _is_table_line(self.line(index)):
            return False
        return index + 1 < len(self.lines) and _is_table_line(self.line(index + 1))

    def _pipe_table(self, index: int) -> int:
        last = index
        while last + 1 < len(self.lines) and _is_table_line(self.line(last + 1)):
            last += 1
        self._add("table", index, last)
        return last + 1

    def _html_table(self, index: int) -> int:
        """Up to `</table>`; a table that is never closed ends at the next blank line instead."""
        last = index
        while not _HTML_TABLE_END.search(self.line(last)):
            if last + 1 == len(self.lines):
                last = index
                while last + 1 < len(self.lines) and self.line(last + 1).strip():
                    last += 1
                break
            last += 1
        self._add("html", index, last)
        return last + 1

    def _ends_paragraph(self, index: int) -> bool:
        line = self.line(index)
        return (not line.strip() or bool(_ATX.match(line)) or bool(_FENCE.match(line))
                or bool(_RULE.match(line)) or bool(_HTML_TABLE_START.search(line))
                or self._starts_pipe_table(index))

    def _paragraph(self, index: int) -> int:
        last = index
        while last + 1 < len(self.lines) and not self._ends_paragraph(last + 1):
            last += 1
        self._add("paragraph", index, last)
        return last + 1


class _HTMLTableParser(HTMLParser):
    """Rows of cell texts from HTML tables; rowspan and colspan repeat the cell's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[str, list[list[str]]]] = []
        self._depth = 0
        self._rows: list[list[str]] = []
        self._row: list[tuple[str, int, int]] | None = None
        self._cell: list[str] | None = None
        self._span = (1, 1)
        self._caption: list[str] | None = None
        self._captions: list[str] = []
        self._pending: dict[int, tuple[int, str]] = {}

    @staticmethod
    def _int(value: str | None) -> int:
        try:
            return max(1, min(_MAX_SPAN, int(value or "1")))
        except ValueError:
            return 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag == "table":
            self._depth += 1
            if self._depth == 1:
                self._rows, self._pending, self._captions = [], {}, []
            return
        if self._depth != 1:
            return
        if tag == "tr":
            self._finish_row()
            self._row = []
        elif tag in ("td", "th"):
            self._finish_cell()
            if self._row is None:
                self._row = []
            values = dict(attrs)
            self._cell = []
            self._span = (self._int(values.get("rowspan")), self._int(values.get("colspan")))
        elif tag == "caption":
            self._caption = []
        elif tag == "br":
            self._data(" ")

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if tag == "table":
            if self._depth == 1:
                self._finish_row()
                self.tables.append((collapse(" ".join(self._captions)), self._rows))
            self._depth = max(0, self._depth - 1)
        elif self._depth != 1:
            return
        elif tag in ("td", "th"):
            self._finish_cell()
        elif tag == "tr":
            self._finish_row()
        elif tag == "caption" and self._caption is not None:
            self._captions.append("".join(self._caption))
            self._caption = None

    def handle_data(self, data: str) -> None:
        self._data(data)

    def close(self) -> None:
        """A table left open at the end of the block still yields what was read of it."""
        super().close()
        if self._depth >= 1:
            self._depth = 1
            self.handle_endtag("table")

    def _data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        elif self._caption is not None:
            self._caption.append(data)

    def _finish_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            rowspan, colspan = self._span
            self._row.append((clean_cell("".join(self._cell)), rowspan, colspan))
        self._cell = None

    def _finish_row(self) -> None:
        self._finish_cell()
        if self._row is None:
            return
        out: list[str] = []

        def fill_pending() -> None:
            while len(out) in self._pending:
                remaining, value = self._pending[len(out)]
                out.append(value)
                if remaining > 1:
                    self._pending[len(out) - 1] = (remaining - 1, value)
                else:
                    del self._pending[len(out) - 1]

        for value, rowspan, colspan in self._row:
            fill_pending()
            for _ in range(colspan):
                if rowspan > 1:
                    self._pending[len(out)] = (rowspan - 1, value)
                out.append(value)
        fill_pending()
        for column in sorted(c for c in self._pending if c >= len(out)):
            out.extend([""] * (column - len(out)))
            fill_pending()
        self._rows.append(out)
        self._row = None


@dataclass
class _TableBuilder:
    """Turns cell rows into a Table and its TABLE_ROW passages."""

    doc_id: str
    number: int
    caption: str
    section: str | None
    start: int
    end: int
    passages: list[Passage] = field(default_factory=list)

    def build(self, rows: list[tuple[list[str], tuple[int, int]]]) -> Table | None:
        rows = [(cells, span) for cells, span in rows if not _is_separator(cells)]
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


def _caption_of(block: _Block, text: str) -> tuple[str, tuple[int, int]] | None:
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


def _assign_captions(blocks: list[_Block], text: str) -> dict[int, int]:
    """Table block index → caption block index: the paragraph right before, else right after."""
    captions: dict[int, int] = {}
    used: set[int] = set()
    tables = [i for i, b in enumerate(blocks)
              if b.kind == "table" or (b.kind == "html" and "<caption" not in text[b.start:b.end].lower())]
    for i in tables:
        if i > 0 and _caption_of(blocks[i - 1], text) and (i - 1) not in used:
            captions[i] = i - 1
            used.add(i - 1)
    for i in tables:
        if i not in captions and i + 1 < len(blocks) and (i + 1) not in used and _caption_of(blocks[i + 1], text):
            captions[i] = i + 1
            used.add(i + 1)
    return captions


def _title(scanner: _Scanner, text: str) -> str | None:
    """The first level-1 heading, else front matter, else a non-generic heading, else the first line."""
    headings = [(level, heading) for level, heading in scanner.headings if short_title(heading, 300)]
    for level, heading in headings:
        if level == 1:
            return heading
    if scanner.front_matter.get("title"):
        return scanner.front_matter["title"]
    for _, heading in headings:
        if heading.lower() not in _GENERIC_HEADINGS:
            return heading
    return first_line_title(text)


class MarkdownReader:
    """Reads .md and .markdown files."""

    name = "markdown"
    formats = (".md", ".markdown")

    def read(self, path: Path, doc_id: str, data: bytes) -> Document:
        text = repair(decode_text(data))
        if not text.strip():
            raise Unreadable("empty file")
        scanner = _Scanner(text)
        scanner.scan()
        blocks = scanner.blocks
        captions = _assign_captions(blocks, text)
        caption_blocks = set(captions.values())
        passages: list[Passage] = []
        tables: list[Table] = []
        for index, block in enumerate(blocks):
            if block.kind == "heading":
                continue
            if block.kind == "paragraph":
                if index not in caption_blocks:
                    passages.extend(text_passage(doc_id, text, span, section=block.section)
                                    for span in paragraph_chunks(text, block.start, block.end))
                continue
            caption = _caption_of(blocks[captions[index]], text) if index in captions else None
            found = self._tables(doc_id, text, block, caption[0] if caption else "", len(tables), passages)
            tables.extend(found)
            if not found:
                passages.extend(text_passage(doc_id, text, span, section=block.section)
                                for span in paragraph_chunks(text, block.start, block.end))
            if caption is not None:
                caption_block = blocks[captions[index]]
                if found:
                    passages.append(text_passage(doc_id, text, caption[1], section=caption_block.section,
                                                 kind=PassageKind.CAPTION, table_id=found[0].table_id))
                else:
                    passages.extend(text_passage(doc_id, text, span, section=caption_block.section)
                                    for span in paragraph_chunks(text, caption_block.start, caption_block.end))
        if not passages and not tables:
            raise Unreadable("no text paragraphs")
        metadata = tuple(sorted((k, v) for k, v in scanner.front_matter.items() if k in ("title", "author")))
        return Document(
            doc_id=doc_id,
            path=str(path),
            sha256=hashlib.sha256(data).hexdigest(),
            format="markdown",
            extractor=f"synth markdown reader {EXTRACTOR_VERSION}",
            title=_title(scanner, text),
            text=text,
            passages=numbered(passages),
            tables=tuple(tables),
            metadata=metadata,
        )

    @staticmethod
    def _tables(doc_id: str, text: str, block: _Block, caption: str, count: int,
                passages: list[Passage]) -> list[Table]:
        if block.kind == "table":
            rows = [(split_row(text[s:e]), (s, e)) for s, e in block.lines]
            builder = _TableBuilder(doc_id, count + 1, caption, block.section, block.start, block.end)
            table = builder.build(rows)
            passages.extend(builder.passages)
            return [table] if table else []
        parser = _HTMLTableParser()
        parser.feed(text[block.start:block.end])
        parser.close()
        found: list[Table] = []
        for html_caption, cell_rows in parser.tables:
            builder = _TableBuilder(doc_id, count + len(found) + 1, html_caption or caption, block.section,
                                    block.start, block.end)
            table = builder.build([(cells, (block.start, block.end)) for cells in cell_rows])
            if table:
                found.append(table)
                passages.extend(builder.passages)
        return found
