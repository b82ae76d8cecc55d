"""Table cells as evidence: every table of the library as a grid of cells addressed by header paths
(synth.grids.grid), and the one lookup that finds the tables and labels a claim names.

Besides its printed labels, a table's row is named by "our model" / "the proposed method" when the
table marks it as the paper's own (`own_label`), and a row labelled by a bare value under a setting
header by "m = 4" (`setting_rows`), and a row labelled "Window size ( ws)=10" by "window size of 10",
a row or column headed by a symbol's setting ("ρ=0") by "ρ = 0" (`assigned_rows`).

`tables_named` is the only way the verifier reaches table cells. It reads an index of label forms
(CellIndex) built for the tables a claim's tokens can name, which the library's cell index
(synth.cellindex, through synth.verify.tablecells) finds without reading any other table.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

from synth import claimparse
from synth.grids import Grid, GridCell, grid_parts
from synth.models import Document, Evidence, PassageKind, Table
from synth.quotes import table_row
from synth.tables import caption_variant, models_in_columns, name_variant, parse_cell
from synth.text import STOPWORDS, collapse, fold
from synth.verify.labels import (
    LabelForm,
    Mention,
    clean_label,
    family_key,
    find_mentions,
    index_forms,
    keyed,
    label_forms,
    longest,
    own_key,
    plain,
    tokens,
)

ROW, COLUMN = "row", "column"
_BARE_SIZE = re.compile(r"^\d+(?:\.\d+)?[BM]$", re.IGNORECASE)


def caption_family(caption: str) -> str | None:
    """The model family a caption names ("… of Qwen2.5 open-weight models" → Qwen2.5), which bare
    sizes in its table belong to."""
    for name in claimparse.entities(caption):
        if (re.search(r"\d", name) and re.search(r"[A-Za-z]", name) and not re.search(r"\d+(?:\.\d+)?[BM]\b", name)
                and not name.lower().startswith("table")):
            return name
    return None


@dataclass(frozen=True)
class LabelPlace:
    """Where a label sits: which table, which axis, which rows or columns it names."""

    grid: int
    axis: str
    positions: tuple[int, ...]


@dataclass
class CellIndex:
    """Every table's grid and where each of its labels sits, indexed by the labels' first tokens."""

    grids: list[Grid] = field(default_factory=list)
    places: Mapping[str, list[LabelPlace]] = field(default_factory=dict)
    forms: dict[str, list[LabelForm]] = field(default_factory=dict)


@dataclass(frozen=True)
class TableView:
    """One table as a claim names it: the labels it names on each axis, with their positions."""

    grid: Grid
    rows: tuple[tuple[Mention, tuple[int, ...]], ...]
    columns: tuple[tuple[Mention, tuple[int, ...]], ...]
    caption_words: frozenset[str]

    @property
    def table(self) -> Table:
        return self.grid.table

    def cell(self, row: int, column: int) -> GridCell | None:
        return self.grid.cell_at.get((row, column))


def _worth_indexing(label: str) -> bool:
    """Labels a claim can name: not bare numbers, not stopwords ("No", "All")."""
    forms = label_forms(label)
    if not forms:
        return False
    words = forms[0].tokens
    if all(w.replace(".", "").isdigit() for w in words):
        return False
    return not all(w in STOPWORDS or len(w) < 2 for w in words)


_MEMBER = re.compile(r"^(?P<stem>[A-Za-z][\w.+]{2,}(?:-[\w.+]+)*?)-[\w.+]+$")


def _families(axes: dict[tuple[str, str], list[int]]) -> dict[tuple[str, str], tuple[int, ...]]:
    """Stems that two or more labels of one axis share before their last hyphen and that no label
    of the table is itself ("Audio2vec" over Audio2vec-U and Audio2vec-C; not "Dual2seq", a row of
    its own beside Dual2seq-LinAMR)."""
    members: dict[tuple[str, str], set[int]] = {}
    labels = {label.strip() for _, label in axes}
    for (axis, label), positions in axes.items():
        match = _MEMBER.match(clean_label(label))
        if match and match.group("stem") not in labels:
            members.setdefault((axis, match.group("stem")), set()).update(positions)
    return {key: tuple(sorted(found)) for key, found in members.items()
            if sum(1 for (axis, label) in axes if axis == key[0] and (m := _MEMBER.match(clean_label(label)))
                   and m.group("stem") == key[1]) >= 2}


_OWN_LABEL = re.compile(r"\b(?:ours|our|proposed)\b", re.IGNORECASE)
_OWN_IN_CAPTION = re.compile(r"\b(?:our|proposed)\s+(?:proposed\s+)?(?P<name>[^\s,;:()]+)", re.IGNORECASE)


def own_label(axes: dict[tuple[str, str], list[int]], caption: str) -> tuple[str, str] | None:
    """The (axis, label) a table marks as the paper's own, which "our model" or "the proposed
    method" names: the one label that says so ("Graph tagger (ours)", "Our model", "Proposed"),
    else the one label its caption names after "our" ("… of our NLP-Cap approach"). Several
    candidates, or none, give None: a guessed row would be a neighbour's value."""
    marked = {key for key in axes if _OWN_LABEL.search(clean_label(key[1]))}
    if not marked:
        named = {m.group("name").strip(".").lower() for m in _OWN_IN_CAPTION.finditer(caption)
                 if not m.group("name").islower()}  # "our NLP-Cap approach", not "our cleaned version"
        marked = {key for key in axes if clean_label(key[1]).lower() in named}
    return next(iter(marked)) if len(marked) == 1 else None


