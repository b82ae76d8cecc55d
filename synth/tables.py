"""Tables as records: (entity, variant, attribute, value) with the cell they came from (grids whose
cells are addressed by their header paths are in synth.grids).

A table's orientation is guessed from which axis holds model-like names ("Qwen2.5-72B",
"GPT-4o") and which holds benchmark names; the variant (base or instruct) comes from the header
itself when it says so, else from the caption ("instruction-tuned models"). Parameter counts come
from the name ("72B", "57BA14B", "Qwen3-30B-A3B") or from a parameter row or column of the same
table ("Non-Emb Params 2.8B", "#TP 236B"), because scaling questions need them on every point.

Cells are read defensively: footnote marks (`55.5†`), deltas (`70.9+2.3`), `-` for missing,
ragged rows and text cells never raise; a cell that is not a number yields no record. A figure in
scientific notation (`1.0 × 10^−3`, `4.2e-4`: learning rates, FLOPs) is one number (synth.scientific).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from synth.models import Table
from synth.scientific import scientific_cell
from synth.tableheads import (
    adjusted_group,
    axis_header,
    column_paths,
    names_a_setting,
    names_columns,
    padded,
    repeated_in_groups,
    row_variable,
    sub_header_rows,
    titled_group,
)
from synth.text import fold

_VALUE = re.compile(
    r"^\s*[<>~≈]?\s*[$€£¥]?\s*\+?\s*(-?\d+(?:,\d{3})*(?:\.\d+)?)\s*"
    r"(%|[KMBT](?![A-Za-z])|x(?![A-Za-z])|×)?"
    r"\s*(?:(?:\(|\[)[^)\]]*[)\]]|(?:\+/-|[+\-−±])\s*\d+(?:\.\d+)?|/\s*\d+(?:\.\d+)?%?)?"
    r"\s*[†‡*§¶⋆∗'′^]*\s*(?:[a-d])?\s*$"
)
_MODEL_LIKE = re.compile(r"[a-z].*\d|\d.*[a-z]", re.IGNORECASE)
_SIZE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*([BbMm])(?![a-zA-Z])")
_TOTAL_ACTIVE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*B[-_ ]?A(\d+(?:\.\d+)?)\s*B(?![a-zA-Z])", re.IGNORECASE)
_EXPERTS = re.compile(r"(?<![\d.])\d+\s*[x×]\s*\d+(?:\.\d+)?\s*B", re.IGNORECASE)
_INSTRUCT_SUFFIX = re.compile(r"[-_ ](instruct|inst\.?|chat|it|sft|rlhf)$", re.IGNORECASE)
_BASE_SUFFIX = re.compile(r"[-_ ]base$", re.IGNORECASE)
# Cells that mean "no value" (a dash, n/a, a cross).
MISSING = {"", "-", "–", "—", "n/a", "na", "/", "x", "?", "×", "✗"}
_SETTING = re.compile(r"^(?P<metric>.*?)\s*[(\[](?P<setting>[^)\]]*)[)\]]\s*$")
_PARAM_TOTAL = re.compile(r"^#?\s*(?:total\s*)?(?:param(?:eter)?s?|size|#?tp)\b|total\s*param|^#\s*tp$", re.IGNORECASE)
_PARAM_ACTIVE = re.compile(r"activ(?:e|ated)\s*param|^#?\s*ap$", re.IGNORECASE)
_PARAM_NON_EMB = re.compile(r"non[-\s]?emb", re.IGNORECASE)
_SETTING_COLUMN = re.compile(r"shots?|setting|metric|\bmodes?\b|prompt", re.IGNORECASE)
# A spanning header over several model columns, merged into each column's label by the PDF reader:
# "Vision-Language Model Kimi k1.5", "Open-source Models Qwen2.5 72B".
_COLUMN_GROUP = re.compile(r"^((?:[\w\-]+\s+){0,3}(?:models?|baselines?|methods?|systems?))\s+(\S.*)$",
                           re.IGNORECASE)
# Words that mark one axis as benchmarks/metrics and the other as models; used only to break the
# orientation guess when both axes look alike.
_BENCHMARK_WORDS = re.compile(
    r"mmlu|gsm8k|math|humaneval|mbpp|livecodebench|livebench|gpqa|bbh|arc|hellaswag|ifeval|arena|mt-?bench|"
    r"triviaqa|naturalquestions|drop|winogrande|piqa|race|agieval|c-?eval|cmmlu|cruxeval|codeforces|aime|"
    r"swe|aider|multipl|evalplus|ruler|longbench|pass@|shot|acc|\bem\b|f1|score|average|avg|tasks?|params",
    re.IGNORECASE,
)
_MODEL_WORDS = re.compile(
    r"gpt|llama|qwen|gemma|mistral|mixtral|deepseek|ds-|claude|gemini|phi|minicpm|codestral|starcoder|"
    r"codellama|yi-|internlm|baichuan|falcon|olmo|grok|qwq|o1|o3|kimi|glm|\d+(?:\.\d+)?b\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Parameters:
    """Parameter counts in billions; any may be unknown. MoE models have total ≠ active."""

    total_b: float | None = None
    active_b: float | None = None
    non_embedding_b: float | None = None
    origin: str = ""

    def merged(self, other: Parameters) -> Parameters:
        """Fill unknown counts from `other` (values stated in the table win over the name)."""
        filled = Parameters(
            self.total_b if self.total_b is not None else other.total_b,
            self.active_b if self.active_b is not None else other.active_b,
            self.non_embedding_b if self.non_embedding_b is not None else other.non_embedding_b,
        )
        used_other = (filled.total_b, filled.active_b, filled.non_embedding_b) != (
            self.total_b, self.active_b, self.non_embedding_b)
        origin = "+".join(o for o in (self.origin, other.origin if used_other else "") if o)
        return Parameters(filled.total_b, filled.active_b, filled.non_embedding_b, origin)


@dataclass(frozen=True)
class TableRecord:
    """One numeric cell, named by the entity (model) and attribute (benchmark) it belongs to.

    `attribute` is the label as printed ("LiveCodeBench (Pass@1)"); `metric` and `setting` split
    it ("LiveCodeBench", "Pass@1; 3-shot" with a shots column), `group` is the row group heading.
    """

    table: Table
    entity: str
    variant: str | None
    attribute: str
    value: float
    raw: str
    row: int
    column: int
    metric: str = ""
    setting: str | None = None
    unit: str | None = None
    group: str = ""
    parameters: Parameters | None = None
    adjusted: str | None = None  # "adjusted": the column group adjusts a measure the table also prints as it is

    @property
    def parameters_b(self) -> float | None:
        """Total parameters in billions: from the table when it states them, else from the name."""
        if self.parameters is not None and self.parameters.total_b is not None:
            return self.parameters.total_b
        return parameter_count(self.entity)

    @property
    def entity_name(self) -> str:
        """The entity with its variant written out: header `Qwen2.5-7B` in an instruct table →
        `Qwen2.5-7B-Instruct`, so globs like `Qwen2.5-*-Instruct` match it."""
        return variant_name(self.entity, self.variant)


def parse_cell(cell: str) -> tuple[float, str | None] | None:
    """(number, unit) a cell states, ignoring footnote marks (`55.5†`), deltas (`70.9+2.3`) and a
    bracketed second figure (`55.0 (90.0)`); a figure in scientific notation (`1.0 × 10^−3`, `4.2e-4`: learning
    rates, FLOPs) is one number, never 1.0 with a delta; None for `-`, text, or anything not a plain number."""
    text = cell.replace("*", "").replace("**", "").strip()
    if fold(text) in MISSING:
        return None
    power = scientific_cell(text)
    if power is not None:
        return power, None
    match = _VALUE.match(text.replace("−", "-"))
    if not match:
        return None
    unit = match.group(2) or None
    return float(match.group(1).replace(",", "")), unit


def parse_value(cell: str) -> float | None:
    """The number a cell states, ignoring footnote marks such as `55.5†`; None for `-`."""
    parsed = parse_cell(cell)
    return parsed[0] if parsed else None


def parse_parameters(text: str) -> Parameters | None:
    """Parameter counts named in a model name or cell: `72B` → 72, `0.5B` → 0.5, `350M` → 0.35,
    `57BA14B` and `Qwen3-30B-A3B` → total and active. `8x7B` is left unknown (the total of a
    mixture is not 8 × 7)."""
    if _EXPERTS.search(text):
        return None
    pair = _TOTAL_ACTIVE.search(text)
    if pair:
        return Parameters(float(pair.group(1)), float(pair.group(2)), origin="name")
    sizes = _SIZE.findall(text)
    if not sizes:
        return None
    number, scale = sizes[0]
    value = float(number) / (1000.0 if scale in "Mm" else 1.0)
    return Parameters(total_b=value, origin="name")


def parameter_count(name: str) -> float | None:
    """Billions of parameters named in a model name: `Qwen2.5-72B` → 72, `57BA14B` → 57 (total)."""
    parsed = parse_parameters(name)
    return parsed.total_b if parsed else None


def caption_variant(caption: str) -> str | None:
    """`instruct` or `base` when the caption says which kind of models the table compares."""
    text = fold(caption)
    instruct = any(w in text for w in ("instruct", "instruction-tuned", "chat model", "post-trained"))
    base = any(w in text for w in ("base model", "pre-trained model", "pretrained model"))
    if instruct == base:
        return None
    return "instruct" if instruct else "base"


def name_variant(name: str) -> str | None:
    if _INSTRUCT_SUFFIX.search(name.strip()):
        return "instruct"
    if _BASE_SUFFIX.search(name.strip()):
        return "base"
    return None


def strip_variant(name: str) -> str:
    return _BASE_SUFFIX.sub("", _INSTRUCT_SUFFIX.sub("", name.strip()))


def variant_name(entity: str, variant: str | None) -> str:
    """`Qwen2.5-7B` + instruct → `Qwen2.5-7B-Instruct`; the name alone when the variant is unknown."""
    core = "-".join(strip_variant(entity).split())
    suffix = {"instruct": "-Instruct", "base": "-Base"}.get(variant or "", "")
    return core + suffix


def canonical(name: str) -> str:
    """Comparison form of a name: case-folded, spaces/underscores as hyphens (`Qwen2.5 72B` ~ `qwen2.5-72b`)."""
    return re.sub(r"[\s_\-]+", "-", fold(name)).strip("-")


def split_setting(attribute: str) -> tuple[str, str | None]:
    """`LiveCodeBench (Pass@1-COT)` → (`LiveCodeBench`, `Pass@1-COT`); other labels unchanged."""
    match = _SETTING.match(attribute.strip())
    if match and match.group("metric").strip():
        return match.group("metric").strip(), match.group("setting").strip() or None
    return attribute.strip(), None


# A label that is a parameter count alone ("830M", "1.4B", "13.1B"): a model named by its size.
_SIZE_LABEL = re.compile(r"^\d+(?:\.\d+)?\s*[MB]$")


def _axis_score(cells: list[str]) -> float:
    """How model-like an axis is: + for model names, − for benchmark or metric names. An axis of sizes
    alone ("830M | 1.4B | 2.8B" under "Size") names the members of the paper's model family: their values
    are numbers to a reader, but the axis is the models'."""
    labels = [c.strip() for c in cells if c.strip()]
    if len(labels) >= 2 and all(_SIZE_LABEL.match(c) for c in labels):
        return 1.0
    named = [c for c in cells if c.strip() and parse_value(c) is None]
    if not named:
        return -1.0
    score = 0.0
    for cell in named:
        model = bool(_MODEL_WORDS.search(cell))
        bench = bool(_BENCHMARK_WORDS.search(cell))
        score += (1.0 if model else 0.0) - (1.0 if bench and not model else 0.0)
        score += 0.25 if _MODEL_LIKE.search(cell) else 0.0
    return score / len(cells)


