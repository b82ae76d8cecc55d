"""Tables in PDF pages, rebuilt from character positions.

PDF text has no table structure: a results table is just glyphs placed in a grid. The grid is
recovered from geometry, which is what survives every PDF producer:

1. glyphs are grouped into lines by *baseline* (not box centre: descenders and decimal points
   would split a line), superscripts (footnote marks, `MBPP+`) are attached to their line;
2. a line whose cells include two or more numbers is a *data row*; neighbouring data rows,
   short group headings ("Closed-Source Models") and the short lines just above (the header)
   make a table block; prose lines and captions end it;
3. columns are the x-intervals that the words of the data rows cover, separated by gutters no
   data word crosses, so a missing cell (`MATH-500` in Qwen3 Table 11) leaves a blank instead of
   shifting the row;
4. header phrases (possibly stacked over several lines, possibly spanning several columns such
   as "LiveCodeBench" over Easy/Medium/Hard/Overall) are joined per column top to bottom;
5. the nearest free "Table N" caption above or below (whichever convention the page follows) is
   attached.

Anything uncertain (no caption, a word between columns, merged cells, thin columns) sets
`Table.low_confidence` rather than dropping the table; pages without two numeric lines are never
analysed, so text pages cost one regex scan.
"""

from __future__ import annotations

import bisect
import ctypes
import functools
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from synth.models import Table

_CAPTION = re.compile(r"^\s*(?:Table|TABLE|Tab\.)\s*(\d+)\s*[:.|]")
_CAPTION_IN_TEXT = r"(?:Table|TABLE|Tab\.)\s*{n}\s*[:.|]"
_NUMBER_CELL = re.compile(
    r"^[(\[]?[$€£¥]?[-−+<>~≈±]?\s*\d[\d,]*(?:\.\d+)?\s*(?:%|[KMBTkmbt]\b|x\b|×)?"
    r"(?:\s*(?:/|±|\(|\+/-)\s*[-+]?\d[\d,]*(?:\.\d+)?\s*%?\)?)?[)\]]?\s*[†‡*§¶⋆∗'′]*\s*[a-d]?$"
)
_DASH_CELL = re.compile(r"^(?:-|–|—|/|N/A|n/a|NA|×|✗|x)$")
_DIGIT = re.compile(r"\d")
_SOFT_HYPHEN = {"\ufffe", "\u00ad", "\u2010"}
_LEADER = re.compile(r"^[.·…]+$")
_HEADER_LABEL = re.compile(r"^(?:models?|methods?|benchmarks?|datasets?|tasks?|settings?|metrics?|languages?|"
                           r"systems?|approach(?:es)?|baselines?|name|size)\b", re.IGNORECASE)
_MAX_HEADER_LINES = 5


class Glyph(NamedTuple):
    """One character with its horizontal extent, baseline and font size (PDF points, y up).

    A named tuple, not a dataclass: a table page has thousands of glyphs and a tuple is built 5x
    faster."""

    text: str
    x0: float
    x1: float
    y: float
    size: float
    space_before: bool = False


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    y: float
    size: float

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class _Line:
    y: float
    size: float
    words: list[_Word]
    segments: list[_Word] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1


def cell_kind(text: str) -> str:
    """`num`, `dash` (a placeholder for a missing value) or `text`."""
    stripped = text.strip()
    if _DASH_CELL.match(stripped):
        return "dash"
    if _NUMBER_CELL.match(stripped):
        return "num"
    return "text"


# --- reading glyphs from pypdfium2 -------------------------------------------------------------


def _characters(units: Sequence[int]) -> list[str]:
    """One string per pdfium character index. pdfium counts UTF-16 code units, so a character outside
    the BMP (a math letter such as 𝑥) takes two indices: the pair is joined on the first and the second
    left empty, never kept as a lone surrogate that cannot be written as UTF-8."""
    chars: list[str] = []
    for i, unit in enumerate(units):
        if 0xDC00 <= unit < 0xE000 and i and 0xD800 <= units[i - 1] < 0xDC00:
            chars.append("")
        elif 0xD800 <= unit < 0xDC00 and i + 1 < len(units) and 0xDC00 <= units[i + 1] < 0xE000:
            chars.append(chr(0x10000 + ((unit - 0xD800) << 10) + (units[i + 1] - 0xDC00)))
        elif 0 < unit < 0x110000 and not 0xD800 <= unit < 0xE000:
            chars.append(chr(unit))
        else:
            chars.append(" ")
    return chars


