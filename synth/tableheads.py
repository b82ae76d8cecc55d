"""Header levels of a table: a spanning label over the columns it spans, and sub-header rows the PDF reader
left in the body ("Raw Compression Rate (%)" above "enwik9 | ImageNet | LibriSpeech | Random"). Read here once
for both readers of a table, the records (synth.tables.records) and the grid (synth.grids.grid), so that a
cell is named by the column it sits under, never by the spanning label alone."""

from __future__ import annotations

import re
from collections.abc import Sequence

from synth.models import Table
from synth.text import fold

_MISSING = {"", "-", "–", "—", "n/a", "na", "/", "x", "?", "×", "✗"}


def spanning(cells: list[str] | tuple[str, ...]) -> bool:
    """A row whose filled cells all say the same thing: a label spanning the table."""
    filled = {c.strip() for c in cells if c.strip()}
    return len(filled) == 1


def fill_right(level: list[str], start: int) -> list[str]:
    """A spanning header label left blank over the columns it spans: each blank takes the label to its left
    (label columns excepted). Labels the PDF reader placed at the centre of equal spans ("Raw … (%)" over
    columns 1–4 read at column 2, "Adjusted … (%)" over 5–8 at 6) fill their own span instead: k labels over
    a multiple of k columns, each inside its own equal segment, are centred spanning labels."""
    out = list(level)
    width = len(out) - start
    placed = [c for c in range(start, len(out)) if out[c].strip()]
    if len(placed) >= 2 and width % len(placed) == 0:
        size = width // len(placed)
        segments = [(start + i * size, start + (i + 1) * size) for i in range(len(placed))]
        if all(low <= c < high for c, (low, high) in zip(placed, segments, strict=True)) \
                and any(c != low for c, (low, _) in zip(placed, segments, strict=True)):
            for c, (low, high) in zip(placed, segments, strict=True):
                out[low:high] = [out[c]] * (high - low)
            return out
    for c in range(start + 1, len(out)):
        if not out[c].strip() and out[c - 1].strip():
            out[c] = out[c - 1]
    return out


def numeric_cell(cell: str) -> bool:
    from synth.tables import parse_value

    return parse_value(cell) is not None


def sub_header_rows(rows: list[list[str]] | list[tuple[str, ...]], labels: int) -> int:
    """How many leading body rows are header levels: rows of labels over the figure columns (no number, not
    blank, not one label spanning the table)."""
    count = 0
    for row in rows:
        data = row[labels:]
        if any(numeric_cell(c) for c in data) or not any(c.strip() for c in data) or spanning(row):
            break
        count += 1
    return count


def names_columns(header: Sequence[str], row: Sequence[str]) -> bool:
    """Whether a sub-header row names the columns (the records read it as their labels): the header leaves a
    figure column unnamed (its labels span several columns), and every label of the row is a word, not a unit
    or range under a named column ("(Neg. Log Perp.)", "(86K, 506K)") nor letters of rotated text."""
    unnamed = any(not h.strip() for h in header[1:]) or len(row) > len(header)
    filled = [c for c in row[1:] if c.strip()]
    return unnamed and bool(filled) and all(_WORD.search(c) and not c.strip().startswith("(") for c in filled)


# A column label is a word ("Wiki↓") or a letter-and-digit name ("C4", "T5"); rotated text leaves single letters
_WORD = re.compile(r"[A-Za-z]{3}|^[A-Za-z]{1,2}\d+\W*$")


def column_paths(levels: list[list[str]], labels: int) -> list[tuple[str, ...]]:
    """Each column's labels, outermost first: every level but the last filled over the columns it spans."""
    width = len(levels[0])
    filled = [fill_right(level, labels) if i < len(levels) - 1 else level for i, level in enumerate(levels)]
    paths = []
    for c in range(width):
        path: list[str] = []
        for level in filled if c >= labels else levels[:1]:
            label = level[c] if c < len(level) else ""
            if label and fold(label) not in _MISSING and (not path or path[-1] != label):
                path.append(label)
        paths.append(tuple(path))
    return paths


