"""The passage index: SQLite FTS5 with BM25 ranking, one database per library state.

The database file is named after the library fingerprint, so a changed library gets a new index
and an old one is never misread; it is built in a temporary file and renamed into place.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from synth.models import Library, Passage
from synth.text import fold

INDEX_VERSION = "1"
_QUERY_TOKEN = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float


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


class PassageIndex:
    """BM25 search over every passage (text and table rows) of one library."""

    def __init__(self, library: Library, db_path: Path | None) -> None:
        self.library = library
        self._passages: list[Passage] = [p for doc in library.documents for p in doc.passages]
        if db_path is None:
            self._db = sqlite3.connect(":memory:")
            self._fill(self._db)
        else:
            self._db = self._open_or_build(db_path)

    def _fill(self, db: sqlite3.Connection) -> None:
        db.execute(
            "CREATE VIRTUAL TABLE passages USING fts5(text, doc_id UNINDEXED, "
            "tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        db.executemany(
            "INSERT INTO passages(rowid, text, doc_id) VALUES (?, ?, ?)",
            ((i, p.text, p.doc_id) for i, p in enumerate(self._passages)),
        )
        db.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)")
        db.execute("INSERT INTO meta VALUES ('count', ?)", (str(len(self._passages)),))
        db.commit()

    def _open_or_build(self, db_path: Path) -> sqlite3.Connection:
        if db_path.exists():
            try:
                db = sqlite3.connect(db_path)
                row = db.execute("SELECT value FROM meta WHERE key = 'count'").fetchone()
                if row is not None and int(row[0]) == len(self._passages):
                    return db
                db.close()
            except sqlite3.DatabaseError:
                pass
            with contextlib.suppress(OSError):
                db_path.unlink()
        db_path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=db_path.name, suffix=".tmp", dir=db_path.parent)
        os.close(fd)
        db = sqlite3.connect(tmp)
        self._fill(db)
        db.close()
        os.replace(tmp, db_path)
        return sqlite3.connect(db_path)

    def search(self, query: str, limit: int = 20, doc_ids: Sequence[str] | None = None) -> list[Hit]:
        """Passages matching an FTS5 query, best first (BM25; higher score is better)."""
        if not query:
            return []
        sql = "SELECT rowid, bm25(passages) FROM passages WHERE passages MATCH ?"
        params: list[object] = [query]
        if doc_ids is not None:
            if not doc_ids:
                return []
            sql += f" AND doc_id IN ({','.join('?' * len(doc_ids))})"
            params.extend(doc_ids)
        sql += " ORDER BY bm25(passages), rowid LIMIT ?"
        params.append(limit)
        try:
            rows = self._db.execute(sql, params).fetchall()
        except sqlite3.OperationalError:
            return []
        return [Hit(self._passages[rowid], round(-score, 6)) for rowid, score in rows]

    def mentions(self, spellings: Sequence[str], doc_ids: Sequence[str] | None = None) -> set[str]:
        """Documents in which any spelling of a term occurs as a phrase."""
        query = " OR ".join(p for p in (phrase(s) for s in spellings) if p)
        return {hit.passage.doc_id for hit in self.search(query, limit=100000, doc_ids=doc_ids)}


def index_path(cache_dir: Path, library: Library) -> Path:
    return cache_dir / f"index-v{INDEX_VERSION}-{library.fingerprint[:24]}.sqlite"
