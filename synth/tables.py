"""Tables as records: (entity, variant, attribute, value) with the cell they came from.

A table's orientation is guessed from which axis holds model-like names ("Qwen2.5-72B",
"GPT-4o") and which holds benchmark names; the variant (base or instruct) comes from the header
itself when it says so, else from the caption ("instruction-tuned models").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from synth.models import Table
from synth.text import fold

_VALUE = re.compile(r"^\s*[<>~≈]?\s*(-?\d+(?:,\d{3})*(?:\.\d+)?)\s*(%?)")
_MODEL_LIKE = re.compile(r"[a-z].*\d|\d.*[a-z]", re.IGNORECASE)
_SIZE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*[bB](?![a-z])")
_INSTRUCT_SUFFIX = re.compile(r"[-_ ](instruct|chat|it|sft)$", re.IGNORECASE)
_BASE_SUFFIX = re.compile(r"[-_ ]base$", re.IGNORECASE)
_MISSING = {"", "-", "–", "—", "n/a", "na", "/", "x", "?"}


@dataclass(frozen=True)
class TableRecord:
    """One numeric cell, named by the entity (model) and attribute (benchmark) it belongs to."""

    table: Table
    entity: str
    variant: str | None
    attribute: str
    value: float
    raw: str
    row: int
    column: int

    @property
    def parameters_b(self) -> float | None:
        return parameter_count(self.entity)


def parse_value(cell: str) -> float | None:
    """The number a cell states, ignoring footnote marks such as `55.5†`; None for `-`."""
    if fold(cell).strip() in _MISSING:
        return None
    match = _VALUE.match(cell.replace("*", ""))
    if not match:
        return None
    return float(match.group(1).replace(",", ""))


def parameter_count(name: str) -> float | None:
    """Billions of parameters named in a model name: `Qwen2.5-72B` → 72, `57BA14B` → 57 (total)."""
    sizes = _SIZE.findall(name)
    return float(sizes[0]) if sizes else None


def caption_variant(caption: str) -> str | None:
    text = fold(caption)
    if "instruct" in text or "instruction-tuned" in text or "chat model" in text:
        return "instruct"
    if "base model" in text or "pre-trained model" in text or "pretrained model" in text:
        return "base"
    return None


def name_variant(name: str) -> str | None:
    if _INSTRUCT_SUFFIX.search(name.strip()):
        return "instruct"
    if _BASE_SUFFIX.search(name.strip()):
        return "base"
    return None


def strip_variant(name: str) -> str:
    return _BASE_SUFFIX.sub("", _INSTRUCT_SUFFIX.sub("", name.strip()))


def _model_likeness(cells: list[str]) -> float:
    named = [c for c in cells if c.strip() and parse_value(c) is None]
    if not named:
        return 0.0
    return sum(1 for c in named if _MODEL_LIKE.search(c)) / len(cells)


def records(table: Table) -> list[TableRecord]:
    """Every numeric cell of a table as a record; empty when the table has no usable grid."""
    if len(table.header) < 2 or not table.rows:
        return []
    header = [c.strip() for c in table.header]
    first_column = [row[0].strip() if row else "" for row in table.rows]
    models_in_columns = _model_likeness(header[1:]) >= _model_likeness(first_column)
    default_variant = caption_variant(table.caption)
    out: list[TableRecord] = []
    for r, row in enumerate(table.rows):
        if not row:
            continue
        for c in range(1, min(len(row), len(header))):
            value = parse_value(row[c])
            if value is None:
                continue
            entity, attribute = (header[c], row[0]) if models_in_columns else (row[0], header[c])
            entity, attribute = entity.strip(), attribute.strip()
            if not entity or not attribute:
                continue
            variant = name_variant(entity) or default_variant
            out.append(TableRecord(table, entity, variant, attribute, value, row[c].strip(), r, c))
    return out
