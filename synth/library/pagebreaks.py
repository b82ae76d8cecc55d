"""Sentences that a page break cuts in two, joined again in the reading order of a PDF's text.

A PDF's last body line of page k often breaks off mid-sentence ("a 220M parameter MoD variant slightly
outperforms") and page k+1 goes on with it ("the isoFLOP optimal baseline …, but is upwards of 60% faster to
step during training.") after its running head, its page number and a float (a figure's text and caption)
that the extracted text puts between the two halves. Cut per page, the halves fell into two passages and no
passage held the sentence. `find_joins` finds such breaks; `lay_out` moves the continuation (up to the first
line that ends a sentence) to the end of page k's body, and the page's furniture and the float after it, a
paragraph of their own; every moved piece keeps the page it was printed on (`Part`).

Only a break both sides of which are clear is joined: page k's last body line is a prose line that ends no
sentence, and page k+1's first prose line, after its running head, page number and whole floats (a float
counts only with its caption: loose short lines alone are not skipped), starts with a lower-case letter and
ends its sentence within a few lines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from synth.library.base import paragraph_chunks, trimmed

_PAGE_NUMBER = re.compile(r"^\s*(?:\d{1,4}|[ivxlc]{1,7}|page \d+(?: of \d+)?|[-–—]\s*\d{1,4}\s*[-–—])\s*$",
                          re.IGNORECASE)
_STAMP = re.compile(r"^\s*arXiv:\d{4}\.\d{4,5}", re.IGNORECASE)
_CAPTION = re.compile(r"^\s*(?:Figure|Fig\.|Table|Tab\.|Algorithm|Listing)\s*[A-Z]?\d+(?:\.\d+)*\s*(?:[:.|]|\s)")
_SENTENCE_END = re.compile(r"[.?!:][\"'”’)\]]*\s*$")
_ENDS_SENTENCE = re.compile(r"[.?!][\"'”’)\]]*\s*$")
_WORD = re.compile(r"[A-Za-z]{2,}")
# A footnote's first line: its mark glued to a capital or a link ("5We used …", "1https://…"), or a symbol mark.
_FOOTNOTE = re.compile(r"^\s*(?:\d{1,2}(?:[A-Z]|https?:)|[∗*†‡§¶]\s*\S)")
_FOOTNOTE_LINES = 6
# A line this share of the document's usual line length or more is a body line; two-column papers have short lines.
_PROSE_SHARE = 0.55
# How many lines a caption, and the continuation of a broken sentence, may run before ending a sentence.
_CAPTION_LINES = 15
_CONTINUATION_LINES = 8
# How far below a line a caption shows that the line was a float's text.
_FLOAT_LINES = 30


@dataclass(frozen=True)
class Join:
    """A sentence running from page `page` (0-based) onto the next: page `page`'s lines from `body_end` on are
    its furniture (a page number, a running foot), the next page's lines [cont_start, cont_end) the sentence's
    rest, and its lines before cont_start its running head and the floats above the rest."""

    page: int
    body_end: int
    cont_start: int
    cont_end: int


@dataclass(frozen=True)
class Part:
    """A piece of the laid-out text, [start, end) in the document's text, printed on `page` (1-based)."""

    start: int
    end: int
    page: int


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Lines (digits aside) printed among the first or last three lines of two pages or more: running heads and
    feet ("Published as a conference paper at ICLR 2015", the paper's title over every page)."""
    seen: Counter[str] = Counter()
    for lines in pages:
        filled = [line for line in lines if line.strip()]
        seen.update({_key(line) for line in filled[:3] + filled[-3:]})
    return {key for key, count in seen.items() if count >= 2 and len(key) >= 3}


def _line_width(pages: list[list[str]]) -> float:
    """The document's usual length of a full body line (the 80th percentile of lines of 20 characters or more)."""
    lengths = sorted(len(line.strip()) for lines in pages for line in lines if len(line.strip()) >= 20)
    if not lengths:
        return 60.0
    return float(lengths[int(0.8 * (len(lengths) - 1))]) if len(lengths) > 1 else float(lengths[0])


class _Page:
    """One page's lines, read with what the whole document says about running lines and line width."""

    def __init__(self, lines: list[str], running: set[str], width: float) -> None:
        self.lines = lines
        self.running = running
        self.width = width

    def furniture(self, line: str) -> bool:
        """Blank lines, page numbers, arXiv stamps and running heads or feet: what no sentence is part of."""
        return not line.strip() or bool(_PAGE_NUMBER.match(line) or _STAMP.match(line)) or _key(line) in self.running

    def prose(self, line: str) -> bool:
        """A body line: most of the usual line length, four words or more, mostly letters (not a table row, an
        axis label or a formula)."""
        text = line.strip()
        visible = text.replace(" ", "")
        letters = sum(ch.isalpha() for ch in visible)
        return (len(text) >= _PROSE_SHARE * self.width and len(_WORD.findall(text)) >= 4
                and letters >= 0.6 * max(len(visible), 1))

    def body_end(self) -> int | None:
        """The index after the last body line (above the page number, running foot and footnotes), when that
        line is prose that ends no sentence."""
        index = len(self.lines)
        while index > 0 and self.furniture(self.lines[index - 1]):
            index -= 1
        footnotes = [i for i in range(max(index - _FOOTNOTE_LINES, 0), index) if _FOOTNOTE.match(self.lines[i])]
        if footnotes:  # the page's footnotes, under its body
            index = footnotes[0]
        while index > 0 and self.furniture(self.lines[index - 1]):
            index -= 1
        if index == 0:
            return None
        last = self.lines[index - 1]
        if not self.prose(last) or _SENTENCE_END.search(last) or _CAPTION.match(last):
            return None
        return index

    def _caption_end(self, start: int) -> int:
        """The index after a caption that starts at `start`: its first line that ends a sentence."""
        for index in range(start, min(len(self.lines), start + _CAPTION_LINES)):
            if _ENDS_SENTENCE.search(self.lines[index]):
                return index + 1
        return start + 1

    def _inside_float(self, index: int) -> bool:
        """Whether the line at `index` is a float's text above its caption: a caption follows within a few lines
        and most lines before it are not prose (a table of sample texts opens with a lower-case row label)."""
        for end in range(index + 1, min(len(self.lines), index + _FLOAT_LINES)):
            if _CAPTION.match(self.lines[end]):
                between = [line for line in self.lines[index:end] if line.strip()]
                return 2 * sum(not self.prose(line) for line in between) > len(between)
        return False

    @staticmethod
    def _wordy(line: str) -> bool:
        """A line of many words that is no body line only for its figures: a sentence's text, not a table row."""
        return len(_WORD.findall(line)) >= 8

    def continuation(self) -> tuple[int, int] | None:
        """[start, end) of the lines that go on with the previous page's broken sentence, up to the line that
        ends it; None when the page opens otherwise."""
        index, floats, captioned, figures = 0, False, False, False
        while index < len(self.lines):
            line = self.lines[index]
            if self.furniture(line):
                index += 1
            elif _CAPTION.match(line):
                index, captioned = self._caption_end(index), True
            elif not self.prose(line):
                if captioned and self._wordy(line) and not self._inside_float(index):
                    figures = True  # "7 and 8), [20, 600, 600, 1] for MSE loss …": the sentence goes on in figures
                    break
                index, floats = index + 1, True
            else:
                break
        if index >= len(self.lines) or (floats and not captioned):
            return None
        first = self.lines[index].lstrip()[:1]
        if not (first.islower() or (figures and first.isdigit())) or self._inside_float(index):
            return None
        for end in range(index, min(len(self.lines), index + _CONTINUATION_LINES)):
            if _ENDS_SENTENCE.search(self.lines[end]):
                return index, end + 1
        return None


def find_joins(pages: list[str]) -> list[Join]:
    """The page breaks that fall inside a sentence, in page order; a page's continuation is never also the body
    end of a join onto the page after it."""
    split = [page.split("\n") for page in pages]
    running, width = _running_lines(split), _line_width(split)
    readers = [_Page(lines, running, width) for lines in split]
    joins: list[Join] = []
    taken_until = [0] * len(pages)  # lines of each page already moved onto the page before
    for k in range(len(pages) - 1):
        end = readers[k].body_end()
        rest = readers[k + 1].continuation()
        if end is None or rest is None or end <= taken_until[k]:
            continue
        joins.append(Join(k, end, rest[0], rest[1]))
        taken_until[k + 1] = rest[1]
    return joins


def _offsets(lines: list[str]) -> list[int]:
    """The character offset of each line's start, and of the page's end, in the page's text."""
    out = [0]
    for line in lines:
        out.append(out[-1] + len(line) + 1)
    out[-1] -= 1
    return out


@dataclass(frozen=True)
class Layout:
    """The document's text with joined sentences: its paragraphs of pieces (`regions`, each a run of parts joined
    by one line break, regions separated by a blank line; `floats` holds the indexes of those made of a page's
    furniture and the next page's head), and where each page's characters went."""

    text: str
    regions: tuple[tuple[Part, ...], ...]
    moves: tuple[tuple[tuple[int, int, int], ...], ...]  # per page: (local start, local end, new start)
    floats: frozenset[int] = frozenset()

    def position(self, page: int, local: int) -> int:
        """Where the character at `local` of page `page` (0-based) is in `text`; a character left out (a line
        break around a moved piece) goes with the piece after it."""
        moved = sorted(self.moves[page])
        for start, end, new in moved:
            if local < end or (local == end == start):
                return new + max(local - start, 0)
        start, end, new = moved[-1]
        return new + end - start

    def span(self, page: int, start: int, end: int) -> tuple[int, int]:
        """Where [start, end) of page `page` is in `text` (a span inside one piece stays one span)."""
        first = self.position(page, start)
        return first, max(first + 1, self.position(page, max(start, end - 1)) + 1) if end > start else first


def _cuts(pages: list[str], joins: list[Join]) -> list[tuple[int, int]]:
    """Per page, [start, end) of its own body: after the lines that went onto the page before, and before its
    furniture when its last sentence runs on (the page whole when no join touches it)."""
    cuts = [(0, len(page)) for page in pages]
    for join in joins:
        cuts[join.page] = (cuts[join.page][0], _offsets(pages[join.page].split("\n"))[join.body_end])
        cuts[join.page + 1] = (_offsets(pages[join.page + 1].split("\n"))[join.cont_end], cuts[join.page + 1][1])
    return cuts


def _continuation(pages: list[str], join: Join) -> tuple[int, int]:
    """[start, end) in page k+1 of the rest of page k's broken sentence."""
    offsets = _offsets(pages[join.page + 1].split("\n"))
    return offsets[join.cont_start], offsets[join.cont_end]


def lay_out(pages: list[str], joins: list[Join]) -> Layout:
    """The pages in reading order. Pages are paragraphs joined by blank lines as ever; where a sentence crosses a
    page break, its rest follows page k's body on the next line, then page k's furniture and page k+1's head (its
    running head, the floats above the rest) make a paragraph of their own, then the rest of page k+1."""
    by_page = {join.page: join for join in joins}
    cuts = _cuts(pages, joins)
    blocks: list[tuple[bool, list[tuple[int, int, int]]]] = []  # (a float?, pieces (page, local start, end))
    for number, page in enumerate(pages):
        start, end = cuts[number]
        if number not in by_page:
            blocks.append((False, [(number, start, end)]))
            continue
        rest = _continuation(pages, by_page[number])
        blocks.append((False, [(number, start, end), (number + 1, *rest)]))
        blocks.append((True, [(number, end, len(page)), (number + 1, 0, rest[0])]))
    return _assemble(pages, blocks, plain={number for number, cut in enumerate(cuts) if cut == (0, len(pages[number]))})


def _assemble(pages: list[str], blocks: list[tuple[bool, list[tuple[int, int, int]]]], plain: set[int]) -> Layout:
    """The text of `blocks` (paragraphs of page pieces): pieces trimmed of the line breaks around them and joined
    by one line break, paragraphs by a blank line. A page read whole (`plain`) is kept as it is, even empty, so
    a document without joins reads exactly as the pages joined by blank lines."""
    text: list[str] = []
    length = 0
    regions: list[tuple[Part, ...]] = []
    floats: set[int] = set()
    moves: list[list[tuple[int, int, int]]] = [[] for _ in pages]
    for is_float, block in blocks:
        pieces = []
        for page, start, end in block:
            raw = pages[page][start:end]
            whole = page in plain and not is_float
            piece = raw if whole else raw.strip("\n")
            lead = 0 if whole else len(raw) - len(raw.lstrip("\n"))
            if piece or whole:
                pieces.append((page, start + lead, piece))
        if not pieces:
            continue
        if text:
            text.append("\n\n")
            length += 2
        parts: list[Part] = []
        for index, (page, local, piece) in enumerate(pieces):
            if index:
                text.append("\n")
                length += 1
            moves[page].append((local, local + len(piece), length))
            if piece:
                parts.append(Part(length, length + len(piece), page + 1))
            text.append(piece)
            length += len(piece)
        if is_float:
            floats.add(len(regions))
        regions.append(tuple(parts))
    return Layout("".join(text), tuple(regions), tuple(tuple(m) for m in moves), frozenset(floats))


def passage_spans(pages: list[str], joins: list[Join], layout: Layout) -> list[tuple[Part, ...]]:
    """The passages of the laid-out text, each as the parts (page pieces) it is made of, in no order.

    A page's own body is cut into chunks exactly as the page alone would be (so a join moves no other passage
    of the page): chunks before the lines that went onto the page before are dropped or clipped, and the last
    chunk before the page's furniture takes the rest of its broken sentence. A float paragraph is chunked as a
    paragraph of its own."""
    by_page = {join.page: join for join in joins}
    cuts = _cuts(pages, joins)
    out: list[tuple[Part, ...]] = []
    for number, page in enumerate(pages):
        keep_from, keep_to = cuts[number]
        spans = []
        for start, end in paragraph_chunks(page):
            start, end = trimmed(page, max(start, keep_from), min(end, keep_to))
            if end > start:
                spans.append(layout.span(number, start, end))
        parts = [(Part(start, end, number + 1),) for start, end in spans]
        if number in by_page:
            rest_start, rest_end = trimmed(pages[number + 1], *_continuation(pages, by_page[number]))
            rest = Part(*layout.span(number + 1, rest_start, rest_end), number + 2)
            parts[-1:] = [(*parts[-1], rest)] if parts else [(rest,)]
        out.extend(parts)
    for index in sorted(layout.floats):
        region = layout.regions[index]
        for start, end in paragraph_chunks(layout.text, region[0].start, region[-1].end):
            out.append(tuple(Part(max(start, part.start), min(end, part.end), part.page) for part in region
                             if part.start < end and start < part.end))
    return out


def sentence_breaks(pages: list[str]) -> list[tuple[int, str, str]]:
    """(page k, 1-based; page k's last body line; page k+1's first line of the rest) for every joined break:
    what bench/page_breaks.py counts and shows."""
    out: list[tuple[int, str, str]] = []
    for join in find_joins(pages):
        before = pages[join.page].split("\n")[join.body_end - 1]
        after = pages[join.page + 1].split("\n")[join.cont_start]
        out.append((join.page + 1, before.strip(), after.strip()))
    return out
