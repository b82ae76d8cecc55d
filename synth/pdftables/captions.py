""""Table N" captions, the pairing of captions with grids, and where a table sits in the page text
(step 5 of the package docstring)."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from synth.pdftables.grid import Grid
from synth.pdftables.lines import Line, is_data_row

# "Table 1:", "Table 1.", "Table 1 |", and "Table 1 Comparison of …" (a capital after the number: prose says "Table 1
# shows …")
CAPTION = re.compile(r"^\s*(?:Table|TABLE|Tab\.)\s*(\d+)(?:\s*[:.|]|\s+(?=[A-Z][a-z]))")
_CAPTION_IN_TEXT = r"(?:Table|TABLE|Tab\.)\s*{n}\s*[:.|]"


@dataclass
class Caption:
    number: int
    text: str
    top: float
    bottom: float
    first_line: Line


def find_captions(lines: list[Line]) -> tuple[list[Caption], set[int]]:
    """"Table N:" lines and their continuation lines (same size, tight pitch, one phrase)."""
    captions: list[Caption] = []
    used: set[int] = set()
    i = 0
    while i < len(lines):
        match = CAPTION.match(lines[i].text)
        if not match:
            i += 1
            continue
        block = [lines[i]]
        used.add(i)
        j = i + 1
        while j < len(lines):
            prev, line = lines[j - 1], lines[j]
            if (abs(line.size - prev.size) > 0.5 or prev.y - line.y > 1.6 * prev.size or len(line.segments) > 2
                    or is_data_row(line) or CAPTION.match(line.text) or line.x0 < block[0].x0 - 2 * prev.size
                    or not _aligned(line, block)):
                break
            block.append(line)
            used.add(j)
            j += 1
        text = ""
        for line in block:
            piece = line.text
            joined = text[:-1] + piece if text.endswith("\u00ad") else f"{text} {piece}"
            text = joined if text else piece
        text = " ".join(text.replace("\u00ad", "").split())
        captions.append(Caption(int(match.group(1)), text, block[0].y + block[0].size, block[-1].y, block[0]))
        i = j
    return captions, used


def _aligned(line: Line, block: list[Line]) -> bool:
    """A caption's next line starts under its first line (or left of it), is centred under it, ends where it ends
    (a justified caption with a hanging indent), or starts where the line before it did: the table's header right
    below a caption ("BLEU  Training Cost (FLOPs)" in Attention Is All You Need's Table 2) is none of these."""
    first, size = block[0], block[0].size
    return (line.x0 <= first.x0 + 1.5 * size or abs((line.x0 + line.x1) - (first.x0 + first.x1)) / 2 <= 1.5 * size
            or abs(line.x1 - first.x1) <= size or (len(block) > 1 and abs(line.x0 - block[-1].x0) <= size))


def pair_captions(grids: list[Grid], captions: list[Caption]) -> list[Caption | None]:
    """Attach captions above or below, following whichever convention fits more tables; grids
    cut from one block (sub-tables under a repeated header) share its caption."""
    blocks: dict[int, list[Grid]] = {}
    for grid in grids:
        blocks.setdefault(grid.block, []).append(grid)
    extents = [(max(g.top for g in members), min(g.bottom for g in members),
                statistics.median(line.size for g in members for line in g.lines)) for members in blocks.values()]

    spans = [(min(line.x0 for g in members for line in g.lines), max(line.x1 for g in members for line in g.lines))
             for members in blocks.values()]

    def pairing(above: bool) -> tuple[int, float, list[Caption | None]]:
        taken: set[int] = set()
        chosen: list[Caption | None] = [None] * len(extents)
        distance = 0.0
        order = sorted(range(len(extents)), key=lambda b: -extents[b][0] if above else extents[b][1])
        for b in order:
            top, bottom, size = extents[b]
            options = []
            for c, caption in enumerate(captions):
                gap = (caption.bottom - top) if above else (bottom - caption.top)
                if c in taken or gap < -2 or gap > 12 * size or not _overlaps(caption, spans[b]):
                    continue
                if any(o != b and ((above and top < extents[o][0] < caption.bottom)
                                   or (not above and caption.top < extents[o][0] < bottom))
                       for o in range(len(extents))):
                    continue
                options.append((gap, c))
            if options:
                gap, c = min(options)
                taken.add(c)
                distance += gap
                chosen[b] = captions[c]
        return sum(1 for c in chosen if c is not None), -distance, chosen

    best = max(pairing(True), pairing(False), key=lambda p: (p[0], p[1]))[2]
    by_block = dict(zip(blocks, best, strict=True))
    return [by_block[grid.block] for grid in grids]


def _overlaps(caption: Caption, span: tuple[float, float]) -> bool:
    """A caption is over or under its table: tables set side by side each have their own (a narrow "Table 1" to
    the left is no caption of the "Table 2" to its right, though nearer)."""
    line = caption.first_line
    return line.x0 < span[1] and span[0] < line.x1


def _find(page_text: str, needle: str, start: int = 0) -> int:
    """Offset of `needle` in the page text, tolerant of whitespace and soft hyphens; -1 if absent.

    The first match of its tokens separated by any run of whitespace (`t1\\s*t2…` as a regex, which
    compiled once per cell text cost more than the whole search)."""
    tokens = needle.replace("\u00ad", "").split()
    if not tokens:
        return -1
    first, rest = tokens[0], tokens[1:]
    at = page_text.find(first, start)
    while at >= 0:
        if _tokens_follow(page_text, at + len(first), rest):
            return at
        at = page_text.find(first, at + 1)
    return -1


def _tokens_follow(text: str, position: int, tokens: list[str]) -> bool:
    """Whether `tokens` come next in `text` from `position`, each after optional whitespace.

    Tokens come from `str.split()`, so none starts with whitespace and skipping every space before
    one is what a greedy `\\s*` does (both use the same Unicode whitespace)."""
    end = len(text)
    for token in tokens:
        while position < end and text[position].isspace():
            position += 1
        if not text.startswith(token, position):
            return False
        position += len(token)
    return True


def table_span(grid: Grid, caption: Caption | None, page_text: str) -> tuple[int, int]:
    """Where the table's caption and rows sit in the page text (the whole page if not found)."""
    starts: list[int] = []
    if caption is not None:
        match = re.compile(_CAPTION_IN_TEXT.format(n=caption.number)).search(page_text)
        if match:
            starts.append(match.start())
    first = next((c for row in grid.rows for c in row if c), "")
    at = _find(page_text, first) if first else -1
    if at >= 0:
        starts.append(at)
    if not starts:
        return 0, len(page_text)
    start = min(starts)
    end = start
    cursor = start
    for row in grid.rows:
        for cell in row:
            if not cell:
                continue
            found = _find(page_text, cell, cursor)
            if found >= 0 and found - cursor < 2000:
                cursor = found
                end = max(end, found + len(cell))
    if caption is not None and starts and starts[0] >= 0:
        end = max(end, starts[0] + len(caption.text))
    return start, min(max(end, start), len(page_text))
