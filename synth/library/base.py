"""What every reader shares: the Reader protocol, the Unreadable error, and passage helpers.

Readers turn the bytes of one file into a `Document` whose passages are exact slices of its
repaired text, so any quote can be traced back to the characters it was read from.
"""

from __future__ import annotations

import codecs
import contextlib
import logging
import re
import unicodedata
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from ftfy.badness import is_bad

from synth.models import Document, Passage, PassageKind
from synth.text import paragraph_spans, repair

# Bump whenever a reader's output changes: cached documents from another version are never reused.
EXTRACTOR_VERSION = "5"

# Passages longer than this are cut at line ends so BM25 and sentence windows stay focused.
MAX_PASSAGE = 1200
_MIN_CUT = 300
_SENTENCE_END = ".?!:;"


# A line of printable ASCII without `&` (html entities) is a fixed point of `repair` except for its
# line break: ftfy's fixers and NFC only ever change non-ASCII characters, control characters, `\r`
# and `&…;` entities. 80% of the lines of a typical paper are such lines.
_PLAIN_LINE = re.compile(r"[\t\x20-\x25\x27-\x7e]*(?:\r?\n)?\Z")
_LINES = re.compile(r"[^\n]*\n|[^\n]+")


def _fixer_characters() -> str:
    """The characters one of ftfy's fixers other than `fix_encoding` (or `repair`'s own mac_roman
    retry, `√¬‚Ä∞ü§`) acts on, from ftfy's own tables: html entities, ANSI escapes, C0 and C1
    controls, ligatures, full- and half-width forms, line and paragraph separators, surrogates."""
    from ftfy import chardata

    chars = set("&\r\x1b\u2028\u2029\ufffd√¬‚Ä∞ü§")
    chars.update(map(chr, range(0x20)), map(chr, range(0x7f, 0xa0)))
    for table in (chardata.CONTROL_CHARS, chardata.LIGATURES, chardata.WIDTH_MAP):
        chars.update(map(chr, table))
    chars -= {"\t", "\n"}
    return "".join(sorted(chars))


# A line with none of those characters that ftfy does not find "bad" (its own test before it tries
# any re-decoding: `fix_encoding` returns such text unchanged) and that is already NFC is a fixed
# point of `repair` but for its line break, so it needs no ftfy pass: the curly quotes, dashes,
# Greek letters, math symbols and `\ufffe` hyphens of PDF text are such lines.
_QUIET_LINE = re.compile(f"[^{re.escape(_fixer_characters())}\\ud800-\\udfff]*(?:\\r?\\n)?\\Z")


def untouched_by_repair(line: str) -> bool:
    """Whether `repair(line)` is `line` with its line break normalised (see `_QUIET_LINE`)."""
    return bool(_QUIET_LINE.match(line)) and not is_bad(line) and unicodedata.is_normalized("NFC", line)


def repair_page(text: str) -> str:
    """`repair(text)`, several times faster on extracted PDF pages: lines that ftfy would leave alone
    skip it, the rest go one by one.

    ftfy fixes text line by line; its only state across lines is that html unescaping stops after a
    line with `<`, so a page holding both `<` and `&` is repaired whole. tests/test_cache.py checks
    the equivalence on tricky strings and on every page of the shared corpus.
    """
    if "&" in text and "<" in text:
        return repair(text)
    out: list[str] = []
    for match in _LINES.finditer(text):
        line = match.group(0)
        if _PLAIN_LINE.match(line) or untouched_by_repair(line):
            out.append(line[:-2] + "\n" if line.endswith("\r\n") else line)
        else:
            out.append(repair(line))
    return "".join(out)


