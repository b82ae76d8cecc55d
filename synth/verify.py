"""Verification: every claim gets a verdict backed by quoted evidence, or `insufficient`.

For a claim, candidate passages come from BM25 (text and table rows). Text passages are cut into
windows of one or two sentences and aligned with the claim; a window *supports* the claim only
when it covers the claim's content words and agrees on every figure, every named entity and the
polarity. A window *contradicts* it when it is about the same entities and words but states a
different figure of the same kind, or the opposite polarity. Table cells are checked directly:
a claim "X scores N on B" is compared with the cell at (B, X). Anything else is `insufficient`:
inventing support is the worst failure this product can have, so ties go to the cautious verdict.

Confidence is a weighted sum of named signals, each kept for the report (see CONFIDENCE_WEIGHTS).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import fuzz

from synth import claimparse
from synth.claimparse import Assertion, Quantity
from synth.index import Hit, PassageIndex, any_of
from synth.models import Evidence, Library, Passage, PassageKind, Signal, Verdict, Verification
from synth.tables import TableRecord, name_variant, records, strip_variant
from synth.text import collapse, fold, sentence_spans

CANDIDATES = 40
SUPPORT_COVERAGE_WITH_FIGURES = 0.5
SUPPORT_COVERAGE = 0.75
CONTRADICT_COVERAGE = 0.6
CONFIDENCE_WEIGHTS = {
    "alignment": 0.30,
    "numeric_agreement": 0.25,
    "entity_agreement": 0.20,
    "independent_sources": 0.15,
    "passage_relevance": 0.10,
}


@dataclass(frozen=True)
class Window:
    """One or two adjacent sentences of a passage, with offsets into the document text."""

    passage: Passage
    text: str
    start: int
    end: int
    relevance: float


@dataclass(frozen=True)
class Judgement:
    """How one window (or table cell) relates to the claim."""

    verdict: Verdict
    evidence: Evidence
    coverage: float
    numeric: float
    entity: float
    relevance: float
    reason: str


@lru_cache(maxsize=32768)
def _sentence_windows(text: str) -> tuple[tuple[int, int], ...]:
    spans = sentence_spans(text)
    windows = list(spans)
    windows += [(spans[i][0], spans[i + 1][1]) for i in range(len(spans) - 1)]
    return tuple(windows)


def _windows(hit: Hit, top_score: float) -> list[Window]:
    passage = hit.passage
    relevance = hit.score / top_score if top_score > 0 else 0.0
    if passage.kind is PassageKind.TABLE_ROW:
        return []
    return [
        Window(passage, passage.text[s:e], passage.start + s, passage.start + e, relevance)
        for s, e in _sentence_windows(passage.text)
    ]


def _entity_present(folded_window: str, name: str, window_says_instruct: bool) -> bool:
    if claimparse.mentions(folded_window, name):
        return True
    if name_variant(name) == "instruct" and window_says_instruct:
        return claimparse.mentions(folded_window, strip_variant(name))
    return False


def _says_instruct(folded: str) -> bool:
    return "instruct" in folded or "chat" in folded


def _coverage(claim: Assertion, window: Assertion) -> float:
    if not claim.words:
        return 0.0
    return len(claim.words & window.words) / len(claim.words)


def _match_quantities(claim: Assertion, window: Assertion) -> tuple[list[Quantity], list[Quantity]]:
    """Claim figures the window states, and window figures that could conflict with the rest."""
    matched = [q for q in claim.quantities if any(q.agrees(w) for w in window.quantities)]
    unmatched = [q for q in claim.quantities if q not in matched]
    rivals = [
        w for w in window.quantities
        if any(q.compatible(w) for q in unmatched) and not any(w.agrees(q) for q in claim.quantities)
    ]
    return matched, rivals


def _evidence(window: Window, source: str, conflicting: str | None = None) -> Evidence:
    return Evidence(
        source=source,
        doc_id=window.passage.doc_id,
        quote=collapse(window.text),
        start=window.start,
        end=window.end,
        page=window.passage.page,
        section=window.passage.section,
        passage_kind=window.passage.kind,
        conflicting_value=conflicting,
    )


def judge_window(claim: Assertion, window: Window, source: str) -> Judgement | None:
    """Support, contradiction, or nothing (None) for one window of text."""
    parsed = claimparse.parse(window.text)
    folded = fold(window.text)
    coverage = _coverage(claim, parsed)
    instruct = _says_instruct(folded)
    present = [e for e in claim.entities if _entity_present(folded, e, instruct)]
    entity = len(present) / len(claim.entities) if claim.entities else 1.0
    matched, rivals = _match_quantities(claim, parsed)
    numeric = len(matched) / len(claim.quantities) if claim.quantities else 1.0
    same_polarity = claim.negated == parsed.negated
    if entity < 1.0:
        return None
    needed = SUPPORT_COVERAGE_WITH_FIGURES if claim.quantities else SUPPORT_COVERAGE
    if numeric == 1.0 and same_polarity and coverage >= needed and len(claim.words & parsed.words) >= 2:
        return Judgement(Verdict.SUPPORTED, _evidence(window, source), coverage, numeric, entity,
                         window.relevance, "the passage states it")
    if coverage < CONTRADICT_COVERAGE:
        return None
    if claim.quantities and numeric < 1.0 and rivals and same_polarity:
        rival = _closest_rival(claim, parsed, rivals)
        return Judgement(Verdict.CONTRADICTED, _evidence(window, source, rival.raw), coverage, numeric,
                         entity, window.relevance, f"the passage gives {rival.raw} where the claim says "
                         + ", ".join(q.raw for q in claim.quantities if q not in matched))
    if not same_polarity and numeric == 1.0 and coverage >= SUPPORT_COVERAGE:
        which = "denies" if parsed.negated else "affirms"
        return Judgement(Verdict.CONTRADICTED, _evidence(window, source), coverage, numeric, entity,
                         window.relevance, f"the passage {which} what the claim states")
    return None


def _closest_rival(claim: Assertion, window: Assertion, rivals: list[Quantity]) -> Quantity:
    """The conflicting figure in the same role: same unit, then same following word."""
    unmatched = [q for q in claim.quantities if not any(q.agrees(w) for w in window.quantities)]
    target = unmatched[0]
    after_claim = fold(claim.text[target.end:target.end + 25]).split()[:1]

    def rank(candidate: Quantity) -> tuple[int, int, float]:
        after = fold(window.text[candidate.end:candidate.end + 25]).split()[:1]
        return (0 if candidate.unit == target.unit else 1, 0 if after == after_claim else 1,
                abs(candidate.value - target.value))

    return min(rivals, key=rank)


@lru_cache(maxsize=8)
def _library_records(library: Library) -> tuple[TableRecord, ...]:
    return tuple(r for doc in library.documents for table in doc.tables for r in records(table))


def _record_matches_entity(record: TableRecord, name: str) -> bool:
    """Same model and a compatible variant: `Qwen2.5-72B-Instruct` ~ header `Qwen2.5-72B` in an
    instruction-tuned table, but never the base model's column."""
    if fold(strip_variant(record.entity)) != fold(strip_variant(name)):
        stripped = claimparse.name_pattern(strip_variant(name))
        if not stripped.fullmatch(fold(strip_variant(record.entity))):
            return False
    wanted = name_variant(name)
    return wanted is None or record.variant is None or wanted == record.variant


