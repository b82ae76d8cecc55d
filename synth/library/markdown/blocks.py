"""The blocks of a markdown text (headings, paragraphs, pipe and HTML tables, lists, code) as
character spans, read from markdown-it-py's token stream."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from synth.text import collapse

_SEPARATOR_CELL = re.compile(r"^:?-+:?$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_HTML_TABLE_START = re.compile(r"<table\b", re.IGNORECASE)
# CommonMark with GitHub tables and raw HTML blocks: the block structure of a paper converted to markdown
# (inline markup is never parsed: cells and headings are cleaned as plain text).
_PARSER = MarkdownIt("commonmark", {"html": True}).enable("table").disable("inline")
# Blocks read as running text: their lines become paragraphs, split at blank lines.
_TEXT_BLOCKS = {"paragraph_open", "bullet_list_open", "ordered_list_open", "blockquote_open", "code_block",
                "html_block"}
_HTML_TABLE_END = re.compile(r"</table\s*>", re.IGNORECASE)


@dataclass
class Block:
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


def is_separator(cells: list[str]) -> bool:
    return bool(cells) and all(_SEPARATOR_CELL.match(c.replace(" ", "")) for c in cells)


class Scanner:
    """The blocks of a markdown text, from markdown-it's token stream, with the section each sits in.

    markdown-it finds headings, paragraphs, tables, lists, code and HTML blocks; this class keeps
    their line ranges as character spans (passages are slices of the text) and reads running text
    (paragraphs, lists, quotes, code) as paragraphs split at blank lines, as a reader of the paper
    would. Front matter is read here (CommonMark has none) and blanked before parsing.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = _line_spans(text)
        self.blocks: list[Block] = []
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

    def _add(self, kind: str, first: int, last: int) -> Block:
        lines = self.lines[first:last + 1]
        block = Block(kind, lines[0][0], lines[-1][1], self.section, lines)
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
