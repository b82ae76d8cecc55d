"""Runs of table lines on a page: data rows, the headings between them and the header lines above
(step 2 of the package docstring)."""

from __future__ import annotations

from synth.pdftables.cells import cell_kind
from synth.pdftables.fractions import attach_scripts, is_script
from synth.pdftables.lines import Line, is_data_row

_MAX_HEADER_LINES = 5


def table_blocks(lines: list[Line], caption_lines: set[int]) -> list[tuple[list[Line], int]]:
    """Runs of table lines, each with the index (within the run) of its first data row."""
    blocks: list[tuple[list[Line], int]] = []
    i = 0
    while i < len(lines):
        if i in caption_lines or not is_data_row(lines[i]):
            i += 1
            continue
        size = lines[i].size
        end = i
        j = i + 1
        last_data = i
        while j < len(lines) and j not in caption_lines:
            line, prev = lines[j], lines[j - 1]
            if _scripts(lines, j, size):
                j += 1
                continue
            if prev.y - line.y > 2.6 * size or not 0.7 * size <= line.size <= 1.12 * size:
                break
            if is_data_row(line):
                last_data = j
            elif not table_like(line, size):
                break
            j += 1
        end = last_data
        if end + 1 < len(lines) and end + 1 not in caption_lines:  # the second line of a wrapped row label
            after = lines[end + 1]
            if (len(after.segments) == 1 and cell_kind(after.segments[0].text) == "text"
                    and lines[end].y - after.y <= 0.8 * lines[end].size):
                end += 1
        start = i
        k = i - 1
        while k >= 0 and i - k <= _MAX_HEADER_LINES and k not in caption_lines:
            line, below = lines[k], lines[k + 1]
            if _scripts(lines, k, size):
                k -= 1
                continue
            if (line.y - below.y > 2.6 * size or not 0.75 * size <= line.size <= 1.2 * size
                    or not table_like(line, size) or (line.size > 1.08 * size and not _column_labels(line))):
                break
            if blocks and any(line is other for other in blocks[-1][0]):
                break
            start = k
            k -= 1
        while start > 0 and start - 1 not in caption_lines and _scripts(lines, start - 1, size):
            start -= 1
        while end + 1 < len(lines) and end + 1 not in caption_lines and _scripts(lines, end + 1, size):
            end += 1
        rows = [line for line in lines[start:end + 1] if not is_script(line, size)]
        if sum(1 for line in rows if is_data_row(line)) >= 2:
            attach_scripts(rows, [line for line in lines[start:end + 1] if is_script(line, size)], size)
            blocks.append((rows, next(k for k, line in enumerate(rows) if line is lines[i])))
        i = end + 1
    return blocks


def _scripts(lines: list[Line], index: int, size: float) -> bool:
    """A script line (`is_script`) less than an em from a line beside it: the numerator or denominator of a
    stacked fraction ("1 / √d_model" in the Adafactor paper's Table 3) or a sub- or superscript no row took. It does
    not end the block, and is set into the row it belongs to (`attach_scripts`)."""
    line = lines[index]
    return is_script(line, size) and any(abs(lines[k].y - line.y) < size for k in (index - 1, index + 1)
                                         if 0 <= k < len(lines))


def _column_labels(line: Line) -> bool:
    """Column labels set larger than the rows they head (BLT's Table 1: "Llama 3 | BLT-Space | BLT-Entropy" at 10 pt
    over 8.8 pt rows): several short phrases, never a heading or a line of prose at the text's size."""
    return len(line.segments) >= 2 and all(len(s.text.split()) <= 4 for s in line.segments)


def table_like(line: Line, size: float) -> bool:
    """A header, heading or text row: several phrases, or one short phrase (never prose)."""
    if len(line.segments) >= 2:
        return all(len(s.text.split()) <= 8 or _labels(s.text) for s in line.segments)
    text = line.segments[0].text if line.segments else ""
    return len(text) <= 45 and (line.x1 - line.x0) <= 22 * size


def _labels(text: str) -> bool:
    """Column labels an ordinary space apart ("# LLM Params POPE↑ MME-P↑ MMB↑ SEED↑ GQA↑"), not a line of prose:
    at most one of its words is a lower-case word."""
    return sum(1 for word in text.split() if word.isalpha() and word.islower()) <= 1
