"""PDF reader: page text from pypdfium2 (fast), pypdf when pdfium cannot open the file.

Pages are repaired one by one and joined with blank lines, so every passage keeps its 1-based page
number. pdfium rarely emits blank lines, so long pages are cut into chunks at line ends. A sentence that
a page break cuts in two is joined again (synth.library.pagebreaks): its passage says both pages.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import importlib.metadata
import io
import re
import statistics
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pypdf
import pypdfium2 as pdfium

from synth.library.base import (
    Unreadable,
    library_warnings,
    numbered,
    repair_page,
    text_passage,
)
from synth.library.front_page import FRONT_END, first_author, placeholder_author
from synth.library.pagebreaks import Join, Layout, find_joins, lay_out, passage_spans
from synth.models import Document, Passage, Table
from synth.pdftables import extract_tables
from synth.text import collapse, repair

_PDFIUM_PASSWORD_ERROR = 4
# Lines on page 1 that are never the title: venue banners, arXiv stamps, dates.
_NOT_TITLE = re.compile(
    r"^(arxiv:|preprint|under review|published as|proceedings of|journal of|technical report$|"
    r"workshop|accepted|copyright|\d{4}-\d{2}-\d{2}$|page \d)",
    re.IGNORECASE,
)
_AUTHOR_MARKS = re.compile(r"[@∗*†‡§¶⋄]|\d\s*,|[a-z]\d\b")
_WRAP_WORDS = {"a", "an", "and", "for", "from", "in", "of", "on", "the", "to", "with", "via", "by"}
_BAD_META_TITLE = re.compile(r"^(untitled|microsoft word|title|document\d*|slide \d+)\b|\.(docx?|tex|dvi|pdf)$",
                             re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")


@functools.cache
def _version(package: str) -> str:
    """The installed version, looked up once per process: `importlib.metadata` scans every path
    entry's distributions on each call (0.6 s of 36 s of reading the 41 corpus PDFs, cProfile)."""
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


@contextlib.contextmanager
def quiet_pypdf() -> Iterator[None]:
    """pypdf logs and warns about every malformed object: collected, and summarised by the build."""
    with library_warnings("pypdf"):
        yield


@contextlib.contextmanager
def paused_cycle_collector() -> Iterator[None]:
    """Python's cyclic garbage collector off while one PDF is read, back on after.

    The table pass allocates a tuple per glyph and objects per word and line (902,016 glyphs on the
    363 table pages of the corpus), so the collector ran a pass every 700 allocations and, now and
    then, one over every live object: about a tenth of the reader's CPU. Reading a file leaves only a
    few hundred cyclic objects (pypdfium2's wrappers of closed pages), collected once the collector
    is back on. Output is the same either way; when the collector is already off it stays off.
    Only pdfium's pass runs without it: pypdf, the fallback for damaged files, builds object graphs
    with cycles."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _clean_page(raw: str) -> str:
    """Repaired page text without pdfium's control characters (math glyphs, form feeds)."""
    return _CONTROL.sub("", repair_page(raw)).strip()


def _sized_lines(textpage: pdfium.PdfTextPage, text: str, limit: int = 25) -> list[tuple[str, float]]:
    """The first lines of a page with the font size of their first character (titles are largest)."""
    index = _char_index(textpage, text)
    if index is None:
        return []
    lines: list[tuple[str, float]] = []
    position = 0
    for line in text.split("\n")[:limit]:
        if line.strip():
            first = position + len(line) - len(line.lstrip())
            lines.append((line, float(pdfium.raw.FPDFText_GetFontSize(textpage.raw, index(first)))))
        position += len(line) + 1
    return lines


def _char_index(textpage: pdfium.PdfTextPage, text: str) -> Callable[[int], int] | None:
    """pdfium's character number of each position of the page's text, or None when they cannot be paired. pdfium
    counts a character beyond the Basic Multilingual Plane ("𝑥" in a formula) as two UTF-16 units, Python's text
    as one: without the pairing, a page 1 with such a character gave no font sizes, so no title and no author."""
    count = pdfium.raw.FPDFText_CountChars(textpage.raw)
    if count == len(text):
        return lambda position: position
    units = [i for i in range(count) if not 0xDC00 <= pdfium.raw.FPDFText_GetUnicode(textpage.raw, i) <= 0xDFFF]
    if len(units) != len(text):
        return None
    return units.__getitem__


