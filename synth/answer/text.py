"""The answer paragraph, built from the cells: per attribute the values side by side with their
variants, the highest and lowest when the question compares or ranks, the trend with its fit when
one was asked, the mechanism sentences, and what the library does not state. Plain text: the page
escapes it like any other untrusted string."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict

from synth.models import Answer, AnswerCell, AttributeKind, Plan, Relation, Verdict
from synth.names import canonical, size_of
from synth.retrieve.asks.roles import described

_SCALE = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}


def primary_cells(answer: Answer) -> dict[tuple[str, str], AnswerCell]:
    """The cell of each (subject, attribute) the paragraph compares: the first the subject states of itself, else the
    first (a sized member's row, "DeepSeek-Coder-V2-1B: 1T", never leads over the subject's own "6 trillion")."""
    first: dict[tuple[str, str], AnswerCell] = {}
    for cell in answer.cells:
        key = (cell.subject, cell.attribute)
        if key not in first or (shows_entity(first[key]) and not shows_entity(cell)):
            first[key] = cell
    return first


def shown_value(cell: AnswerCell) -> str:
    """The value as printed, with its unit when the print left it out, and the thing it counts when its quote
    names one right after it ("32,000 words": a batch of 32,000 words is no batch of 32,000 sequences)."""
    value = cell.value
    spelled = re.search(r"\b(?:trillion|billion|million|thousand|points?|%)", value, re.IGNORECASE)
    # "128k" is written in thousands: no "128k K"
    scale_written = cell.unit is not None and len(cell.unit) == 1 and value.rstrip()[-1:].lower() == cell.unit.lower()
    written = cell.unit is not None and (cell.unit in value or scale_written)
    if cell.unit and not written and cell.number is not None and not spelled:
        value = f"{value} {cell.unit}"
    counted = counted_thing(cell)
    return f"{value} {counted}" if counted and not value.endswith(counted) else value


def counted_thing(cell: AnswerCell) -> str:
    """The noun its quote counts the value in ("tokens", "words", "sequences"), or ""."""
    if cell.number is None or not cell.evidence:
        return ""
    after = re.search(re.escape(cell.value) + r"\s+([a-z]+)\b", cell.evidence[0].quote)
    return after.group(1) if after and after.group(1) in _COUNTED else ""


# What sources count sizes, batches and lengths in: two values counting different things are never ranked.
_COUNTED = frozenset({"tokens", "words", "sequences", "examples", "samples", "images", "sentences", "characters",
                      "bytes", "documents", "pairs", "episodes", "steps", "epochs"})


def shows_entity(cell: AnswerCell) -> bool:
    """Whether the name the source prints says more than the subject and the variant do: a sized member
    of a family, or another spelling ("DeepSeekMoE Chat 16B"); not "Mixtral" for Mixtral 8x7B, nor
    "DeepSeek-V3 Base" (its variant is shown)."""
    if not cell.entity:
        return False
    entity, subject = (re.sub(r"[^a-z0-9]", "", canonical(name)) for name in (cell.entity, cell.subject))
    if size_of(cell.entity) and not size_of(cell.subject):
        return True
    return entity not in subject and subject not in entity


_CAVEAT = {Verdict.SUPPORTED: "", Verdict.INSUFFICIENT: " [unconfirmed]", Verdict.CONTRADICTED: " [disputed]"}


def caveat(cell: AnswerCell) -> str:
    """A value the verification stage could not confirm, or one another passage gives differently, is marked
    where it is stated, not only in its evidence block: a reader who stops at the paragraph must not take it for
    a checked or a settled figure."""
    others = " and ".join(other_values(cell))
    return _CAVEAT.get(cell.verdict, "") + (f" (another passage gives {others})" if others else "")


def other_values(cell: AnswerCell) -> list[str]:
    """The values other passages give for the cell, each once, in the order they are shown."""
    return list(dict.fromkeys(d.value for d in cell.disagreements))


def _label(cell: AnswerCell) -> str:
    who = f"{cell.subject} ({cell.entity})" if shows_entity(cell) else cell.subject
    if shows_entity(cell) and size_of(cell.entity) and not size_of(cell.subject):
        who = cell.entity
    variant = f", {cell.variant}" if cell.variant else ""
    return f"{who} {shown_value(cell)}{' (' + variant[2:] + ')' if variant else ''}{caveat(cell)}"


def _settings(answer: Answer, first: AnswerCell) -> str:
    """A model's value in each setting its source gives it, every one labelled ("GridNet 1,000 (Start), 15,000
    (Average)"): the first alone would read as the value, the others as lost."""
    same = [c for c in answer.cells if (c.subject, c.attribute, c.entity) == (first.subject, first.attribute,
                                                                              first.entity)
            and c is not first and c.variant and c.variant != first.variant and c.number is not None]
    if not first.variant or not same:
        return _label(first)
    shown = list({c.variant: c for c in same}.values())[:MAX_SETTINGS - 1]
    return ", ".join([_label(first), *(f"{shown_value(c)} ({c.variant})" for c in shown)])