class _Collector(logging.Handler):
    def __init__(self, messages: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


_capturing: list[list[str]] = []


@contextlib.contextmanager
def library_warnings(name: str = "pypdf") -> Iterator[list[str]]:
    """Collect the warnings a third-party library logs or warns while reading one file.

    pypdf reports every malformed object; printed as they come they flood the terminal, so they are
    gathered here and summarised by the build ("pypdf: 37 warnings while reading 3 files"), in full
    with -v. Nested use joins the outer collection.
    """
    if _capturing:
        yield _capturing[-1]
        return
    messages: list[str] = []
    logger = logging.getLogger(name)
    handler = _Collector(messages)
    previous = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    _capturing.append(messages)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield messages
        messages.extend(str(w.message) for w in caught)
    finally:
        _capturing.pop()
        logger.removeHandler(handler)
        logger.setLevel(previous[0])
        logger.propagate = previous[1]


class Unreadable(Exception):
    """A file that cannot be used; `reason` is shown to the user in every report's methodology."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Reader(Protocol):
    """Reads one file format; `name` is part of the cache key, `formats` are lower-case suffixes."""

    name: str
    formats: tuple[str, ...]

    def read(self, path: Path, doc_id: str, data: bytes) -> Document:
        """The document in `data` (the bytes of `path`), or raise Unreadable with a human reason."""
        ...


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252: text files come from anywhere."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise Unreadable("not a valid UTF-16 text file") from exc
    if b"\x00" in data[:8192]:
        raise Unreadable("not a text file (binary content)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cut_point(text: str, start: int, limit: int) -> int:
    """Where to end a chunk that starts at `start`: a line end after a sentence, else a sentence end inside a line,
    else a line end. A PDF breaks its lines mid-sentence: a cut at any line end split "Chinchilla 70B, while trained
    primarily" from "on text, compresses ImageNet patches to 43.4%", leaving the figure without its model."""
    low, high = start + _MIN_CUT, start + limit
    window = text[low:high]
    newlines = [m.start() for m in re.finditer("\n", window)]
    after_sentence = [low + i for i in newlines if text[low + i - 1] in _SENTENCE_END]
    if after_sentence:
        return after_sentence[-1]
    sentence_ends = [m.end() for m in re.finditer(r"[.?!]\s", window)]
    if sentence_ends:
        return low + sentence_ends[-1]
    if newlines:
        return low + newlines[-1]
    found = [m.end() for m in re.finditer(r"\s", window)]
    return low + found[-1] if found else high


def chunk_spans(text: str, start: int, end: int, limit: int = MAX_PASSAGE) -> list[tuple[int, int]]:
    """(start, end) pieces of text[start:end], each at most about `limit` characters, trimmed."""
    start, end = trimmed(text, start, end)
    spans: list[tuple[int, int]] = []
    while end - start > limit:
        cut = _cut_point(text, start, limit)
        piece = trimmed(text, start, cut)
        if piece[1] > piece[0]:
            spans.append(piece)
        start, _ = trimmed(text, cut, end)
    if end > start:
        spans.append((start, end))
    return spans


def paragraph_chunks(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Paragraphs (blank-line separated) of text[start:end], long ones cut into chunks."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for s, e in paragraph_spans(text[start:end]):
        spans.extend(chunk_spans(text, start + s, start + e))
    return spans


def text_passage(doc_id: str, text: str, span: tuple[int, int], page: int | None = None,
                 section: str | None = None, kind: PassageKind = PassageKind.TEXT,
                 table_id: str | None = None, last_page: int | None = None, turn: int | None = None) -> Passage:
    """A passage whose text is exactly the document slice it claims to be (ordinal set later)."""
    start, end = span
    return Passage(doc_id, 0, text[start:end], start, end, page, section, kind, table_id, last_page, turn)


def numbered(passages: list[Passage]) -> tuple[Passage, ...]:
    """Passages in document order with ordinals 0..n-1; a caption sorts before its rows."""
    order = {PassageKind.CAPTION: 0, PassageKind.TEXT: 1, PassageKind.TABLE_ROW: 2}
    ordered = sorted(passages, key=lambda p: (p.start, order[p.kind], p.end))
    return tuple(
        Passage(p.doc_id, i, p.text, p.start, p.end, p.page, p.section, p.kind, p.table_id, p.last_page, p.turn)
        for i, p in enumerate(ordered)
    )


def short_title(line: str, limit: int = 150) -> str | None:
    """A line usable as a title: a few letters, and shorter than `limit`."""
    line = " ".join(line.split())
    letters = sum(1 for ch in line if ch.isalpha())
    return line if letters >= 3 and len(line) < limit else None


def first_line_title(text: str, lines: int = 5) -> str | None:
    """The first short line with some letters among the first few non-empty lines."""
    candidates = [line for line in text.split("\n") if line.strip()][:lines]
    return next((title for title in map(short_title, candidates) if title), None)
