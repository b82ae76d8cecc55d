"""A "Parameter | Value" table (dim 4096, n_kv_heads 8, context_len 32768) states the values of the
model its source is about: the header "Value" names no model, so the cell is said of the claim's
subject only when the source's title names that subject — its whole name ("Mistral 7B"), or its family
("Mixtral of Experts" for Mixtral 8x7B) when the source names no other size of that family — or the table's
own caption gives it to the subject ("Hyperparameters changed for Whisper Large V2"). Otherwise the cell is
another model's and settles nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

from synth import claimparse
from synth.grids import Grid
from synth.models import Document, Verdict
from synth.text import fold
from synth.verify.atoms import AtomSpec, ClaimAtoms
from synth.verify.cells import TableView
from synth.verify.findings import PLAUSIBLE_RATIO, Context, Finding, agrees, cell_label, full_value, quote_cells
from synth.verify.labels import Mention, plain, tokens

_VALUE_HEADER = frozenset({"value", "values"})


def value_column(view: Grid) -> int | None:
    """The one data column of a two-column table headed "Value(s)"."""
    columns = {c.column for c in view.cells}
    if len(view.column_paths) != 2 or len(columns) != 1:
        return None
    [column] = columns
    path = view.column_paths[column]
    return column if path and fold(path[-1]).strip() in _VALUE_HEADER else None


def _family(name: str) -> tuple[str, str]:
    """A model name as (family, size): "Mixtral 8x7B" → (mixtral, 8x7b); no size → (name, "")."""
    parts = [t.norm for t in tokens(name)]
    if len(parts) >= 2 and re.search(r"\d", parts[-1]):
        return " ".join(parts[:-1]), parts[-1]
    return " ".join(parts), ""


@lru_cache(maxsize=256)
def _sizes(text: str, family: str) -> frozenset[str]:
    """The sizes a text gives a family's models ("Mixtral 8x7B", "Mixtral-8x22B")."""
    pattern = re.compile(r"\b" + r"[\s\-]*".join(map(re.escape, family.split())) + r"[\s\-]*(\d[\w.]*)", re.IGNORECASE)
    return frozenset(m.group(1).lower() for m in pattern.finditer(text))


def about(subject: str, document: Document, title_words: frozenset[str]) -> bool:
    """Whether a source is about the model the claim names (module docstring)."""
    named = frozenset(t.norm for t in tokens(subject))
    if named and named <= title_words:
        return True
    family, size = _family(subject)
    if not size or not frozenset(family.split()) <= title_words:
        return False
    return _sizes(document.text, family) == {size}


def captioned(subject: str, caption: str) -> bool:
    """Whether the table's caption gives its values to the subject alone ("Table 18. Hyperparameters changed for
    Whisper Large V2."): it names the subject's every word and no other model."""
    named = frozenset(t.norm for t in tokens(subject))
    others = [n for n in claimparse.entities(caption) if re.search(r"\d", n) and not claimparse.mentions(
        fold(subject), n) and not frozenset(t.norm for t in tokens(n)) <= named]
    return bool(named) and named <= frozenset(t.norm for t in tokens(caption)) and not others


def subject_of(atoms: ClaimAtoms, atom: AtomSpec, labels: list[Mention]) -> str | None:
    """The one name the figure's clause gives that no table label covers: the model the figure is of."""
    start, end = atom.clause
    names = [(name, s) for name, s, e in claimparse.name_spans(atoms.text)
             if start <= s < end and not any(m.start <= s < m.end for m in labels)]
    return names[0][0] if len({fold(n) for n, _ in names}) == 1 else None


def about_claim(views: list[TableView], atoms: ClaimAtoms, context: Context) -> set[str]:
    """The documents among the views' "Parameter | Value" tables that are about the claim's subject."""
    out: set[str] = set()
    names = claimparse.entities(atoms.text)
    if len(names) != 1:
        return out
    for view in views:
        doc = view.table.doc_id
        if value_column(view.grid) is not None and doc in context.documents and (about(
                names[0], context.documents[doc], context.titles.get(doc, frozenset()))
                or captioned(names[0], view.table.caption)):
            out.add(doc)
    return out


def judge_parameter(number: int, atom: AtomSpec, atoms: ClaimAtoms, view: TableView,
                    rows: tuple[Mention, tuple[int, ...]], context: Context) -> Finding | None:
    """A figure against the Value cell of the parameter row the claim names, when the table's source is
    about the claim's subject: supported when the cell states it, contradicted when it states a
    number of the same magnitude."""
    assert atom.quantity is not None
    column = value_column(view.grid)
    mention, positions = rows
    if column is None or not mention.whole or len(positions) != 1:
        return None
    if _nearer_figure(atom, atoms, mention):
        return None  # "a sliding window of 4096 tokens and a context length of 8192": the label is 8192's
    subject = subject_of(atoms, atom, [m for m, _ in view.rows])
    document = context.documents.get(view.table.doc_id)
    if subject is None or document is None or not (about(subject, document, context.titles.get(
            document.doc_id, frozenset())) or captioned(subject, view.table.caption)):
        return None
    cell = view.cell(positions[0], column)
    if cell is None:
        return None
    label = plain(mention.label)
    if agrees(atom.quantity, cell.value, cell.unit):
        return Finding(number, Verdict.SUPPORTED, quote_cells([cell], view, context),
                       f"the cell ({cell_label(cell)}) of {subject}'s own parameter table is {cell.raw}", 1.0,
                       subject=subject, attribute=label, setting=view.table.caption[:60])
    value, claimed = abs(full_value(cell.value, cell.unit)), abs(atom.quantity.value)
    if value > 0 and claimed > 0 and max(value, claimed) / min(value, claimed) <= PLAUSIBLE_RATIO:
        return Finding(number, Verdict.CONTRADICTED, quote_cells([cell], view, context, cell.raw),
                       f"the cell ({cell_label(cell)}) of {subject}'s own parameter table says {cell.raw}, "
                       f"not {atom.quantity.raw}", 1.0, subject=subject, attribute=label,
                       setting=view.table.caption[:60])
    return None


def _nearer_figure(atom: AtomSpec, atoms: ClaimAtoms, mention: Mention) -> bool:
    """Whether another figure of the clause sits nearer the label than the atom's: the label names that one."""
    def distance(start: int, end: int) -> int:
        return max(mention.start - end, start - mention.end, 0)

    own = distance(atom.start, atom.end)
    return any(other is not atom and other.quantity is not None and other.clause == atom.clause
               and distance(other.start, other.end) < own for other in atoms.atoms)
