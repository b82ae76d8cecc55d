"""Quantitative answers from tables: a metric as a function of parameter count.

A scaling question ("How does LiveCodeBench scale with parameter count?") is answered by numbers
that sit in tables across the library, not by any one sentence. This stage collects every table
cell of the requested metric for the requested models, keeps one point per (model, value) with
where it was read, fits the value against log2(parameters) by least squares (so the slope reads
as "points per doubling of parameters"), reports Spearman's ρ (monotonicity, robust to the
curve's shape) and n, flags models whose value differs between sources, and writes one plain
sentence from the computed numbers. Nothing here is hard-coded to a model or a benchmark.
"""

from __future__ import annotations

import fnmatch
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from synth.config import Analysis, Question
from synth.index import cells_of
from synth.models import Answer, AnswerCell, AttributeKind, Library, Plan, SeriesAnalysis, SeriesCitation, SeriesPoint
from synth.tables import (
    TableRecord,
    canonical,
    caption_variant,
    name_variant,
    parse_parameters,
    records,
    split_setting,
)
from synth.text import fold

_TABLE_NUMBER = re.compile(r"\bTable\s*(\d+)", re.IGNORECASE)
_SCALING_WORDS = re.compile(
    r"\b(parameter counts?|parameter sizes?|number of parameters|model sizes?|model scale|"
    r"parameters|scal(?:e|es|ing) with (?:model )?size)\b",
    re.IGNORECASE,
)
_AGREE_ABS = 0.05
_AGREE_REL = 0.005


# --- statistics ------------------------------------------------------------------------------


def least_squares(xs: Sequence[float], ys: Sequence[float]) -> tuple[float, float] | None:
    """(slope, intercept) of y on x; None when x does not vary (no line can be fitted)."""
    n = len(xs)
    if n < 2:
        return None
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    if sxx <= 1e-12:
        return None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sxx
    return slope, mean_y - slope * mean_x


