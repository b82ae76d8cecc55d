"""The verdict for a claim: candidate passages from BM25 (the claim's words, plus the passages
naming all its entities), judged window by window, and table cells judged directly. A table
answer takes precedence over prose. Anything else is `insufficient`: inventing support is the
worst failure this product can have, so ties go to the cautious verdict. Passages that point
the other way are kept as `counter_evidence`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rapidfuzz import fuzz

from synth import claimparse
from synth.index import Hit, PassageIndex, any_of, phrase
from synth.models import Atom, AtomKind, Evidence, Library, PassageKind, Verdict, Verification
from synth.text import content_tokens, fold
from synth.verify.atoms import ClaimAtoms, atoms_of
from synth.verify.cells import tables_named
from synth.verify.claim import ClaimInfo, claim_info
from synth.verify.combine import assemble, explain, from_judgement, resolve, verdict_of
from synth.verify.confidence import as_signals, signals_for, weighted_confidence
from synth.verify.conjuncts import conjuncts
from synth.verify.corroboration import corroborate
from synth.verify.facts import LibraryFacts, library_facts
from synth.verify.findings import Context, Finding
from synth.verify.glossary import with_symbol_columns
from synth.verify.judge import Reading, judge, load_model
from synth.verify.judge_features import Closest, features_of
from synth.verify.labels import tokens as label_tokens
from synth.verify.own_work import named_in_section
from synth.verify.passages import Probe, judge_window
from synth.verify.reasoning import judge_on_tables
from synth.verify.titles import as_name, title_span, titled_document
from synth.verify.windows import Window, window_evidence, windows_of

CANDIDATES = 40


def verify_claim(claim: str, library: Library, index: PassageIndex, origin: str | None = None,
                 learned: bool = True) -> Verification:
    """The verdict for one claim against the whole library: its atoms, each checked against table
    cells and text windows, then the verdict they imply (synth.verify.combine), which the learned
    judge may upgrade from `insufficient` (synth.verify.judge). For a finding taken from a source,
    `origin` is that source's key: the verification then also says what the rest of the library
    says of it (synth.verify.corroboration). A claim joining clauses under one subject is verified
    clause by clause (synth.verify.conjuncts). `learned=False` leaves the judge out: an answer cell
    is supported only when the rules find its value stated (synth.answer); so does a judge whose
    gates are both shut (no reading is measured then)."""
    model = load_model() if learned else None
    acting = model is not None and model.acts
    verification, reading = examine_claim(claim, library, index, origin, read=acting)
    return judge(verification, reading, model) if acting else verification


def examine_claim(claim: str, library: Library, index: PassageIndex, origin: str | None = None,
                  read: bool = True) -> tuple[Verification, Reading | None]:
    """The rules' verification of a claim and the judge's reading of it (its closest prose window,
    measured), kept apart so bench/judge_train.py trains on exactly what `verify_claim` judges. A
    claim of several clauses has no reading: the rules alone decide it; with `read=False` (no judge
    will read it) none is measured."""
    parts = conjuncts(claim) if origin is None else [claim]
    if len(parts) == 1:
        return _examine_one(claim, library, index, origin, read)
    return _joined(claim, [_examine_one(part, library, index, None, False)[0] for part in parts]), None


def _joined(claim: str, parts: list[Verification]) -> Verification:
    """One verification of a claim from those of its clauses: every atom of every clause, the verdict they
    imply, the evidence of each clause in order."""
    atoms = tuple(a for p in parts for a in p.atoms)
    verdict = verdict_of([a.status for a in atoms])
    deciding = [p for p in parts if p.verdict is verdict] or parts
    weakest = (min(deciding, key=lambda p: p.confidence) if verdict is not Verdict.CONTRADICTED
               else max(deciding, key=lambda p: p.confidence))
    evidence = tuple(dict.fromkeys(e for p in parts for e in p.evidence))
    others = tuple(dict.fromkeys(e for p in parts for e in p.counter_evidence if e not in evidence))
    explanation = "; ".join(f"clause {i} ({p.claim}): {p.explanation}" for i, p in enumerate(parts, 1))
    return Verification(claim.strip(), verdict, weakest.confidence, evidence, weakest.signals, explanation, others,
                        atoms)


def read_back(claim: str, place: Evidence, library: Library, index: PassageIndex,
              own_subject: bool = False) -> Verification:
    """A claim checked against the one place it was read from (an answer cell's quoted sentence or table row)
    by the same rules as against the whole library: the place is found for certain, where the library's best
    passages for the claim's words may leave it out (a sentence of a model's own paper that does not name it,
    a table row among many of the same labels). It says what that place states, nothing of the rest of the
    library. `own_subject`: the place's paper is the claim's subject's own, so its authors' unnamed account of
    their models or experiments is about the subject (synth.verify.own_work)."""
    return _examine_one(claim, library, index, None, False, place, own_subject)[0]


def _within(place: Evidence, start: int, end: int) -> bool:
    """Whether a span of `place`'s document overlaps the place."""
    return start < place.end and place.start < end