MAX_SETTINGS = 4


def _family(answer: Answer, subject: str, attribute: str) -> str | None:
    """For a family subject, the range of each series: "Qwen3, thinking; v5: 12.3 (Qwen3-0.6B) to 70.7
    (Qwen3-235B-A22B), 8 sizes"."""
    cells = [c for c in answer.cells if c.subject == subject and c.attribute == attribute and c.number is not None]
    members = {c.entity for c in cells if size_of(c.entity) and not size_of(subject)}
    if len(members) < 2:
        return None
    series: dict[str, list[AnswerCell]] = defaultdict(list)
    for cell in cells:
        series[cell.variant or ""].append(cell)
    parts = []
    for variant, group in series.items():
        low = min(group, key=lambda c: (_magnitude(c), c.entity))
        high = max(group, key=lambda c: (_magnitude(c), c.entity))
        label = f"{subject}{', ' + variant if variant else ''}"
        sizes = len({c.entity for c in group})
        parts.append(f"{label}: {shown_value(low)} ({low.entity}) to {shown_value(high)} ({high.entity}), "
                     f"{sizes} model{'s' if sizes != 1 else ''}")
    return "; ".join(parts)


def _magnitude(cell: AnswerCell) -> float | None:
    if cell.number is None:
        return None
    return cell.number * _SCALE.get(cell.unit or "", 1.0)


def _comparison(cells: list[AnswerCell]) -> str:
    """Which subjects (or sized members of a family subject) give the highest and the lowest value, every cell
    counted: a family's first member alone would hide its range ("all give the same value" over 4 to 8).
    Values are compared within one setting (pass@1 with pass@1, never with cons@64): the comparison is given
    per setting that two or more subjects share (the first three), and across settings only when none is
    shared."""
    numeric = [(magnitude, c) for c in cells if (magnitude := _magnitude(c)) is not None]
    if len(numeric) < 2 or len({c.subject for _, c in numeric}) < 2:
        return ""
    if len({counted_thing(c) for _, c in numeric}) > 1:
        things = "; ".join(dict.fromkeys(f"{_names([c])}: {counted_thing(c) or 'not named'}" for _, c in numeric))
        return f" Not ranked: the values count different things ({things})."
    series: dict[str, list[tuple[float, AnswerCell]]] = defaultdict(list)
    for magnitude, cell in numeric:
        series[cell.variant or ""].append((magnitude, cell))
    shared = {variant: group for variant, group in series.items() if len({c.subject for _, c in group}) >= 2}
    if not shared:
        if _ranges_overlap(numeric):
            return (" Not ranked: no two subjects share a setting, and one subject's values at its settings span "
                    "another's.")
        return _extremes(numeric, "", " (the variants differ, so the comparison is indicative)")
    if len(shared) == 1:
        [(variant, group)] = shared.items()
        return _extremes(group, f" ({variant})" if variant and len(series) > 1 else "", "")
    return "".join(_extremes(group, f" ({variant or 'no setting given'})", "")
                   for variant, group in list(shared.items())[:3])


def _ranges_overlap(numeric: list[tuple[float, AnswerCell]]) -> bool:
    """Whether, the settings all differing, the order of the subjects depends on which of a subject's values is
    taken (a raw 48.0 and an adjusted 14,048 of one model against another's 61.9: "highest and lowest" the same
    model)."""
    ranges: dict[str, tuple[float, float]] = {}
    for magnitude, cell in numeric:
        low, high = ranges.get(cell.subject, (magnitude, magnitude))
        ranges[cell.subject] = (min(low, magnitude), max(high, magnitude))
    spans = sorted(ranges.values())
    return any(later[0] <= earlier[1] and (earlier[0] < earlier[1] or later[0] < later[1])
               for earlier, later in itertools.pairwise(spans))


