"""The quality review: independent deterministic reviewers, each scoring one property 0–10.

The review measures the answer first: the share of asked cells (subject × attribute) answered
with quoted evidence, the cells the page cannot back (a value its quote does not state), every
ask accounted for (answered, or declared not stated with its reason), and findings that do not
bear on any ask. A page that answers nothing scores low; a page that correctly says "the library
cannot answer this" — every ask declared not stated, nothing invented — is a good page. The other
reviewers look at the old system's other failures (citations that do not hold, a single-source
answer, contradictions swept under the rug). A reviewer that does not apply (no findings to judge)
says so and is left out of the mean; the spread (max − min) shows how much the others disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from statistics import mean

from synth.models import (
    Answer,
    CheckedClaim,
    Contradiction,
    Library,
    PassageKind,
    Plan,
    Review,
    ReviewScore,
    ScreenedSource,
    Verdict,
)
from synth.retrieve import Screening


@dataclass(frozen=True)
class ReviewInput:
    screening: Screening
    findings: Sequence[CheckedClaim]
    author_claims: Sequence[CheckedClaim]
    contradictions: Sequence[Contradiction]
    library: Library
    plan: Plan | None = None
    answer: Answer | None = None


NOT_APPLICABLE = -1.0


def _asked(data: ReviewInput) -> int:
    return len(data.plan.cells) if data.plan else 0


def answered_cells(data: ReviewInput) -> ReviewScore:
    """The share of asked cells answered with a quote that states the value."""
    asked = _asked(data)
    if data.answer is None or not asked:
        return ReviewScore("answered cells", NOT_APPLICABLE, "the question was not read into cells")
    answered = {(c.subject, c.attribute) for c in data.answer.cells if c.verdict is Verdict.SUPPORTED and c.evidence}
    answered |= {(m.subject, m.attribute) for m in data.answer.mechanisms if m.sentences}
    stated = {(n.subject, n.attribute) for n in data.answer.not_stated}
    if not answered and len(stated) == asked:
        return ReviewScore("answered cells", 10.0, f"the library states none of the {asked} asked cells and the page "
                           "says so for each, with what was searched")
    return ReviewScore("answered cells", _ratio_score(len(answered), asked),
                       f"{len(answered)} of {asked} asked cells answered with a quote that states the value")


def backed_cells(data: ReviewInput) -> ReviewScore:
    """Cells whose own quote does not back them (unverifiable) or that the library contradicts."""
    if data.answer is None or not data.answer.cells:
        return ReviewScore("backed cells", NOT_APPLICABLE, "no cell gives a value")
    cells = data.answer.cells
    unbacked = [c for c in cells if c.verdict is not Verdict.SUPPORTED]
    return ReviewScore("backed cells", _ratio_score(len(cells) - len(unbacked), len(cells)),
                       f"{len(unbacked)} of {len(cells)} cells are not backed by their quote (unverifiable or "
                       "contradicted)")


def asks_accounted(data: ReviewInput) -> ReviewScore:
    """Every ask answered or declared not stated with its reason: nothing silently dropped."""
    asked = _asked(data)
    if data.answer is None or not asked:
        return ReviewScore("asks accounted for", NOT_APPLICABLE, "the question was not read into cells")
    accounted = {(c.subject, c.attribute) for c in data.answer.cells}
    accounted |= {(m.subject, m.attribute) for m in data.answer.mechanisms}
    accounted |= {(n.subject, n.attribute) for n in data.answer.not_stated if n.reason}
    unread = len(data.plan.unread) if data.plan else 0  # a clause the plan did not read is an ask dropped
    return ReviewScore("asks accounted for", _ratio_score(len(accounted), asked + unread),
                       f"{len(accounted)} of {asked} asks answered or declared not stated in the library"
                       + (f"; {unread} part{'s' if unread != 1 else ''} of the question not read" if unread else ""))


def on_topic_findings(data: ReviewInput) -> ReviewScore:
    """Findings that bear on a subject of the question (by name, or in a source about it)."""
    if data.plan is None or not data.findings:
        return ReviewScore("on-topic findings", NOT_APPLICABLE, "no findings to judge")
    subjects = {s.name for s in data.plan.subjects}
    homes = {k for s in data.plan.subjects for k in s.home_sources}
    on_topic = [f for f in data.findings if f.claim.topic in subjects or f.claim.source in homes]
    return ReviewScore("on-topic findings", _ratio_score(len(on_topic), len(data.findings)),
                       f"{len(on_topic)} of {len(data.findings)} findings bear on a subject of the question")


def _ratio_score(numerator: int, denominator: int) -> float:
    return round(10 * numerator / denominator, 1) if denominator else 0.0


def relevance(data: ReviewInput) -> ReviewScore:
    if data.plan is not None and data.plan.subjects:
        return ReviewScore("relevance", NOT_APPLICABLE, "judged by the answer reviewers")
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
        if data.answer is not None:
            return ReviewScore("direct evidence", NOT_APPLICABLE, "no findings or author claims to judge")
        return ReviewScore("direct evidence", 0.0, "no claims were verified")
    direct = [c for c in checked if c.verification.verdict is not Verdict.INSUFFICIENT and c.verification.evidence]
    return ReviewScore("direct evidence", _ratio_score(len(direct), len(checked)),
                       f"{len(direct)} of {len(checked)} claims have a quoted passage that settles them")


def citation_integrity(data: ReviewInput) -> ReviewScore:
    """Every quote must be found where its citation says, in the source's extracted text."""
    documents = {d.doc_id: d for d in data.library.documents}  # handles: only cited texts are read
    quotes = [e for c in [*data.findings, *data.author_claims] for e in c.verification.evidence]
    if data.answer is not None:
        quotes += [e for c in data.answer.cells for e in c.evidence]
        quotes += [e for m in data.answer.mechanisms for e in m.sentences]
    if not quotes:
        if data.answer is not None and data.answer.not_stated:
            return ReviewScore("citation integrity", NOT_APPLICABLE, "nothing was quoted")
        return ReviewScore("citation integrity", 0.0, "nothing was cited")
    good = 0
    for evidence in quotes:
        document = documents.get(evidence.doc_id)
        text = document.text if document is not None else ""
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
    if data.answer is not None:
        if not data.answer.cells and not data.answer.mechanisms:
            return ReviewScore("source diversity", NOT_APPLICABLE, "nothing was answered")
        sources |= {e.source for c in data.answer.cells for e in c.evidence}
        sources |= {e.source for m in data.answer.mechanisms for e in m.sentences}
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
    if data.answer is not None and data.plan is not None and data.plan.subjects:
        return ReviewScore("answer coverage", NOT_APPLICABLE, "judged per asked cell")
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
    answered_cells, backed_cells, asks_accounted, on_topic_findings,
    relevance, direct_evidence, citation_integrity, source_diversity, contradictions_handled, answer_coverage,
)


def review(data: ReviewInput) -> Review:
    """Every reviewer that applies; the overall score is their mean."""
    scores = tuple(score for reviewer in REVIEWERS if (score := reviewer(data)).score != NOT_APPLICABLE)
    values = [s.score for s in scores] or [0.0]
    return Review(scores, round(mean(values), 1), round(max(values) - min(values), 1))


def included_sources(screened: Sequence[ScreenedSource]) -> list[str]:
    return [s.key for s in screened if s.included]