def _inside(place: Evidence, window: Window) -> bool:
    """Whether every sentence of a window is part of the place: the sentence after a quoted one says nothing the
    quote states."""
    cut = window.start + window.split if window.split > 0 else window.end
    return _within(place, window.start, cut) and (window.split <= 0 or _within(place, cut, window.end))


def _place_hits(place: Evidence, facts: LibraryFacts) -> list[Hit]:
    """The text passage a quoted sentence sits in (none for a table row: its table is read as cells)."""
    document = facts.documents.get(place.doc_id)
    if document is None or place.passage_kind is PassageKind.TABLE_ROW:
        return []
    passage = next((p for p in document.passages if p.kind is PassageKind.TEXT and _within(place, p.start, p.end)),
                   None)
    return [Hit(passage, 1.0)] if passage is not None else []


def _examine_one(claim: str, library: Library, index: PassageIndex, origin: str | None,
                 read: bool, place: Evidence | None = None,
                 own_subject: bool = False) -> tuple[Verification, Reading | None]:
    """One clause: the rules' verification and the judge's reading (see `examine_claim`); with a `place`, of
    that place alone (`read_back`)."""
    facts = library_facts(library, index)
    info = claim_info(claim, facts.measures, facts.printed.is_name)
    atoms = as_name(atoms_of(claim), title_span(claim, info.entities, facts.title_of.values()))
    context = Context(facts.source_of, facts.row_spans, facts.documents, facts.title_words)
    claim_words = frozenset(t.norm for t in label_tokens(claim))
    named = tables_named(claim, facts.cells.named_in(claim))  # only the tables the claim's words can name
    named = with_symbol_columns(claim, named, facts.definitions,
                                frozenset(t.norm for e in info.entities for t in label_tokens(e)))
    titled = titled_document(info.entities, facts.title_of)
    if titled is not None:  # a paper named by its title: another paper's table is about none of it
        named = [v for v in named if v.table.doc_id == titled]
    if place is not None:
        named = [v for v in named if place.passage_kind is PassageKind.TABLE_ROW
                 and v.table.doc_id == place.doc_id and _within(place, v.table.start, v.table.end)]
    if own_subject and place is not None:  # only in a section naming the subject
        own_subject = bool(info.entities) and named_in_section(info.entities[0], place,
                                                               facts.documents.get(place.doc_id))
    findings = judge_on_tables(atoms, named, claim_words, info.assertion.quantities, context)
    hits = _candidates(info, index) if place is None else _place_hits(place, facts)
    top = hits[0].score if hits else 0.0
    best_alignment = 0.0
    closest: Window | None = None
    folded_claim = fold(claim)
    probe = Probe()
    near = Closest() if read else None
    for hit in hits:
        source = facts.source_of[hit.passage.doc_id]
        for window in windows_of(hit, top, facts.title_of.get(hit.passage.doc_id, "")):
            if place is not None and not _inside(place, window):
                continue
            if own_subject:
                window = replace(window, own_subject=True)
            if near is not None:
                near.see(info, window, facts)
            judgement = judge_window(info, window, source, facts, probe)
            if judgement is not None:
                findings += from_judgement(judgement, atoms)
            alignment = fuzz.token_set_ratio(folded_claim, window.folded) / 100
            if alignment > best_alignment:
                best_alignment, closest = alignment, window
    verification = _decide(info, atoms, findings, best_alignment, closest, facts, probe, index)
    if origin is not None:
        verification = replace(verification, corroboration=corroborate(atoms, findings, origin))
    if near is None:
        return verification, None
    features = features_of(info, near, best_alignment, probe.best, top, facts)
    if features is None or near.window is None:
        return verification, None
    evidence = window_evidence(near.window, facts.source_of[near.window.passage.doc_id])
    left_to_rules = bool(info.assertion.quantities or named) or any(
        a.kind is AtomKind.FIGURE for a in verification.atoms)
    return verification, Reading(features, evidence, left_to_rules)


def candidate_docs(claim: str, library: Library, index: PassageIndex) -> list[str]:
    """The documents whose passages `verify_claim` judges, best first: lets a benchmark tell a
    missed retrieval from a passage found but misjudged."""
    facts = library_facts(library, index)
    hits = _candidates(claim_info(claim, facts.measures, facts.printed.is_name), index)
    return list(dict.fromkeys(h.passage.doc_id for h in hits))


