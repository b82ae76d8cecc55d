"""Documents read on demand from the document store, a bounded amount at a time.

A library of thousands of PDFs does not fit in memory as Documents (text, passages and tables come
to ~16 KB per page), so the Library keeps a DocumentHandle per file (synth.models: its head) and a
handle's text, passages and tables are read from the store (synth.library.cache) when a stage asks
for them. The documents read last are kept while their estimated size stays within
SYNTH_DOCUMENT_CACHE_MB (default 64): a stage that reads the same few documents again does not
decode them again, and a stage that walks every document holds at most that much of them.

Tables are kept apart, in a second cache of the same budget: the plan's vocabulary and
verification read the tables of many documents whose text they never read, so a document's tables
outlive its text in memory (and every stage gets the same Table objects while they are held). They
were once kept for the whole build, when those stages built lookups over every table; since they
query the cell index (synth.cellindex) instead, holding every table read only made the build's
memory grow with the library (the index stage and the source pages read every document's tables).

A document missing from the store when it is asked for (the store was unusable, or rebuilt after
damage) is read again from its file; a file whose content changed since the library was loaded is
an error, never a silent mix of two states of the library.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from synth.library.cache import DocumentCache, Outcome
from synth.models import Document, DocumentHandle, PassageKind, Table

DEFAULT_BUDGET_MB = 64


def budget_bytes() -> int:
    """SYNTH_DOCUMENT_CACHE_MB in bytes, else the default."""
    try:
        megabytes = float(os.environ.get("SYNTH_DOCUMENT_CACHE_MB", ""))
    except ValueError:
        megabytes = DEFAULT_BUDGET_MB
    return int((megabytes if megabytes > 0 else DEFAULT_BUDGET_MB) * 2**20)


def size_of(document: Document) -> int:
    """Roughly what a decoded document costs: its text, as much again for the passages' text, and
    the passage and table objects."""
    cells = sum(len(row) for table in document.tables for row in table.rows)
    return 2 * sys.getsizeof(document.text) + 250 * len(document.passages) + 100 * cells


def tables_size(tables: tuple[Table, ...]) -> int:
    """Roughly what a document's tables cost: their cells (as size_of counts them) and each table's
    caption and header."""
    return sum(400 + len(table.caption) + 100 * (len(table.header) + sum(len(row) for row in table.rows))
               for table in tables)


def relabel(document: Document, doc_id: str, path: str) -> Document:
    """The same document as read from another path: ids of passages and tables follow the new doc_id."""
    if document.doc_id == doc_id and document.path == path:
        return document

    def table_id(old: str | None) -> str | None:
        return None if old is None else f"{doc_id}#t{old.rsplit('#t', 1)[-1]}"

    passages = tuple(dataclasses.replace(p, doc_id=doc_id, table_id=table_id(p.table_id))
                     for p in document.passages)
    tables = tuple(dataclasses.replace(t, doc_id=doc_id, table_id=table_id(t.table_id) or "")
                   for t in document.tables)
    return dataclasses.replace(document, doc_id=doc_id, path=path, passages=passages, tables=tables)


def passage_problem(document: Document) -> str | None:
    """A reason to distrust a reader's output: any text passage that is not the slice it claims."""
    for passage in document.passages:
        if passage.kind is not PassageKind.TABLE_ROW and document.text[passage.start:passage.end] != passage.text:
            return f"internal error: passage {passage.ordinal} does not match the document text"
    return None


class LibraryChanged(Exception):
    """A library file's content changed while a build was reading the library."""