def page_glyphs(page: Any) -> list[Glyph]:
    """Every visible, non-space character of a pypdfium2 page (or text page) with its position."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    own = not isinstance(page, pdfium.PdfTextPage)
    textpage = page.get_textpage() if own else page
    try:
        handle = textpage.raw
        count = raw.FPDFText_CountChars(handle)
        text = textpage.get_text_range()
        chars: list[str] = list(text)
        if len(text) != count:  # characters outside the BMP: ask per character
            chars = _characters([raw.FPDFText_GetUnicode(handle, i) for i in range(count)])
        # One ctypes call costs more than the Python around it: functions and out-parameters are
        # bound once per page, not looked up and wrapped per character.
        box, origin_x, origin_y = raw.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
        box_ref, x_ref, y_ref = ctypes.byref(box), ctypes.byref(origin_x), ctypes.byref(origin_y)
        loose_box, char_origin, font_size = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetCharOrigin, \
            raw.FPDFText_GetFontSize
        glyphs: list[Glyph] = []
        spaced = True
        for index, char in enumerate(chars):
            if not char:  # the second half of a surrogate pair, joined to the first
                continue
            if char.isspace():  # real and generated spaces and line breaks: word boundaries, no glyph
                spaced = True
                continue
            # The loose box spans the glyph's advance, so letters of a word touch even where the ink
            # of a narrow glyph ("1", "l") would leave a gap that looks like a space.
            if not loose_box(handle, index, box_ref):
                continue
            char_origin(handle, index, x_ref, y_ref)
            size = font_size(handle, index)
            if size <= 1.5:  # some producers report 1 and scale by matrix; fall back to the box
                size = max(box.top - box.bottom, 1.0)
            glyphs.append(Glyph(char, box.left, box.right, origin_y.value, size, spaced))
            spaced = False
        return glyphs
    finally:
        if own:
            textpage.close()


def worth_scanning(page_text: str) -> bool:
    """Cheap pre-filter: a table needs two lines that each hold two or more numbers making up a
    good share of the line (prose with a year and a citation number does not count)."""
    numeric_lines = 0
    for line in page_text.splitlines():
        if not _DIGIT.search(line):
            continue
        tokens = line.split()
        cells = sum(1 for t in tokens if cell_kind(t) != "text")
        if cells >= 2 and cells >= 0.3 * len(tokens):
            numeric_lines += 1
            if numeric_lines >= 2:
                return True
    return False


def extract_tables(page: Any, doc_id: str, page_number: int, page_text: str, page_offset: int) -> list[Table]:
    """The tables on one PDF page.

    `page` is a pypdfium2 `PdfPage` (or its `PdfTextPage`); `page_number` is 1-based; `page_text`
    is the page's text exactly as it appears in `Document.text`, starting at `page_offset`, so
    each table's `start`/`end` point at its caption and rows there. Never raises on odd pages:
    a page that cannot be read yields no tables.
    """
    if not worth_scanning(page_text):
        return []
    try:
        glyphs = page_glyphs(page)
    except Exception:  # a damaged page must not stop the document
        return []
    return tables_from_glyphs(glyphs, doc_id, page_number, page_text, page_offset)


# --- geometry: lines, words, segments ----------------------------------------------------------


def _lines(glyphs: Sequence[Glyph]) -> list[_Line]:
    """Group glyphs into lines by baseline; small raised glyphs join the line they decorate."""
    if not glyphs:
        return []
    sizes = sorted(g.size for g in glyphs)
    body_size = sizes[len(sizes) // 2]
    normal = [g for g in glyphs if g.size >= 0.85 * body_size or g.size >= 8.5]
    small = [g for g in glyphs if not (g.size >= 0.85 * body_size or g.size >= 8.5)]
    groups: list[list[Glyph]] = []
    for glyph in sorted(normal, key=lambda g: (-g.y, g.x0)):
        if groups and abs(groups[-1][0].y - glyph.y) <= 0.2 * glyph.size:
            groups[-1].append(glyph)
        else:
            groups.append([glyph])
    # Groups are in descending baseline order: a small glyph is only compared with the groups whose
    # baseline lies within reach of the largest size (the same groups, in the same order, that pass
    # the test below), not with every line of the page.
    keys = [-group[0].y for group in groups]
    reach = max((group[0].size for group in groups), default=0.0) + 1.0
    leftovers: list[list[Glyph]] = []
    for glyph in small:
        best = None
        for group in groups[bisect.bisect_left(keys, -glyph.y - 0.25 * reach):
                            bisect.bisect_right(keys, -glyph.y + 0.6 * reach)]:
            ref = group[0]
            if 0 <= glyph.y - ref.y <= 0.6 * ref.size or abs(glyph.y - ref.y) <= 0.25 * ref.size:
                near = abs(glyph.y - ref.y) <= 0.1 * ref.size or any(
                    g.x0 - 0.4 * ref.size <= glyph.x0 <= g.x1 + 0.4 * ref.size for g in group)
                if near and (best is None or abs(glyph.y - ref.y) < abs(glyph.y - best[0].y)):
                    best = group
        if best is not None:
            best.append(glyph)
        else:
            leftovers.append([glyph])
    lines = [_make_line(g) for g in [*groups, *_regroup(leftovers)]]
    return sorted(lines, key=lambda line: -line.y)


def _median(values: list[float]) -> float:
    """statistics.median, without its generality: called twice for every line of a table page."""
    values.sort()
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def _regroup(singles: list[list[Glyph]]) -> list[list[Glyph]]:
    groups: list[list[Glyph]] = []
    for [glyph] in sorted(singles, key=lambda s: (-s[0].y, s[0].x0)):
        if groups and abs(groups[-1][0].y - glyph.y) <= 0.2 * glyph.size:
            groups[-1].append(glyph)
        else:
            groups.append([glyph])
    return groups


def _make_line(glyphs: list[Glyph]) -> _Line:
    glyphs = sorted(glyphs, key=lambda g: g.x0)
    largest = max(g.size for g in glyphs)
    size = _median([g.size for g in glyphs if g.size >= 0.8 * largest])  # superscripts aside
    # Glyphs join the word before them across a gap under 0.2 em (0.05 em after a space the PDF
    # encodes); a soft hyphen ends its word. The word being built is kept in locals: this loop
    # runs once per glyph of every table page.
    words: list[_Word] = []
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
                parts.append(char)
                if glyph.x1 > x1:
                    x1 = glyph.x1
                continue
            words.append(_Word("".join(parts), x0, x1, y, word_size))
        parts, x0, x1, y, word_size, soft = [char], glyph.x0, glyph.x1, glyph.y, glyph.size, False
    if parts is not None:
        words.append(_Word("".join(parts), x0, x1, y, word_size))
    words = [w for w in words if not _LEADER.match(w.text)] or words  # dot leaders of a contents page
    line = _Line(y=_median([g.y for g in glyphs]), size=size, words=words)
    line.segments = _segments(words, size)
    return line


def _segments(words: list[_Word], size: float) -> list[_Word]:
    """Words joined into phrases where the gap is an ordinary space (≤ half an em)."""
    segments: list[_Word] = []
    for word in words:
        if segments and word.x0 - segments[-1].x1 <= 0.5 * size:
            last = segments[-1]
            last.text += " " + word.text
            last.x1 = word.x1
        else:
            segments.append(_Word(word.text, word.x0, word.x1, word.y, word.size))
    return segments


def _is_data_row(line: _Line) -> bool:
    kinds = [cell_kind(s.text) for s in line.segments]
    values = sum(1 for k in kinds if k in ("num", "dash"))
    return values >= 2 and "num" in kinds and all(len(s.text.split()) <= 8 for s in line.segments)


# --- blocks ------------------------------------------------------------------------------------


@dataclass
class _Caption:
    number: int
    text: str
    top: float
    bottom: float
    first_line: _Line


def _captions(lines: list[_Line]) -> tuple[list[_Caption], set[int]]:
    """"Table N:" lines and their continuation lines (same size, tight pitch, one phrase)."""
    captions: list[_Caption] = []
    used: set[int] = set()
    i = 0
    while i < len(lines):
        match = _CAPTION.match(lines[i].text)
        if not match:
            i += 1
            continue
        block = [lines[i]]
        used.add(i)
        j = i + 1
        while j < len(lines):
            prev, line = lines[j - 1], lines[j]
            if (abs(line.size - prev.size) > 0.5 or prev.y - line.y > 1.6 * prev.size or len(line.segments) > 2
                    or _is_data_row(line) or _CAPTION.match(line.text) or line.x0 < block[0].x0 - 2 * prev.size):
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
        captions.append(_Caption(int(match.group(1)), text, block[0].y + block[0].size, block[-1].y, block[0]))
        i = j
    return captions, used


def _blocks(lines: list[_Line], caption_lines: set[int]) -> list[tuple[list[_Line], int]]:
    """Runs of table lines, each with the index (within the run) of its first data row."""
    blocks: list[tuple[list[_Line], int]] = []
    i = 0
    while i < len(lines):
        if i in caption_lines or not _is_data_row(lines[i]):
            i += 1
            continue
        size = lines[i].size
        end = i
        j = i + 1
        last_data = i
        while j < len(lines) and j not in caption_lines:
            line, prev = lines[j], lines[j - 1]
            if prev.y - line.y > 2.6 * size or not 0.7 * size <= line.size <= 1.12 * size:
                break
            if _is_data_row(line):
                last_data = j
            elif not _table_like(line, size):
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
            if (line.y - below.y > 2.6 * size or not 0.75 * size <= line.size <= 1.08 * size
                    or not _table_like(line, size)):
                break
            if blocks and any(line is other for other in blocks[-1][0]):
                break
            start = k
            k -= 1
        rows = lines[start:end + 1]
        if sum(1 for line in rows if _is_data_row(line)) >= 2:
            blocks.append((rows, i - start))
        i = end + 1
    return blocks


def _table_like(line: _Line, size: float) -> bool:
    """A header, heading or text row: several phrases, or one short phrase (never prose)."""
    if len(line.segments) >= 2:
        return all(len(s.text.split()) <= 8 for s in line.segments)
    text = line.segments[0].text if line.segments else ""
    return len(text) <= 45 and (line.x1 - line.x0) <= 22 * size


# --- columns -----------------------------------------------------------------------------------


@dataclass
class _Column:
    x0: float
    x1: float
    support: int = 0

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


def _columns(data_rows: list[_Line], size: float) -> list[_Column]:
    """X-intervals covered by data-row words, separated by gutters. With six or more rows a
    stretch must be covered by two rows, so one merged or overlong cell cannot bridge a gutter."""
    need = 2 if len(data_rows) >= 6 else 1
    events: list[tuple[float, int]] = []
    for line in data_rows:
        for word in line.words:
            events += [(word.x0, 1), (word.x1, -1)]
    events.sort()
    covered: list[list[float]] = []
    depth = 0
    start = 0.0
    for x, step in events:
        before = depth
        depth += step
        if before < need <= depth:
            start = x
        elif depth < need <= before and x > start:
            if covered and start <= covered[-1][1] + 0.4 * size:
                covered[-1][1] = x
            else:
                covered.append([start, x])
    columns = [_Column(a, b) for a, b in covered]
    for column in columns:
        column.support = sum(1 for line in data_rows if any(column.x0 <= w.center <= column.x1 for w in line.words))
    return columns


def _column_of(word: _Word, columns: list[_Column]) -> tuple[int, bool]:
    """Index of the column holding a word; `exact` is False when it sat between columns or
    straddled two of them."""
    overlaps = [min(word.x1, c.x1) - max(word.x0, c.x0) for c in columns]
    touching = [i for i, overlap in enumerate(overlaps) if overlap > 0]
    for index, column in enumerate(columns):
        if column.x0 - 0.5 <= word.center <= column.x1 + 0.5:
            return index, len(touching) <= 1
    if len(touching) == 1:
        return touching[0], True
    nearest = min(range(len(columns)), key=lambda i: min(abs(word.center - columns[i].x0),
                                                          abs(word.center - columns[i].x1)))
    return nearest, False


def _overlapped(segment: _Word, columns: list[_Column]) -> list[int]:
    hits = []
    for index, column in enumerate(columns):
        overlap = min(segment.x1, column.x1) - max(segment.x0, column.x0)
        width = max(column.x1 - column.x0, 1.0)
        if overlap > 0 and (overlap >= 0.4 * width or overlap >= 0.4 * (segment.x1 - segment.x0)):
            hits.append(index)
    return hits


# --- assembling one table ----------------------------------------------------------------------


@dataclass
class _Grid:
    header: list[str]
    rows: list[list[str]]
    groups: list[str]
    low_confidence: bool
    top: float
    bottom: float
    lines: list[_Line]
    block: int = 0


def _join_header(parts: list[str]) -> str:
    out = ""
    for part in parts:
        if not out:
            out = part
        elif out.endswith(("-", "\u00ad")) or part.startswith("-"):
            out = out.rstrip("\u00ad") + part
        else:
            out += " " + part
    return " ".join(out.replace("\u00ad", "").split())


def _header(lines: list[_Line], columns: list[_Column]) -> tuple[list[str], bool]:
    """Column names from stacked header lines (top to bottom); a phrase centred over several
    columns that each have their own lower header ("LiveCodeBench" over Easy/Medium/Hard) is
    prefixed to all of them."""
    placed: list[tuple[int, _Word, list[int]]] = []
    for level, line in enumerate(lines):
        for segment in _header_phrases(line, columns):
            hits = _overlapped(segment, columns) or [_column_of(segment, columns)[0]]
            placed.append((level, segment, hits))
    levels: list[set[int]] = [set() for _ in columns]
    for level, _, hits in placed:
        for i in hits:
            levels[i].add(level)
    parts: list[list[tuple[int, str]]] = [[] for _ in columns]
    uncertain = False
    for level, segment, hits in placed:
        below = sorted({lvl for i in hits for lvl in levels[i] if lvl > level})
        if below:
            siblings = [other.center for lvl, other, _ in placed if lvl == level and other is not segment]
            hits = _spanned(segment, hits, columns, levels, level, below[0], siblings)
        elif len(hits) > 1:
            uncertain = True  # one phrase over two columns with nothing under it: a merged cell
            hits = [_column_of(segment, columns)[0]]
        for i in hits:
            parts[i].append((level, segment.text))
    return [_join_header([text for _, text in sorted(p, key=lambda item: item[0])]) for p in parts], uncertain


def _header_phrases(line: _Line, columns: list[_Column]) -> list[_Word]:
    """Phrases of a header line: words closer than 0.4 em (an ordinary space is about 0.28 em;
    neighbouring column headers such as "DeepSeek DeepSeek" sit about 0.5 em apart)."""
    phrases: list[_Word] = []
    previous: tuple[int, bool] | None = None
    for word in line.words:
        where = _column_of(word, columns)
        gap = word.x0 - phrases[-1].x1 if phrases else 0.0
        split = previous is not None and previous[1] and where[1] and previous[0] != where[0] and gap > 0.33 * line.size
        if phrases and not split and gap <= 0.4 * line.size:
            phrases[-1].text += " " + word.text
            phrases[-1].x1 = word.x1
        else:
            phrases.append(_Word(word.text, word.x0, word.x1, word.y, word.size))
        previous = where
    return phrases


def _spanned(segment: _Word, hits: list[int], columns: list[_Column], levels: list[set[int]], level: int,
             below: int, siblings: list[float]) -> list[int]:
    """Columns under a phrase: grow over neighbours that have no phrase at its level or above and
    whose own header starts on the same lower line. Columns between two phrases of one line go to
    the nearer one ("French" / "German" over Arc-c HellaS MMLU each); a phrase alone on its line
    takes the whole run when it is centred on it ("RULER" over every context length), else the
    centred part of it."""
    def open_column(i: int) -> bool:
        nearer = all(abs(columns[i].center - segment.center) < abs(columns[i].center - s) for s in siblings)
        return i > 0 and bool(levels[i]) and min(levels[i]) == below and nearer

    lo, hi = hits[0], hits[-1]
    while open_column(lo - 1):
        lo -= 1
    while hi + 1 < len(columns) and open_column(hi + 1):
        hi += 1
    window_center = (columns[lo].x0 + columns[hi].x1) / 2
    if siblings or abs(window_center - segment.center) <= 0.1 * (columns[hi].x1 - columns[lo].x0):
        return list(range(lo, hi + 1))
    best, best_score = hits, abs((columns[hits[0]].x0 + columns[hits[-1]].x1) / 2 - segment.center)
    for first in range(lo, hits[0] + 1):
        for last in range(hits[-1], hi + 1):
            score = abs((columns[first].x0 + columns[last].x1) / 2 - segment.center)
            tolerance = 0.02 * (columns[last].x1 - columns[first].x0)
            wider = last - first > best[-1] - best[0]
            if score < best_score - tolerance or (score <= best_score + tolerance and wider):
                best, best_score = list(range(first, last + 1)), min(score, best_score)
    return best


def _category_column(columns: list[_Column], data_rows: list[_Line]) -> _Column | None:
    """A thin leftmost text column beside a full label column holds group names ("General Tasks")."""
    if len(columns) < 3 or columns[0].support >= 0.6 * len(data_rows) or columns[1].support < 0.8 * len(data_rows):
        return None
    inside = [w for line in data_rows for w in line.words if columns[0].x0 <= w.center <= columns[0].x1]
    return columns[0] if all(cell_kind(w.text) == "text" for w in inside) else None


def _has_label(words: list[_Word], label: _Column) -> bool:
    return bool(words) and label.x0 - 1 <= words[0].center <= label.x1 + 1 and words[0].x0 <= label.x1


def _absorb_wrapped_labels(lines: list[_Line]) -> list[_Line]:
    """A row label printed on its own lines around an unlabelled row of numbers ("MMLU" above,
    "(MCQ in 57 subjects)" below, values centred between them) becomes that row's label."""
    used: set[int] = set()
    for k, line in enumerate(lines):
        if not _is_data_row(line) or cell_kind(line.segments[0].text) == "text":
            continue
        start = line.words[0].x0
        around = [j for j in (k - 1, k + 1) if 0 <= j < len(lines) and j not in used]
        for j in around:
            other = lines[j]
            if (len(other.segments) == 1 and cell_kind(other.segments[0].text) == "text"
                    and abs(other.y - line.y) <= 0.8 * line.size and other.x1 < start):
                used.add(j)
        taken = [lines[j] for j in sorted(used) if j in around]
        if taken:
            label = [_Word(w.text, w.x0, w.x1, line.y, w.size) for other in taken for w in other.words]
            x0, x1 = min(w.x0 for w in label), max(w.x1 for w in label)
            merged = _Word(" ".join(w.text for w in label), x0, x1, line.y, line.size)
            line.words = [merged, *line.words]
            line.segments = [_Word(merged.text, x0, x1, line.y, line.size), *line.segments]
    return [line for j, line in enumerate(lines) if j not in used]


