"""One table block as a grid of cells: header phrases joined per column, row labels, group
headings and categories (step 4 of the package docstring)."""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass

from synth.pdftables.cells import cell_kind
from synth.pdftables.columns import Column, column_of, find_columns, overlapped
from synth.pdftables.lines import Line, Word, is_data_row, phrase_segments

_HEADER_LABEL = re.compile(r"^(?:models?|methods?|benchmarks?|datasets?|tasks?|settings?|metrics?|languages?|"
                           r"hyper-?parameters?|systems?|approach(?:es)?|baselines?|name|size)\b", re.IGNORECASE)


@dataclass
class Grid:
    header: list[str]
    rows: list[list[str]]
    groups: list[str]
    low_confidence: bool
    top: float
    bottom: float
    lines: list[Line]
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


def _header(lines: list[Line], columns: list[Column]) -> tuple[list[str], bool]:
    """Column names from stacked header lines (top to bottom); a phrase centred over several
    columns that each have their own lower header ("LiveCodeBench" over Easy/Medium/Hard) is
    prefixed to all of them."""
    placed: list[tuple[int, Word, list[int]]] = []
    for level, line in enumerate(lines):
        for segment in _header_phrases(line, columns):
            hits = overlapped(segment, columns) or [column_of(segment, columns)[0]]
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
            hits = [column_of(segment, columns)[0]]
        for i in hits:
            parts[i].append((level, segment.text))
    return [_join_header([text for _, text in sorted(p, key=lambda item: item[0])]) for p in parts], uncertain


def _header_phrases(line: Line, columns: list[Column]) -> list[Word]:
    """Phrases of a header line: words closer than 0.4 em (an ordinary space is about 0.28 em;
    neighbouring column headers such as "DeepSeek DeepSeek" sit about 0.5 em apart). A run of more than six
    words over three columns or more, at most one of them a lower-case word, is several labels set an ordinary space
    apart ("# LLM Params POPE↑ MME-P↑ MMB↑ …" in Janus-Pro's Table 3): it is cut where its words pass from one column
    to the next ("FLOPs required to reach same AlexNet level accuracy" stays one label)."""
    runs: list[list[tuple[Word, tuple[int, bool]]]] = []
    previous: tuple[int, bool] | None = None
    for word in line.words:
        where = column_of(word, columns)
        gap = word.x0 - runs[-1][-1][0].x1 if runs else 0.0
        split = previous is not None and previous[1] and where[1] and previous[0] != where[0] and gap > 0.33 * line.size
        if runs and not split and gap <= 0.4 * line.size:
            runs[-1].append((word, where))
        else:
            runs.append([(word, where)])
        previous = where
    phrases: list[Word] = []
    for run in runs:
        exact = {where[0] for _, where in run if where[1]}
        labels = sum(1 for w, _ in run if w.text.isalpha() and w.text.islower()) <= 1
        pieces = _by_column(run) if len(run) > 6 and len(exact) >= 3 and labels else [run]
        for piece in pieces:
            phrases.append(Word(" ".join(w.text for w, _ in piece), piece[0][0].x0, piece[-1][0].x1, line.y,
                                line.size))
    return phrases


def _by_column(run: list[tuple[Word, tuple[int, bool]]]) -> list[list[tuple[Word, tuple[int, bool]]]]:
    pieces = [[run[0]]]
    for item in run[1:]:
        last = next((where for _, where in reversed(pieces[-1]) if where[1]), None)
        if item[1][1] and last is not None and item[1][0] != last[0]:
            pieces.append([item])
        else:
            pieces[-1].append(item)
    return pieces


