"""The passage index: SQLite FTS5 with BM25 ranking, one database per library folder, kept up to date
incrementally.

Each document's passages occupy a contiguous block of rowids; the `docs` table records the block
and a digest of the document (file hash, extractor key, sizes), so opening the index for a changed
library deletes the blocks of removed or changed files and inserts those of new ones, instead of
re-indexing everything. BM25 statistics are exact integers maintained by FTS5, so an updated index
ranks exactly like a fresh one; ties are broken by the document's position in the library and the
passage's position in the document (the order a fresh index would have had), never by rowid.

Every field of a passage is stored with it, so a search answers with passages without reading any
document: the index holds no documents in memory, and only documents added or changed since the
last build are read (one at a time) to update it.

After the update the index is read inside one transaction (WAL snapshot), so a concurrent synth
updating the same database for another state of the folder cannot change results mid-build. A
damaged database is deleted and rebuilt; a database from another INDEX_VERSION is never read.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import re
import sqlite3
import threading
import weakref
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from synth import cellindex, termindex
from synth.models import DocumentHead, Library, Passage, PassageKind
from synth.text import fold

log = logging.getLogger("synth")

INDEX_VERSION = "10"
_TOKENIZER = "porter unicode61 remove_diacritics 2"
_QUERY_TOKEN = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float


@dataclass(frozen=True)
class IndexChanges:
    """What opening the index had to do: documents (re)indexed, dropped, and left as they were."""

    added: int = 0
    removed: int = 0
    kept: int = 0


# A passage's fields as the passages table stores them, in Passage's order after the FTS text.
_COLUMNS = "text, doc_id, ordinal, kind, span_start, span_end, page, section, table_id, last_page, turn"


def _passage(row: tuple[Any, ...]) -> Passage:
    text, doc_id, ordinal, kind, start, end, page, section, table_id, last_page, turn = row
    return Passage(doc_id, ordinal, text, start, end, page, section, PassageKind(kind), table_id, last_page, turn)


def _fts_terms(text: str) -> list[str]:
    """Plain alphanumeric terms, quoted so FTS5 query syntax in source text is inert."""
    return _QUERY_TOKEN.findall(fold(text))


def phrase(text: str) -> str:
    """An FTS5 phrase query for a multi-token name such as `Qwen2.5-72B-Instruct`."""
    terms = _fts_terms(text)
    return '"' + " ".join(terms) + '"' if terms else ""


def any_of(words: Iterable[str]) -> str:
    terms = sorted({t for w in words for t in _fts_terms(w)})
    return " OR ".join(f'"{t}"' for t in terms)


def document_digest(document: DocumentHead) -> str:
    """Equal digests mean equal passages: same bytes, same extractor, same text (read from the
    document's head, so checking the index reads no document)."""
    from synth.library.cache import extractor_key

    return f"{document.sha256}:{extractor_key()}:{document.page_count}:{document.chars}"


class _Stale(Exception):
    """Another process changed the index between our update and our read snapshot."""


class PassageIndex:
    """BM25 search over every passage (text and table rows) of one library."""

    def __init__(self, library: Library, db_path: Path | None, seed: PassageIndex | None = None) -> None:
        """The index of `library` at db_path, or in memory; in memory from a copy of `seed` (an index of
        most of the library's documents) updated in place, which ranks as a fresh one does."""
        self.library = library
        self._documents = {d.doc_id: d for d in library.documents}  # handles: their text stays in the store
        self._wanted = {d.doc_id: (document_digest(d), rank) for rank, d in enumerate(library.documents)}
        self.changes = IndexChanges()
        if db_path is None:
            self._db = self._connect(":memory:")
            if seed is not None:
                seed._db.backup(self._db)
            self._sync(self._db)
            self._db.execute("BEGIN")
            self._check(self._db)
        else:
            self._db = self._open(db_path)
        _register(self)

    @staticmethod
    def _connect(where: str) -> sqlite3.Connection:
        db = sqlite3.connect(where, timeout=30, isolation_level=None)
        if where != ":memory:":
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
        return db

    def _open(self, db_path: Path) -> sqlite3.Connection:
        """The up-to-date database at db_path, rebuilt if damaged; in memory if the folder is unusable."""
        for old in db_path.parent.glob("index-v1-*.sqlite"):  # one database per fingerprint: superseded
            with contextlib.suppress(OSError):
                old.unlink()
        for attempt in range(4):
            db: sqlite3.Connection | None = None
            try:
                db_path.parent.mkdir(parents=True, exist_ok=True)
                db = self._connect(str(db_path))
                self._sync(db)
                db.execute("BEGIN")
                self._check(db)
                return db
            except _Stale:
                log.debug("passage index changed under us, updating again")
            except OSError as exc:
                log.debug("passage index in memory: %s", exc)
                break
            except sqlite3.DatabaseError as exc:
                if "locked" in str(exc) or "busy" in str(exc):
                    log.debug("passage index busy, using one in memory: %s", exc)
                    break
                log.warning("passage index %s was unreadable (%s): rebuilding it", db_path, exc)
                if db is not None:
                    db.close()
                    db = None
                for suffix in ("", "-journal", "-wal", "-shm"):
                    with contextlib.suppress(OSError):
                        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
            if db is not None:
                db.close()
            if attempt == 3:
                break
        db = self._connect(":memory:")
        self._sync(db)
        db.execute("BEGIN")
        self._check(db)
        return db

    def _sync(self, db: sqlite3.Connection) -> None:
        """Bring the database to this library's passages, touching only documents that changed."""
        with db:
            db.execute("BEGIN IMMEDIATE")
            version = None
            with contextlib.suppress(sqlite3.OperationalError):
                version = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if version is None or version[0] != f"{INDEX_VERSION} {_TOKENIZER}":
                for table in ("passages", "docs", "meta", "words", *cellindex.TABLES, *termindex.TABLES):
                    db.execute(f"DROP TABLE IF EXISTS {table}")
                db.execute(f"CREATE VIRTUAL TABLE passages USING fts5(text, doc_id UNINDEXED, ordinal UNINDEXED, "
                           f"kind UNINDEXED, span_start UNINDEXED, span_end UNINDEXED, page UNINDEXED, "
                           f"section UNINDEXED, table_id UNINDEXED, last_page UNINDEXED, turn UNINDEXED, "
                           f"tokenize = '{_TOKENIZER}')")
                db.execute("CREATE TABLE words (word TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID")
                db.execute("CREATE TABLE docs (doc_id TEXT PRIMARY KEY, digest TEXT, first INTEGER, "
                           "count INTEGER, rank INTEGER)")
                db.execute("CREATE INDEX docs_first ON docs(first)")
                db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
                for statement in (*cellindex.SCHEMA, *termindex.SCHEMA):
                    db.execute(statement)
                db.execute("INSERT INTO meta VALUES ('version', ?)", (f"{INDEX_VERSION} {_TOKENIZER}",))
            stored = {doc_id: (digest, first, count, rank) for doc_id, digest, first, count, rank
                      in db.execute("SELECT doc_id, digest, first, count, rank FROM docs")}
            stats = _WordStats(db)
            cells = cellindex.CellRows(db)
            terms = termindex.TermRows(db)
            removed = 0
            for doc_id, (digest, first, count, _) in sorted(stored.items()):
                if self._wanted.get(doc_id, ("",))[0] != digest:
                    if count:
                        if stats.valid:
                            stats.remove(db.execute("SELECT text FROM passages WHERE rowid BETWEEN ? AND ? "
                                                    "AND kind != ?", (first, first + count - 1, "table_row")))
                        db.execute("DELETE FROM passages WHERE rowid BETWEEN ? AND ?", (first, first + count - 1))
                    db.execute("DELETE FROM docs WHERE doc_id = ?", (doc_id,))
                    cells.remove(doc_id)
                    terms.remove(doc_id)
                    removed += 1
            row = db.execute("SELECT max(first + count) FROM docs").fetchone()
            next_rowid = max(1, row[0] or 1)
            added = kept = 0
            for doc_id, (digest, rank) in self._wanted.items():
                old = stored.get(doc_id)
                if old is not None and old[0] == digest:
                    kept += 1
                    if old[3] != rank:
                        db.execute("UPDATE docs SET rank = ? WHERE doc_id = ?", (rank, doc_id))
                    continue
                passages = self._documents[doc_id].passages
                db.executemany(f"INSERT INTO passages(rowid, {_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               ((next_rowid + i, p.text, doc_id, p.ordinal, p.kind.value, p.start, p.end, p.page,
                                 p.section, p.table_id, p.last_page, p.turn) for i, p in enumerate(passages)))
                if stats.valid:
                    stats.add(p.text for p in passages if p.kind is not PassageKind.TABLE_ROW)
                if cells.valid:
                    cells.add(doc_id, self._documents[doc_id])
                if terms.valid:
                    terms.add(doc_id, self._documents[doc_id])
                # A document without passages owns no block (first = -1), so block starts stay distinct.
                first = next_rowid if passages else -1
                db.execute("INSERT INTO docs VALUES (?, ?, ?, ?, ?)", (doc_id, digest, first, len(passages), rank))
                next_rowid += len(passages)
                added += 1
            stats.finish()
            cells.finish(self._documents)
            terms.finish(self._documents, self.library.sources)
            self.changes = IndexChanges(added, removed, kept)

    def _check(self, db: sqlite3.Connection) -> None:
        """Inside the read snapshot: the database holds exactly this library's documents."""
        rows = db.execute("SELECT doc_id, digest, rank, first FROM docs ORDER BY first").fetchall()
        if {doc_id: (digest, rank) for doc_id, digest, rank, _ in rows} != self._wanted:
            db.execute("ROLLBACK")
            raise _Stale

    def search(self, query: str, limit: int = 20, doc_ids: Sequence[str] | None = None) -> list[Hit]:
        """Passages matching an FTS5 query, best first (BM25; higher score is better)."""
        if not query:
            return []
        # The block a rowid falls in (an indexed lookup: reading the UNINDEXED columns costs 2x).
        block = "(SELECT {} FROM docs WHERE first <= passages.rowid ORDER BY first DESC LIMIT 1)"
        sql = f"SELECT bm25(passages), {_COLUMNS} FROM passages WHERE passages MATCH ?"
        params: list[object] = [query]
        if doc_ids is not None:
            if not doc_ids:
                return []
            sql += f" AND {block.format('doc_id')} IN ({','.join('?' * len(doc_ids))})"
            params.extend(doc_ids)
        sql += f" ORDER BY bm25(passages), {block.format('rank')}, rowid LIMIT ?"
        params.append(limit)
        try:
            rows = self._db.execute(sql, params).fetchall()
        except sqlite3.OperationalError:
            return []
        return [Hit(_passage(row), round(-score, 6)) for score, *row in rows]

    def text_passages(self) -> int:
        """How many text (not table-row) passages the library has: the N of word frequencies."""
        row = self._db.execute("SELECT value FROM meta WHERE key = 'texts'").fetchone()
        return int(row[0]) if row else 0

    def word_counts(self, words: Iterable[str]) -> dict[str, int]:
        """For each word (in the form synth.verify.words.norm gives), the number of text passages
        that contain it: library statistics kept with the index, so no stage counts words over the
        whole library. Words no passage contains are absent."""
        wanted = sorted(set(words))
        counts: dict[str, int] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            counts.update(self._db.execute(
                f"SELECT word, n FROM words WHERE word IN ({','.join('?' * len(chunk))})", chunk).fetchall())
        return counts

    def mentions(self, spellings: Sequence[str], doc_ids: Sequence[str] | None = None) -> set[str]:
        """Documents in which any spelling of a term occurs as a phrase."""
        query = " OR ".join(p for p in (phrase(s) for s in spellings) if p)
        if not query or (doc_ids is not None and not doc_ids):
            return set()
        try:
            found = {doc_id for (doc_id,) in self._db.execute(
                "SELECT DISTINCT doc_id FROM passages WHERE passages MATCH ?", (query,))}
        except sqlite3.OperationalError:
            return set()
        return found if doc_ids is None else found & set(doc_ids)

    def cell_measures(self) -> frozenset[str]:
        """The measures the library's tables report (synth.cellindex)."""
        return cellindex.measures(self._db)

    def cell_tables_named(self, lookups: Sequence[str]) -> list[tuple[str, int]]:
        """(doc_id, seq) of the tables with a label filed under one of the lookup keys, in library order."""
        return cellindex.tables_by_lookup(self._db, lookups)

    def cell_table_places(self, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], cellindex.TablePlace]:
        """The content digest and place of each of the tables (doc_id, seq) verification reads."""
        return cellindex.table_places(self._db, keys)

    def cell_tables_of(self, folded: Iterable[str], canon: Iterable[str]) -> set[tuple[str, int]]:
        """(doc_id, seq) of the tables with an entity label starting with one of the prefixes."""
        return cellindex.tables_by_entity(self._db, folded, canon)

    def cell_tables_with_metric(self, key: str) -> set[tuple[str, int]]:
        """(doc_id, seq) of the tables reporting the metric (synth.analysis.metric_key)."""
        return cellindex.tables_by_metric(self._db, key)

    def cell_metrics_starting(self, prefix: str) -> set[tuple[str, str]]:
        """(metric key, metric) of the records whose canonical metric starts with the prefix."""
        return cellindex.metrics_starting(self._db, prefix)

    def cell_metric_names(self) -> dict[str, list[tuple[str, str]]]:
        """Each document's (canonical metric, metric) pairs, in its records' order (synth.cellindex)."""
        return cellindex.metric_names(self._db)

    def cell_labels(self, axis: str) -> Counter[str]:
        """How many records of the library use each label on the axis."""
        return cellindex.label_counts(self._db, axis)

    def documents_with_word(self, key: str) -> set[str]:
        """Documents with a letter run starting like the key (synth.termindex.word_key)."""
        return termindex.documents_with_word(self._db, key)

    def text_digests(self) -> dict[str, str]:
        """Each document's text digest: documents with one digest have the same text (synth.termindex)."""
        return termindex.text_digests(self._db)

    def symbol_definitions(self, doc_id: str) -> dict[str, tuple[tuple[str, ...], ...]]:
        """The names a document gives each symbol it sets (synth.termindex)."""
        return termindex.symbol_definitions(self._db, doc_id)

    def acronym_definitions(self) -> dict[str, list[tuple[str, str]]]:
        """Each document's defined acronyms with their expansion, in its order (synth.termindex)."""
        return termindex.acronyms(self._db)

    def about_names(self) -> dict[tuple[str, str], tuple[str, ...]]:
        """The names each (document, title) is about (synth.vocabulary.about_names)."""
        return termindex.about(self._db)

    def close(self) -> None:
        _forget(self)
        with contextlib.suppress(sqlite3.Error):
            self._db.close()


