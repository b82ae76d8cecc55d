"""Retrieval and screening: which sources a question is answered from, and why others are not.

With a plan (synth.plan), a source is screened in when it is about a subject (its title or opening
pages name it) or when it states an asked attribute of a subject (synth.retrieve.asks found a
value or a sentence in it); other sources that mention a subject and an attribute fill the
remaining places up to `max_sources`, ranked by BM25. Every exclusion keeps its reason. Without a
plan, the question's focus terms (its keywords, or else the names in it) decide as before: a
source that mentions too few of them is off-topic, and a focus term no source mentions means the
library cannot answer.
"""

from __future__ import annotations

import fnmatch
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from synth.claimparse import content_words, entities
from synth.config import Question
from synth.index import PassageIndex, any_of
from synth.models import AttributeKind, Library, Plan, ScreenedSource, Source
from synth.retrieve.asks import AskEvidence

RETRIEVAL_DEPTH = 500


@dataclass(frozen=True)
class FocusTerm:
    name: str
    spellings: tuple[str, ...]
    doc_ids: frozenset[str]


@dataclass(frozen=True)
class Screening:
    focus: tuple[FocusTerm, ...]
    screened: tuple[ScreenedSource, ...]
    included_doc_ids: tuple[str, ...]
    unanswered: tuple[str, ...]
    query: str
    partial: bool = False

    @property
    def answerable(self) -> bool:
        """Something can be answered: with a plan, some subject is found; without, every focus term."""
        if self.partial:
            return bool(self.included_doc_ids) and len(self.unanswered) < len(self.focus)
        return not self.unanswered and bool(self.included_doc_ids)


def focus_spellings(question: Question) -> list[tuple[str, list[str]]]:
    """The keywords with their aliases, or the names the question itself mentions."""
    if question.keywords:
        return question.terms()
    return [(name, [name, *question.aliases.get(name, [])]) for name in entities(question.question)]


def _allowed(source: Source, question: Question) -> str | None:
    """Why the question's include/exclude lists rule a source out, or None."""
    names = [source.key]
    if source.document is not None:
        names.append(source.document.doc_id)
    if question.exclude and any(fnmatch.fnmatch(n, pattern) for n in names for pattern in question.exclude):
        return "excluded by the question's `exclude` list"
    if question.include and not any(fnmatch.fnmatch(n, p) for n in names for p in question.include):
        return "not in the question's `include` list"
    return None


def screen(question: Question, library: Library, index: PassageIndex, plan: Plan | None = None,
           asks: Sequence[AskEvidence] = ()) -> Screening:
    """Which sources the report draws on, each decision with its reason."""
    if plan is not None and plan.subjects:
        return _screen_plan(question, library, index, plan, asks)
    readable = [s for s in library.sources if s.document is not None]
    ruled_out = {s.key: _allowed(s, question) for s in readable}
    allowed_docs = [s.document.doc_id for s in readable if s.document and ruled_out[s.key] is None]
    spellings = focus_spellings(question)
    focus = tuple(
        FocusTerm(name, tuple(forms), frozenset(index.mentions(forms, allowed_docs)))
        for name, forms in spellings
    )
    words = set(content_words(question.question)) | {w for _, forms in spellings for w in forms}
    query = any_of(sorted(words))
    scores: dict[str, list[float]] = defaultdict(list)
    for hit in index.search(query, limit=RETRIEVAL_DEPTH, doc_ids=allowed_docs):
        scores[hit.passage.doc_id].append(hit.score)
    needed = max(1, math.ceil(len(focus) / 2)) if focus else 0
    ranked: list[tuple[int, float, Source, tuple[str, ...]]] = []
    decisions: dict[str, ScreenedSource] = {}
    for source in readable:
        doc_id = source.document.doc_id if source.document else ""
        score = round(sum(sorted(scores.get(doc_id, []), reverse=True)[:3], 0.0), 4)  # a float even with no hits
        matched = tuple(term.name for term in focus if doc_id in term.doc_ids)
        reason = ruled_out[source.key]
        if reason is None and score <= 0:
            reason = "no passage matches the question's terms"
        elif reason is None and len(matched) < needed:
            missing = [t.name for t in focus if t.name not in matched]
            reason = "off-topic: does not mention " + ", ".join(missing)
        if reason is not None:
            decisions[source.key] = ScreenedSource(source.key, score, False, reason, matched)
        else:
            ranked.append((len(matched), score, source, matched))
    ranked.sort(key=lambda item: (-item[0], -item[1], item[2].key))
    included: list[str] = []
    for rank, (_, score, source, matched) in enumerate(ranked, start=1):
        if rank <= question.max_sources:
            what = ", ".join(matched) if matched else "the question's terms"
            decisions[source.key] = ScreenedSource(source.key, score, True, f"mentions {what}; rank {rank}", matched)
            included.append(source.document.doc_id if source.document else "")
        else:
            decisions[source.key] = ScreenedSource(
                source.key, score, False, f"beyond max_sources ({question.max_sources}); rank {rank}", matched
            )
    unanswered = tuple(term.name for term in focus if not term.doc_ids)
    if unanswered:
        missing = ", ".join(unanswered)
        for key, decision in list(decisions.items()):
            if decision.included:
                decisions[key] = replace(decision, included=False,
                                         reason=f"{decision.reason.split(';')[0]}, but no source mentions {missing}: "
                                         "the library cannot answer the question")
        included = []
    screened = tuple(sorted(decisions.values(), key=lambda s: (not s.included, -s.score, s.key)))
    return Screening(focus, screened, tuple(sorted(included)), unanswered, query)


