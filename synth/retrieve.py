"""Retrieval and screening: which sources a question is answered from, and why others are not.

The question's focus terms (its keywords, or else the names in the question itself) decide
relevance: a source that mentions none of them is off-topic however well it scores on common
words, and a focus term that no source mentions means the library cannot answer the question.
"""

from __future__ import annotations

import fnmatch
import math
from collections import defaultdict
from dataclasses import dataclass, replace

from synth.claimparse import content_words, entities
from synth.config import Question
from synth.index import PassageIndex, any_of
from synth.models import Library, ScreenedSource, Source

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

    @property
    def answerable(self) -> bool:
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


def screen(question: Question, library: Library, index: PassageIndex) -> Screening:
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
        score = round(sum(sorted(scores.get(doc_id, []), reverse=True)[:3]), 4)
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
