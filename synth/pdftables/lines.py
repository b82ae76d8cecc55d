"""Geometry: glyphs grouped into lines by baseline, words and phrases within a line, and which
lines are data rows (step 1 of the package docstring)."""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from synth.pdftables.cells import cell_kind
from synth.pdftables.glyphs import Glyph

_SOFT_HYPHEN = {"\ufffe", "\u00ad", "\u2010"}
_LEADER = re.compile(r"^[.·…]+$")
_TIMES = {"·", "×", "x"}
_MANTISSA = re.compile(r"^[-−]?\d+(?:\.\d+)?$")
_POWER = re.compile(r"^10\^[-−]?\d+$")
_X0, _Y, _SIZE = operator.attrgetter("x0"), operator.attrgetter("y"), operator.attrgetter("size")


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    y: float
    size: float

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(slots=True)
class Line:
    y: float
    size: float
    words: list[Word]
    segments: list[Word] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1


def page_lines(glyphs: Sequence[Glyph]) -> list[Line]:
    """Group glyphs into lines by baseline; small raised glyphs join the line they decorate."""
    if not glyphs:
        return []
    return sorted(map(_make_line, _grouped(glyphs)), key=_Y, reverse=True)


def _grouped(glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    """Glyphs of the body size by baseline, each smaller glyph joined to the line it decorates. The glyphs no line
    takes are grouped the same way among themselves: a table set smaller than the page's prose has subscripts of
    its own ("FFN" with "GEGLU" below it, 5.2 pt under 7.5 pt), which decorate its rows, not start lines."""
    sizes = sorted(map(_SIZE, glyphs))
    body_size = sizes[len(sizes) // 2]
    normal: list[Glyph] = []
    small: list[Glyph] = []
    for glyph in glyphs:
        (normal if glyph.size >= 0.85 * body_size or glyph.size >= 8.5 else small).append(glyph)
    groups: list[list[Glyph]] = []
    current: list[Glyph] = []
    top = 0.0  # the baseline of the line being built (its first glyph's)
    for glyph in _top_down(normal):
        if current and abs(top - glyph.y) <= 0.2 * glyph.size:
            current.append(glyph)
        else:
            current, top = [glyph], glyph.y
            groups.append(current)
    # Groups are in descending baseline order: a small glyph is only compared with the groups whose
    # baseline lies within reach of the largest size (the same groups, in the same order, that pass
    # the test below), not with every line of the page.
    keys = [-group[0].y for group in groups]
    reach = max((group[0].size for group in groups), default=0.0) + 1.0
    leftovers: list[list[Glyph]] = []
    for glyph in small:
        best = None
        best_distance = 0.0
        for group in groups[bisect.bisect_left(keys, -glyph.y - 0.25 * reach):
                            bisect.bisect_right(keys, -glyph.y + 0.6 * reach)]:
            ref = group[0]
            rise = glyph.y - ref.y
            distance = abs(rise)
            # Closer than the best line so far is tested before nearness: it is the cheap half.
            if ((0 <= rise <= 0.6 * ref.size or distance <= 0.25 * ref.size)
                    and (best is None or distance < best_distance)
                    and (distance <= 0.1 * ref.size or any(
                        g.x0 - 0.4 * ref.size <= glyph.x0 <= g.x1 + 0.4 * ref.size for g in group))):
                best, best_distance = group, distance
        if best is not None:
            best.append(glyph)
        else:
            leftovers.append([glyph])
    if leftovers and len(leftovers) < len(glyphs) and normal:
        return [*groups, *_grouped([glyph for [glyph] in leftovers])]
    return [*groups, *_regroup(leftovers)]


def _top_down(glyphs: list[Glyph]) -> list[Glyph]:
    """Glyphs by descending baseline, left to right on one baseline: `sorted(key=(-y, x0))` as two
    stable sorts on C-level keys, without a Python call per glyph."""
    ordered = sorted(glyphs, key=_X0)
    ordered.sort(key=_Y, reverse=True)
    return ordered


def _median(values: list[float]) -> float:
    """statistics.median, without its generality: called twice for every line of a table page."""
    values.sort()
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def _regroup(singles: list[list[Glyph]]) -> list[list[Glyph]]:
    groups: list[list[Glyph]] = []
    for glyph in _top_down([glyph for [glyph] in singles]):
        if groups and abs(groups[-1][0].y - glyph.y) <= 0.2 * glyph.size:
            groups[-1].append(glyph)
        else:
            groups.append([glyph])
    return groups


def _make_line(glyphs: list[Glyph]) -> Line:
    glyphs = sorted(glyphs, key=_X0)
    largest = max(map(_SIZE, glyphs))
    size = _median([g.size for g in glyphs if g.size >= 0.8 * largest])  # superscripts aside
    # Glyphs join the word before them across a gap under 0.2 em (0.05 em after a space the PDF
    # encodes); a soft hyphen ends its word. The word being built is kept in locals: this loop
    # runs once per glyph of every table page.
    words: list[Word] = []
    parts: list[str] | None = None
    x0 = x1 = y = word_size = 0.0
    soft = False
    for glyph in glyphs:
        char = glyph.text
        if char in _SOFT_HYPHEN:
            if parts is not None:
                parts.append("\u00ad")
                soft = True
            continue
        if parts is not None:
            gap = glyph.x0 - x1
            if not soft and gap <= 0.2 * size and not (glyph.space_before and gap > 0.05 * size):
                if parts == ["1", "0"] and glyph.size < 0.8 * largest and glyph.y - y > 0.2 * glyph.size:
                    parts.append("^")  # a raised exponent after "10": "10^19", not "1019"
                parts.append(char)
                if glyph.x1 > x1:
                    x1 = glyph.x1
                continue
            words.append(Word("".join(parts), x0, x1, y, word_size))
        parts, x0, x1, y, word_size, soft = [char], glyph.x0, glyph.x1, glyph.y, glyph.size, False
    if parts is not None:
        words.append(Word("".join(parts), x0, x1, y, word_size))
    words = _scientific(words)
    words = [w for w in words if not _LEADER.match(w.text)] or words  # dot leaders of a contents page
    line = Line(y=_median([g.y for g in glyphs]), size=size, words=words)
    line.segments = phrase_segments(words, size)
    return line


def _scientific(words: list[Word]) -> list[Word]:
    """A mantissa, a times sign and a power of ten ("2.3", "·", "10^19") are one number: read apart, the middle
    dot was dropped as a dot leader and the mantissa and the power fell into two columns."""
    out: list[Word] = []
    k = 0
    while k < len(words):
        if (k + 2 < len(words) and words[k + 1].text in _TIMES and _MANTISSA.match(words[k].text)
                and _POWER.match(words[k + 2].text)):
            first, last = words[k], words[k + 2]
            out.append(Word(f"{first.text} {words[k + 1].text} {last.text}", first.x0, last.x1, first.y, first.size))
            k += 3
        else:
            out.append(words[k])
            k += 1
    return out


def phrase_segments(words: list[Word], size: float) -> list[Word]:
    """Words joined into phrases where the gap is an ordinary space (≤ half an em)."""
    segments: list[Word] = []
    for word in words:
        if segments and word.x0 - segments[-1].x1 <= 0.5 * size:
            last = segments[-1]
            last.text += " " + word.text
            last.x1 = word.x1
        else:
            segments.append(Word(word.text, word.x0, word.x1, word.y, word.size))
    return segments


def is_data_row(line: Line) -> bool:
    kinds = [cell_kind(s.text) for s in line.segments]
    values = sum(1 for k in kinds if k in ("num", "dash"))
    return values >= 2 and "num" in kinds and all(len(s.text.split()) <= 8 for s in line.segments)
