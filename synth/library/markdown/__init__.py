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
from synth.library.markdown.blocks import Block, Scanner
from synth.library.markdown.html_tables import HTMLTableParser
from synth.library.markdown.tables import TableBuilder, assign_captions, caption_of
from synth.models import Document, Passage, PassageKind, Table
from synth.text import repair

__all__ = ["MarkdownReader"]

_GENERIC_HEADINGS = {"abstract", "introduction", "contents", "table of contents", "summary", "references", "overview"}


def _title(scanner: Scanner, text: str) -> str | None:
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
        scanner = Scanner(text)
        scanner.scan()
        blocks = scanner.blocks
        captions = assign_captions(blocks, text)
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
            caption = caption_of(blocks[captions[index]], text) if index in captions else None
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
    def _tables(doc_id: str, text: str, block: Block, caption: str, count: int,
                passages: list[Passage]) -> list[Table]:
        if block.kind == "table":
            rows = list(zip(block.cells, block.lines, strict=True))
            builder = TableBuilder(doc_id, count + 1, caption, block.section, block.start, block.end)
            table = builder.build(rows)
            passages.extend(builder.passages)
            return [table] if table else []
        parser = HTMLTableParser()
        parser.feed(text[block.start:block.end])
        parser.close()
        found: list[Table] = []
        for html_caption, cell_rows in parser.tables:
            builder = TableBuilder(doc_id, count + len(found) + 1, html_caption or caption, block.section,
                                    block.start, block.end)
            table = builder.build([(cells, (block.start, block.end)) for cells in cell_rows])
            if table:
                found.append(table)
                passages.extend(builder.passages)
        return found