def row_variable(table: Table, levels: int) -> str | None:
    """The variable a table's rows are values of, named in the corner of its last header row ("WBits" over rows
    "4 | 3 | 2", QuIP's Table 1), when the labels above name what each group of columns is of ("OPTQ" over the
    first five figure columns, "QuIP" over the next five): each cell is then the outer label's, at its row's value
    of the variable ("QuIP, WBits 2, Wiki↓ 11.48"), never a row named "2". None for any other table."""
    if not levels or levels > len(table.rows) or len(table.rows) <= levels:
        return None
    corner = table.rows[levels - 1][0].strip() if table.rows[levels - 1] else ""
    above = [table.header, *table.rows[:levels - 1]]
    if not re.search(r"[A-Za-z]{2}", corner) or any(level and level[0].strip() for level in above):
        return None
    spanning_labels = [c for c in table.header[1:] if c.strip()]
    if len(spanning_labels) < 1 or 2 * len(spanning_labels) > len(table.header) - 1:
        return None
    body = [row[0].strip() for row in table.rows[levels:] if row]
    return corner if body and all(_VALUE.fullmatch(label) for label in body) else None


def padded(levels: Sequence[Sequence[str]]) -> list[list[str]]:
    """Header levels stripped and padded to one width (a sub-header row may be longer than the header)."""
    width = max(len(level) for level in levels)
    return [[c.strip() for c in (*level, *[""] * (width - len(level)))] for level in levels]


def repeated_in_groups(table: Table) -> set[str]:
    """Row labels printed in more than one row group of the table: the group is then their setting."""
    groups: dict[str, set[str]] = {}
    for r, row in enumerate(table.rows):
        if row and row[0].strip():
            group = table.row_groups[r].strip() if r < len(table.row_groups) else ""
            groups.setdefault(fold(row[0].strip()), set()).add(group)
    return {label for label, seen in groups.items() if len(seen) > 1}


def titled_group(table: Table, r: int, levels: int) -> str:
    """Row `r`'s group label, named by its column's title when the label is only a number or a symbol: "Chunk Size
    2048", not a bare "2048" (Delétang et al. Table 1 prints "Chunk Size" in the header row above "∞" and "2048")."""
    group = table.row_groups[r].strip() if r < len(table.row_groups) else ""
    if not group or re.search(r"[A-Za-z]{2}", group):
        return group
    title = next((table.row_groups[k].strip() for k in range(max(levels, 1)) if k < len(table.row_groups)
                  and re.search(r"[A-Za-z]{2}", table.row_groups[k])), "")
    return f"{title} {group}" if title else group


# "Table 1: Heldout-set log-perplexity for Transformer models on …": the measure a caption names before what it is
# measured for. A caption that opens on a generic word ("Results on …", "Comparison of …") names none.
_CAPTION_MEASURE = re.compile(r"^\s*(?:Table\s+[\dA-Z.]+\s*[:.]?\s*)?"
                              r"(?P<measure>[A-Za-z][\w\-/]*(?:\s+[A-Za-z][\w\-/]*){0,2}?)"
                              r"\s+(?:for|on|of|in|across|with|by|at|over|after|versus|vs\.?)\s")
_GENERIC_CAPTION = re.compile(r"\b(?:results?|comparisons?|performance|evaluations?|ablations?|overview|summary|"
                              r"statistics|details|hyper-?parameters?|settings?|configurations?|examples?|"
                              r"analysis|experiments?|effects?|impact|number|list)\b", re.IGNORECASE)
# A variable's values: whole numbers ("65,536", "100K"); a model's scores have decimals
_WHOLE_NUMBER = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+[KMBkmb]?$")
# A variable is named in plain words ("Training Steps", "# of shots"), never like a model ("FFNReLU", "GPT-3")
_VARIABLE = re.compile(r"^#?\s*(?:[A-Z]?[a-z]{2,}\.?\s*)+$")


def caption_measure(caption: str) -> str | None:
    """The measure a caption says its figures are ("Heldout-set log-perplexity"), or None."""
    found = _CAPTION_MEASURE.match(caption)
    if not found or _GENERIC_CAPTION.search(found.group("measure")):
        return None
    return found.group("measure")