def _candidates(info: ClaimInfo, index: PassageIndex) -> list[Hit]:
    """BM25 over the claim's words (unstemmed: the index stems them itself), plus the passages
    that name every entity of the claim, which a long claim's many words can push down."""
    terms = {t for t in content_tokens(info.text) if not claimparse.NUMBER_WORDS.issuperset({t})}
    hits = index.search(any_of(sorted(terms | {fold(e) for e in info.entities})), limit=CANDIDATES)
    if info.entities:
        both = " AND ".join(p for p in (phrase(e) for e in info.entities) if p)
        seen = {(h.passage.doc_id, h.passage.ordinal) for h in hits}
        extra = [h for h in index.search(both, limit=CANDIDATES // 2)
                 if (h.passage.doc_id, h.passage.ordinal) not in seen]
        if extra and hits:
            floor = min(h.score for h in hits)
            hits += [Hit(h.passage, min(h.score, floor)) for h in extra]
        elif extra:
            hits = extra
    return hits


def others_note(count: int) -> str:
    """What a supported claim's explanation says of the passages pointing the other way; the answer stage, which
    shows only those about the cell's subject, replaces it with what it showed."""
    return f"; {count} other passage(s) point the other way (listed as a disagreement)"


def _decide(info: ClaimInfo, claim_atoms: ClaimAtoms, findings: list[Finding], best_alignment: float,
            closest: Window | None, facts: LibraryFacts, probe: Probe, index: PassageIndex) -> Verification:
    resolved = resolve(claim_atoms, findings)
    verdict = verdict_of([r.status for r in resolved])
    evidence, atoms, others = assemble(resolved)
    if verdict is Verdict.INSUFFICIENT:
        return _insufficient(info, atoms, evidence, best_alignment, closest, facts, probe, index)
    deciding = [f for r in resolved if r.status is verdict for f in r.chosen[:1]]
    # A claim is as strong as its weakest supported atom; a contradiction as its strongest finding.
    best = (min(deciding, key=lambda f: f.strength) if verdict is Verdict.SUPPORTED
            else max(deciding, key=lambda f: f.strength))
    sources = len({e.doc_id for e in evidence})
    parts, notes = signals_for(verdict, best, sources, bool(info.assertion.quantities), len(others))
    explanation = explain(atoms)
    if others:
        explanation += others_note(len(others))
    return Verification(info.text, verdict, weighted_confidence(parts), tuple(evidence), as_signals(parts, notes),
                        explanation, tuple(others), tuple(atoms))


def _insufficient(info: ClaimInfo, atoms: list[Atom], stated: list[Evidence], best_alignment: float,
                  closest: Window | None, facts: LibraryFacts, probe: Probe, index: PassageIndex) -> Verification:
    """No passage states or contradicts the claim. The quoted context is the closest near miss
    (a passage naming all the claim's entities), else the best fuzzy match.

    alignment: 1 − how close the library came (best fuzzy alignment or near-miss word coverage);
    numeric_agreement: 1 when the claim's figures appear in no candidate, 0.5 when it states none;
    entity_agreement: share of the claim's names that no passage of the library mentions at all
    (0.5 if it names none); independent_sources: 1 / (1 + sources with a near miss); passage_relevance: 1 − BM25
    relevance of the closest passage.
    """
    shown = probe.window if probe.window is not None else closest
    evidence = tuple(stated)
    if shown is not None and not evidence:
        evidence = (window_evidence(shown, facts.source_of[shown.passage.doc_id]),)
    missing = 0.5
    if info.entities:
        missing = sum(1 for name in info.entities if not index.mentions([name])) / len(info.entities)
    parts = {
        "alignment": 1.0 - max(best_alignment, probe.best),
        "numeric_agreement": 1.0 if info.assertion.quantities else 0.5,
        "entity_agreement": missing,
        "independent_sources": 1.0 / (1 + len(probe.sources)),
        "passage_relevance": 1.0 - (shown.relevance if shown else 0.0),
    }
    notes = {
        "alignment": "1 − how close the best candidate came (fuzzy alignment or share of the claim's words)",
        "numeric_agreement": "1 when no passage states the claim's figures, 0.5 when the claim states none",
        "entity_agreement": "share of the claim's names the library never mentions (0.5 when it names none)",
        "independent_sources": f"1 / (1 + {len(probe.sources)} source(s) that name the claim's entities and "
                               f"share most of its words without stating it)",
        "passage_relevance": "1 − relevance of the closest passage",
    }
    reason = explain(atoms) if any(a.status is Verdict.SUPPORTED for a in atoms) else (
        "no passage in the library states or contradicts this claim; " + explain(atoms))
    if shown is not None and not stated:
        reason += " (the closest passage is quoted for context)"
    return Verification(info.text, Verdict.INSUFFICIENT, weighted_confidence(parts), evidence,
                        as_signals(parts, notes), reason, (), tuple(atoms))


def verify_claims(claims: Sequence[str], library: Library, index: PassageIndex,
                  origins: Sequence[str | None] | None = None, learned: bool = True) -> list[Verification]:
    """Verify each claim independently; same order as given. `origins[i]` is the key of the source
    claim i was taken from (None for a claim of no source): its corroboration is then computed."""
    sources = list(origins) if origins is not None else [None] * len(claims)
    return [verify_claim(claim, library, index, origin, learned)
            for claim, origin in zip(claims, sources, strict=True)]