def _ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks, ties sharing their average rank (as Spearman's ρ requires)."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Spearman's rank correlation; None with fewer than 3 points or a constant variable."""
    if len(xs) < 3:
        return None
    rx, ry = _ranks(xs), _ranks(ys)
    n = len(xs)
    mx, my = sum(rx) / n, sum(ry) / n
    sx = math.sqrt(sum((r - mx) ** 2 for r in rx))
    sy = math.sqrt(sum((r - my) ** 2 for r in ry))
    if sx <= 1e-12 or sy <= 1e-12:
        return None
    return sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True)) / (sx * sy)


# --- selecting records -----------------------------------------------------------------------


def metric_matches(record: TableRecord, metric: str) -> bool:
    """Same benchmark once the setting in brackets is set aside: `LiveCodeBench (Pass@1)` is
    LiveCodeBench, `LiveCodeBench v5` and `LiveCodeBench-Base` are other versions and are not."""
    return metric_key(record) == _wanted_key(metric)


def metric_key(record: TableRecord) -> str:
    """The form metric_matches compares a record by (kept per table in synth.cellindex)."""
    return canonical(record.metric or split_setting(record.attribute)[0])


def _wanted_key(metric: str) -> str:
    return canonical(split_setting(metric)[0])


def entity_matches(record: TableRecord, pattern: str) -> bool:
    """Glob over the entity name with its variant written out (`Qwen2.5-7B` in an instruct table
    is `Qwen2.5-7B-Instruct`); the bare name is tried too, so `*-7B` matches either variant."""
    glob = canonical(pattern)
    return any(fnmatch.fnmatchcase(canonical(name), glob) for name in (record.entity_name, record.entity))


def _source_key(library: Library, doc_id: str) -> str:
    try:
        return library.source_for_doc(doc_id).key
    except KeyError:
        return doc_id


def metric_records(library: Library, metric: str) -> list[tuple[str, TableRecord]]:
    """(citation key, record) for every numeric cell of the tables reporting the metric, in library
    order: the cell index names those tables, so the library's other tables are never read."""
    wanted: dict[str, set[int]] = {}
    for doc_id, seq in cells_of(library).cell_tables_with_metric(_wanted_key(metric)):
        wanted.setdefault(doc_id, set()).add(seq)
    out: list[tuple[str, TableRecord]] = []
    for source in library.sources:
        if source.document is None or source.document.doc_id not in wanted:
            continue
        seqs = wanted[source.document.doc_id]
        for seq, table in enumerate(source.document.tables):
            if seq in seqs:
                out.extend((source.key, record) for record in records(table))
    return out


def library_metrics(library: Library) -> dict[str, str]:
    """The metrics the library's tables report, canonical form to name: in the order a walk over every
    record meets them first, with the spelling of the last record that uses them."""
    names = cells_of(library).cell_metric_names()
    metrics: dict[str, str] = {}
    for document in library.documents:
        for canon, metric in names.get(document.doc_id, ()):
            metrics[canon] = metric
    return metrics


def _citation(key: str, record: TableRecord) -> SeriesCitation:
    table = record.table
    return SeriesCitation(
        source=key, doc_id=table.doc_id, table_id=table.table_id, caption=table.caption, page=table.page,
        section=table.section, attribute=record.attribute, setting=record.setting, raw=record.raw,
        start=table.start, end=table.end, low_confidence=table.low_confidence,
    )


# --- building the series ---------------------------------------------------------------------


def _display(record: TableRecord) -> str:
    return record.entity_name


def _agree(a: float, b: float) -> bool:
    return abs(a - b) <= max(_AGREE_ABS, _AGREE_REL * max(abs(a), abs(b)))


def _settings_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or canonical(a) == canonical(b)


def build_points(matched: Iterable[tuple[str, TableRecord]]) -> tuple[list[SeriesPoint], list[str]]:
    """One point per (model, value); the same value read in several places is one point with
    several citations. Models whose values differ between sources or tables are flagged."""
    grouped: dict[tuple[str, float], list[tuple[str, TableRecord]]] = defaultdict(list)
    names: dict[str, str] = {}
    for key, record in matched:
        entity = canonical(_display(record))
        names.setdefault(entity, _display(record))
        value = round(record.value, 6)
        target = next((k for k in grouped if k[0] == entity and _agree(k[1], value)
                       and all(_settings_compatible(r.setting, record.setting) for _, r in grouped[k])), None)
        grouped[target or (entity, value)].append((key, record))
    points: list[SeriesPoint] = []
    for (entity, value), items in grouped.items():
        items.sort(key=lambda item: (item[0], item[1].table.table_id, item[1].row, item[1].column))
        first = items[0][1]
        params = first.parameters
        total = first.parameters_b
        if total is None or total <= 0:
            continue
        citations = tuple(dict.fromkeys(_citation(k, r) for k, r in items))
        points.append(SeriesPoint(
            entity=names[entity], parameters_b=total, active_b=params.active_b if params else None,
            value=value, unit=first.unit, citations=citations,
            low_confidence=any(c.low_confidence for c in citations),
        ))
    notes: list[str] = []
    by_entity: dict[str, list[int]] = defaultdict(list)
    for i, point in enumerate(points):
        by_entity[canonical(point.entity)].append(i)
    for indices in by_entity.values():
        if len(indices) < 2:
            continue
        places = {(c.source, c.table_id) for i in indices for c in points[i].citations}
        if len(places) < 2:
            continue
        comparable = [i for i in indices if any(
            _settings_compatible(points[i].citations[0].setting, points[j].citations[0].setting)
            for j in indices if j != i)]
        if len(comparable) < 2:
            continue
        for i in comparable:
            points[i] = replace(points[i], disagrees=True)
        described = "; ".join(f"{_fmt(points[i].value)} [{_cite_one(points[i].citations[0])}]" for i in comparable)
        notes.append(f"{points[comparable[0]].entity}: sources disagree ({described}).")
    points.sort(key=lambda p: (p.parameters_b, canonical(p.entity), p.value))
    return points, notes


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if abs(value) < 1000 else f"{value:,.0f}"


def _fmt_params(billions: float) -> str:
    return f"{_fmt(billions)}B"


def _cite_one(citation: SeriesCitation) -> str:
    number = _TABLE_NUMBER.search(citation.caption or "")
    where = f"Table {number.group(1)}" if number else (f"p. {citation.page}" if citation.page else "table")
    return f"{citation.source}, {where}"


def _number_ranges(numbers: list[int]) -> str:
    numbers = sorted(set(numbers))
    parts: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(f"{start}–{prev}" if prev - start >= 2 else (f"{start}, {prev}" if prev != start else str(start)))
        if n is not None:
            start = prev = n
    return ", ".join(parts)


def citation_summary(points: Sequence[SeriesPoint]) -> str:
    """`qwen2.5, Tables 6–10; deepseek-v3, Table 6`: every source and table the points come from."""
    by_source: dict[str, list[int]] = defaultdict(list)
    other: dict[str, set[str]] = defaultdict(set)
    for point in points:
        for citation in point.citations:
            number = _TABLE_NUMBER.search(citation.caption or "")
            if number:
                by_source[citation.source].append(int(number.group(1)))
            else:
                other[citation.source].add(f"p. {citation.page}" if citation.page else "an untitled table")
    parts = []
    for source in sorted(set(by_source) | set(other)):
        bits = []
        if by_source.get(source):
            numbers = sorted(set(by_source[source]))
            bits.append(("Table " if len(numbers) == 1 else "Tables ") + _number_ranges(numbers))
        bits.extend(sorted(other.get(source, ())))
        parts.append(f"{source}, " + ", ".join(bits))
    return "; ".join(parts)


def describe_entities(pattern: str) -> str:
    """`Qwen2.5-*-Instruct` → `Qwen2.5 instruct models`; `*` → `all models`."""
    if pattern.strip() in ("", "*"):
        return "all models"
    parts = pattern.split("*")
    family = parts[0].strip("-_ ")
    tail = parts[-1].strip("-_ ").lower() if len(parts) > 1 else ""
    variant = {"instruct": "instruct", "chat": "chat", "it": "instruct", "base": "base"}.get(tail)
    if family and variant and len(parts) == 2:
        return f"{family} {variant} models"
    if family and len(parts) == 2 and not tail:
        return f"{family} models"
    return f"models matching {pattern}"


def answer_sentence(analysis: Analysis, points: Sequence[SeriesPoint], slope: float | None,
                    rho: float | None, variant: str | None = None) -> str:
    """The plain-words answer, every figure computed from the points."""
    who = describe_entities(analysis.entities) + (f" ({variant})" if variant else "")
    if not points:
        return (f"No table in the library gives {analysis.metric} for {who} with a known parameter count, "
                "so the library cannot say how it scales.")
    if len(points) == 1 or slope is None:
        point = points[0]
        return (f"Only one parameter count is covered: {analysis.metric} is {_fmt(point.value)} at "
                f"{_fmt_params(point.parameters_b)} for {who} [{citation_summary(points)}]; no trend can be fitted.")
    low = [p for p in points if p.parameters_b == points[0].parameters_b]
    high = [p for p in points if p.parameters_b == points[-1].parameters_b]
    start = sorted(p.value for p in low)[len(low) // 2]
    end = sorted(p.value for p in high)[len(high) // 2]
    unit = "%" if all(p.unit == "%" for p in points) else ""
    if slope > 0 and (rho is None or rho >= 0.5):
        verb = "rises"
    elif slope < 0 and (rho is None or rho <= -0.5):
        verb = "falls"
    else:
        verb = "shows no clear trend, going"
    sign = "+" if slope >= 0 else "−"
    points_word = "percentage points" if unit == "%" else "points"
    rho_text = f", ρ = {rho:.2f}" if rho is not None else ""
    return (f"{analysis.metric} {verb} from {_fmt(start)}{unit} at {_fmt_params(points[0].parameters_b)} to "
            f"{_fmt(end)}{unit} at {_fmt_params(points[-1].parameters_b)} for {who}, {sign}{_fmt(abs(slope))} "
            f"{points_word} per doubling of parameters{rho_text}, n = {len(points)} [{citation_summary(points)}].")


def series_key(record: TableRecord) -> str:
    """What makes two cells of one metric different series: the model variant the name or the caption
    gives ("Qwen3-32B (Thinking)" in a caption, "-Instruct" in a name) and the metric's setting."""
    from synth.answer import series_variant
    from synth.retrieve.asks import caption_entity_variant

    model = name_variant(record.entity) or caption_entity_variant(record.table.caption, record.entity) \
        or caption_variant(record.table.caption) or ""
    return series_variant("; ".join(p for p in (model, record.setting or "") if p))


def run_series(analysis: Analysis, library: Library, number: int = 1, proposed: bool = False
               ) -> list[SeriesAnalysis]:
    """One fit per series: cells of different variants (thinking and non-thinking, base and instruct,
    another setting) are never pooled into one fit."""
    matched = _matched(analysis, library)
    keys = sorted({series_key(r) for _, r in matched})
    if len(keys) <= 1:
        return [run_analysis(analysis, library, number, proposed)]
    return [run_analysis(analysis, library, number * 10 + i, proposed, variant=key)
            for i, key in enumerate(keys, start=1)]


def _matched(analysis: Analysis, library: Library) -> list[tuple[str, TableRecord]]:
    return [(k, r) for k, r in metric_records(library, analysis.metric)
            if metric_matches(r, analysis.metric) and entity_matches(r, analysis.entities)]


def run_analysis(analysis: Analysis, library: Library, number: int = 1, proposed: bool = False,
                 variant: str | None = None) -> SeriesAnalysis:
    """One scaling series: matched cells → points → fit → sentence (and the SVG's file name). With
    `variant`, only the cells of that series; without, the largest series (others are noted, not pooled)."""
    matched = _matched(analysis, library)
    groups: dict[str, list[tuple[str, TableRecord]]] = defaultdict(list)
    for item in matched:
        groups[series_key(item[1])].append(item)
    if variant is None and len(groups) > 1:
        variant = max(sorted(groups), key=lambda k: len(groups[k]))
    if variant is not None:
        matched = groups.get(variant, [])
    points, notes = build_points(matched)
    if variant is not None and len(groups) > 1:
        others = ", ".join(k or "no variant" for k in sorted(groups) if k != variant)
        notes.append(f"Series of {variant or 'no variant'} only; other series fitted apart, never pooled: {others}.")
    unsized = sorted({r.entity_name for _, r in matched if r.parameters_b is None})
    xs = [math.log2(p.parameters_b) for p in points]
    ys = [p.value for p in points]
    fit = least_squares(xs, ys)
    rho = spearman(xs, ys)
    slope, intercept = fit if fit else (None, None)
    if unsized:
        notes.append("Matched but left out, no parameter count in the name or the table: " + ", ".join(unsized) + ".")
    moe = [p.entity for p in points if p.active_b is not None and p.active_b != p.parameters_b]
    if moe:
        notes.append("Mixture-of-experts models are placed at their total parameter count: " + ", ".join(moe) + ".")
    shaky = [p.entity for p in points if p.low_confidence]
    if shaky:
        notes.append("Read from tables whose grid is uncertain (check against the source): " + ", ".join(shaky) + ".")
    nearby = sorted({metric for key, metric in cells_of(library).cell_metrics_starting(canonical(analysis.metric))
                     if key != _wanted_key(analysis.metric)})
    if nearby:
        notes.append("Other versions of the metric in the library, not mixed in: " + ", ".join(nearby[:8]) + ".")
    slug = re.sub(r"[^a-z0-9]+", "-", fold(analysis.metric).lower()).strip("-") or "metric"
    entities = f"{analysis.entities} ({variant})" if variant else analysis.entities
    return SeriesAnalysis(
        kind=analysis.kind, metric=analysis.metric, by=analysis.by, entities=entities,
        points=tuple(points), n=len(points), slope_per_doubling=slope, intercept=intercept, spearman_rho=rho,
        answer=answer_sentence(analysis, points, slope, rho, variant), notes=tuple(notes),
        plot=f"analysis-{number}-{slug}.svg" if len(points) >= 1 else None, proposed=proposed,
    )


def propose(question: Question, library: Library) -> list[Analysis]:
    """A scaling series the question implies: it names a scaling variable ("parameter count",
    "model size") and a metric some table reports. Models are narrowed to a keyword that is not
    the metric (`Mistral-Large-2` → `Mistral-Large-2*`), else all models."""
    text = " ".join([question.question, question.title])
    if not _SCALING_WORDS.search(text):
        return []
    metrics = library_metrics(library)
    spellings = [term for _, forms in question.terms() for term in forms]
    metric = next((metrics[canonical(t)] for t in spellings if canonical(t) in metrics), None)
    if metric is None:
        folded = canonical(text)
        found = [name for key, name in metrics.items() if len(key) >= 3 and re.search(
            rf"(?<![a-z0-9]){re.escape(key)}(?![a-z0-9])", folded)]
        metric = max(found, key=len) if found else None
    if metric is None:
        return []
    families = [k for k in question.keywords if canonical(k) != canonical(metric)]
    entities = f"{families[0]}*" if families else "*"
    return [Analysis(kind="scaling", metric=metric, by="parameters", entities=entities)]


def analyse(question: Question, library: Library) -> tuple[SeriesAnalysis, ...]:
    """Every analysis the question asks for, or the one it implies when it asks for none."""
    explicit = list(question.analysis)
    wanted = explicit or propose(question, library)
    return tuple(series for i, a in enumerate(wanted, start=1)
                 for series in run_series(a, library, number=i, proposed=not explicit))


def trend_series(plan: Plan, answer: Answer) -> tuple[SeriesAnalysis, ...]:
    """For a trend question, one series per (metric, variant) from the answer's cells, each point at the
    parameter count its model's name states, fitted apart: thinking and non-thinking, base and chat,
    two benchmark versions are never pooled into one fit."""
    from synth.answer import series_variant

    out: list[SeriesAnalysis] = []
    metrics = [a for a in plan.attributes if a.kind is AttributeKind.METRIC]
    number = 0
    for attribute in metrics:
        groups: dict[tuple[str, str], list[AnswerCell]] = defaultdict(list)
        for cell in answer.cells:
            if cell.attribute == attribute.name and cell.number is not None:
                groups[(cell.subject, series_variant(cell.variant))].append(cell)
        order = {s.name: i for i, s in enumerate(plan.subjects)}
        for family, variant in sorted(groups, key=lambda g: (order.get(g[0], len(order)), g[1])):
            number += 1
            points = []
            for cell in groups[(family, variant)]:
                params = parse_parameters(cell.entity)
                if params is None or params.total_b is None:
                    continue
                evidence = cell.evidence[0]
                citation = SeriesCitation(evidence.source, evidence.doc_id, "", evidence.table_caption or "",
                                          evidence.page, evidence.section, cell.attribute, cell.variant, cell.value,
                                          evidence.start, evidence.end)
                points.append(SeriesPoint(cell.entity, params.total_b, params.active_b, cell.number, cell.unit,
                                          (citation,)))
            points.sort(key=lambda p: (p.parameters_b, canonical(p.entity), p.value))
            xs = [math.log2(p.parameters_b) for p in points]
            ys = [p.value for p in points]
            fit = least_squares(xs, ys)
            rho = spearman(xs, ys)
            slope, intercept = fit if fit else (None, None)
            spec = Analysis(metric=attribute.name, entities=f"{family}*")
            notes = []
            moe = [p.entity for p in points if p.active_b is not None and p.active_b != p.parameters_b]
            if moe:
                notes.append("Mixture-of-experts models are placed at their total parameter count: "
                             + ", ".join(moe) + ".")
            slug = re.sub(r"[^a-z0-9]+", "-", fold(f"{attribute.name} {family} {variant}").lower()).strip("-") \
                or "metric"
            out.append(SeriesAnalysis(
                kind="scaling", metric=attribute.name, by="parameters",
                entities=f"{family}*" + (f" ({variant})" if variant else ""), points=tuple(points), n=len(points),
                slope_per_doubling=slope, intercept=intercept, spearman_rho=rho,
                answer=answer_sentence(spec, points, slope, rho, variant or None), notes=tuple(notes),
                plot=f"analysis-{number}-{slug}.svg" if points else None, proposed=True,
            ))
    return tuple(out)
