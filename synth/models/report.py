"""Everything a report page shows: screening, review, references, series analyses and the Report itself."""

from __future__ import annotations

from dataclasses import dataclass, field

from synth.models.answer import Answer
from synth.models.claims import CheckedClaim, Evidence
from synth.models.library import BibProblem, SkippedFile
from synth.models.plan import Plan


@dataclass(frozen=True)
class ScreenedSource:
    """A retrieved source and the screening decision made about it."""

    key: str
    score: float
    included: bool
    reason: str
    matched_terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Contradiction:
    """Two quotes that disagree about the same entity and measure."""

    subject: str
    first: Evidence
    second: Evidence
    explanation: str


@dataclass(frozen=True)
class ReviewScore:
    reviewer: str
    score: float
    reason: str


@dataclass(frozen=True)
class Review:
    scores: tuple[ReviewScore, ...]
    overall: float
    spread: float


@dataclass(frozen=True)
class Reference:
    """A formatted bibliography entry, with the links a reader can follow.

    `label` is the in-text citation without locator (`(Hui et al., 2024)` or `[3]`, from the CSL
    style); `csl` the CSL-JSON item as JSON text and `bibtex` the entry, so a report folder can
    publish `references.json` and `references.bib` from the Report alone."""

    key: str
    text: str
    doi: str | None = None
    arxiv: str | None = None
    url: str | None = None
    label: str = ""
    csl: str = ""
    bibtex: str = ""


@dataclass(frozen=True)
class SeriesCitation:
    """Where one point of a series was read: the table cell, its caption and place in the source."""

    source: str
    doc_id: str
    table_id: str
    caption: str
    page: int | None
    section: str | None
    attribute: str
    setting: str | None
    raw: str
    start: int
    end: int
    low_confidence: bool = False


@dataclass(frozen=True)
class SeriesPoint:
    """One (model, value) of a series; several citations when sources state the same value."""

    entity: str
    parameters_b: float
    active_b: float | None
    value: float
    unit: str | None
    citations: tuple[SeriesCitation, ...]
    disagrees: bool = False
    low_confidence: bool = False


@dataclass(frozen=True)
class SeriesAnalysis:
    """A metric against parameter count across the library's tables, with its fit and answer."""

    kind: str
    metric: str
    by: str
    entities: str
    points: tuple[SeriesPoint, ...]
    n: int
    slope_per_doubling: float | None
    intercept: float | None
    spearman_rho: float | None
    answer: str
    notes: tuple[str, ...] = ()
    plot: str | None = None
    proposed: bool = False


@dataclass(frozen=True)
class Report:
    """Everything one report page shows; `report.json` is this object serialised."""

    report_id: str
    title: str
    question: str
    library_root: str
    library_size: int
    screened: tuple[ScreenedSource, ...]
    findings: tuple[CheckedClaim, ...]
    author_claims: tuple[CheckedClaim, ...]
    contradictions: tuple[Contradiction, ...]
    review: Review
    answerable: bool
    unanswered_terms: tuple[str, ...]
    skipped_files: tuple[SkippedFile, ...]
    bib_problems: tuple[BibProblem, ...]
    references: tuple[Reference, ...] = field(default=())
    analyses: tuple[SeriesAnalysis, ...] = field(default=())
    plan: Plan | None = None
    answer: Answer | None = None
    tags: tuple[str, ...] = field(default=())
    question_file: str = ""
    question_url: str = ""
