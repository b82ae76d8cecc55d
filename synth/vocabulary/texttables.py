"""Tables laid out as plain lines of a document's text, which the glyph reader can miss."""

from __future__ import annotations

import re

from synth.models import Document, PassageKind, Table
from synth.names import canonical

_NUMERIC_CELL = re.compile(r"^[<>~≈]?-?\d+(?:[.,]\d+)*(?:%|[KMBT]|x)?[†‡*]?$")
_TABLE_CAPTION = re.compile(r"^\s*Table\s*[A-Z]?\d+[.:|]", re.IGNORECASE)


def text_tables(document: Document) -> list[tuple[Table, bool]]:
    """Tables laid out as plain lines in the extracted text, which the glyph reader can miss in a
    two-column page, each with whether its models are in columns: a header line of single words followed
    by rows of a label and as many numbers ("Model Layers Width Heads Parameters" / "Tiny 4 384 6 39M"),
    or of numbers only when the first header word names the first column ("Parameters Layers dmodel" /
    "117M 12 768"); and a two-word header over rows of one name and one number ("Parameter Value" /
    "dim 4096" / "n_kv_heads 8"), the values of the one model the source is about, in a column of their
    own. The caption is the nearest "Table N." line within three lines after or before the block."""
    found: list[tuple[Table, bool]] = []
    for passage in document.passages:
        if passage.kind is not PassageKind.TEXT or "\n" not in passage.text:
            continue
        lines = passage.text.split("\n")
        i = 0
        while i < len(lines) - 2:
            header = lines[i].split()
            width = len(header) - 1
            if width < 1 or not all(w[:1].isalpha() for w in header):
                i += 1
                continue
            rows, j = _text_rows(lines, i + 1, width)
            in_columns = width == 1
            if len(rows) >= (4 if in_columns else 2) and len(set(header)) == len(header) \
                    and not _read_by_glyphs(document, passage.page, rows):
                nearby = [*lines[j:j + 3], *reversed(lines[max(0, i - 3):i])]
                caption = next((" ".join(line.split()) for line in nearby if _TABLE_CAPTION.match(line)), "")
                offset = passage.start + sum(len(line) + 1 for line in lines[:i])
                end = passage.start + sum(len(line) + 1 for line in lines[:j])
                found.append((Table(f"{document.doc_id}#text{passage.ordinal}.{i}", document.doc_id, caption,
                                    tuple(header), tuple(rows), tuple("" for _ in rows), offset, end, passage.page,
                                    passage.section), in_columns))
                i = j
            else:
                i += 1
    return found


_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def _text_rows(lines: list[str], first: int, width: int) -> tuple[list[tuple[str, ...]], int]:
    """The rows of a text table from line `first`: a label and `width` numbers, or `width + 1` numbers (the
    first one the label); for a one-value table, one identifier-like name and one number."""
    rows: list[tuple[str, ...]] = []
    j = first
    while j < len(lines):
        tokens = lines[j].split()
        if width == 1:
            if len(tokens) != 2 or not _KEY.match(tokens[0]) or not _NUMERIC_CELL.match(tokens[1]):
                break
            rows.append((tokens[0], tokens[1]))
        elif len(tokens) == width + 1 and all(_NUMERIC_CELL.match(t) for t in tokens) and \
                (not rows or _NUMERIC_CELL.match(rows[0][0])):
            rows.append(tuple(tokens))
        elif len(tokens) >= width + 1 and all(_NUMERIC_CELL.match(t) for t in tokens[-width:]) \
                and not any(_NUMERIC_CELL.match(t) for t in tokens[:-width]) \
                and (not rows or not _NUMERIC_CELL.match(rows[0][0])):
            rows.append((" ".join(tokens[:-width]), *tokens[-width:]))
        else:
            break
        j += 1
    return rows, j


def _read_by_glyphs(document: Document, page: int | None, rows: list[tuple[str, ...]]) -> bool:
    """Whether the glyph reader already has this table: a table of the same page with a header and a row
    of the same label."""
    labels = {canonical(r[0]) for r in rows}
    return any(t.page == page and any(h.strip() for h in t.header) and any(canonical(r[0]) in labels
                                                                          for r in t.rows if r)
               for t in document.tables)
