"""Typed objects passed between pipeline stages.

Every stage takes and returns these frozen dataclasses, never loose dicts, so a stage can be
replaced without reading the others. Offsets are character offsets into `Document.text`, the
repaired full text of one file, so every quote can be traced back to where it was read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Protocol

# How much of a document's text the light handle keeps: linking looks for an entry's title there.
OPENING_CHARS = 2000


class PassageKind(StrEnum):
    """What a passage is, so retrieval and verification can treat table rows differently."""

    TEXT = "text"
    TABLE_ROW = "table_row"
    CAPTION = "caption"


@dataclass(frozen=True)
class Passage:
    """A retrievable piece of a document: a paragraph, or one table row with its header."""

    doc_id: str
    ordinal: int
    text: str
    start: int
    end: int
    page: int | None = None
    section: str | None = None
    kind: PassageKind = PassageKind.TEXT
    table_id: str | None = None

    @property
    def passage_id(self) -> str:
        return f"{self.doc_id}#{self.ordinal}"

    @property
    def location(self) -> str:
        """Human-readable place of the passage: page for PDFs, section for markdown."""
        if self.page is not None:
            return f"p. {self.page}"
        if self.section:
            return f"§ {self.section}"
        return "text"


@dataclass(frozen=True)
class Table:
    """A table read from a source: caption, header row and body rows of cell strings.

    `row_groups[i]` is the group heading (e.g. "Coding Tasks") the body row `rows[i]` sits under.
    """

    table_id: str
    doc_id: str
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    row_groups: tuple[str, ...]
    start: int
    end: int
    page: int | None = None
    section: str | None = None
    low_confidence: bool = False


@dataclass(frozen=True)
class Document:
    """One library file as text, with the passages and tables found in it."""

    doc_id: str
    path: str
    sha256: str
    format: str
    extractor: str
    title: str | None
    text: str
    passages: tuple[Passage, ...]
    tables: tuple[Table, ...] = ()
    metadata: tuple[tuple[str, str], ...] = ()
    page_count: int | None = None

    def meta(self, name: str) -> str | None:
        return dict(self.metadata).get(name)

    @property
    def opening(self) -> str:
        return self.text[:OPENING_CHARS]

    @property
    def chars(self) -> int:
        return len(self.text)


class DocumentLoader(Protocol):
    """Where a handle's document is read from: the document store (synth.library.documents), or
    memory for a library built by hand or shipped to a cluster."""

    def load(self, handle: DocumentHandle) -> Document: ...

    def tables(self, handle: DocumentHandle) -> tuple[Table, ...]: ...


@dataclass(frozen=True)
class HeldDocument:
    """A loader that holds its one document in memory."""

    document: Document

    def load(self, handle: DocumentHandle) -> Document:
        return self.document

    def tables(self, handle: DocumentHandle) -> tuple[Table, ...]:
        return self.document.tables


@dataclass(frozen=True)
class DocumentHead:
    """What names and describes a document without its text: kept apart from the document in the
    store, so loading a library reads no document text."""

    doc_id: str
    path: str
    sha256: str
    format: str
    extractor: str
    title: str | None
    metadata: tuple[tuple[str, str], ...]
    page_count: int | None
    chars: int
    opening: str

    @classmethod
    def of(cls, document: Document) -> DocumentHead:
        return cls(document.doc_id, document.path, document.sha256, document.format, document.extractor,
                   document.title, document.metadata, document.page_count, document.chars, document.opening)

    def meta(self, name: str) -> str | None:
        return dict(self.metadata).get(name)


@dataclass(frozen=True)
class DocumentHandle(DocumentHead):
    """A library document as a build keeps it: its head, while its text, passages and tables stay
    in the document store and are read when asked for (a cache of bounded size keeps the recently
    used ones, synth.library.documents). It reads like the Document, so a stage that walks every
    document holds one document's text at a time, never the library's."""

    loader: DocumentLoader = field(compare=False, repr=False)

    @classmethod
    def of_head(cls, head: DocumentHead, loader: DocumentLoader) -> DocumentHandle:
        return cls(head.doc_id, head.path, head.sha256, head.format, head.extractor, head.title, head.metadata,
                   head.page_count, head.chars, head.opening, loader)

    @classmethod
    def holding(cls, document: Document) -> DocumentHandle:
        return cls.of_head(DocumentHead.of(document), HeldDocument(document))

    def load(self) -> Document:
        return self.loader.load(self)

    @property
    def text(self) -> str:
        return self.load().text

    @property
    def passages(self) -> tuple[Passage, ...]:
        return self.load().passages

    @property
    def tables(self) -> tuple[Table, ...]:
        return self.loader.tables(self)


@dataclass(frozen=True)
class SkippedFile:
    """A library file that could not be used, and why: shown in every report's methodology."""

    path: str
    reason: str