def _grids(lines: list[_Line], first_data: int) -> list[_Grid]:
    """One grid per header: a header repeated inside the block (two stacked sub-tables under one
    caption, as in DeepSeek-Coder-V2 Table 3) starts a new grid over the same columns."""
    first_line = lines[first_data]
    lines = _absorb_wrapped_labels(lines)
    first_data = next((k for k, line in enumerate(lines) if line is first_line), 0)
    data_rows = [line for line in lines if _is_data_row(line)]
    size = statistics.median(line.size for line in data_rows)
    columns = _columns(data_rows, size)
    if len(columns) < 2:
        return []
    category = _category_column(columns, data_rows)
    if category is not None:
        columns.pop(0)
    label = columns[0]
    low = any(c.support < max(2, 0.3 * len(data_rows)) for c in columns)

    def words_of(line: _Line) -> tuple[list[_Word], list[_Word]]:
        """(cells, group-label words): text wholly left of the label column names a row group."""
        if category is None:
            side = [w for w in line.words if w.x1 < label.x0 - 0.3 * size and cell_kind(w.text) == "text"]
        else:
            side = [w for w in line.words if w.center < label.x0 and w.x1 <= label.x0 + 0.5 * size]
        return [w for w in line.words if w not in side], side

    # Numeric lines without a row label right above labelled rows are header lines ("2k 4k 8k").
    while first_data < len(lines) - 2 and not _has_label(words_of(lines[first_data])[0], label):
        first_data += 1
    head = lines[:first_data]
    # Lines above the data whose first phrase sits in the label column are text rows
    # ("Architecture  MoE  Dense"), unless no line lacks a label (then the top line is the header).
    unlabeled = [k for k, line in enumerate(head) if not _has_label(words_of(line)[0], label)
                 or _HEADER_LABEL.match(line.text)]
    cut = (max(unlabeled) + 1) if unlabeled else min(1, len(head))
    header_lines, body = head[:cut], head[cut:] + lines[first_data:]
    # A lone phrase at the bottom of the header over two columns is a group heading, not a header.
    pending: list[str] = []
    if len(header_lines) >= 2 and len(header_lines[-1].segments) == 1 and (
            len(_overlapped(header_lines[-1].segments[0], columns)) >= 2
            or _has_label(header_lines[-1].words, label)):
        pending.append(header_lines.pop().text)
    grids: list[_Grid] = []
    current: list[tuple[list[str], str, _Line]] = []
    heading = ""
    category_text: list[tuple[float, str]] = []

    def close(header_lines: list[_Line], rows: list[tuple[list[str], str, _Line]], low: bool) -> None:
        if not rows:
            return
        if category_text:
            _assign_categories(rows, category_text, size)
        header, uncertain = _header(header_lines, columns) if header_lines else ([""] * len(columns), True)
        used = [*header_lines, *(line for _, _, line in rows)]
        grids.append(_Grid(header, [r for r, _, _ in rows], [g for _, g, _ in rows], low or uncertain,
                           max(line.y + line.size for line in used), min(line.y for line in used), used))

    for line in body:
        words, side = words_of(line)
        if side:
            category_text.append((line.y, " ".join(w.text for w in side)))
        if not words:
            continue
        data = _is_data_row(line)
        phrases = _segments(words, line.size)
        if not data and len(phrases) == 1:
            pending.append(phrases[0].text)  # a group heading ("Closed-Source Models", "English")
            continue
        if not data and not _has_label(words, label):
            close(header_lines, current, low)  # a header repeated inside the block
            header_lines, current, heading, category_text = [line], [], "", []
            continue
        if pending:
            heading, pending = " ".join(pending), []
        cells: list[list[str]] = [[] for _ in columns]
        for word in words:
            index, exact = _column_of(word, columns)
            low = low or not exact
            cells[index].append(word.text)
        if any(index > 0 and len(c) > 1 and all(cell_kind(t) == "num" for t in c) for index, c in enumerate(cells)):
            low = True  # two numbers in one column: merged cells or a missed gutter
        current.append(([" ".join(c).replace("\u00ad", "") for c in cells], heading, line))
    close(header_lines, current, low)
    return grids