def _screen_plan(question: Question, library: Library, index: PassageIndex, plan: Plan,
                 asks: Sequence[AskEvidence]) -> Screening:
    readable = [s for s in library.sources if s.document is not None]
    ruled_out = {s.key: _allowed(s, question) for s in readable}
    allowed_docs = [s.document.doc_id for s in readable if s.document and ruled_out[s.key] is None]
    focus = tuple(FocusTerm(s.name, s.spellings, frozenset(index.mentions(s.spellings, allowed_docs)))
                  for s in plan.subjects)
    metrics = [a for a in plan.attributes if a.kind is AttributeKind.METRIC]
    attribute_docs = set(index.mentions([sp for a in metrics for sp in a.spellings], allowed_docs)) if metrics \
        else set(allowed_docs)
    words = set(content_words(question.question)) | {w for s in plan.subjects for w in s.spellings}
    query = any_of(sorted(words))
    scores: dict[str, list[float]] = defaultdict(list)
    for hit in index.search(query, limit=RETRIEVAL_DEPTH, doc_ids=allowed_docs):
        scores[hit.passage.doc_id].append(hit.score)
    stating: dict[str, list[str]] = defaultdict(list)
    for ask in asks:
        sources = {c.source for c in ask.candidates} | {e.source for _, e in ask.sentences[:3]}
        for key in sources:
            stating[key].append(f"{ask.attribute.name} of {ask.subject.name}")
    decisions: dict[str, ScreenedSource] = {}
    ranked: list[tuple[float, Source, tuple[str, ...]]] = []
    for source in readable:
        doc_id = source.document.doc_id if source.document else ""
        score = round(sum(sorted(scores.get(doc_id, []), reverse=True)[:3], 0.0), 4)  # a float even with no hits
        matched = tuple(t.name for t in focus if doc_id in t.doc_ids)
        about = [s.name for s in plan.subjects if source.key in s.home_sources]
        reason = ruled_out[source.key]
        if reason is not None:
            decisions[source.key] = ScreenedSource(source.key, score, False, reason, matched)
        elif about:
            decisions[source.key] = ScreenedSource(source.key, score, True, "about " + ", ".join(about), matched)
        elif stating.get(source.key):
            what = list(dict.fromkeys(stating[source.key]))
            more = f" and {len(what) - 3} more" if len(what) > 3 else ""
            decisions[source.key] = ScreenedSource(source.key, score, True, "states the " + "; the ".join(what[:3])
                                                   + more, matched)
        elif not matched:
            subjects = ", ".join(t.name for t in focus)
            decisions[source.key] = ScreenedSource(source.key, score, False,
                                                   f"off-topic: mentions none of the subjects ({subjects})", matched)
        elif doc_id not in attribute_docs:
            decisions[source.key] = ScreenedSource(source.key, score, False, f"mentions {', '.join(matched)} but none "
                                                   "of the attributes asked", matched)
        else:
            ranked.append((score, source, matched))
    ranked.sort(key=lambda item: (-len(item[2]), -item[0], item[1].key))
    places = max(0, question.max_sources - sum(1 for d in decisions.values() if d.included))
    for rank, (score, source, matched) in enumerate(ranked, start=1):
        if rank <= places:
            decisions[source.key] = ScreenedSource(source.key, score, True, f"mentions {', '.join(matched)}; rank "
                                                   f"{rank}", matched)
        else:
            reason = (f"mentions {', '.join(matched)} but states no asked value; beyond max_sources "
                      f"({question.max_sources})")
            decisions[source.key] = ScreenedSource(source.key, score, False, reason, matched)
    by_key = {s.key: s for s in readable}
    included = sorted(by_key[k].document.doc_id for k, d in decisions.items() if d.included and by_key[k].document)
    answered = {a.subject.name for a in asks if a.candidates or a.sentences}
    unanswered = tuple(t.name for t in focus if not t.doc_ids and t.name not in answered)
    screened = tuple(sorted(decisions.values(), key=lambda s: (not s.included, -s.score, s.key)))
    return Screening(focus, screened, tuple(included), unanswered, query, partial=True)