@dataclass(frozen=True)
class BibEntry:
    """One parsed BibTeX entry with LaTeX braces stripped from its field values."""

    key: str
    entry_type: str
    fields: tuple[tuple[str, str], ...]
    line: int

    def get(self, name: str) -> str | None:
        return dict(self.fields).get(name)

    @property
    def title(self) -> str | None:
        return self.get("title")


@dataclass(frozen=True)
class BibProblem:
    """A BibTeX block that was skipped, with its line so the user can fix it."""

    path: str
    line: int
    message: str


@dataclass(frozen=True)
class Source:
    """A citable unit: a document, a bibliography entry, or both once linked.

    `key` is the citation key: the BibTeX key when there is an entry, otherwise derived from the
    file name. `link` says how the entry was tied to the file (shown on the source page).
    """

    key: str
    entry: BibEntry | None
    document: DocumentHandle | None
    link: str

    def __post_init__(self) -> None:
        if isinstance(self.document, Document):  # a document built in memory (tests, benchmarks)
            object.__setattr__(self, "document", DocumentHandle.holding(self.document))

    @property
    def title(self) -> str:
        if self.entry is not None and self.entry.title:
            return self.entry.title
        if self.document is not None and self.document.title:
            return self.document.title
        return self.key


@dataclass(frozen=True)
class Library:
    """Everything read from a library folder, in a stable order."""

    root: str
    sources: tuple[Source, ...]
    skipped: tuple[SkippedFile, ...]
    bib_problems: tuple[BibProblem, ...]
    fingerprint: str

    def source(self, key: str) -> Source:
        return self._by_key[key]

    def source_for_doc(self, doc_id: str) -> Source:
        return self._by_doc[doc_id]

    @cached_property
    def _by_key(self) -> dict[str, Source]:
        return {s.key: s for s in reversed(self.sources)}

    @cached_property
    def _by_doc(self) -> dict[str, Source]:
        return {s.document.doc_id: s for s in reversed(self.sources) if s.document is not None}

    @property
    def documents(self) -> tuple[DocumentHandle, ...]:
        """Every readable document, as handles: walking them reads one document at a time."""
        return tuple(s.document for s in self.sources if s.document is not None)

    def held(self) -> Library:
        """The same library with every document in memory: what is sent to a Dask cluster, whose
        workers cannot read this machine's document store."""
        def hold(source: Source) -> Source:
            if source.document is None or isinstance(source.document.loader, HeldDocument):
                return source
            return Source(source.key, source.entry, DocumentHandle.holding(source.document.load()), source.link)
        return Library(self.root, tuple(hold(s) for s in self.sources), self.skipped, self.bib_problems,
                       self.fingerprint)


class Verdict(StrEnum):
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    INSUFFICIENT = "insufficient"


@dataclass(frozen=True)
class QuotedRow:
    """A table quote as a reader checks it (synth.quotes.table_row): the quoted row under its column
    headers, the cells the verdict rests on marked. `header[i]` is column i's full header path
    ("LiveCodeBench / Overall (226)"), `cells[i]` the row's cell under it ("…" for columns left out
    of a wide table), `marked` the indexes of the cells used; `row` is the row's index in its
    table (`Table.rows`), so the source page can mark it too."""

    row: int
    header: tuple[str, ...]
    cells: tuple[str, ...]
    marked: tuple[int, ...]


