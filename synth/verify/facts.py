"""Per-library lookups built once: the way to the tables a claim names (synth.verify.tablecells,
through the library's cell index), the names tables measure (from their records, bare sizes named
by the caption's family: kept with the index), document → source key and title words, the words
the library prints as names (synth.verify.printed), the symbols each document defines (kept with the
index), table-row spans for quoting (read from a table's document when quoted), and IDF weights over the
library's text passages (kept with the index).
"""

from __future__ import annotations

import math
import re
import threading
import weakref
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace

from synth import claimparse
from synth.index import PassageIndex, content_words
from synth.models import Document, Library, PassageKind
from synth.retrieve.asks.symbols import read_definitions
from synth.tables import TableRecord, caption_variant, name_variant, records
from synth.text import STOPWORDS, fold
from synth.verify.labels import tokens as label_tokens
from synth.verify.printed import PrintedNames
from synth.verify.tablecells import AllTables, RowSpans, TableCells
from synth.verify.words import BARE_SIZE, HAS_ALPHA, HAS_DIGIT, compact


@dataclass(frozen=True)
class LibraryFacts:
    """Per-library lookups, built once (module docstring)."""

    measures: frozenset[str]
    source_of: dict[str, str]
    title_of: dict[str, str]
    row_spans: Mapping[tuple[str, int], tuple[int, int]]
    documents: dict[str, Document]
    frequency: Mapping[str, int]
    passages: int
    cells: TableCells
    title_words: dict[str, frozenset[str]]
    printed: PrintedNames
    definitions: Callable[[str], Mapping[str, tuple[tuple[str, ...], ...]]]

    def weight(self, word: str) -> float:
        """Inverse document frequency over the library's passages: rare words carry a claim."""
        return math.log((self.passages + 1) / (self.frequency.get(word, 0) + 1)) + 1.0

    def coverage(self, shared: frozenset[str], words: frozenset[str]) -> float:
        """IDF-weighted share of the claim's words that a passage states. Summed exactly (math.fsum): a plain sum over
        a set depends on the set's order, which changes with the hash seed, and two windows of equal coverage then
        compared differently from one run to the next."""
        total = math.fsum(self.weight(w) for w in words)
        return math.fsum(self.weight(w) for w in shared) / total if total else 0.0


class IndexedFrequency(Mapping[str, int]):
    """Word → text passages containing it, read from the statistics kept with the passage index
    (synth.index) word by word, instead of counting every passage of the library."""

    def __init__(self, index: PassageIndex) -> None:
        self._index = index
        self._known: dict[str, int] = {}

    def __getitem__(self, word: str) -> int:
        if word not in self._known:
            self._known[word] = self._index.word_counts([word]).get(word, 0)
        if not self._known[word]:
            raise KeyError(word)
        return self._known[word]

    def __iter__(self) -> Iterator[str]:
        return iter(word for word, n in self._known.items() if n)

    def __len__(self) -> int:
        return sum(1 for n in self._known.values() if n)


# Per library and thread: an index-backed frequency holds an SQLite connection of its thread. The
# library is held weakly and checked: id(library) alone names a dead library's facts (its index
# closed) when a new Library lands at its address.
_FACTS: dict[tuple[str, str, int, int], tuple[weakref.ref[Library], LibraryFacts]] = {}


