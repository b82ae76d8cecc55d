"""Content-hash cache of read documents, in SQLite at `cache_dir/documents.sqlite`.

The key is (file sha256, extractor key, reader name). The extractor key is EXTRACTOR_VERSION plus
a digest of the code that shapes a Document (the readers, synth/text.py, synth/models.py, the PDF
table finder) and the versions of the extraction packages, so a changed file, an edited reader or
an upgraded pypdfium2 never reuses a stale result; renaming a file still hits the cache (the caller
re-labels the document). Documents of the two most recently used extractor keys are kept.

A second table remembers each file's sha256 under its (size, mtime, ctime, inode), as git's index
does, so a warm load stats files instead of hashing gigabytes. A file modified within
`RACY_NS` of the moment it was hashed is hashed again next time (a same-size rewrite within one
clock tick would otherwise keep its stat).

A damaged cache, or one written by another schema version, is deleted and rebuilt, never trusted:
deleting the cache only ever costs time.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import logging
import os
import pickle
import sqlite3
import time
from pathlib import Path
from types import TracebackType

from synth.library.base import EXTRACTOR_VERSION
from synth.models import Document

log = logging.getLogger("synth")

CACHE_FILE = "documents.sqlite"
# Bump when the tables below change: a cache with another user_version is rebuilt.
SCHEMA_VERSION = 3
# Documents of this many extractor keys are kept (switching between two branches stays warm).
KEEP_VERSIONS = 2
RACY_NS = 2_000_000_000
# A cached outcome: the document, or the reason the file was skipped.
Outcome = Document | str
# What a file's stat says about it: (size, mtime_ns, ctime_ns, inode).
StatKey = tuple[int, int, int, int]

_SYNTH = Path(__file__).resolve().parents[1]
# Code whose output is a Document, i.e. the readers and what they import: editing any of it
# re-extracts (the library's own __init__/cache/link/bibtex only arrange documents and are left
# out). models.py is in because a pickled Document of another shape must never be loaded.
_EXTRACTOR_CODE = ("library/base.py", "library/markdown.py", "library/pdf.py", "library/text.py",
                   "text.py", "models.py", "pdftables.py")
_EXTRACTOR_PACKAGES = ("pypdfium2", "pypdf", "ftfy")


@functools.cache
def _code_digest() -> str:
    digest = hashlib.sha256()
    for name in _EXTRACTOR_CODE:
        path = _SYNTH / name
        digest.update(name.encode() + b"\0")
        with contextlib.suppress(OSError):
            digest.update(path.read_bytes())
    for package in _EXTRACTOR_PACKAGES:
        try:
            version = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{package}={version}\0".encode())
    return digest.hexdigest()[:16]


def extractor_key() -> str:
    """The version under which documents are cached: EXTRACTOR_VERSION + code and package digest."""
    return f"{EXTRACTOR_VERSION}+{_code_digest()}"


def stat_key(st: os.stat_result) -> StatKey:
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


def _busy(exc: Exception) -> bool:
    """Another synth process holds the database: wait for nothing and delete nothing."""
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc))


class DocumentCache:
    """One connection for the whole library load; each write is committed at once (short locks)."""

    def __init__(self, cache_dir: Path) -> None:
        self.path = cache_dir / CACHE_FILE
        self.version = extractor_key()
        self._db: sqlite3.Connection | None = None
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            self._db = self._open()
        except OSError as exc:
            log.debug("document cache disabled: %s", exc)
        except sqlite3.DatabaseError as exc:
            self._failed(exc)

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                with db:
                    db.execute("BEGIN IMMEDIATE")
                    for table in ("documents", "files", "versions", "links"):
                        db.execute(f"DROP TABLE IF EXISTS {table}")
                    db.execute("CREATE TABLE documents (sha256 TEXT, version TEXT, reader TEXT, body BLOB, "
                               "PRIMARY KEY (sha256, version, reader))")
                    db.execute("CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, "
                               "ctime_ns INTEGER, inode INTEGER, sha256 TEXT, hashed_ns INTEGER)")
                    db.execute("CREATE TABLE versions (version TEXT PRIMARY KEY, used INTEGER)")
                    db.execute("CREATE TABLE links (folder TEXT PRIMARY KEY, key TEXT, body BLOB)")
                    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            with db:
                db.execute("BEGIN IMMEDIATE")
                db.execute("INSERT OR REPLACE INTO versions VALUES (?, (SELECT coalesce(max(used), 0) + 1 "
                           "FROM versions))", (self.version,))
                stale = [row[0] for row in db.execute(
                    "SELECT version FROM versions ORDER BY used DESC LIMIT -1 OFFSET ?", (KEEP_VERSIONS,))]
                for version in stale:
                    db.execute("DELETE FROM documents WHERE version = ?", (version,))
                    db.execute("DELETE FROM versions WHERE version = ?", (version,))
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _failed(self, exc: sqlite3.DatabaseError) -> None:
        """Delete a damaged cache file and start an empty one; a busy one is left alone and not used."""
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None
        if _busy(exc):
            log.debug("document cache busy, not used this time: %s", exc)
            return
        log.warning("document cache %s was unreadable (%s): rebuilding it", self.path, exc)
        for suffix in ("", "-journal", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        try:
            self._db = self._open()
        except (OSError, sqlite3.DatabaseError) as error:
            log.debug("document cache disabled: %s", error)
            self._db = None

    # --- file hashes --------------------------------------------------------------------------

    def known_digests(self, folder: str) -> dict[str, tuple[StatKey, str, int]]:
        """path → (stat key, sha256, when hashed) for files remembered under `folder` (absolute)."""
        if self._db is None:
            return {}
        prefix = folder.rstrip("/") + "/"
        try:
            rows = self._db.execute(
                "SELECT path, size, mtime_ns, ctime_ns, inode, sha256, hashed_ns FROM files "
                "WHERE substr(path, 1, ?) = ?", (len(prefix), prefix)).fetchall()
        except sqlite3.DatabaseError as exc:
            self._failed(exc)
            return {}
        return {path: ((size, mtime, ctime, inode), sha, hashed) for path, size, mtime, ctime, inode, sha, hashed
                in rows}

    def remember_digests(self, folder: str, rows: list[tuple[str, StatKey, str]], keep: set[str]) -> None:
        """Store fresh (path, stat key, sha256) rows and forget files under `folder` not in `keep`."""
        if self._db is None:
            return
        prefix = folder.rstrip("/") + "/"
        now = time.time_ns()
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?)",
                                     [(path, *key, sha, now) for path, key, sha in rows])
                gone = [path for (path,) in self._db.execute(
                    "SELECT path FROM files WHERE substr(path, 1, ?) = ?", (len(prefix), prefix))
                    if path not in keep]
                self._db.executemany("DELETE FROM files WHERE path = ?", [(path,) for path in gone])
        except sqlite3.DatabaseError as exc:
            self._failed(exc)

    # --- documents ----------------------------------------------------------------------------

    def has(self, sha256: str, reader: str) -> bool:
        if self._db is None:
            return False
        try:
            return self._db.execute(
                "SELECT 1 FROM documents WHERE sha256 = ? AND version = ? AND reader = ?",
                (sha256, self.version, reader)).fetchone() is not None
        except sqlite3.DatabaseError as exc:
            self._failed(exc)
            return False

    def get(self, sha256: str, reader: str) -> Outcome | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT body FROM documents WHERE sha256 = ? AND version = ? AND reader = ?",
                (sha256, self.version, reader),
            ).fetchone()
        except sqlite3.DatabaseError as exc:
            self._failed(exc)
            return None
        if row is None:
            return None
        try:
            value = pickle.loads(row[0])
        except Exception:
            return None
        return value if isinstance(value, Document | str) else None

    def put(self, sha256: str, reader: str, outcome: Outcome) -> None:
        if self._db is None:
            return
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.execute(
                    "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?)",
                    (sha256, self.version, reader, pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)),
                )
        except sqlite3.DatabaseError as exc:
            self._failed(exc)

    # --- linking ------------------------------------------------------------------------------

    def get_links(self, folder: str, key: str) -> list[tuple[str, str | None, str | None, str]] | None:
        """The last linking of `folder` if it was computed from inputs with this key."""
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT body FROM links WHERE folder = ? AND key = ?", (folder, key)).fetchone()
            value = pickle.loads(row[0]) if row else None
        except sqlite3.DatabaseError as exc:
            self._failed(exc)
            return None
        except Exception:
            return None
        return value if isinstance(value, list) else None

    def put_links(self, folder: str, key: str, links: list[tuple[str, str | None, str | None, str]]) -> None:
        if self._db is None:
            return
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.execute("INSERT OR REPLACE INTO links VALUES (?, ?, ?)",
                                 (folder, key, pickle.dumps(links, protocol=pickle.HIGHEST_PROTOCOL)))
        except sqlite3.DatabaseError as exc:
            self._failed(exc)

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None

    def __enter__(self) -> DocumentCache:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()
