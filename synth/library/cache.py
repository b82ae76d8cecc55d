"""Content-hash cache of read documents, in SQLite at `cache_dir/documents.sqlite`.

The key is (file sha256, EXTRACTOR_VERSION, reader name), so a changed file, a new extractor
version or another reader never reuses a stale result; renaming a file still hits the cache (the
caller re-labels the document). A damaged cache is deleted and rebuilt, never trusted.
"""

from __future__ import annotations

import contextlib
import logging
import pickle
import sqlite3
from pathlib import Path
from types import TracebackType

from synth.library.base import EXTRACTOR_VERSION
from synth.models import Document

log = logging.getLogger("synth")

CACHE_FILE = "documents.sqlite"
# A cached outcome: the document, or the reason the file was skipped.
Outcome = Document | str


def _busy(exc: Exception) -> bool:
    """Another synth process holds the database: wait for nothing and delete nothing."""
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc))


class DocumentCache:
    """One connection for the whole library load; each write is committed at once (short locks)."""

    def __init__(self, cache_dir: Path) -> None:
        self.path = cache_dir / CACHE_FILE
        self._db: sqlite3.Connection | None = None
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            self._db = self._open()
        except OSError as exc:
            log.debug("document cache disabled: %s", exc)
        except sqlite3.DatabaseError as exc:
            self._failed(exc)

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        try:
            db.execute(
                "CREATE TABLE IF NOT EXISTS documents (sha256 TEXT, version TEXT, reader TEXT, body BLOB, "
                "PRIMARY KEY (sha256, version, reader))"
            )
            db.execute("SELECT count(*) FROM documents").fetchone()
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
        for suffix in ("", "-journal", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        try:
            self._db = self._open()
        except (OSError, sqlite3.DatabaseError) as error:
            log.debug("document cache disabled: %s", error)
            self._db = None

    def get(self, sha256: str, reader: str) -> Outcome | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT body FROM documents WHERE sha256 = ? AND version = ? AND reader = ?",
                (sha256, EXTRACTOR_VERSION, reader),
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
                self._db.execute(
                    "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?)",
                    (sha256, EXTRACTOR_VERSION, reader, pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)),
                )
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
