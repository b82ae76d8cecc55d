"""Windows: one or two adjacent sentences of a text passage, with offsets into the document text,
so every quote can be traced back to where it was read; and the judgement of one window.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from synth.claimparse import Quantity
from synth.index import Hit
from synth.models import Evidence, Passage, PassageKind, Verdict
from synth.text import collapse, sentence_spans
from synth.verify.words import folded as fold_once


@dataclass(frozen=True)
class Window:
    """One or two adjacent sentences of a passage, with offsets into the document text."""

    passage: Passage
    text: str
    start: int
    end: int
    relevance: float
    context: str = ""
    split: int = 0
    title: str = ""
    # The caller knows the window's paper is the claim's subject's own (an answer cell read back in the one paper
    # the question makes its subject's): its authors' unnamed "we train …" may be about it (synth.verify.own_work).
    own_subject: bool = False

    @cached_property
    def folded(self) -> str:
        return fold_once(self.text)

    def sentences(self) -> tuple[str, ...]:
        """The window's one or two sentences."""
        if self.split <= 0:
            return (self.text,)
        return (self.text[:self.split].rstrip(), self.text[self.split:])

    def sentence_at(self, position: int) -> str:
        return self.text if self.split <= 0 else (self.text[:self.split] if position < self.split
                                                  else self.text[self.split:])


@lru_cache(maxsize=32768)
def _sentence_windows(text: str) -> tuple[tuple[int, int, int], ...]:
    """(start, end, start of the second sentence or 0) of each sentence and each adjacent pair."""
    spans = sentence_spans(text)
    windows = [(s, e, 0) for s, e in spans]
    windows += [(spans[i][0], spans[i + 1][1], spans[i + 1][0] - spans[i][0]) for i in range(len(spans) - 1)]
    return tuple(windows)


def windows_of(hit: Hit, top_score: float, title: str) -> list[Window]:
    passage = hit.passage
    if passage.kind is PassageKind.TABLE_ROW:
        return []
    relevance = hit.score / top_score if top_score > 0 else 0.0
    context = " ".join(part for part in (passage.section or "", title) if part)
    return [
        Window(passage, passage.text[s:e], passage.start + s, passage.start + e, relevance, context, split, title)
        for s, e, split in _sentence_windows(passage.text)
    ]


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
    kind: str = "text"
    aspect: str = ""
    claimed: Quantity | None = None

    @property
    def conflicting(self) -> bool:
        return self.evidence.conflicting_value is not None


def window_evidence(window: Window, source: str, conflicting: str | None = None) -> Evidence:
    page, last_page = window.passage.pages_of(window.start, window.end)
    return Evidence(
        source=source,
        doc_id=window.passage.doc_id,
        quote=collapse(window.text),
        start=window.start,
        end=window.end,
        page=page,
        section=window.passage.section,
        passage_kind=window.passage.kind,
        conflicting_value=conflicting,
        last_page=last_page,
    )


def dedupe(evidence: list[Evidence]) -> list[Evidence]:
    """Keep the first of overlapping quotes (a sentence and the two-sentence window around it)."""
    out: list[Evidence] = []
    for item in evidence:
        if not any(item.doc_id == kept.doc_id and item.start < kept.end and kept.start < item.end for kept in out):
            out.append(item)
    return out