_SETTING_HEADER = re.compile(r"^[A-Za-z][A-Za-z\- ]{0,24}$")
_NUMBER_LABEL = re.compile(r"^\d+(?:\.\d+)?$")
# A header that counts what it sweeps ("# of Heads", "#Layers", "No. of steps"): the thing counted.
_COUNT_OF = re.compile(r"^(?:#|no\.|num\.|number)\s*(?:of\s+)?", re.IGNORECASE)


def label_header(view: Grid) -> str:
    """The printed name of a table's label column: its header, else the lower header level's ("WBits" under a blank
    cell, where the upper level names the column groups "OPTQ" and "QuIP" over the figures); "" when none names it."""
    if not view.column_paths:
        return ""
    if view.column_paths[0]:
        return view.column_paths[0][-1].strip()
    for r, path in enumerate(view.row_paths):
        row = view.table.rows[r] if r < len(view.table.rows) else ()
        if path or not row:
            break  # the first body row: no header level below it
        labels = [c.strip() for c in row[view.label_columns:] if c.strip()]
        if row[0].strip() and len(labels) >= 2 and not any(parse_cell(c) for c in labels):
            return row[0].strip()
    return ""


def setting_header(view: Grid) -> str | None:
    """The setting a one-label-column table is run over ("m", "Batch size", "Heads" for "# of Heads",
    "WBits" printed under the column groups' names), else None."""
    if view.label_columns != 1:
        return None
    header = _COUNT_OF.sub("", " ".join(label_header(view).split()))
    return header if header and _SETTING_HEADER.match(header) else None


def setting_rows(view: Grid, axes: dict[tuple[str, str], list[int]]) -> dict[str, tuple[int, ...]]:
    """Rows labelled by a bare value under a header naming the setting (a sweep: "m" over 1 … 5, "# of
    Layers" over 2, 4, 8) are named "m = 4", "4 layers", "4-layer" or "WBits 2" (the header first, as a
    table's reader writes a row of "WBits" over 4, 3, 2): each gets those keys, so a claim's setting finds
    its row while a bare "4" names nothing."""
    header = setting_header(view)
    if header is None:
        return {}
    out: dict[str, tuple[int, ...]] = {}
    for (axis, label), positions in axes.items():
        if axis == ROW and _NUMBER_LABEL.match(label.strip()):
            out[f"{header} = {label.strip()}"] = tuple(positions)
            if len(header) >= 3:
                out[f"{label.strip()} {header}"] = tuple(positions)
                out[f"{header} {label.strip()}"] = tuple(positions)  # "WBits 2", "batch size 512"
            if len(header) >= 4 and header.endswith("s") and not header.endswith("ss"):  # "4-layer"
                out[f"{label.strip()} {header[:-1]}"] = tuple(positions)
    return out


