"""The quality review: independent deterministic reviewers, each scoring one property 0–10.

Each reviewer looks at a different failure of the old system (off-topic sources, unsupported
claims, citations that do not hold, a single-source answer, contradictions swept under the rug,
an unanswered question dressed up as an answer). The overall score is their mean; the spread
(max − min) shows how much they disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from statistics import mean

from synth.models import CheckedClaim, Contradiction, Library, PassageKind, Review, ReviewScore, ScreenedSource, Verdict
from synth.retrieve import Screening


@dataclass(frozen=True)
class ReviewInput:
    screening: Screening
    findings: Sequence[CheckedClaim]
    author_claims: Sequence[CheckedClaim]
    contradictions: Sequence[Contradiction]
    library: Library


def _ratio_score(numerator: int, denominator: int) -> float:
    return round(10 * numerator / denominator, 1) if denominator else 0.0


def relevance(data: ReviewInput) -> ReviewScore:
    included = [s for s in data.screening.screened if s.included]
    if not data.screening.focus:
        return ReviewScore("relevance", 5.0, "the question names no focus terms; relevance is unchecked")
    if not included:
        return ReviewScore("relevance", 0.0, "no source was relevant enough to include")
    full = [s for s in included if len(s.matched_terms) == len(data.screening.focus)]
    score = _ratio_score(len(full), len(included))
    return ReviewScore("relevance", score,
                       f"{len(full)} of {len(included)} included sources mention every focus term")


def direct_evidence(data: ReviewInput) -> ReviewScore:
    checked = [*data.findings, *data.author_claims]
    if not checked:
        return ReviewScore("direct evidence", 0.0, "no claims were verified")
    direct = [c for c in checked if c.verification.verdict is not Verdict.INSUFFICIENT and c.verification.evidence]
    return ReviewScore("direct evidence", _ratio_score(len(direct), len(checked)),
                       f"{len(direct)} of {len(checked)} claims have a quoted passage that settles them")


def citation_integrity(data: ReviewInput) -> ReviewScore:
    """Every quote must be found where its citation says, in the source's extracted text."""
    texts = {d.doc_id: d.text for d in data.library.documents}
    quotes = [e for c in [*data.findings, *data.author_claims] for e in c.verification.evidence]
    if not quotes:
        return ReviewScore("citation integrity", 0.0, "nothing was cited")
    good = 0
    for evidence in quotes:
        text = texts.get(evidence.doc_id, "")
        if not (text and 0 <= evidence.start < evidence.end <= len(text)):
            continue
        span = " ".join(text[evidence.start:evidence.end].split())
        if evidence.passage_kind is PassageKind.TABLE_ROW or span == evidence.quote:
            good += 1
    return ReviewScore("citation integrity", _ratio_score(good, len(quotes)),
                       f"{good} of {len(quotes)} quotes were found at their cited offsets")


def source_diversity(data: ReviewInput) -> ReviewScore:
    supported = [c for c in data.findings if c.verification.verdict is Verdict.SUPPORTED]
    sources = {e.source for c in supported for e in c.verification.evidence}
    score = min(10.0, round(10 * len(sources) / 3, 1))
    return ReviewScore("source diversity", score,
                       f"supported findings rest on {len(sources)} distinct source(s); 3 or more score fully")


def contradictions_handled(data: ReviewInput) -> ReviewScore:
    contradicted = [c for c in [*data.findings, *data.author_claims]
                    if c.verification.verdict is Verdict.CONTRADICTED]
    shown = [c for c in contradicted if c.verification.evidence]
    if not contradicted and not data.contradictions:
        return ReviewScore("contradictions handled", 10.0, "no contradicted claims or conflicting sources")
    score = _ratio_score(len(shown), len(contradicted)) if contradicted else 10.0
    return ReviewScore("contradictions handled", score,
                       f"{len(shown)} of {len(contradicted)} contradicted claims show the conflicting quote; "
                       f"{len(data.contradictions)} source conflict(s) listed with both quotes")


def answer_coverage(data: ReviewInput) -> ReviewScore:
    focus = data.screening.focus
    if data.screening.unanswered:
        return ReviewScore("answer coverage", 0.0,
                           "the library does not mention " + ", ".join(data.screening.unanswered)
                           + "; the report says so instead of answering")
    supported_text = " ".join(c.claim.text.lower() for c in data.findings
                              if c.verification.verdict is Verdict.SUPPORTED)
    if not focus:
        return ReviewScore("answer coverage", 5.0 if supported_text else 0.0, "no focus terms to cover")
    covered = [t for t in focus if any(s.lower() in supported_text for s in t.spellings)]
    return ReviewScore("answer coverage", _ratio_score(len(covered), len(focus)),
                       f"supported findings cover {len(covered)} of {len(focus)} focus terms")


REVIEWERS: tuple[Callable[[ReviewInput], ReviewScore], ...] = (
    relevance, direct_evidence, citation_integrity, source_diversity, contradictions_handled, answer_coverage,
)


def review(data: ReviewInput) -> Review:
    scores = tuple(reviewer(data) for reviewer in REVIEWERS)
    values = [s.score for s in scores]
    return Review(scores, round(mean(values), 1), round(max(values) - min(values), 1))


def included_sources(screened: Sequence[ScreenedSource]) -> list[str]:
    return [s.key for s in screened if s.included]