def _assign_categories(rows: list[tuple[list[str], str, _Line]], texts: list[tuple[float, str]], size: float) -> None:
    """Give each row the category label of its band (bands are split by wider row gaps), else the
    vertically nearest label: category labels are centred on the rows they cover."""
    labels: list[tuple[float, str]] = []
    for y, text in texts:  # stacked lines of one label ("Math & Text" / "Reasoning")
        if labels and labels[-1][0] - y <= 1.4 * size:
            prev_y, prev = labels[-1]
            labels[-1] = ((prev_y + y) / 2, f"{prev} {text}")
        else:
            labels.append((y, text))
    pitches = [rows[k][2].y - rows[k + 1][2].y for k in range(len(rows) - 1)]
    typical = statistics.median(pitches) if pitches else size
    bands: list[list[int]] = [[0]]
    for k in range(1, len(rows)):
        if rows[k - 1][2].y - rows[k][2].y > 1.3 * typical:
            bands.append([])
        bands[-1].append(k)
    for band in bands:
        hi, lo = rows[band[0]][2].y + 0.5 * typical, rows[band[-1]][2].y - 0.5 * typical
        inside = [(y, text) for y, text in labels if lo <= y <= hi]
        for k in band:
            row, heading, line = rows[k]
            name = min(inside, key=lambda item: abs(item[0] - line.y))[1] if inside else heading
            rows[k] = (row, name, line)


