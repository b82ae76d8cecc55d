"""Quotes a reader can check in seconds.

A table quote is the quoted row under its column headers, the cells used marked — never a whole
table flattened into one line. `table_row` builds it where table evidence is made (the answer's
cells, the verifier's cells) and it travels in `Evidence.table_row`, so report.json carries it too.
A prose quote is the sentence(s) of the passage that state the claim, with the claim's figures
marked (`prose`). Both are shaped here and escaped here: every piece of source text goes through
`synth.markdown.text` before a `<mark>` is put around it, so a source can never add markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from synth import claimparse
from synth import markdown as md
from synth.grids import Grid, grid
from synth.models import Evidence, QuotedRow, Table
from synth.text import content_tokens, sentence_spans

# A wide table shows the used columns and their nearest neighbours, this many data columns in all.
MAX_DATA_COLUMNS = 4
# A prose quote longer than this is cut to the sentences that state the claim.
MAX_PROSE_CHARS = 300
ELLIPSIS = "…"
_DIGIT = re.compile(r"\d")

_GRIDS: dict[int, tuple[Table, Grid]] = {}


def _grid(table: Table) -> Grid:
    """The table's grid, computed once per table object (the answer stage quotes many cells of one table)."""
    found = _GRIDS.get(id(table))
    if found is None or found[0] is not table:
        if len(_GRIDS) > 2048:
            _GRIDS.clear()
        found = _GRIDS[id(table)] = (table, grid(table))
    return found[1]


def _corner(table: Table, view: Grid, labels: int) -> str:
    """The label columns' title a header row below the first prints ("WBits" over the bit widths of QuIP's Table 1,
    whose first row names only the methods): the quoted row "2" is then read as 2 bits."""
    levels = next((r for r, path in enumerate(view.row_paths) if path), 0)
    return " / ".join(c.strip() for row in table.rows[:levels] for c in row[:labels] if c.strip())


def _shown_columns(first: int, width: int, used: set[int]) -> list[int | None]:
    """The data columns a quote shows: all of them, or for a wide table the used ones and their nearest
    neighbours; None stands for a run of columns left out."""
    if width - first <= MAX_DATA_COLUMNS:
        return list(range(first, width))
    keep = {c for c in used if first <= c < width}
    distance = 1
    while len(keep) < MAX_DATA_COLUMNS and distance < width:
        for column in sorted(used):
            for near in (column - distance, column + distance):
                if first <= near < width and len(keep) < MAX_DATA_COLUMNS:
                    keep.add(near)
        distance += 1
    shown: list[int | None] = []
    expected = first
    for column in sorted(keep):
        if column != expected:
            shown.append(None)
        shown.append(column)
        expected = column + 1
    if expected < width:
        shown.append(None)
    return shown


def table_row(table: Table, row: int, columns: Iterable[int]) -> QuotedRow:
    """Row `row` of the table under its header paths, the cells in `columns` (indexes into the
    table's rows) marked. The label columns are shown as one: the row's full label path ("English /
    MMLU (Acc.) / 5-shot") under the label columns' headers."""
    view = _grid(table)
    cells = [c.strip() for c in table.rows[row]] if 0 <= row < len(table.rows) else []
    header = [h.strip() for h in table.header]
    width = max(len(cells), len(header), len(view.column_paths))
    cells += [""] * (width - len(cells))
    header += [""] * (width - len(header))
    labels = max(1, min(view.label_columns, width))
    used = set(columns)
    label_path = view.row_paths[row] if row < len(view.row_paths) and view.row_paths[row] else tuple(
        c for c in cells[:labels] if c)
    shown_header = [" / ".join(h for h in header[:labels] if h) or _corner(table, view, labels)]
    shown_cells = [" / ".join(dict.fromkeys(label_path))]
    marked = []
    for column in _shown_columns(labels, width, used):
        if column is None:
            shown_header.append(ELLIPSIS)
            shown_cells.append(ELLIPSIS)
            continue
        path = view.column_paths[column] if column < len(view.column_paths) else ()
        shown_header.append(" / ".join(path) or header[column])
        if column in used:
            marked.append(len(shown_cells))
        shown_cells.append(cells[column])
    return QuotedRow(row, tuple(shown_header), tuple(shown_cells), tuple(marked))


# --- what the page shows -------------------------------------------------------------------------


def _escaped(piece: str) -> str:
    """`synth.markdown.text` of a piece of a longer text, keeping the spaces at its edges."""
    inner = md.text(piece)
    if not inner:
        return " " if piece[:1].isspace() else ""
    return (" " if piece[:1].isspace() else "") + inner + (" " if piece[-1:].isspace() else "")


def marked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """`text` as inert markdown with the spans wrapped in `<mark>`: each piece is escaped first, the
    marks are the only markup added."""
    out, at = [], 0
    for start, end in sorted(set(spans)):
        if start < at or end <= start:
            continue
        out.append(_escaped(text[at:start]))
        out.append(f"<mark>{md.text(text[start:end])}</mark>")
        at = end
    out.append(_escaped(text[at:]))
    return "".join(out).strip()


