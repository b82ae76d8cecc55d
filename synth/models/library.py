"""Documents and the library they form: what the readers produce and every stage reads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from functools import cached_property
from typing import Any, Protocol

# How much of a document's text the light handle keeps: linking looks for an entry's title there.
OPENING_CHARS = 2000


def place(page: int | None, section: str | None, last_page: int | None = None) -> str:
    """Where a passage or a quote is, as a citation says it: the page of a PDF ("pp. 7–8" for a sentence
    that runs over a page break), the section of a markdown source, else plain text."""
    if page is not None:
        return f"pp. {page}–{last_page}" if last_page is not None and last_page != page else f"p. {page}"
    if section:
        return f"§ {section}"
    return "text"


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
    # A passage that holds a sentence run over a page break (synth.library.pagebreaks): `page` is where it
    # starts, `last_page` the next page, whose text begins at the document offset `turn`.
    last_page: int | None = None
    turn: int | None = None

    @property
    def passage_id(self) -> str:
        return f"{self.doc_id}#{self.ordinal}"

    @property
    def location(self) -> str:
        """Human-readable place of the passage: page for PDFs, section for markdown."""
        return place(self.page, self.section, self.last_page)

    def pages_of(self, start: int, end: int) -> tuple[int | None, int | None]:
        """The page where [start, end) of this passage starts, and the page it ends on when that is another
        (a quote of the sentence joined over a page break is on both; one wholly before or after it on one)."""
        if self.last_page is None or self.turn is None or end <= self.turn:
            return self.page, None
        if start >= self.turn:
            return self.last_page, None
        return self.page, self.last_page


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

    def content(self) -> tuple[object, ...]:
        """Every field but where the table is (TABLE_PLACE): what its grids and records are made of, so
        a table printed again in another document (a paper as PDF and markdown, a copy) has the same."""
        return tuple(getattr(self, name) for name in _TABLE_CONTENT)

    def at(self, where: Table) -> Table:
        """This table's content where `where` is."""
        return replace(self, **{name: getattr(where, name) for name in TABLE_PLACE})


TABLE_PLACE = ("table_id", "doc_id", "start", "end", "page", "section")
_TABLE_CONTENT = tuple(f.name for f in fields(Table) if f.name not in TABLE_PLACE)


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

    def derived(self, handle: DocumentHandle, name: str, compute: Callable[[Document], Any]) -> Any: ...


@dataclass(frozen=True)
class HeldDocument:
    """A loader that holds its one document in memory."""

    document: Document
    _derived: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def load(self, handle: DocumentHandle) -> Document:
        return self.document

    def tables(self, handle: DocumentHandle) -> tuple[Table, ...]:
        return self.document.tables

    def derived(self, handle: DocumentHandle, name: str, compute: Callable[[Document], Any]) -> Any:
        if name not in self._derived:
            self._derived[name] = compute(self.document)
        return self._derived[name]


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

    def derived(self, name: str, compute: Callable[[Document], Any]) -> Any:
        """`compute(document)`, kept with the document while the loader keeps it (a value derived from
        the text, such as its folded form, costs memory like the text: it must not outlive it)."""
        return self.loader.derived(self, name, compute)


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

    def find(self, key: str) -> Source | None:
        """The source of a key that may not be in this library (a paper a question names, in an anchored library)."""
        return self._by_key.get(key)

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