# --- captions, offsets, the public entry -------------------------------------------------------


def _pair_captions(grids: list[_Grid], captions: list[_Caption]) -> list[_Caption | None]:
    """Attach captions above or below, following whichever convention fits more tables; grids
    cut from one block (sub-tables under a repeated header) share its caption."""
    blocks: dict[int, list[_Grid]] = {}
    for grid in grids:
        blocks.setdefault(grid.block, []).append(grid)
    extents = [(max(g.top for g in members), min(g.bottom for g in members),
                statistics.median(line.size for g in members for line in g.lines)) for members in blocks.values()]

    def pairing(above: bool) -> tuple[int, float, list[_Caption | None]]:
        taken: set[int] = set()
        chosen: list[_Caption | None] = [None] * len(extents)
        distance = 0.0
        order = sorted(range(len(extents)), key=lambda b: -extents[b][0] if above else extents[b][1])
        for b in order:
            top, bottom, size = extents[b]
            options = []
            for c, caption in enumerate(captions):
                gap = (caption.bottom - top) if above else (bottom - caption.top)
                if c in taken or gap < -2 or gap > 12 * size:
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


def _find(page_text: str, needle: str, start: int = 0) -> int:
    """Offset of `needle` in the page text, tolerant of whitespace and soft hyphens; -1 if absent."""
    tokens = needle.replace("\u00ad", "").split()
    if not tokens:
        return -1
    match = _needle(tuple(tokens)).search(page_text, start)
    return match.start() if match else -1