def _pdfium_pages(data: bytes, doc_id: str) -> tuple[list[str], list[Table], dict[str, str], list[tuple[str, float]]]:
    """Cleaned page texts, the tables found on them (from character positions), metadata, title lines."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == _PDFIUM_PASSWORD_ERROR:
            raise Unreadable("encrypted PDF") from exc
        raise
    try:
        if len(document) == 0:
            raise Unreadable("PDF has no pages")
        pages: list[str] = []
        tables: list[Table] = []
        head: list[tuple[str, float]] = []
        offset = 0
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            raw = textpage.get_text_range()
            if index == 0:
                head = _sized_lines(textpage, raw)
            cleaned = _clean_page(raw)
            tables += extract_tables(textpage, doc_id, index + 1, cleaned, offset, raw)
            offset += len(cleaned) + 2
            pages.append(cleaned)
            textpage.close()
            page.close()
        return pages, tables, document.get_metadata_dict(skip_empty=True), head
    finally:
        document.close()


def page_texts(data: bytes) -> list[str]:
    """Each page's cleaned text as the reader reads it, without the table pass (bench/page_breaks.py)."""
    document = pdfium.PdfDocument(data)
    try:
        pages = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            pages.append(_clean_page(textpage.get_text_range()))
            textpage.close()
            page.close()
        return pages
    finally:
        document.close()


def _pypdf_reader(data: bytes) -> pypdf.PdfReader:
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
    except Exception as exc:
        raise Unreadable(f"not a valid PDF: {_short(exc)}") from exc
    if reader.is_encrypted:
        try:
            if not reader.decrypt(""):
                raise Unreadable("encrypted PDF")
        except Unreadable:
            raise
        except Exception as exc:
            raise Unreadable("encrypted PDF") from exc
    return reader


def _pypdf_pages(data: bytes) -> list[str]:
    reader = _pypdf_reader(data)
    try:
        count = len(reader.pages)
    except Exception as exc:
        raise Unreadable(f"not a valid PDF: {_short(exc)}") from exc
    if count == 0:
        raise Unreadable("PDF has no pages")
    pages = []
    for page in reader.pages:
        try:
            pages.append(page.extract_text() or "")
        except Exception:
            pages.append("")
    return pages


def _pypdf_metadata(data: bytes) -> dict[str, str]:
    try:
        info = _pypdf_reader(data).metadata or {}
        return {str(k).lstrip("/"): str(v) for k, v in info.items() if isinstance(v, str)}
    except Exception:
        return {}


def _short(exc: Exception) -> str:
    message = collapse(str(exc)) or type(exc).__name__
    return message if len(message) <= 120 else message[:117] + "..."


def meaningful_title(value: str | None) -> str | None:
    """A metadata title worth showing: not empty, not a file name, not one short word like `ELM`."""
    title = collapse(repair(value or ""))
    if len(title) < 8 or len(title.split()) < 2 or _BAD_META_TITLE.search(title):
        return None
    return title


def _is_title_line(line: str) -> bool:
    return sum(ch.isalpha() for ch in line) >= 4 and not _NOT_TITLE.match(line) and len(line) <= 200


_SMALL_CAPS = 0.75  # a small capital's height over a capital's, and a little under


def title_from_sized_lines(lines: list[tuple[str, float]]) -> str | None:
    """The first run of lines set in a clearly larger font than the rest, above the abstract on page 1.

    None when no line stands out from the others (no font information, or a page from the middle).
    """
    if not lines:
        return None
    body = statistics.median(size for _, size in lines)
    cleaned: list[tuple[str, float]] = []
    for line, size in lines[:15]:
        text = collapse(repair(line))
        if FRONT_END.match(text):
            break
        cleaned.append((text, size))
    large = body * 1.15 + 0.5
    first = next((i for i, (line, size) in enumerate(cleaned) if _is_title_line(line) and size >= large), None)
    if first is None:
        return None
    size = cleaned[first][1]
    parts = [cleaned[first][0]]
    for line, other in cleaned[first + 1:]:
        # A title set in small capitals reads some lines smaller ("SENTATION" at 13.8 pt between 17.2 pt lines):
        # the title goes on while its lines stay clearly larger than the body text.
        if abs(other - size) > 0.5 and not (other >= large and other >= size * _SMALL_CAPS):
            break
        parts.append(line)
    # A hyphen set on a line of its own breaks a word ("REPRE" | "-" | "SENTATION"); one ending a line may
    # belong to a compound ("Pre-" | "training") and is kept.
    lines_joined = re.sub(r"(\w)\n-\n(\w)", r"\1\2", "\n".join(parts)).replace("\n", " ")
    title = re.sub(r"(\w) ?- (\w)", r"\1-\2", lines_joined)
    return title if len(title) <= 300 else None