def _extremes(numeric: list[tuple[float, AnswerCell]], setting: str, caution: str) -> str:
    top = max(m for m, _ in numeric)
    bottom = min(m for m, _ in numeric)
    if top == bottom:
        return f" All give the same value{setting}."
    return (f" Highest{setting}: {_names([c for m, c in numeric if m == top])}; "
            f"lowest: {_names([c for m, c in numeric if m == bottom])}{caution}.")


def _names(cells: list[AnswerCell]) -> str:
    """The models giving one value, a family's member by its own name; a count past four."""
    names = list(dict.fromkeys(c.entity if size_of(c.entity) and not size_of(c.subject) else c.subject
                               for c in cells))
    return f"{len(names)} models" if len(names) > 4 else _join(names, "and")


def answer_text(answer: Answer, plan: Plan, trend: str | None = None) -> str:
    """The paragraph the page opens with, every figure taken from a cell."""
    if not plan.subjects or not plan.attributes:
        return ("The question could not be read into subjects and attributes, so nothing was looked up: "
                "name them in the question file (`subjects:` and `columns:`).")
    sentences: list[str] = []
    first = primary_cells(answer)
    asked = {s.name for s in plan.subjects}
    # settings of one paper's experiments asked side by side ("the batch size for CNN reading comprehension and for
    # CIFAR-10"), or beside a named model ("the layer normalization paper's handwriting-generation model" and the
    # Mixture-of-Depths models), are no contest: ranked only when the question ranks them
    contest = plan.relation is Relation.RANK or (
        plan.relation is Relation.COMPARE and not any(described(s) for s in plan.subjects))
    for attribute in plan.attributes:
        if attribute.kind is AttributeKind.MECHANISM:
            for mechanism in answer.mechanisms:
                if mechanism.attribute == attribute.name and mechanism.sentences:
                    sentences.append(f"{mechanism.subject}: “{mechanism.sentences[0].quote}”")
            continue
        cells = [first[(s.name, attribute.name)] for s in plan.subjects if (s.name, attribute.name) in first]
        if not cells:
            continue
        if attribute.kind is AttributeKind.TEXT:
            sentences.append(f"{_opening(attribute.name)}: "
                             + "; ".join(f"{c.subject}: {c.value}{caveat(c)}" for c in cells) + ".")
            continue
        line = f"{_opening(attribute.name)}: " + "; ".join(
            _family(answer, subject, attribute.name) or _settings(answer, first[(subject, attribute.name)])
            for subject in [s.name for s in plan.subjects] if (subject, attribute.name) in first) + "."
        if contest:
            line += _comparison([c for c in answer.cells if c.attribute == attribute.name and c.subject in asked])
        sentences.append(line)
    if trend:
        sentences.append(trend)
    sentences += _unstated(answer, plan)
    return " ".join(sentences)


def _unstated(answer: Answer, plan: Plan) -> list[str]:
    """What the library does not state, in one or two sentences however many cells are missing: the subjects
    it states none of the asked attributes for, then the attributes missing for the others."""
    if not answer.not_stated:
        return []
    asked = [a.name for a in plan.attributes]
    gaps: dict[str, list[str]] = defaultdict(list)
    for gap in answer.not_stated:
        gaps[gap.subject].append(gap.attribute)
    silent = [s.name for s in plan.subjects if len(asked) > 1
              and set(gaps.get(s.name, ())) >= {a.name for a in plan.attributes if plan.asks(s, a)}]
    missing: dict[str, list[str]] = defaultdict(list)
    for gap in answer.not_stated:
        if gap.subject not in silent:
            missing[gap.attribute].append(gap.subject)
    out = []
    if silent:
        out.append(f"The library states none of the asked values for {_join(silent)}.")
    if len(missing) == 1:
        [(attribute, subjects)] = missing.items()
        out.append(f"The library does not state {attribute} for {_join(subjects)}.")
    elif missing:
        out.append("Not stated in the library: " + "; ".join(f"{attribute} ({', '.join(subjects)})"
                                                           for attribute, subjects in missing.items()) + ".")
    return out


def _join(items: list[str], conjunction: str = "or") -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def _opening(label: str) -> str:
    """A label opening a sentence, capitalised as a word is ("Context length"); a symbol keeps its case ("β1", not
    "Β1"; "n_layers"), and so does a label that is no lowercase word."""
    first = label.split(" ", 1)[0]
    if not first[:1].isascii() or not first[:1].isalpha() or "_" in first or any(
            c.isdigit() or c.isupper() for c in first):
        return label
    return label[:1].upper() + label[1:]