def _figures(claim: str) -> list[claimparse.Quantity]:
    return [q for q in claimparse.quantities(claim) if _DIGIT.search(q.raw)]


def figure_spans(text: str, claim: str) -> list[tuple[int, int]]:
    """Where `text` states a figure of the claim (`18 trillion` for `18T`, `90.2%` for `90.2`); a
    claim without figures that is a short name or phrase (an answer cell such as "RMSNorm") is
    marked where the text says it."""
    wanted = _figures(claim)
    if wanted:
        return [(q.start, q.end) for q in claimparse.quantities(text)
                if _DIGIT.search(q.raw) and any(q.agrees(w) for w in wanted)]
    phrase = " ".join(claim.split())
    if not phrase or len(phrase) > 40:
        return []
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, phrase.split())) + r"(?!\w)", re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


@dataclass(frozen=True)
class Excerpt:
    """The part of a prose quote a page shows: the text (ellipses where sentences were left out) and
    the spans of the claim's figures in it."""

    text: str
    marks: tuple[tuple[int, int], ...]


def excerpt(quote: str, claim: str, about: str = "") -> Excerpt:
    """The sentence(s) of `quote` that state the claim: those holding one of its figures, else the
    one sharing most words with it, and the one before them naming the model the claim is `about`; the whole quote
    when it is short."""
    quote = " ".join(quote.split())
    if len(quote) <= MAX_PROSE_CHARS:
        return Excerpt(quote, tuple(figure_spans(quote, claim)))
    spans = sentence_spans(quote)
    if len(spans) <= 1:
        return Excerpt(quote, tuple(figure_spans(quote, claim)))
    with_figures = [s for s in spans if figure_spans(quote[s[0]:s[1]], claim)]
    keep = with_figures
    if not keep:
        words = set(content_tokens(claim))
        best = max(spans, key=lambda s: (len(words & set(content_tokens(quote[s[0]:s[1]]))), -s[0]))
        keep = [best]
    keep = sorted({*_naming(quote, spans, keep, about or claim), *keep})
    pieces: list[str] = []
    previous_end = 0
    for index, (start, end) in enumerate(keep):
        if quote[previous_end:start].strip() or (index == 0 and start > 0):
            pieces.append(ELLIPSIS)
        pieces.append(quote[start:end])
        previous_end = end
    if previous_end < len(quote.rstrip()):
        pieces.append(ELLIPSIS)
    text = " ".join(pieces)
    return Excerpt(text, tuple(figure_spans(text, claim)))


def _naming(quote: str, spans: list[tuple[int, int]], keep: list[tuple[int, int]], about: str
            ) -> list[tuple[int, int]]:
    """The sentence before the kept ones that names the claim's model when they do not ("We use a 774M parameter
    version of the GPT-2 language model … | The model is a Transformer with 36 layers"): without it the reader
    cannot see whose figure it is."""
    named: set[str] = set()
    for token in content_tokens(about):  # "gpt-2", "774m" of "774m-parameter": a model's name, not a figure
        named |= {t for t in (token, *token.split("-")) if _DIGIT.search(t) and re.search(r"[a-z]", t)}

    def says(span: tuple[int, int]) -> bool:
        return bool(named & set(content_tokens(quote[span[0]:span[1]])))

    if not named or any(says(s) for s in keep):
        return []
    return [s for s in spans if s[1] <= keep[0][0] and says(s)][-1:]


def prose(evidence: Evidence, claim: str, about: str = "") -> str:
    """A prose quote as page markdown: the excerpt, escaped, the claim's figures marked."""
    shown = excerpt(evidence.quote, claim, about)
    return marked(shown.text, shown.marks)


def row_table(row: QuotedRow) -> list[str]:
    """A quoted row as a two-line pipe table under its header, the used cells marked."""
    header = [md.text(h) or " " for h in row.header]
    cells = [f"<mark>{md.text(c)}</mark>" if i in row.marked and c.strip() else md.text(c)
             for i, c in enumerate(row.cells)]
    return md.table(header, [cells])


def caption(text: str, limit: int = 160) -> str:
    """A table's caption as a quote's heading shows it: its first sentence, at most `limit` characters
    (the whole caption is on the source page)."""
    text = " ".join(text.split())
    spans = sentence_spans(text) if len(text) > limit else []
    first = text[:spans[0][1]] if spans else text
    if len(first) <= limit:
        return first + (" …" if len(first) < len(text) else "")
    return first[:limit].rsplit(" ", 1)[0] + " …"


def shown_chars(evidence: Evidence, claim: str) -> int:
    """Characters of source text a page shows for one evidence item (headers and cells for a table
    quote, the excerpt for prose): what bench/quote_lengths.py measures."""
    if evidence.table_row is not None:
        return sum(len(h) for h in evidence.table_row.header) + sum(len(c) for c in evidence.table_row.cells)
    return len(excerpt(evidence.quote, claim).text)