@dataclass(frozen=True)
class Evidence:
    """A quoted span of a source that a verdict rests on. For table evidence, `quote` is the row as
    the source prints it, `cells` the cells used, each with its header paths and value
    ("DS-Coder-V2-Lite-Instruct | LiveCodeBench Overall (226): 24.3%"), and `table_row` the row
    under its headers as the page shows it."""

    source: str
    doc_id: str
    quote: str
    start: int
    end: int
    page: int | None
    section: str | None
    passage_kind: PassageKind
    conflicting_value: str | None = None
    table_caption: str | None = None
    cells: tuple[str, ...] = ()
    table_row: QuotedRow | None = None

    @property
    def location(self) -> str:
        if self.page is not None:
            return f"p. {self.page}"
        if self.section:
            return f"§ {self.section}"
        return "text"


@dataclass(frozen=True)
class Signal:
    """One named feature that fed a confidence, shown on the page so confidence is explained."""

    name: str
    value: float
    note: str


class AtomKind(StrEnum):
    """What one atomic assertion of a claim is."""

    FIGURE = "figure"  # a figure bound to its subject, attribute and setting
    COMPARISON = "comparison"  # A vs B on X, with direction and margin
    EXTREME = "extreme"  # A is the best / highest / lowest on X
    POLARITY = "polarity"  # a polarity or scope word: not, without, only, instead of, removes
    STATEMENT = "statement"  # what the claim says happens, when no figure or comparison carries it


@dataclass(frozen=True)
class Atom:
    """One atomic assertion of a claim and its status: a claim is supported only when every atom
    is, contradicted when one is contradicted by evidence about the same subject, attribute and
    setting. `evidence` indexes `Verification.evidence` (the quotes this atom rests on)."""

    kind: AtomKind
    text: str
    status: Verdict
    note: str = ""
    subject: str = ""
    attribute: str = ""
    setting: str = ""
    value: str = ""
    evidence: tuple[int, ...] = ()


class Corroboration(StrEnum):
    """What the rest of the library says of a finding taken from one source."""

    CORROBORATED = "corroborated"
    DISPUTED = "disputed"
    SINGLE_SOURCE = "single-source"


@dataclass(frozen=True)
class CorroborationCheck:
    """A finding checked against the other sources of the library (its own source left out):
    `evidence` quotes the other sources that state it (corroborated) or say otherwise (disputed)."""

    status: Corroboration
    evidence: tuple[Evidence, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Verification:
    """The verdict for one claim, with its evidence and the signals behind its confidence.

    `atoms` are the claim's atomic assertions with their statuses: the verdict always follows from
    them. `corroboration` is set for findings taken from a source: what the other sources say."""

    claim: str
    verdict: Verdict
    confidence: float
    evidence: tuple[Evidence, ...]
    signals: tuple[Signal, ...]
    explanation: str
    counter_evidence: tuple[Evidence, ...] = ()
    atoms: tuple[Atom, ...] = ()
    corroboration: CorroborationCheck | None = None


@dataclass(frozen=True)
class Claim:
    """A check-worthy statement taken from a source passage (or written by the question's author)."""

    text: str
    origin: str
    source: str | None = None
    passage_id: str | None = None
    page: int | None = None
    section: str | None = None
    topic: str = ""
    also_in: tuple[str, ...] = ()


@dataclass(frozen=True)
class CheckedClaim:
    claim: Claim
    verification: Verification


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
    """One subject of a question: its spellings, how it was read, and the sources that are about it."""

    name: str
    spellings: tuple[str, ...]
    origin: str
    home_sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlanAttribute:
    """One attribute asked of every subject, with the library labels it was matched to."""

    name: str
    kind: AttributeKind
    spellings: tuple[str, ...]
    origin: str
    unit: str | None = None
    variant: str | None = None
    instructions: str | None = None


@dataclass(frozen=True)
class Plan:
    """How a question was read: subjects × attributes and what to do with them; `notes` say what
    was resolved (a class of models) or could not be read."""

    subjects: tuple[PlanSubject, ...]
    attributes: tuple[PlanAttribute, ...]
    relation: Relation
    trend_by: str | None = None
    notes: tuple[str, ...] = ()


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
