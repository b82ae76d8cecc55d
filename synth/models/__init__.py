"""Typed objects passed between pipeline stages.

Every stage takes and returns these frozen dataclasses, never loose dicts, so a stage can be
replaced without reading the others. Offsets are character offsets into `Document.text`, the
repaired full text of one file, so every quote can be traced back to where it was read.

The objects live in one module per part (library, claims, plan, answer, report); every name is
re-exported here, so `from synth.models import X` is how stages import them.
"""

from __future__ import annotations

from synth.models.answer import Answer, AnswerCell, Disagreement, MechanismAnswer, NotStated
from synth.models.claims import (
    Atom,
    AtomKind,
    CheckedClaim,
    Claim,
    Corroboration,
    CorroborationCheck,
    Evidence,
    QuotedRow,
    Signal,
    Verdict,
    Verification,
)
from synth.models.library import (
    OPENING_CHARS,
    BibEntry,
    BibProblem,
    Document,
    DocumentHandle,
    DocumentHead,
    DocumentLoader,
    HeldDocument,
    Library,
    Passage,
    PassageKind,
    SkippedFile,
    Source,
    Table,
)
from synth.models.plan import AttributeKind, Plan, PlanAttribute, PlanSubject, Relation, UnreadClause
from synth.models.report import (
    Contradiction,
    Reference,
    Report,
    Review,
    ReviewScore,
    ScreenedSource,
    SeriesAnalysis,
    SeriesCitation,
    SeriesPoint,
)

__all__ = [
    "OPENING_CHARS", "Answer", "AnswerCell", "Atom", "AtomKind", "AttributeKind", "BibEntry", "BibProblem",
    "CheckedClaim", "Claim", "Contradiction", "Corroboration", "CorroborationCheck", "Disagreement",
    "Document", "DocumentHandle", "DocumentHead", "DocumentLoader", "Evidence", "HeldDocument", "Library",
    "MechanismAnswer", "NotStated", "Passage", "PassageKind", "Plan", "PlanAttribute", "PlanSubject",
    "QuotedRow", "Reference", "Relation", "Report", "Review", "ReviewScore", "ScreenedSource",
    "SeriesAnalysis", "SeriesCitation", "SeriesPoint", "Signal", "SkippedFile", "Source", "Table", "UnreadClause",
    "Verdict", "Verification",
]
