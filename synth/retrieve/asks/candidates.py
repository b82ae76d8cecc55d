"""What retrieval hands the answer stage: candidate values and everything found for one ask."""

from __future__ import annotations

from dataclasses import dataclass

from synth.models import Evidence, PlanAttribute, PlanSubject


@dataclass(frozen=True)
class Candidate:
    """One value a source gives for (subject, attribute), in one variant, with its evidence."""

    subject: str
    attribute: str
    entity: str
    variant: str | None
    value: str
    number: float | None
    unit: str | None
    evidence: Evidence
    table: bool
    home: bool
    named: bool
    member: str | None = None
    low_confidence: bool = False
    abbreviated: bool = False
    score: float = 0.0

    @property
    def source(self) -> str:
        return self.evidence.source


@dataclass(frozen=True)
class AskEvidence:
    """Everything retrieved for one (subject, attribute): candidate values, ranked sentences (for
    mechanisms and text attributes) and the labels that came close but name another model."""

    subject: PlanSubject
    attribute: PlanAttribute
    candidates: tuple[Candidate, ...]
    sentences: tuple[tuple[float, Evidence], ...] = ()
    neighbours: tuple[str, ...] = ()