def sweep_rows(view: Grid) -> list[int] | None:
    """The rows of a sweep, in table order: every row labelled by a number, increasing down the table
    under a setting header; else None."""
    if setting_header(view) is None:
        return None
    rows = [r for r, path in enumerate(view.row_paths) if path]
    values = [view.row_paths[r][-1].strip() for r in rows]
    if len(rows) < 2 or not all(_NUMBER_LABEL.match(v) for v in values):
        return None
    numbers = [float(v) for v in values]
    return rows if all(b > a for a, b in itertools.pairwise(numbers)) else None


# A row labelled by the setting it was run with ("(A4) Window size ( ws)=10", "Beam = 5"): a name,
# maybe its abbreviation in parentheses, then "=" and the value; or a header setting a symbol ("ρ=0",
# "λ = 0.5": one Greek letter, which no word of a claim stands for but itself).
_ASSIGNED = re.compile(r"^(?P<name>[A-Za-z][A-Za-z\- ]{1,30}?|[\u0391-\u03a9\u03b1-\u03c9\u03d1\u03d5\u03f5])\s*"
                       r"(?:\(\s*[\w\- ]{1,12}\s*\))?\s*=\s*(?P<value>\d+(?:\.\d+)?)$")
_SYMBOL = re.compile(r"^[\u0391-\u03a9\u03b1-\u03c9\u03d1\u03d5\u03f5]$")


def assigned_value(label: str) -> str | None:
    """The value a row label sets ("10" for "(A4) Window size ( ws)=10"), the label itself when it
    is a bare value under a setting header ("4" under "m"), else None."""
    cleaned = clean_label(label)
    if _NUMBER_LABEL.match(cleaned):
        return cleaned
    match = _ASSIGNED.match(cleaned)
    return match.group("value") if match else None


def assigned_rows(axes: dict[tuple[str, str], list[int]]) -> dict[tuple[str, str], tuple[int, ...]]:
    """Headers labelled "<setting> (<abbreviation>)=<value>" are named as the text names a setting:
    "window size of 10", "the window size to 10", "window size = 10" (never by the bare value); a
    column of such a setting too, and a symbol's ("ρ=0", which a claim writes "ρ = 0"), by (axis, name)."""
    out: dict[tuple[str, str], tuple[int, ...]] = {}
    for (axis, label), positions in axes.items():
        match = _ASSIGNED.match(clean_label(label))
        if match is None or (axis != ROW and not _SYMBOL.match(match.group("name"))):
            continue  # a column's "Beam = 5" stays as it was: only a symbol's value is read as its name
        name, value = " ".join(match.group("name").split()), match.group("value")
        for joint in ("=",) if _SYMBOL.match(name) else ("of", "to", "="):
            out[(axis, f"{name} {joint} {value}")] = tuple(positions)
    return out


def table_places(table: Table, number: int) -> list[tuple[Grid, list[tuple[str, LabelPlace]]]]:
    """Each grid of a table (one per header, `grid_parts`) with where each of its labels sits (as grids
    `number`, `number + 1`, …); grids without cells are left out. A table's places depend on the table alone,
    so an index of any set of tables is built from them (synth.cellindex keeps which tables hold which
    labels)."""
    out = []
    for view in grid_parts(table):
        if view.cells:
            out.append((view, _places(view, number + len(out))))
    return out