def models_in_columns(table: Table) -> bool:
    """Whether the header holds the models (the Qwen2.5 report's layout) rather than the first column."""
    header = [c.strip() for c in table.header]
    first_column = [row[0].strip() if row else "" for row in table.rows]
    in_header, in_rows = _axis_score(header[1:]), _axis_score(first_column)
    if header and _ROW_KIND.match(header[0]):
        # "Model | XSum | CNN/DM" over Transformer, DIFF; "Encoding | Wiki | FlanV2" over NoPE, RoPE: the corner names
        # what the rows are, unless the header is plainly the models' ("Model | DeepSeek-Coder-V2-Lite | …")
        return in_header >= in_rows + 0.5
    return in_header >= in_rows


# A corner cell naming the kind of thing its column lists: the rows are the compared models or methods.
_ROW_KIND = re.compile(r"^(?:models?|methods?|encodings?|approach(?:es)?|systems?|architectures?|variants?|"
                       r"baselines?)$", re.IGNORECASE)


def _parameter_kind(label: str) -> str | None:
    if _PARAM_NON_EMB.search(label):
        return "non_embedding"
    if _PARAM_ACTIVE.search(label):
        return "active"
    if _PARAM_TOTAL.search(label.strip()):
        return "total"
    return None


def _with(parameters: Parameters | None, kind: str, value: float) -> Parameters:
    base = parameters or Parameters(origin="table")
    if kind == "total":
        return Parameters(value, base.active_b, base.non_embedding_b, "table")
    if kind == "active":
        return Parameters(base.total_b, value, base.non_embedding_b, "table")
    return Parameters(base.total_b, base.active_b, value, "table")


