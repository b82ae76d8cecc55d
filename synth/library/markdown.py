"""Markdown reader: sections from headings, paragraphs as passages, tables kept as tables.

The block structure (headings, paragraphs, GitHub tables, lists, code, HTML blocks) comes from
markdown-it-py's CommonMark parser, with line maps, so passages stay exact slices of the text.

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

from markdown_it import MarkdownIt
from markdown_it.token import Token

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

_CAPTION = re.compile(r"^[*_\s]*Table\s+\d+", re.IGNORECASE)
_SEPARATOR_CELL = re.compile(r"^:?-+:?$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_HTML_TABLE_START = re.compile(r"<table\b", re.IGNORECASE)
_MAX_SPAN = 100
_GENERIC_HEADINGS = {"abstract", "introduction", "contents", "table of contents", "summary", "references", "overview"}
# CommonMark with GitHub tables and raw HTML blocks: the block structure of a paper converted to markdown
# (inline markup is never parsed: cells and headings are cleaned as plain text).
_PARSER = MarkdownIt("commonmark", {"html": True}).enable("table").disable("inline")
# Blocks read as running text: their lines become paragraphs, split at blank lines.
_TEXT_BLOCKS = {"paragraph_open", "bullet_list_open", "ordered_list_open", "blockquote_open", "code_block",
                "html_block"}
_HTML_TABLE_END = re.compile(r"</table\s*>", re.IGNORECASE)


@dataclass
class _Block:
    """A run of lines: a paragraph, a pipe or HTML table, or a heading."""

    kind: str
    start: int
    end: int
    section: str | None
    lines: list[tuple[int, int]] = field(default_factory=list)
    cells: list[list[str]] = field(default_factory=list)


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


class _Scanner:
    """The blocks of a markdown text, from markdown-it's token stream, with the section each sits in.

    markdown-it finds headings, paragraphs, tables, lists, code and HTML blocks; this class keeps
    their line ranges as character spans (passages are slices of the text) and reads running text
    (paragraphs, lists, quotes, code) as paragraphs split at blank lines, as a reader of the paper
    would. Front matter is read here (CommonMark has none) and blanked before parsing.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = _line_spans(text)
        self.blocks: list[_Block] = []
        self.headings: list[tuple[int, str]] = []
        self.front_matter: dict[str, str] = {}
        self.section: str | None = None
        self._table_ends: list[int] | None = None

    def line(self, index: int) -> str:
        start, end = self.lines[index]
        return self.text[start:end]

    def scan(self) -> None:
        skip = self._front_matter()
        source = "\n" * skip + "\n".join(self.line(i) for i in range(skip, len(self.lines)))
        tokens = _PARSER.parse(source)
        text: tuple[int, int] | None = None  # lines of running text not yet cut into paragraphs
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token.level != 0 or token.map is None:
                index += 1
                continue
            first, stop = token.map
            is_table = token.type == "html_block" and bool(_HTML_TABLE_START.search(token.content))
            if token.type in _TEXT_BLOCKS and not is_table:
                # A list, a comment or indented lines right after a paragraph continue it (a paper's
                # "1. … 2. …" steps are one passage): adjacent text blocks are joined.
                text = (text[0], stop) if text is not None and first <= text[1] else self._flush(text, (first, stop))
                index += 1
                continue
            self._flush(text, None)
            text = None
            if token.type == "heading_open":
                self._heading(first, stop - 1, int(token.tag[1:]), tokens[index + 1].content)
            elif token.type == "table_open":
                index = self._table(tokens, index)
                continue
            elif is_table:
                last = self._table_end(first, stop)
                self._add("html", first, last)
                while index + 1 < len(tokens) and (tokens[index + 1].map or (last + 1,))[0] <= last:
                    index += 1  # blocks markdown-it found inside a table with blank lines in it
            elif token.type == "fence":
                self._add("paragraph", first, stop - 1)  # blank lines inside a code fence do not cut it
            index += 1
        self._flush(text, None)

    def _table_end(self, first: int, stop: int) -> int:
        """The line of `</table>`: markdown-it ends an HTML block at a blank line, a table does not.
        A table that is never closed ends where markdown-it's block ends."""
        if self._table_ends is None:  # the next `</table>` line from each line on, found in one pass
            self._table_ends = [len(self.lines)] * (len(self.lines) + 1)
            for index in range(len(self.lines) - 1, -1, -1):
                found = _HTML_TABLE_END.search(self.line(index))
                self._table_ends[index] = index if found else self._table_ends[index + 1]
        end = self._table_ends[first]
        return end if end < len(self.lines) else stop - 1

    def _flush(self, text: tuple[int, int] | None, following: tuple[int, int] | None) -> tuple[int, int] | None:
        """Cut the pending lines of running text into paragraphs; return what is pending next."""
        if text is not None:
            self._paragraphs(*text)
        return following

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

    def _add(self, kind: str, first: int, last: int) -> _Block:
        lines = self.lines[first:last + 1]
        block = _Block(kind, lines[0][0], lines[-1][1], self.section, lines)
        self.blocks.append(block)
        return block

    def _heading(self, first: int, last: int, level: int, raw: str) -> None:
        """A heading starts a section; it is kept as a block so a caption is never looked for across it."""
        title = clean_heading(raw)
        if title:
            self.headings.append((level, title))
            self.section = title
        self._add("heading", first, last)

    def _paragraphs(self, first: int, stop: int) -> None:
        """Lines first..stop-1 as paragraphs: runs of non-blank lines."""
        start = None
        for index in range(first, stop):
            if self.line(index).strip():
                start = index if start is None else start
            elif start is not None:
                self._add("paragraph", start, index - 1)
                start = None
        if start is not None:
            self._add("paragraph", start, stop - 1)

    def _table(self, tokens: list[Token], index: int) -> int:
        """A GitHub table: its rows of cell texts (markup removed) with each row's line."""
        first, stop = tokens[index].map or (0, 0)
        block = self._add("table", first, stop - 1)
        block.lines, block.cells = [], []
        row: list[str] | None = None
        index += 1
        while tokens[index].type != "table_close":
            token = tokens[index]
            if token.type == "tr_open" and token.map is not None:
                row = []
                block.lines.append(self.lines[token.map[0]])
            elif token.type == "inline" and row is not None:
                row.append(clean_cell(token.content))
            elif token.type == "tr_close" and row is not None:
                # markdown-it pads short rows and drops extra cells; the builder flags a ragged table
                # from the cells the line really has, so a row that does not fit is kept visible.
                start, end = block.lines[-1]
                written = len(split_row(self.text[start:end]))
                block.cells.append(row if written == len(row) else [*row, *[""] * (written - len(row))][:written])
                row = None
            index += 1
        return index + 1


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
            rows = list(zip(block.cells, block.lines, strict=True))
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
