"""Claims and their verification: verdicts, quoted evidence, the atoms a claim is split into."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from synth.models.library import PassageKind, place


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
    under its headers as the page shows it. A quote of a sentence that runs over a page break is on
    `page` and `last_page`."""

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
    last_page: int | None = None  # the next page, for a sentence a page break cuts ("pp. 7–8")
    # the heading a quote sits under, when it (not the quote) says what the value is for: "6.2 CNN/Daily Mail Reading
    # Comprehension" over "Models are optimized … with a batch size of 64"; a run-in heading on a line of its own
    heading: str | None = None

    @property
    def location(self) -> str:
        return place(self.page, self.section, self.last_page)


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
