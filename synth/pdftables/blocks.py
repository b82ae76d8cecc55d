"""Runs of table lines on a page: data rows, the headings between them and the header lines above
(step 2 of the package docstring)."""

from __future__ import annotations

import re

from synth.pdftables.cells import cell_kind
from synth.pdftables.lines import Line, Word, is_data_row

_MAX_HEADER_LINES = 5
_LOWER_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


def table_blocks(lines: list[Line], caption_lines: set[int]) -> list[tuple[list[Line], int]]:
    """Runs of table lines, each with the index (within the run) of its first data row. Lines set beside
    the table (the prose a narrow table is wrapped in, the other column of a two-column page) sit between
    its rows on the page but are not part of it: they are skipped, never an end of the table."""
    blocks: list[tuple[list[Line], int]] = []
    i = 0
    while i < len(lines):
        if i in caption_lines or not is_data_row(lines[i]):
            i += 1
            continue
        size = lines[i].size
        span = (lines[i].x0, lines[i].x1)
        body = [lines[i]]
        end = i
        j = i + 1
        while j < len(lines) and j not in caption_lines:
            line = _within(lines[j], span, size)
            if line is None:
                j += 1
                continue
            if body[-1].y - line.y > 2.6 * size or not 0.7 * size <= line.size <= 1.12 * size:
                break
            if is_data_row(line):
                body.append(line)
                end = j
                span = (min(span[0], line.x0), max(span[1], line.x1))
            elif not table_like(line, size):
                break
            else:
                body.append(line)
            j += 1
        while not is_data_row(body[-1]):
            body.pop()
        if end + 1 < len(lines) and end + 1 not in caption_lines:  # the second line of a wrapped row label
            after = _within(lines[end + 1], span, size)
            if (after is not None and len(after.segments) == 1 and cell_kind(after.segments[0].text) == "text"
                    and body[-1].y - after.y <= 0.8 * body[-1].size):
                body.append(after)
                end += 1
        header: list[Line] = []
        k = i - 1
        while k >= 0 and len(header) < _MAX_HEADER_LINES and k not in caption_lines:
            line = _within(lines[k], span, size)
            if line is None:
                k -= 1
                continue
            below = header[0] if header else body[0]
            if (line.y - below.y > 2.6 * size or not 0.75 * size <= line.size <= 1.08 * size
                    or not table_like(line, size)):
                break
            if blocks and any(lines[k] is other for other in blocks[-1][0]):
                break
            header.insert(0, line)
            k -= 1
        rows = [*header, *body]
        if sum(1 for line in rows if is_data_row(line)) >= 2:
            blocks.append((rows, len(header)))
        i = end + 1
    return blocks


def _within(line: Line, span: tuple[float, float], size: float) -> Line | None:
    """The part of a line that lies over the table's columns: None for prose wholly beside them (ending before the
    rows start or starting after they end, beyond a third of an em), the line without its prose run when prose
    beside the table shares its baseline. A short line there that is no sentence stays: a row group's or a row's
    label ("English", "(MCQ in 57 subjects)") is often written left of the rows it names."""
    left, right = span[0] - 0.3 * size, span[1] + 0.3 * size
    if line.x1 < left or line.x0 > right:
        return None if _prose(line.segments) or not table_like(line, size) else line
    kept = [s for s in line.segments if s.x1 >= left and s.x0 <= right]
    dropped = [s for s in line.segments if s not in kept]
    if not dropped or not (_prose(dropped) or any(_sentence_run(s.text) for s in dropped)):
        return line
    words = [w for w in line.words if any(s.x0 <= w.x0 and w.x1 <= s.x1 for s in kept)]
    return Line(y=line.y, size=line.size, words=words, segments=kept) if words else None


def _sentence_run(text: str) -> bool:
    """A run of five words or more at ordinary spacing, two of them lower-case words: a sentence's piece, which
    no cell beside a table's rows is ("Mistral 7B – Instruct, exhibits superior perfor…")."""
    words = [w.strip(".,;:()[]\"'“”’") for w in text.split()]
    return len(words) >= 5 and sum(1 for w in words if _LOWER_WORD.fullmatch(w)) >= 2


def _prose(segments: list[Word]) -> bool:
    """Words of a sentence, not cells: four words or more, most of them lower-case words ("we observe that the",
    "Mistral 7B – Instruct model is a simple and"), which labels ("(MCQ in 57 subjects)") are not."""
    words = [w.strip(".,;:()[]\"'“”’") for s in segments for w in s.text.split()]
    lower = sum(1 for w in words if _LOWER_WORD.fullmatch(w))
    return len(words) >= 4 and 2 * lower > len(words)


def table_like(line: Line, size: float) -> bool:
    """A header, heading or text row: several phrases, or one short phrase (never prose)."""
    if len(line.segments) >= 2:
        return all(len(s.text.split()) <= 8 for s in line.segments)
    text = line.segments[0].text if line.segments else ""
    return len(text) <= 45 and (line.x1 - line.x0) <= 22 * size