def _spanned(segment: Word, hits: list[int], columns: list[Column], levels: list[set[int]], level: int,
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


def _category_column(columns: list[Column], data_rows: list[Line]) -> Column | None:
    """A thin leftmost text column beside a full label column holds group names ("General Tasks")."""
    if len(columns) < 3 or columns[0].support >= 0.6 * len(data_rows) or columns[1].support < 0.8 * len(data_rows):
        return None
    inside = [w for line in data_rows for w in line.words if columns[0].x0 <= w.center <= columns[0].x1]
    return columns[0] if all(cell_kind(w.text) == "text" for w in inside) else None


def _has_label(words: list[Word], label: Column) -> bool:
    return bool(words) and label.x0 - 1 <= words[0].center <= label.x1 + 1 and words[0].x0 <= label.x1


def _absorb_wrapped_labels(lines: list[Line]) -> list[Line]:
    """A row label printed on its own lines around an unlabelled row of numbers ("MMLU" above,
    "(MCQ in 57 subjects)" below, values centred between them) becomes that row's label."""
    used: set[int] = set()
    for k, line in enumerate(lines):
        if not is_data_row(line) or cell_kind(line.segments[0].text) == "text":
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
            label = [Word(w.text, w.x0, w.x1, line.y, w.size) for other in taken for w in other.words]
            x0, x1 = min(w.x0 for w in label), max(w.x1 for w in label)
            merged = Word(" ".join(w.text for w in label), x0, x1, line.y, line.size)
            line.words = [merged, *line.words]
            line.segments = [Word(merged.text, x0, x1, line.y, line.size), *line.segments]
    return [line for j, line in enumerate(lines) if j not in used]


def _beside(line: Line, columns: list[Column], size: float) -> bool:
    """A line of another table set beside this one ("Encoding NoPE RoPE p-RoPE" of a small Table 1 to the left
    of Table 2's "Encoding Wiki FlanV2", their baselines staggered): two phrases or more, all more than two ems
    outside the columns. A group label left of the row labels ("General Tasks") is one phrase."""
    segments = line.segments or line.words
    if len(segments) < 2 or is_data_row(line):
        return False
    return line.x1 < columns[0].x0 - 2 * size or line.x0 > columns[-1].x1 + 2 * size


def block_grids(lines: list[Line], first_data: int) -> list[Grid]:
    """One grid per header: a header repeated inside the block (two stacked sub-tables under one
    caption, as in DeepSeek-Coder-V2 Table 3) starts a new grid over the same columns."""
    first_line = lines[first_data]
    lines = _absorb_wrapped_labels(lines)
    first_data = next((k for k, line in enumerate(lines) if line is first_line), 0)
    data_rows = [line for line in lines if is_data_row(line)]
    size = statistics.median(line.size for line in data_rows)
    columns = find_columns(data_rows, size)
    if len(columns) < 2:
        return []
    category = _category_column(columns, data_rows)
    if category is not None:
        columns.pop(0)
    label = columns[0]
    lines = [line for line in lines if not _beside(line, columns, size)]
    first_data = next((k for k, line in enumerate(lines) if line is first_line), 0)
    low = any(c.support < max(2, 0.3 * len(data_rows)) for c in columns)

    def words_of(line: Line) -> tuple[list[Word], list[Word]]:
        """(cells, group-label words): text wholly left of the label column names a row group."""
        if category is None:
            left = [w for w in line.words if w.x1 < label.x0 - 0.3 * size]
            # a line of nothing but a label left of the row labels names a group even as a number ("2048")
            side = left if len(left) == len(line.words) else [w for w in left if cell_kind(w.text) == "text"]
        else:
            side = [w for w in line.words if w.center < label.x0 and w.x1 <= label.x0 + 0.5 * size]
        return [w for w in line.words if w not in side], side

    # Numeric lines without a row label right above labelled rows are header lines ("2k 4k 8k").
    while first_data < len(lines) - 2 and not _has_label(words_of(lines[first_data])[0], label):
        first_data += 1
    head = lines[:first_data]
    # Lines above the data whose first phrase sits in the label column are text rows
    # ("Architecture  MoE  Dense"), unless no line lacks a label (then the top line is the header, or all of them
    # when they are stacked tighter than the gap under them).
    unlabeled = [k for k, line in enumerate(head) if not _has_label(words_of(line)[0], label)
                 or _HEADER_LABEL.match(line.text)]
    cut = (max(unlabeled) + 1) if unlabeled else len(head) if _set_off(head, lines[first_data]) else min(1, len(head))
    header_lines, body = head[:cut], head[cut:] + lines[first_data:]
    # A lone phrase at the bottom of the header over two columns is a group heading, not a header.
    pending: list[str] = []
    if len(header_lines) >= 2 and len(header_lines[-1].segments) == 1 and (
            len(overlapped(header_lines[-1].segments[0], columns)) >= 2
            or _has_label(header_lines[-1].words, label)):
        pending.append(header_lines.pop().text)
    grids: list[Grid] = []
    current: list[tuple[list[str], str, Line]] = []
    heading = ""
    category_text: list[tuple[float, str]] = []

    def close(header_lines: list[Line], rows: list[tuple[list[str], str, Line]], low: bool) -> None:
        if not rows:
            return
        if category_text:
            _assign_categories(rows, category_text, size)
        header, uncertain = _header(header_lines, columns) if header_lines else ([""] * len(columns), True)
        used = [*header_lines, *(line for _, _, line in rows)]
        grids.append(Grid(header, [r for r, _, _ in rows], [g for _, g, _ in rows], low or uncertain,
                           max(line.y + line.size for line in used), min(line.y for line in used), used))

    for line in body:
        words, side = words_of(line)
        if side:
            category_text.append((line.y, " ".join(w.text for w in side)))
        if not words:
            continue
        data = is_data_row(line)
        phrases = phrase_segments(words, line.size)
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
            index, exact = column_of(word, columns)
            low = low or not exact
            cells[index].append(word.text)
        if any(index > 0 and len(c) > 1 and all(cell_kind(t) == "num" for t in c) for index, c in enumerate(cells)):
            low = True  # two numbers in one column: merged cells or a missed gutter
        current.append(([" ".join(c).replace("\u00ad", "") for c in cells], heading, line))
    close(header_lines, current, low)
    return grids


def _set_off(head: list[Line], first: Line) -> bool:
    """Lines stacked tighter than the gap between the last of them and the first data row (where a rule is drawn
    under a header) are all header: "Emb init. | Multiplier | BLEU | BLEU" over "σ | (Adam) | (Adafactor)" in the
    Adafactor paper's Table 3, whose σ is in the label column as a row label would be."""
    if len(head) < 2:
        return False
    return head[-1].y - first.y > 1.3 * max(a.y - b.y for a, b in itertools.pairwise(head))


def _assign_categories(rows: list[tuple[list[str], str, Line]], texts: list[tuple[float, str]], size: float) -> None:
    """Give each row the category label of its band (bands are split by wider row gaps), else the
    vertically nearest label: category labels are centred on the rows they cover. A label centred on
    several bands ("2048" beside ten rows in three bands, Delétang et al. Table 1) covers them all: see
    `_centred_runs`."""
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
    spans = [(rows[band[0]][2].y + 0.5 * typical, rows[band[-1]][2].y - 0.5 * typical) for band in bands]
    inside = [[(y, text) for y, text in labels if lo <= y <= hi] for hi, lo in spans]
    for first, last, label in _centred_runs(spans, inside, labels, 0.5 * typical):
        for b in range(first, last + 1):
            inside[b] = [label]
    for band, found in zip(bands, inside, strict=True):
        for k in band:
            row, heading, line = rows[k]
            name = min(found, key=lambda item: abs(item[0] - line.y))[1] if found else heading
            rows[k] = (row, name, line)


def _centred_runs(spans: list[tuple[float, float]], inside: list[list[tuple[float, str]]],
                  labels: list[tuple[float, str]], tolerance: float) -> list[tuple[int, int, tuple[float, str]]]:
    """Runs of bands a label is centred on, beyond its own band: a band holding one label, widened over the
    unlabelled bands around it when the label sits at the wider run's centre (within half `tolerance`) and at
    less than half its distance from its own band's centre. Only when some label is off its band's first row:
    a top-aligned label covers its own band."""
    own = [(b, found[0]) for b, found in enumerate(inside) if len(found) == 1]
    if not own or all(abs(spans[b][0] - tolerance - label[0]) <= tolerance for b, label in own):
        return []

    def offset(first: int, last: int, y: float) -> float:
        return abs((spans[first][0] + spans[last][1]) / 2 - y)

    runs = []
    for b, label in own:
        candidates = [(offset(first, last, label[0]), last - first, first, last)
                      for first in range(b, -1, -1) if first == b or not inside[first]
                      for last in range(b, len(spans)) if last == b or not inside[last]
                      if all(not inside[k] for k in range(first, last + 1) if k != b)]
        best, _, first, last = min(candidates)
        if (first, last) != (b, b) and best <= tolerance / 2 and best < offset(b, b, label[0]) / 2:
            runs.append((first, last, label))
    return runs


def plausible(grid: Grid) -> bool:
    """An uncaptioned grid counts as a table only if it looks like one: named columns, few holes."""
    cells = [c for row in grid.rows for c in row[1:]]
    filled = sum(1 for c in cells if c) / max(len(cells), 1)
    named = sum(1 for h in grid.header[1:] if re.search(r"[A-Za-z]", h)) / max(len(grid.header) - 1, 1)
    return len(grid.rows) >= 3 and filled >= 0.7 and named >= 0.5