def _places(view: Grid, number: int) -> list[tuple[str, LabelPlace]]:
    """Where each label of one grid sits, as grid `number`."""
    table = view.table
    places: list[tuple[str, LabelPlace]] = []
    axes: dict[tuple[str, str], list[int]] = {}
    data_columns = {c.column for c in view.cells}
    for r, path in enumerate(view.row_paths):
        for label in dict.fromkeys(path):
            axes.setdefault((ROW, label), []).append(r)
    for c, path in enumerate(view.column_paths):
        if c in data_columns:
            for label in dict.fromkeys(path):
                axes.setdefault((COLUMN, label), []).append(c)
    variant = caption_variant(table.caption)
    family = caption_family(table.caption)
    model_axis = COLUMN if models_in_columns(table) else ROW
    caption = fold(table.caption)
    for (axis, label), positions in axes.items():
        if _worth_indexing(label) or (family and _BARE_SIZE.match(label)):
            # A model header takes the variant its caption gives the table's models, unless the
            # caption names that model itself ("… instruction-tuned models and Qwen2.5-Turbo").
            takes_variant = (axis == model_axis and name_variant(label) is None
                             and not claimparse.mentions(caption, label))
            key = keyed(label, variant if takes_variant else None, family if _BARE_SIZE.match(label) else None)
            places.append((key, LabelPlace(number, axis, tuple(positions))))
    for (axis, stem), positions in _families(axes).items():
        places.append((family_key(stem), LabelPlace(number, axis, positions)))
    for key, positions in setting_rows(view, axes).items():
        places.append((key, LabelPlace(number, ROW, positions)))
    for (axis, key), positions in assigned_rows(axes).items():
        places.append((key, LabelPlace(number, axis, positions)))
    header = setting_header(view)
    if header is not None and header != label_header(view) and sweep_rows(view) is not None:
        # "the number of attention heads" names the sweep of "# of Heads" (its label column: no cells)
        places.append((header, LabelPlace(number, COLUMN, (0,))))
    own = own_label(axes, table.caption)
    if own is not None:
        places.append((own_key(own[1]), LabelPlace(number, own[0], tuple(axes[own]))))
    return places


def build_index(tables: list[Table]) -> CellIndex:
    """The label index of the tables (all of a library's, or those a claim can name)."""
    index = CellIndex()
    found: dict[str, list[LabelPlace]] = {}
    for table in tables:
        for view, places in table_places(table, len(index.grids)):
            index.grids.append(view)
            for key, place in places:
                found.setdefault(key, []).append(place)
    index.places = found
    index.forms = index_forms(list(found))
    return index


def _same_reading(a: Mention, b: Mention) -> bool:
    """Two different whole labels that read the same once cleaned ("6. DAMD", "9. DAMD")."""
    return a.whole and b.whole and a.label != b.label and clean_label(plain(a.label)) == clean_label(plain(b.label))


def _merged(named: list[tuple[Mention, tuple[int, ...]]], text: str = ""
            ) -> tuple[tuple[Mention, tuple[int, ...]], ...]:
    """Cores of several labels named at one place ("DeepSeek-V2 Chat" for its (SFT) and (RL) rows),
    labels that read the same once cleaned ("6. DAMD" and "9. DAMD"), or labels a phrase names with
    slash-joined alternatives ("right/left branching": Right Branching and Left Branching,
    synth.verify.label_spelling) are one ambiguous mention of all their rows, never one of them
    picked at random: what is said of it holds only where it holds for each."""
    out: list[tuple[Mention, tuple[int, ...]]] = []
    for mention, positions in named:
        span = (mention.start, mention.end)
        same = next((i for i, (m, _) in enumerate(out) if (m.start, m.end) == span
                     and ((not m.whole and not mention.whole) or _same_reading(m, mention)
                          or "/" in text[span[0]:span[1]])), None)
        if same is None:
            out.append((mention, positions))
        else:
            merged = tuple(sorted({*out[same][1], *positions}))
            out[same] = (replace(out[same][0], whole=False) if merged != out[same][1] else out[same][0], merged)
    return tuple(out)


@lru_cache(maxsize=4096)
def caption_words(caption: str) -> frozenset[str]:
    """A caption's words but stopwords, made once per caption: a table's copies (and its grid parts) share it."""
    return frozenset(t.norm for t in tokens(caption) if t.norm not in STOPWORDS)