class StoredDocuments:
    """The loader of one library's handles: the document store, behind a small cache of documents
    bounded by their estimated size. Safe to share between threads (each thread reads the store
    through its own connection); it never leaves its process (Library.held() is what a cluster
    gets)."""

    def __init__(self, cache_dir: Path, reader_of: Callable[[str], str],
                 reread: Callable[[DocumentHandle], Outcome], budget: int | None = None) -> None:
        self.cache_dir = cache_dir
        self.budget = budget_bytes() if budget is None else budget
        self.decoded = 0  # documents decoded from the store: what tests and benchmarks count
        self._reader_of = reader_of
        self._reread = reread
        # (document, its estimated size, values derived from it): evicted together.
        self._held: OrderedDict[tuple[str, str], tuple[Document, int, dict[str, Any]]] = OrderedDict()
        # Tables by document, with their estimated size: evicted on their own.
        self._tables: OrderedDict[tuple[str, str], tuple[tuple[Table, ...], int]] = OrderedDict()
        self._size = 0
        self._tables_size = 0
        self._lock = threading.Lock()
        self._local = threading.local()

    def load(self, handle: DocumentHandle) -> Document:
        key = (handle.doc_id, handle.sha256)
        with self._lock:
            found = self._held.get(key)
            if found is not None:
                self._held.move_to_end(key)
                return found[0]
        document = self._read(handle)
        cost = size_of(document)
        with self._lock:
            tables = self._hold_tables(key, document.tables)
            if tables is not document.tables:  # the copy the other stages hold
                document = dataclasses.replace(document, tables=tables)
            if key not in self._held:
                self._held[key] = (document, cost, {})
                self._size += cost
            self._evict()
        return document

    def derived(self, handle: DocumentHandle, name: str, compute: Callable[[Document], Any]) -> Any:
        """A value computed from the document, kept in the document's cache entry and counted in its
        size, so it is dropped with the document (never held for the whole library)."""
        key = (handle.doc_id, handle.sha256)
        with self._lock:
            found = self._held.get(key)
            if found is not None and name in found[2]:
                self._held.move_to_end(key)
                return found[2][name]
        document = self.load(handle)
        value = compute(document)
        with self._lock:
            entry = self._held.get(key)
            if entry is not None and name not in entry[2]:
                extra = sys.getsizeof(value)
                entry[2][name] = value
                self._held[key] = (entry[0], entry[1] + extra, entry[2])
                self._size += extra
                self._evict()
        return value

    def _evict(self) -> None:
        """Drop the least recently used documents until the cache fits its budget (keeping one)."""
        while self._size > self.budget and len(self._held) > 1:
            _, (_, dropped, _) = self._held.popitem(last=False)
            self._size -= dropped

    def _hold_tables(self, key: tuple[str, str], tables: tuple[Table, ...]) -> tuple[Table, ...]:
        """The tables held for the document (these, unless a copy is held already), most recently used
        first out of eviction; the least recently used leave once the tables exceed the budget. Call
        with the lock held."""
        found = self._touch_tables(key)
        if found is not None:
            return found
        cost = tables_size(tables)
        self._tables[key] = (tables, cost)
        self._tables_size += cost
        while self._tables_size > self.budget and len(self._tables) > 1:
            _, (_, dropped) = self._tables.popitem(last=False)
            self._tables_size -= dropped
        return tables

    def tables(self, handle: DocumentHandle) -> tuple[Table, ...]:
        """The document's tables: those held, else read with the document."""
        key = (handle.doc_id, handle.sha256)
        with self._lock:
            found = self._touch_tables(key)
        return found if found is not None else self.load(handle).tables

    def _touch_tables(self, key: tuple[str, str]) -> tuple[Table, ...] | None:
        """The tables held for the document, marked most recently used; None when none are held. Call with the
        lock held."""
        found = self._tables.get(key)
        if found is None:
            return None
        self._tables.move_to_end(key)
        return found[0]

    @property
    def held_bytes(self) -> int:
        """Estimated size of the documents held (their tables included)."""
        return self._size

    @property
    def held_table_bytes(self) -> int:
        """Estimated size of the tables held, with or without their documents."""
        return self._tables_size

    def _cache(self) -> DocumentCache:
        cache = getattr(self._local, "cache", None)
        if cache is None:
            cache = self._local.cache = DocumentCache(self.cache_dir)
        return cache

    def _read(self, handle: DocumentHandle) -> Document:
        outcome = self._cache().get(handle.sha256, self._reader_of(handle.doc_id))
        if not isinstance(outcome, Document) or passage_problem(outcome):
            outcome = self._reread(handle)
        if not isinstance(outcome, Document) or outcome.sha256 != handle.sha256:
            raise LibraryChanged(f"{handle.path} changed while the library was being read: build again")
        self.decoded += 1
        return relabel(outcome, handle.doc_id, handle.path)

    def close(self) -> None:
        """Close this thread's connection to the store (others close when their thread ends)."""
        cache = getattr(self._local, "cache", None)
        if cache is not None:
            self._local.cache = None
            cache.store.close()

    def __reduce__(self) -> NoReturn:
        raise TypeError("documents in the store stay in this process: send Library.held() instead")