def library_facts(library: Library, index: PassageIndex | None = None) -> LibraryFacts:
    """The lookups for `library`, built once per thread. With its `index`, word frequencies come
    from the index's statistics; without, they are counted here (the same numbers)."""
    key = (library.root, library.fingerprint, id(library), threading.get_ident())
    cached = _FACTS.get(key)
    if cached is not None and cached[0]() is library:
        return cached[1]
    documents = {d.doc_id: d for d in library.documents}
    source_of = {s.document.doc_id: s.key for s in library.sources if s.document is not None}
    title_of = {d.doc_id: d.title or "" for d in library.documents}
    cells: TableCells
    if index is not None:  # the library's cells stay in the index: a claim reads the tables it names
        measures = index.cell_measures()
        cells = TableCells(index.cell_tables_named, documents, places=index.cell_table_places)
    else:
        found = [normalised(r) for doc in library.documents for table in doc.tables for r in records(table)]
        measures, cells = frozenset(m for r in found for m in measures_of(r.attribute)), AllTables(documents)
    frequency: Mapping[str, int]
    if index is not None:
        frequency, passages = IndexedFrequency(index), index.text_passages()
    else:
        counted: Counter[str] = Counter()
        texts = [p.text for d in library.documents for p in d.passages if p.kind is not PassageKind.TABLE_ROW]
        for text in texts:
            counted.update(content_words(text))
        frequency, passages = dict(counted), len(texts)
    facts = LibraryFacts(measures, source_of, title_of, RowSpans(documents), documents, frequency, passages, cells,
                          {d.doc_id: _title_words(d.title or "") for d in library.documents},
                          PrintedNames(d.text for d in library.documents),
                          index.symbol_definitions if index is not None else _Definitions(documents))
    if len(_FACTS) > 4:
        _FACTS.clear()
    _FACTS[key] = (weakref.ref(library), facts)
    return facts


class _Definitions:
    """A document's symbols and the names its text gives them, read once per document (without a passage index,
    which keeps them: synth.termindex)."""

    def __init__(self, documents: dict[str, Document]) -> None:
        self._documents = documents
        self._known: dict[str, Mapping[str, tuple[tuple[str, ...], ...]]] = {}

    def __call__(self, doc_id: str) -> Mapping[str, tuple[tuple[str, ...], ...]]:
        if doc_id not in self._known:
            document = self._documents.get(doc_id)
            self._known[doc_id] = read_definitions(document.passages) if document is not None else {}
        return self._known[doc_id]


def _title_words(title: str) -> frozenset[str]:
    """The words of a title that name it: a claim naming "the Mixtral paper" names "Mixtral of Experts"."""
    return frozenset(t.norm for t in label_tokens(title)
                     if t.norm not in STOPWORDS and (len(t.norm) >= 4 or any(ch.isdigit() for ch in t.norm))
                     and t.norm not in _GENERIC_TITLE_WORDS)


_GENERIC_TITLE_WORDS = frozenset({"model", "models", "language", "large", "technical", "report", "paper", "learning",
                                  "neural", "networks", "network", "towards", "using", "training", "scaling"})


def _unbracketed(text: str) -> str:
    return re.sub(r"\s*\([^)]*\)", "", text).strip()


def _family(caption: str) -> str | None:
    """The model family a caption names ("... of Qwen2.5 open-weight models" → Qwen2.5)."""
    for name in claimparse.entities(caption):
        if (HAS_DIGIT.search(name) and HAS_ALPHA.search(name) and not re.search(r"\d+(?:\.\d+)?[BM]\b", name)
                and not name.lower().startswith("table")):
            return name
    return None


def measures_of(attribute: str) -> tuple[str, str]:
    """The measure a record's attribute names, as printed and without its brackets."""
    return compact(attribute), compact(_unbracketed(attribute))


def measured(record: TableRecord) -> str:
    """The attribute `normalised` gives a record (a bare size is a model, "72B" | "Qwen2.5": the other
    label is the attribute), without reading its caption as the entity's normalisation must."""
    if BARE_SIZE.match(record.attribute.strip("* ")) and not HAS_DIGIT.search(record.entity):
        return record.entity
    return record.attribute


def normalised(record: TableRecord) -> TableRecord:
    """Fix what a generic table reader cannot know: rows named by bare sizes ("72B") are models of
    the family the caption names, and a model the caption names itself ("base models and
    Qwen2.5-Plus") takes no variant from the caption."""
    entity, attribute = record.entity, record.attribute
    if BARE_SIZE.match(attribute.strip("* ")) and not HAS_DIGIT.search(entity):
        entity, attribute = attribute, entity
    entity = entity.strip("* ")
    if BARE_SIZE.match(entity):
        family = _family(record.table.caption)
        if family:
            entity = f"{family}-{entity}"
    variant = name_variant(entity) or caption_variant(record.table.caption)
    if claimparse.mentions(fold(record.table.caption), entity) and name_variant(entity) is None:
        variant = None
    if (entity, attribute, variant) == (record.entity, record.attribute, record.variant):
        return record
    return replace(record, entity=entity, attribute=attribute, variant=variant)


