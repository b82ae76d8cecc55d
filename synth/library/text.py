"""Plain-text reader: paragraphs separated by blank lines, short heading-like lines as sections."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from synth.library.base import (
    EXTRACTOR_VERSION,
    Unreadable,
    decode_text,
    numbered,
    paragraph_chunks,
    short_title,
    text_passage,
)
from synth.models import Document, Passage
from synth.text import paragraph_spans, repair

# A one-line paragraph like "Overview" or "Completion and repair": a heading, not a statement.
_HEADING = re.compile(r"^[A-Z0-9][^\n]{0,78}[^\s.,;:!?]$")


class TextReader:
    """Reads .txt files; the first short line is the title."""

    name = "text"
    formats = (".txt",)

    def read(self, path: Path, doc_id: str, data: bytes) -> Document:
        text = repair(decode_text(data))
        if not text.strip():
            raise Unreadable("empty file")
        spans = paragraph_spans(text)
        title = short_title(text[spans[0][0]:spans[0][1]].split("\n", 1)[0])
        passages = _passages(doc_id, text, spans)
        return Document(
            doc_id=doc_id,
            path=str(path),
            sha256=hashlib.sha256(data).hexdigest(),
            format="text",
            extractor=f"synth text reader {EXTRACTOR_VERSION}",
            title=title,
            text=text,
            passages=numbered(passages),
        )


def _passages(doc_id: str, text: str, spans: list[tuple[int, int]]) -> list[Passage]:
    """Paragraph passages; heading-like lines name the section of what follows instead.

    The first paragraph, when heading-like, is the title. A file made only of short lines keeps
    them all as passages, so nothing readable is dropped.
    """
    passages: list[Passage] = []
    section: str | None = None
    for index, (start, end) in enumerate(spans):
        paragraph = text[start:end]
        if _HEADING.match(paragraph):
            section = paragraph if index > 0 else None
            continue
        for span in paragraph_chunks(text, start, end):
            passages.append(text_passage(doc_id, text, span, section=section))
    if passages:
        return passages
    return [text_passage(doc_id, text, span) for start, end in spans for span in paragraph_chunks(text, start, end)]