def table_parameters(table: Table) -> dict[int, Parameters]:
    """Parameter counts the table states per entity index (column index when models are in
    columns, row index otherwise), from rows/columns labelled like `# Total Params` or `#AP`."""
    found: dict[int, Parameters] = {}
    width = len(table.header)
    if models_in_columns(table):
        for row in table.rows:
            kind = _parameter_kind(row[0]) if row else None
            if kind is None:
                continue
            for c in range(1, min(len(row), width)):
                parsed = parse_cell(row[c])
                if parsed and parsed[1] in ("B", "M"):
                    value = parsed[0] / (1000.0 if parsed[1] == "M" else 1.0)
                    found[c] = _with(found.get(c), kind, value)
    else:
        kinds = {c: _parameter_kind(h) for c, h in enumerate(table.header) if c > 0}
        for r, row in enumerate(table.rows):
            for c, kind in kinds.items():
                if kind is None or c >= len(row):
                    continue
                parsed = parse_cell(row[c])
                if parsed and parsed[1] in ("B", "M"):
                    value = parsed[0] / (1000.0 if parsed[1] == "M" else 1.0)
                    found[r] = _with(found.get(r), kind, value)
    return found


def without_column_groups(header: list[str]) -> list[str]:
    """Model column labels without the spanning group header the PDF reader put in front of them, when two
    or more columns share it: "Vision-Language Model Kimi k1.5" is Kimi k1.5 (a name is read from the
    label's first word, so the group would hide it)."""
    groups = [_COLUMN_GROUP.match(label) for label in header]
    shared = Counter(fold(found.group(1)) for found in groups[1:] if found)
    return [header[0], *(found.group(2) if found and shared[fold(found.group(1))] >= 2 else label
                         for found, label in zip(groups[1:], header[1:], strict=True))]