# The index each thread last opened for a library, for the stages that reach the library's table cells
# through it without being handed it (the plan's vocabulary). An SQLite connection belongs to its
# thread, hence one registry per thread; libraries are held weakly and checked, as in verification.
_REGISTRY = threading.local()
_OWNED = 4  # indexes made here for libraries opened without one (tests), the oldest closed first


def _registered() -> dict[int, tuple[weakref.ref[Library], weakref.ref[PassageIndex]]]:
    if not hasattr(_REGISTRY, "indexes"):
        _REGISTRY.indexes, _REGISTRY.owned = {}, []
    found: dict[int, tuple[weakref.ref[Library], weakref.ref[PassageIndex]]] = _REGISTRY.indexes
    return found


def _register(index: PassageIndex) -> None:
    known = _registered()
    for key in [k for k, (library, held) in known.items() if library() is None or held() is None]:
        del known[key]
    known[id(index.library)] = (weakref.ref(index.library), weakref.ref(index))


def _forget(index: PassageIndex) -> None:
    known = _registered()
    entry = known.get(id(index.library))
    if entry is not None and entry[1]() is index:
        del known[id(index.library)]


def cells_of(library: Library) -> PassageIndex:
    """The index this thread opened for the library, to read its table cells from; one in memory
    when none is open (a stage called outside a build, as tests do)."""
    entry = _registered().get(id(library))
    if entry is not None and entry[0]() is library:
        index = entry[1]()
        if index is not None:
            return index
    index = PassageIndex(library, None)
    owned: list[PassageIndex] = _REGISTRY.owned
    owned.append(index)
    while len(owned) > _OWNED:
        owned.pop(0).close()
    return index