def _record_evidence(record: TableRecord, source: str, conflicting: str | None) -> Evidence:
    table = record.table
    quote = f"{record.attribute}: {record.entity} = {record.raw}"
    return Evidence(
        source=source, doc_id=table.doc_id, quote=quote, start=table.start, end=table.end,
        page=table.page, section=table.section, passage_kind=PassageKind.TABLE_ROW,
        conflicting_value=conflicting, table_caption=table.caption or None,
    )


def judge_tables(claim: Assertion, library: Library) -> list[Judgement]:
    """Check "entity scores N on attribute" and comparatives against table cells."""
    if not claim.entities or (not claim.quantities and not claim.comparative):
        return []
    folded_claim = fold(claim.text)
    judgements: list[Judgement] = []
    relevant = [
        r for r in _library_records(library)
        if claimparse.mentions(folded_claim, r.attribute) and any(_record_matches_entity(r, e) for e in claim.entities)
    ]
    for record in relevant:
        source = library.source_for_doc(record.table.doc_id).key
        entity_names = [e for e in claim.entities if _record_matches_entity(record, e)]
        if claim.comparative:
            continue
        if len(claim.quantities) != 1 or len(entity_names) != 1:
            continue
        figure = claim.quantities[0]
        if abs(figure.value - record.value) <= 1e-9 * max(1.0, abs(record.value)):
            judgements.append(Judgement(Verdict.SUPPORTED, _record_evidence(record, source, None), 1.0, 1.0, 1.0,
                                        1.0, f"the table cell ({record.attribute}, {record.entity}) is {record.raw}"))
        else:
            judgements.append(Judgement(Verdict.CONTRADICTED, _record_evidence(record, source, record.raw), 1.0, 0.0,
                                        1.0, 1.0, f"the table cell ({record.attribute}, {record.entity}) is "
                                        f"{record.raw}, not {figure.raw}"))
    if claim.comparative and len(claim.entities) >= 2:
        judgements.extend(_judge_comparative(claim, relevant, library))
    return judgements