def records(table: Table, in_columns: bool | None = None) -> list[TableRecord]:
    """Every numeric cell of a table as a record; empty when the table has no usable grid. The
    orientation is guessed unless the reader knows it (`in_columns`)."""
    if len(table.header) < 2 or not table.rows:
        return []
    header = [c.strip() for c in table.header]
    axis = axis_header(table)
    if axis:  # "Training Steps | 65,536 | 524,288" read as the first row under a blank header
        header, in_columns = axis, False
    variable = None if axis else row_variable(table, sub_header_rows(list(table.rows), 1))
    if variable:
        in_columns = False
    in_columns = models_in_columns(table) if in_columns is None else in_columns
    if in_columns:
        header = without_column_groups(header)
    default_variant = caption_variant(table.caption)
    stated = table_parameters(table)
    setting_columns = [c for c, h in enumerate(header) if c > 0 and _SETTING_COLUMN.search(h)]
    levels = 1 if axis else 0 if in_columns else sub_header_rows(list(table.rows), 1)
    if levels and not axis and not all(names_columns(header, row) for row in table.rows[:levels]):
        levels = 0
    spans: list[tuple[str, ...]] = []
    if levels and not axis:  # the columns are named by the sub-header row; the labels above are their setting
        spans = column_paths(padded([header, *table.rows[:levels]]), 1)
        header = [path[-1] if path else "" for path in spans]
    adjusted_by_column = [adjusted_group(path[:-1], spans) for path in spans]  # a column's groups, not its rows
    repeated = repeated_in_groups(table) if not in_columns else set()
    row_settings = {} if in_columns else _row_settings(table, header)
    out: list[TableRecord] = []
    for r, row in enumerate(table.rows):
        if not row or r < levels:
            continue
        if not in_columns and repeated_header(header, row):
            # Two tables the PDF reader merged into one: the second one's header is a row of the first,
            # and the rows below it are read under it (Switch Transformers' Table 9: "Model | Expert
            # Freq. | Num. Layers | Num Experts" below "Model | Parameters | FLOPs/seq …").
            header = [c.strip() for c in row] + [""] * max(0, len(header) - len(row))
            setting_columns = [c for c, h in enumerate(header) if c > 0 and _SETTING_COLUMN.search(h)]
            continue
        group = titled_group(table, r, levels)
        lone_setting = bool(group.strip()) and names_a_setting(table, r, levels)  # the row's, whatever its column
        for c in range(1, min(len(row), len(header))):
            parsed = parse_cell(row[c])
            if parsed is None or c in setting_columns:
                continue
            value, unit = parsed
            entity, attribute = (header[c], row[0]) if in_columns else (row[0], header[c])
            path = spans[c][:-1] if spans and c < len(spans) else ()
            if variable:  # QuIP's Table 1: the column group's method, at the row's value of the variable
                entity, path = (path[0], (*path[1:], f"{variable} {row[0].strip()}")) if path else ("", ())
            entity, attribute = entity.strip(), attribute.strip()
            if not entity or not attribute:
                continue
            metric, setting = split_setting(attribute)
            extra = [row[s].strip() for s in setting_columns if s < len(row) and row[s].strip()
                     and parse_value(row[s]) is None and fold(row[s].strip()) not in MISSING] if in_columns else []
            extra = [*extra, *path]
            adjusted = adjusted_by_column[c] if c < len(adjusted_by_column) else None
            extra += [f"{header[k]} {row[k].strip()}" for k in row_settings.get(fold(row[0].strip()), ())
                      if k != c and k < len(row) and row[k].strip()]
            if group.strip() and (fold(entity) in repeated or lone_setting):
                # gzip under chunk size ∞ and gzip under 2048: two settings; Chinchilla 70B under 2048 alone: one
                extra = [*extra, group.strip()]
            if extra:
                setting = "; ".join([*([setting] if setting else []), *extra])
            from_name = parse_parameters(entity)
            from_table = stated.get(c if in_columns else r)
            if from_table and from_name:
                parameters: Parameters | None = from_table.merged(from_name)
            else:
                parameters = from_table or from_name
            variant = name_variant(entity) or default_variant
            out.append(TableRecord(table, entity, variant, attribute, value, row[c].strip(), r, c,
                                   metric=metric, setting=setting, unit=unit, group=group, parameters=parameters,
                                   adjusted=adjusted))
    return out