@functools.cache
def _words_code() -> str:
    """What the word statistics depend on: the code that turns text into counted words."""
    synth = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in ("verify/words.py", "claimparse.py", "text.py"):
        with contextlib.suppress(OSError):
            digest.update((synth / name).read_bytes())
    return digest.hexdigest()[:16]


def content_words(text: str) -> frozenset[str]:
    """The distinct content words of a passage as verification compares them (synth.verify.words)."""
    from synth.verify.words import WORD, is_content, norm

    return frozenset(norm(m.group(0)) for m in WORD.finditer(text) if is_content(m.group(0)))


class _WordStats:
    """Passage frequencies of words, updated with the documents added and removed. Counted under the
    code digest of the word functions; when that code changes, recounted once from the passages."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.delta: Counter[str] = Counter()
        self.texts = 0
        meta = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('words_code', 'texts')").fetchall())
        self.valid = meta.get("words_code") == _words_code()
        self.base = int(meta.get("texts", 0)) if self.valid else 0

    def add(self, texts: Iterable[str]) -> None:
        for text in texts:
            self.delta.update(content_words(text))
            self.texts += 1

    def remove(self, rows: Iterable[tuple[str]]) -> None:
        for (text,) in rows:
            self.delta.subtract(content_words(text))
            self.texts -= 1

    def finish(self) -> None:
        if not self.valid:  # new index, or the word code changed: count every text passage once
            self.db.execute("DELETE FROM words")
            self.delta, self.texts = Counter(), 0
            self.add(text for (text,) in self.db.execute("SELECT text FROM passages WHERE kind != 'table_row'"))
        self.db.executemany("INSERT INTO words VALUES (?, ?) ON CONFLICT(word) DO UPDATE SET n = n + excluded.n",
                            sorted((word, n) for word, n in self.delta.items() if n))
        self.db.execute("DELETE FROM words WHERE n <= 0")
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('texts', ?)", (str(self.base + self.texts),))
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('words_code', ?)", (_words_code(),))


def index_path(cache_dir: Path, library: Library) -> Path:
    """One database per library folder (by absolute path), updated in place as the folder changes."""
    folder = Path(library.root).resolve().as_posix()
    return cache_dir / f"index-v{INDEX_VERSION}-{hashlib.sha256(folder.encode()).hexdigest()[:16]}.sqlite"
