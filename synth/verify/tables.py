"""Table cells as evidence: "X scores N on B" against the cell (row B, column X), choosing the
instruct or base column from the name and the caption, and the table the claim's words point to;
"A beats B on X" against both cells.
"""

from __future__ import annotations

from synth import claimparse
from synth.claimparse import Quantity
from synth.models import Library, Table, Verdict
from synth.tables import TableRecord, name_variant, strip_variant
from synth.text import fold
from synth.verify.claim import ClaimInfo
from synth.verify.facts import LibraryFacts, cell_quantity, library_facts, row_evidence
from synth.verify.figures import owner_of
from synth.verify.names import same_name
from synth.verify.windows import Judgement
from synth.verify.words import WORD_SPLIT, compact, shared_words, word_tokens


def _attribute_span(claim: str, attribute: str) -> tuple[int, int] | None:
    """Where the claim names a table attribute, whole words only, separators ignored:
    "MT-Bench" ~ "MTbench", "IFEval (multilingual)" ~ itself, but "MMLU" never inside "MMLU-Pro"."""
    target = compact(attribute)
    if not target:
        return None
    folded = fold(claim)
    tokens = [(m.group(0), m.start(), m.end()) for m in WORD_SPLIT.finditer(folded)]
    for i in range(len(tokens)):
        joined = ""
        for j in range(i, len(tokens)):
            joined += tokens[j][0]
            if len(joined) > len(target):
                break
            if joined == target:
                start, end = tokens[i][1], tokens[j][2]
                if (start > 0 and folded[start - 1] in "-_.") or (end < len(folded) and folded[end] in "-_"
                                                                  and end + 1 < len(folded)
                                                                  and folded[end + 1].isalnum()):
                    break
                return start, end
    return None


def _record_entity_matches(record: TableRecord, name: str, variant: str | None) -> bool:
    """Same model, and a compatible variant: `Qwen2.5-72B-Instruct` ~ header `Qwen2.5-72B` in an
    instruction-tuned table, but never the base model's column."""
    target = fold(strip_variant(record.entity))
    if target != fold(strip_variant(name)) and not claimparse.name_pattern(strip_variant(name)).fullmatch(target):
        return False
    return variant is None or record.variant is None or variant == record.variant


def _caption_score(claim: str, table: Table) -> int:
    return len(shared_words(word_tokens(claim).bag, word_tokens(table.caption).bag))


def _pick_tables(candidates: list[TableRecord], info: ClaimInfo) -> list[TableRecord]:
    """Among cells for the same name and attribute in several tables, keep the tables the claim's
    own words point to ("in-house English evaluation" → the English table)."""
    if len({r.table.table_id for r in candidates}) <= 1:
        return candidates
    scores = {r.table.table_id: _caption_score(info.text, r.table) for r in candidates}
    best = max(scores.values())
    return [r for r in candidates if scores[r.table.table_id] == best]


def _matching_records(info: ClaimInfo, facts: LibraryFacts) -> dict[int, list[TableRecord]]:
    """For each claim entity, the cells of attributes the claim names, longest attribute first."""
    spans: dict[str, tuple[int, int]] = {}
    for attribute in facts.attributes:
        span = _attribute_span(info.text, attribute)
        if span is not None:
            spans[attribute] = span
    named = {a: s for a, s in spans.items()
             if not any(o != a and o_s[0] <= s[0] and s[1] <= o_s[1] and o_s != s for o, o_s in spans.items())}
    candidates = [r for r in facts.records if r.attribute in named] if named else []
    out: dict[int, list[TableRecord]] = {}
    for index, name in enumerate(info.entities):
        variant = info.variants[index]
        cells = [r for r in candidates if _record_entity_matches(r, name, variant)]
        if variant is None and name_variant(name) is None:
            preferred = [r for r in cells if r.variant in (None, "base")]
            by_attribute = {compact(r.attribute) for r in preferred}
            cells = preferred + [r for r in cells if r.variant == "instruct"
                                 and compact(r.attribute) not in by_attribute]
        if cells:
            out[index] = cells
    return out


