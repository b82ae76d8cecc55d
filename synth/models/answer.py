"""The answer a report opens with: one cell per subject and attribute, or what the library does not state."""

from __future__ import annotations

from dataclasses import dataclass

from synth.models.claims import Evidence, Verdict
from synth.models.plan import Relation


@dataclass(frozen=True)
class Disagreement:
    """Another source (or table) giving another value for the same cell, with its quote."""

    value: str
    evidence: Evidence


@dataclass(frozen=True)
class AnswerCell:
    """The value one source states for (subject, attribute) in one exact variant, with its quote.

    `entity` is the name as the source prints it ("DeepSeek-V3 Base"); `variant` labels everything
    that would make two values differ (base/chat, thinking, benchmark version, pass@1 vs CoT)."""

    subject: str
    attribute: str
    value: str
    number: float | None
    unit: str | None
    variant: str | None
    entity: str
    verdict: Verdict
    confidence: float
    evidence: tuple[Evidence, ...]
    disagreements: tuple[Disagreement, ...] = ()
    explanation: str = ""


@dataclass(frozen=True)
class NotStated:
    """A (subject, attribute) no source states: the report says so, never a neighbour's value."""

    subject: str
    attribute: str
    reason: str


@dataclass(frozen=True)
class MechanismAnswer:
    """For a how/why question: the sentences that state the mechanism, most direct first."""

    subject: str
    attribute: str
    sentences: tuple[Evidence, ...]


@dataclass(frozen=True)
class Answer:
    """The answer the page opens with: status, the paragraph, the cells and what is not stated."""

    status: str
    text: str
    subjects: tuple[str, ...]
    attributes: tuple[str, ...]
    relation: Relation
    cells: tuple[AnswerCell, ...]
    not_stated: tuple[NotStated, ...]
    mechanisms: tuple[MechanismAnswer, ...] = ()