_SIZE_OR_LENGTH = re.compile(r"\bsize\b|\blength\b|\bcontext\b", re.IGNORECASE)
_SIZED_CELL = re.compile(r"^\d+(?:\.\d+)?\s*[KMBT]$")


def _row_settings(table: Table, header: list[str]) -> dict[str, tuple[int, ...]]:
    """For a model on several rows ("Transformer | 3B | 2K | 7247", "Transformer | 13B | 2K | 998"), the columns
    that tell its rows apart (a model size, a sequence length): each value of the row is at that setting, never the
    model's value without it."""
    rows: dict[str, list[tuple[str, ...]]] = {}
    for row in table.rows:
        if row and row[0].strip():
            rows.setdefault(fold(row[0].strip()), []).append(row)
    out: dict[str, tuple[int, ...]] = {}
    for name, own in rows.items():
        if len(own) < 2:
            continue
        columns = tuple(k for k in range(1, len(header)) if _SIZE_OR_LENGTH.search(header[k])
                        and all(k < len(r) and _SIZED_CELL.match(r[k].strip()) for r in own)
                        and len({r[k].strip() for r in own}) > 1)
        if columns:
            out[name] = columns
    return out


def repeated_header(header: list[str], row: tuple[str, ...]) -> bool:
    """A body row that is a header of its own: it starts with the header's first label ("Model") and its
    other cells are labels, not numbers."""
    first = row[0].strip() if row else ""
    if not first or not header[0] or fold(first) != fold(header[0]):
        return False
    labels = [c for c in row[1:] if c.strip() and parse_value(c) is None]
    numbers = [c for c in row[1:] if c.strip() and parse_value(c) is not None]
    return len(labels) >= 2 and not numbers
