"""What a question asks: its subjects, the attributes asked of each, and how they relate."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Relation(StrEnum):
    """What a question does with the values it asks for."""

    LOOKUP = "lookup"
    COMPARE = "compare"
    RANK = "rank"
    TREND = "trend"
    MECHANISM = "mechanism"


class AttributeKind(StrEnum):
    """How an asked attribute is answered: a score, a count or size, a short text, or sentences."""

    METRIC = "metric"
    QUANTITY = "quantity"
    TEXT = "text"
    MECHANISM = "mechanism"


@dataclass(frozen=True)
class PlanSubject:
    """One subject of a question: its spellings, how it was read, and the sources that are about it; `superlative`
    is the asked end of the family's sizes ("largest") when the library names no member to be it."""

    name: str
    spellings: tuple[str, ...]
    origin: str
    home_sources: tuple[str, ...] = ()
    superlative: str | None = None  # "the largest GShard model" when no member could be told as the largest
    # A subject named by its role or setting in the paper the question names ("the summarization policy", "the models
    # … on the chess puzzles"): the noun the paper calls it by ("policy"), which its sentences must say, and the
    # setting ("summarization"), which its values must be stated at (their clause, paragraph or section).
    role: str | None = None
    setting: str | None = None


@dataclass(frozen=True)
class PlanAttribute:
    """One attribute asked of the subjects, with the library labels it was matched to. `variant` keeps
    only values of that variant ("thinking", "pass@1"); `stage` only values from that training stage
    ("pre-training" when the question says "used to pre-train"). `subjects` names the subjects it is asked of when
    the clause that asks it names them ("what vocabulary size does Qwen3 use"); empty, it is asked of every
    subject. `symbols` are the symbols the question writes for it ("what clipping threshold d"): a source setting
    one ("d = 1") states its value, whether or not it defines the symbol in words."""

    name: str
    kind: AttributeKind
    spellings: tuple[str, ...]
    origin: str
    unit: str | None = None
    variant: str | None = None
    instructions: str | None = None
    stage: str | None = None
    subjects: tuple[str, ...] = ()
    symbols: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnreadClause:
    """A clause of the question that asks something the plan did not read: the page and `synth plan` name it, so a
    report never reads as the answer to the whole question when it answers only part of it."""

    text: str
    words: tuple[str, ...]  # its words the plan read nowhere


@dataclass(frozen=True)
class Plan:
    """How a question was read: subjects × attributes and what to do with them; `notes` say what
    was resolved (a class of models) or could not be read; `papers` are the sources of the papers the question
    names ("In the Mistral 7B paper"), whose values are the ones asked for; `unread` are the asking clauses of the
    question no attribute was read from, of its `parts` asking clauses."""

    subjects: tuple[PlanSubject, ...]
    attributes: tuple[PlanAttribute, ...]
    relation: Relation
    trend_by: str | None = None
    notes: tuple[str, ...] = ()
    papers: tuple[str, ...] = ()
    unread: tuple[UnreadClause, ...] = ()
    parts: int = 0  # the question's asking clauses (read or not): "the report read 1 of 2 parts of the question"

    def asks(self, subject: PlanSubject, attribute: PlanAttribute) -> bool:
        """Whether the question asks this attribute of this subject (a clause may bind it to the subject it names)."""
        return not attribute.subjects or subject.name in attribute.subjects

    @property
    def cells(self) -> tuple[tuple[PlanSubject, PlanAttribute], ...]:
        """The (subject, attribute) pairs asked, subject by subject: the cells of the answer table."""
        return tuple((s, a) for s in self.subjects for a in self.attributes if self.asks(s, a))