@functools.lru_cache(maxsize=4096)
def _needle(tokens: tuple[str, ...]) -> re.Pattern[str]:
    """The pattern `_find` looks for (compiled once per cell text: re's own cache holds 512)."""
    return re.compile(r"\s*".join(re.escape(t) for t in tokens))


def _span(grid: _Grid, caption: _Caption | None, page_text: str) -> tuple[int, int]:
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


def _plausible(grid: _Grid) -> bool:
    """An uncaptioned grid counts as a table only if it looks like one: named columns, few holes."""
    cells = [c for row in grid.rows for c in row[1:]]
    filled = sum(1 for c in cells if c) / max(len(cells), 1)
    named = sum(1 for h in grid.header[1:] if re.search(r"[A-Za-z]", h)) / max(len(grid.header) - 1, 1)
    return len(grid.rows) >= 3 and filled >= 0.7 and named >= 0.5


def tables_from_glyphs(glyphs: Sequence[Glyph], doc_id: str, page_number: int, page_text: str = "",
                       page_offset: int = 0) -> list[Table]:
    """The tables found among positioned glyphs (the testable core of `extract_tables`)."""
    lines = _lines(glyphs)
    captions, caption_lines = _captions(lines)
    grids: list[_Grid] = []
    for number, (block, first_data) in enumerate(_blocks(lines, caption_lines)):
        for grid in _grids(block, first_data):
            grid.block = number
            grids.append(grid)
    paired = _pair_captions(grids, captions)
    tables: list[Table] = []
    for grid, caption in zip(grids, paired, strict=True):
        if caption is None and not _plausible(grid):
            continue  # numbers in a grid without a caption: more likely a figure or a contents page
        start, end = _span(grid, caption, page_text)
        number = len(tables) + 1
        tables.append(Table(
            table_id=f"{doc_id}#t{page_number}.{number}",
            doc_id=doc_id,
            caption=caption.text if caption else "",
            header=tuple(grid.header),
            rows=tuple(tuple(row) for row in grid.rows),
            row_groups=tuple(grid.groups),
            start=page_offset + start,
            end=page_offset + end,
            page=page_number,
            section=None,
            low_confidence=grid.low_confidence or caption is None,
        ))
    return tables