def _claim_owner(info: ClaimInfo, q: Quantity, measures: frozenset[str]) -> str | None:
    return owner_of(info.text, q.start, claimparse.name_spans(info.text), measures)


def judge_tables(info: ClaimInfo, library: Library) -> list[Judgement]:
    """Check "entity scores N on attribute" and comparatives against table cells."""
    if not info.entities or (not info.assertion.quantities and not info.cues):
        return []
    facts = library_facts(library)
    matching = _matching_records(info, facts)
    judgements: list[Judgement] = []
    for index, cells in matching.items():
        name = info.entities[index]
        owned = [q for q in info.assertion.quantities
                 if len(info.models) <= 1 or same_name(_claim_owner(info, q, facts.measures) or name, name)]
        if not owned:
            continue
        for attribute in sorted({compact(r.attribute) for r in cells}):
            group = _pick_tables([r for r in cells if compact(r.attribute) == attribute], info)
            judgements.extend(_judge_cells(info, group, owned, facts))
    if info.order[0] is not None and info.order[1] is not None:
        judgements.extend(_judge_comparative(info, matching, facts))
    return judgements


def _judge_cells(info: ClaimInfo, group: list[TableRecord], owned: list[Quantity],
                 facts: LibraryFacts) -> list[Judgement]:
    """One name and attribute: a cell that states the claim's figure supports it (cells of other
    tables measured another way are then not counted against it); if none does, each differing
    cell contradicts it. A negated claim ("does not score N") is the other way round."""
    cells = [(record, cell_quantity(record)) for record in group]
    cells = [(record, cell) for record, cell in cells if any(q.compatible(cell) for q in owned)]
    agreeing = [record for record, cell in cells if any(q.agrees(cell) for q in owned)]
    claimed = ", ".join(q.raw for q in owned)
    out = []
    for record, _ in cells:
        if agreeing and record not in agreeing:
            continue
        source = facts.source_of[record.table.doc_id]
        where = f"the table cell ({record.attribute}, {record.entity}) is {record.raw}"
        cell = cell_quantity(record)
        about = next((q for q in owned if q.agrees(cell)), owned[0] if len(owned) == 1 else None)
        if bool(agreeing) != info.negated:
            out.append(Judgement(Verdict.SUPPORTED, row_evidence(record, facts, source, None), 1.0, 1.0, 1.0, 1.0,
                                 where if agreeing else f"{where}, not {claimed}, as the claim says", "table",
                                 "figure", about))
        else:
            out.append(Judgement(Verdict.CONTRADICTED, row_evidence(record, facts, source, record.raw), 1.0, 0.0,
                                 1.0, 1.0, f"{where}, {'which the claim denies' if agreeing else 'not ' + claimed}",
                                 "table", "figure", about))
    return out


def _judge_comparative(info: ClaimInfo, matching: dict[int, list[TableRecord]],
                       facts: LibraryFacts) -> list[Judgement]:
    """`A outperforms B on X`: compare A's and B's cells for X in the same table."""
    cue = next(c for c in info.cues if c.group != "amount")
    if cue.group != "performance":
        return []
    subject, obj = info.order
    first = next((i for i, e in enumerate(info.entities) if e == subject), None)
    second = next((i for i, e in enumerate(info.entities) if e == obj), None)
    if first is None or second is None or first not in matching or second not in matching:
        return []
    out: list[Judgement] = []
    for a in matching[first]:
        for b in matching[second]:
            if b.table is not a.table or b.row != a.row or b.column == a.column:
                continue
            holds = a.value < b.value if cue.lower else a.value > b.value
            if info.negated:
                holds = not holds
            source = facts.source_of[a.table.doc_id]
            evidence = row_evidence(a, facts, source, None if holds else b.raw)
            verdict = Verdict.SUPPORTED if holds else Verdict.CONTRADICTED
            out.append(Judgement(verdict, evidence, 1.0, 1.0, 1.0, 1.0,
                                 f"{a.entity} {a.raw} vs {b.entity} {b.raw} on {a.attribute}", "table", "comparison"))
    return out