def axis_columns(table: Table) -> list[str] | None:
    """The column labels of a table whose PDF reader left the header blank and its first row a variable and its
    values ("Training Steps | 65,536 | 524,288" over the GLU variants' log-perplexities): "Training Steps 65,536", …
    None when the header has a label, the first row is not a variable over distinct whole numbers, or the caption
    names no measure (the figures would be nobody's)."""
    if any(c.strip() for c in table.header) or len(table.rows) < 3 or not caption_measure(table.caption):
        return None
    corner, *values = (c.strip() for c in table.rows[0])
    if not _VARIABLE.match(corner) or len(values) < 1 or len(set(values)) < len(values) \
            or not all(_WHOLE_NUMBER.match(v) for v in values):
        return None
    return ["", *(f"{corner} {v}" for v in values)]


def axis_header(table: Table) -> list[str] | None:
    """axis_columns, each label the caption's measure at the variable's value ("log-perplexity (Heldout-set; Training
    Steps 65,536)", the evaluation set a setting), as the records name a cell's attribute."""
    columns = axis_columns(table)
    measure = caption_measure(table.caption)
    if not columns or not measure:
        return None
    split = _SPLIT.match(measure)  # "Heldout-set log-perplexity": the set it is measured on is a setting
    if split:
        measure = measure[split.end():]
    return ["", *(f"{measure} ({split.group(0).strip() + '; ' if split else ''}{c})" for c in columns[1:])]


# The sets a measure is evaluated on ("Heldout-set log-perplexity"; the plan reads "held-out log-perplexity" alike)
EVAL_SETS = r"held-?out|validation|test|dev|development"
_SPLIT = re.compile(rf"^(?:{EVAL_SETS}|train(?:ing)?)(?:[-\s]set)?\s+", re.IGNORECASE)


def run_in_prefix(table: Table, label: str) -> str | None:
    """The prefix a label shares with most of its table's row labels, run into the name after it ("FFN" of
    "FFNReGLU", "FFNGEGLU", "FFNSwish": a subscripted module name the PDF printed inline), or None."""
    labels = [row[0].strip() for row in table.rows[1 if axis_columns(table) else 0:] if row and row[0].strip()]
    for k in range(min(6, len(label) - 2), 1, -1):
        prefix = label[:k]
        if not prefix.isalpha() or not label[k].isupper():
            continue
        sharing = [other for other in labels if other.startswith(prefix) and len(other) > k and other[k].isupper()]
        if len(sharing) >= 3 and 2 * len(sharing) >= len(labels):
            return prefix
    return None


def names_a_setting(table: Table, r: int, levels: int) -> bool:
    """Row `r`'s group label is a value of the variable its column's title names ("Chunk Size" over "2048"): every
    row under it is measured at that setting (Chinchilla 70B's only row sits under "Chunk Size 2048", as does FLAC's
    second one), so the setting is the row's even when the row label appears in no other group."""
    group = table.row_groups[r].strip() if r < len(table.row_groups) else ""
    return _VALUE.fullmatch(group) is not None and titled_group(table, r, levels) != group


# A value a variable takes: "2048", "0.5", "4K", "∞" (a stray letter the PDF reader left, "P", is none)
_VALUE = re.compile(r"[\d.,]+\s*[KMBk]?|∞")


# "Adjusted Compression Rate (%)" beside "Raw Compression Rate (%)": the measure corrected for something else (the
# compressor's own size), a measure of its own; "Raw", "Plain" or nothing in front is the measure as it is.
_ADJUSTED = re.compile(r"^(adjusted|normali[sz]ed|corrected|weighted|calibrated)\s+(.+)$", re.IGNORECASE)
_AS_IS = re.compile(r"^(?:raw|plain|unadjusted|uncorrected)\s+", re.IGNORECASE)


def adjusted_group(labels: Sequence[str], spans: Sequence[Sequence[str]]) -> str | None:
    """The adjustment a cell's column groups name ("adjusted"), when another column group of the table prints the
    same measure as it is; None otherwise."""
    for label in labels:
        found = _ADJUSTED.match(label.strip())
        if not found:
            continue
        measure = fold(found.group(2))
        if any(fold(_AS_IS.sub("", other.strip())) == measure and not _ADJUSTED.match(other.strip())
               for path in spans for other in path[:-1]):
            return found.group(1).lower()
    return None