def tables_named(text: str, index: CellIndex) -> list[TableView]:
    """The tables whose row or column labels the text names, most labels named first."""
    mentions = find_mentions(text, index.forms, longest_only=False)
    by_grid: dict[int, list[Mention]] = {}
    for mention in mentions:
        for place in index.places.get(mention.label, ()):
            by_grid.setdefault(place.grid, []).append(mention)
    views = []
    for number, named in by_grid.items():
        view = index.grids[number]
        rows, columns = [], []
        for mention in longest(named):  # the longest label of this table wins, not of the library
            for place in index.places[mention.label]:
                if place.grid == number:
                    (rows if place.axis == ROW else columns).append((mention, place.positions))
        views.append(TableView(view, _merged(rows, text), _merged(columns, text),
                               caption_words(view.table.caption)))
    views.sort(key=lambda v: (-len({m.label for m, _ in (*v.rows, *v.columns)}), v.table.table_id))
    return views


def cell_text(cell: GridCell) -> str:
    """A cell with its header paths: "DS-Coder-V2-Lite-Instruct | LiveCodeBench Overall (226): 24.3%"."""
    return collapse(f"{' / '.join(cell.row_path) or '—'} | {' / '.join(cell.column_path) or '—'}: {cell.raw}")


def row_span(document: Document, table: Table, row: int,
             row_spans: Mapping[tuple[str, int], tuple[int, int]]) -> tuple[int, int]:
    """Where a table row is printed in the source text: its row passage, else the line of the
    table's text that starts with the row's label (PDF tables), else the whole table."""
    span = row_spans.get((table.table_id, row))
    if span is not None:
        return span
    label = table.rows[row][0].strip() if row < len(table.rows) and table.rows[row] else ""
    if label:
        # The row's own line when the label starts several (Switch-Large in both parts of a table read as one);
        # a part of a table (`grid_parts`) blanks the other parts' rows, so the rows above are the document's.
        whole = next((t for t in document.tables if t.table_id == table.table_id), table)
        repeats = sum(1 for above in whole.rows[:row] if above and above[0].strip() == label)
        # at a line's start, ending where a cell does, when the text prints it so: the row "2" is not the "2" of
        # another row's "72.40"
        lines = re.compile(rf"(?m)^[ \t]*({re.escape(label)})(?=\s|$)")
        found = [m.start(1) for m in itertools.islice(lines.finditer(document.text, table.start, table.end),
                                                      repeats + 1)]
        at = found[-1] if len(found) == repeats + 1 else _anywhere(document.text, label, table, repeats)
        if at >= 0:
            end = document.text.find("\n", at, table.end)
            return at, end if end >= 0 else table.end
    return table.start, table.end


def _anywhere(text: str, label: str, table: Table, repeats: int) -> int:
    """Where the label's `repeats`-th next printing starts in the table's text, wherever on its line; -1 if none."""
    at = table.start - 1
    for _ in range(repeats + 1):
        at = text.find(label, at + 1, table.end)
        if at < 0:
            break
    return at


def cell_evidence(cells: list[GridCell], view: Grid, source: str, document: Document,
                  row_spans: Mapping[tuple[str, int], tuple[int, int]], conflicting: str | None = None,
                  rows: int = 3) -> list[Evidence]:
    """The rows the cells sit in, quoted as the source prints them, each with its cells and their
    header paths."""
    table = view.table
    by_row: dict[int, list[GridCell]] = {}
    for cell in cells:
        by_row.setdefault(cell.row, []).append(cell)
    out = []
    for row, used in list(by_row.items())[:rows]:
        start, end = row_span(document, table, row, row_spans)
        out.append(Evidence(source=source, doc_id=table.doc_id, quote=collapse(document.text[start:end]), start=start,
                            end=end, page=table.page, section=table.section, passage_kind=PassageKind.TABLE_ROW,
                            conflicting_value=conflicting, table_caption=table.caption or None,
                            cells=tuple(dict.fromkeys(cell_text(c) for c in used)),
                            table_row=table_row(table, row, [c.column for c in used])))
    return out