def _continues_title(title: str, following: str) -> bool:
    """Whether the next line of page 1 is the rest of a wrapped title rather than an author line."""
    wraps = (len(title) >= 35 or title.endswith((":", "-")) or title.split()[-1].lower() in _WRAP_WORDS
             or following[:1].islower())
    looks_like_authors = bool(_AUTHOR_MARKS.search(following)) or following.count(",") >= 2
    return wraps and not title[-1].isdigit() and not looks_like_authors and len(following) <= 120


def title_from_text(page_text: str) -> str | None:
    """The first substantial line(s) of page 1: the fallback when font sizes are unknown."""
    lines = [line for line in (collapse(raw) for raw in page_text.split("\n")) if line]
    for index, line in enumerate(lines[:12]):
        if not _is_title_line(line):
            continue
        title = line
        for following in lines[index + 1:index + 3]:
            if not _continues_title(title, following):
                break
            title = f"{title} {following}"
        return title
    return None


class PdfReader:
    """Reads .pdf files page by page."""

    name = "pdf"
    formats = (".pdf",)

    def read(self, path: Path, doc_id: str, data: bytes) -> Document:
        if b"%PDF" not in data[:1024]:
            raise Unreadable("not a valid PDF: no %PDF header")
        with quiet_pypdf():
            # Metadata from pdfium when it read the pages (equal to pypdf's on every corpus PDF,
            # and pypdf parsing the whole cross-reference table again cost 10 % of a cold ingest).
            try:
                with paused_cycle_collector():  # pypdf's fallback below keeps the collector
                    pages, tables, metadata, head = _pdfium_pages(data, doc_id)
                extractor = f"pypdfium2 {_version('pypdfium2')}"
            except Unreadable:
                raise
            except Exception:
                pages, tables, head = [_clean_page(raw) for raw in _pypdf_pages(data)], [], []
                metadata = _pypdf_metadata(data)
                extractor = f"pypdf {_version('pypdf')}"
        if not any(pages):
            raise Unreadable("no extractable text (scanned?)")
        joins = find_joins(pages)
        layout = lay_out(pages, joins)
        text, passages = layout.text, self._passages(doc_id, pages, joins, layout)
        tables = _moved_tables(tables, pages, layout)
        meta = {name.lower(): collapse(repair(metadata.get(name, "")))
                for name in ("Title", "Author", "Subject", "CreationDate")}
        title = (meaningful_title(meta.get("title")) or title_from_sized_lines(head)
                 or title_from_text(next(p for p in pages if p)))
        if not meta.get("author") or placeholder_author(meta["author"]):
            meta["author"] = first_author(head, title) or ""
        return Document(
            doc_id=doc_id,
            path=str(path),
            sha256=hashlib.sha256(data).hexdigest(),
            format="pdf",
            extractor=extractor,
            title=title,
            text=text,
            passages=numbered(passages),
            tables=tuple(tables),
            metadata=tuple(sorted((k, v) for k, v in meta.items() if v)),
            page_count=len(pages),
        )

    @staticmethod
    def _passages(doc_id: str, pages: list[str], joins: list[Join], layout: Layout) -> list[Passage]:
        """The passages of the laid-out text, each with the page or pages its text was printed on."""
        passages: list[Passage] = []
        for parts in passage_spans(pages, joins, layout):
            span = (parts[0].start, parts[-1].end)
            first, last = parts[0].page, parts[-1].page
            if first == last:
                passages.append(text_passage(doc_id, layout.text, span, page=first))
            else:
                passages.append(text_passage(doc_id, layout.text, span, page=first, last_page=last,
                                             turn=parts[-1].start))
        return passages


def _moved_tables(tables: list[Table], pages: list[str], layout: Layout) -> list[Table]:
    """Tables pointing at their text in the laid-out document (found on pages joined by blank lines)."""
    if layout.text == "\n\n".join(pages):
        return tables
    starts = [0]
    for page in pages:
        starts.append(starts[-1] + len(page) + 2)
    moved: list[Table] = []
    for table in tables:
        index = (table.page or 1) - 1
        start, end = layout.span(index, table.start - starts[index], table.end - starts[index])
        moved.append(replace(table, start=start, end=end))
    return moved