def _judge_comparative(claim: Assertion, relevant: list[TableRecord], library: Library) -> list[Judgement]:
    """`A outperforms B on X`: compare A's and B's cells for X in the same table."""
    first, second = claim.entities[0], claim.entities[1]
    out: list[Judgement] = []
    for a in relevant:
        if not _record_matches_entity(a, first):
            continue
        for b in relevant:
            if b.table is not a.table or b.row != a.row or not _record_matches_entity(b, second):
                continue
            holds = a.value < b.value if claim.lower_direction else a.value > b.value
            source = library.source_for_doc(a.table.doc_id).key
            evidence = replace(_record_evidence(a, source, None if holds else b.raw),
                               quote=f"{a.attribute}: {a.entity} = {a.raw}; {b.entity} = {b.raw}")
            verdict = Verdict.SUPPORTED if holds else Verdict.CONTRADICTED
            out.append(Judgement(verdict, evidence, 1.0, 1.0, 1.0, 1.0,
                                 f"{a.entity} {a.raw} vs {b.entity} {b.raw} on {a.attribute}"))
    return out


def _confidence(parts: dict[str, float]) -> float:
    return round(sum(CONFIDENCE_WEIGHTS[name] * value for name, value in parts.items()), 2)


def _signals(parts: dict[str, float], notes: dict[str, str]) -> tuple[Signal, ...]:
    return tuple(Signal(name, round(parts[name], 3), notes[name]) for name in CONFIDENCE_WEIGHTS)


def verify_claim(claim: str, library: Library, index: PassageIndex) -> Verification:
    """The verdict for one claim against the whole library."""
    assertion = claimparse.parse(claim)
    query = any_of(sorted(assertion.words | {fold(e) for e in assertion.entities}))
    hits = index.search(query, limit=CANDIDATES)
    top = hits[0].score if hits else 0.0
    judgements = judge_tables(assertion, library)
    best_alignment = 0.0
    closest: Window | None = None
    for hit in hits:
        source = library.source_for_doc(hit.passage.doc_id).key
        for window in _windows(hit, top):
            judgement = judge_window(assertion, window, source)
            if judgement is not None:
                judgements.append(judgement)
            alignment = fuzz.token_set_ratio(fold(claim), fold(window.text)) / 100
            if alignment > best_alignment:
                best_alignment, closest = alignment, window
    return _decide(claim, assertion, judgements, best_alignment, closest, library)


def _decide(claim: str, assertion: Assertion, judgements: list[Judgement], best_alignment: float,
            closest: Window | None, library: Library) -> Verification:
    tables = [j for j in judgements if j.evidence.passage_kind is PassageKind.TABLE_ROW]
    pool = tables if tables else judgements
    supports = [j for j in pool if j.verdict is Verdict.SUPPORTED]
    conflicts = [j for j in pool if j.verdict is Verdict.CONTRADICTED]
    if supports and (not conflicts or _strength(supports) >= _strength(conflicts)):
        chosen, verdict = supports, Verdict.SUPPORTED
    elif conflicts:
        chosen, verdict = conflicts, Verdict.CONTRADICTED
    else:
        return _insufficient(claim, assertion, best_alignment, closest, library)
    chosen = sorted(chosen, key=lambda j: (-j.coverage, -j.relevance, j.evidence.doc_id, j.evidence.start))
    evidence = _dedupe([j.evidence for j in chosen])[:3]
    best = chosen[0]
    sources = len({e.doc_id for e in evidence})
    parts = {
        "alignment": best.coverage,
        "numeric_agreement": best.numeric if verdict is Verdict.SUPPORTED else 1.0 - best.numeric,
        "entity_agreement": best.entity,
        "independent_sources": min(1.0, sources / 2),
        "passage_relevance": best.relevance,
    }
    notes = {
        "alignment": "share of the claim's content words found in the quoted passage",
        "numeric_agreement": "share of the claim's figures the passage states"
        if verdict is Verdict.SUPPORTED else "share of the claim's figures the passage gives differently",
        "entity_agreement": "share of the claim's named entities present in the passage",
        "independent_sources": f"{sources} source(s) with evidence; 2 or more count fully",
        "passage_relevance": "BM25 rank score of the passage relative to the best candidate",
    }
    explanation = best.reason
    others = _dedupe([j.evidence for j in judgements if j.verdict is not verdict])[:3]
    if others:
        explanation += f"; {len(others)} other passage(s) point the other way (listed as a conflict)"
    return Verification(claim, verdict, _confidence(parts), tuple(evidence), _signals(parts, notes), explanation,
                        tuple(others))


def _strength(judgements: list[Judgement]) -> float:
    return max(j.coverage + j.entity + j.numeric * 0.0 for j in judgements)


def _dedupe(evidence: list[Evidence]) -> list[Evidence]:
    seen: set[tuple[str, int, int]] = set()
    out = []
    for item in evidence:
        key = (item.doc_id, item.start, item.end)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _insufficient(claim: str, assertion: Assertion, best_alignment: float, closest: Window | None,
                  library: Library) -> Verification:
    evidence: tuple[Evidence, ...] = ()
    if closest is not None:
        evidence = (_evidence(closest, library.source_for_doc(closest.passage.doc_id).key),)
    parts = {
        "alignment": 1.0 - best_alignment,
        "numeric_agreement": 1.0,
        "entity_agreement": 1.0,
        "independent_sources": 1.0,
        "passage_relevance": 1.0 - (closest.relevance if closest else 0.0),
    }
    notes = {
        "alignment": "1 − the best fuzzy alignment of the claim with any candidate sentence",
        "numeric_agreement": "no passage agrees or disagrees on the claim's figures",
        "entity_agreement": "no passage about the claim's entities states or denies it",
        "independent_sources": "the whole library was searched",
        "passage_relevance": "1 − relevance of the closest passage",
    }
    reason = "no passage in the library states or contradicts this claim"
    if closest is not None:
        reason += " (the closest passage is quoted for context)"
    return Verification(claim, Verdict.INSUFFICIENT, _confidence(parts), evidence, _signals(parts, notes), reason)


def verify_claims(claims: Sequence[str], library: Library, index: PassageIndex) -> list[Verification]:
    """Verify each claim independently; same order as given."""
    return [verify_claim(claim, library, index) for claim in claims]
