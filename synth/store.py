"""One small SQLite store for every cache: JSON values in named tables, checked when read back.

The caches used to pickle Python objects, so whoever could write `.synth-cache/` (a cache shared
between CI runs, say) ran code in the next build. A store holds only JSON text; the caller turns it
back into typed objects with a decoder that checks every field (synth.serialize), and a row that
does not decode is a miss, deleted and computed again. A database that cannot be read, or that was
written under another schema, is deleted and started again: deleting the cache only costs time.

Each table is (key, scope, body, used): `scope` groups rows (the extractor version of a document,
the folder of a file hash), `used` is the number of the last opening of the store that read or wrote
the row, so `prune` can forget rows no recent build used, or every scope but the most recent ones.
Reads are recorded in memory and written in one transaction by `prune` or `close`.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

log = logging.getLogger("synth")

T = TypeVar("T")
# The layout of the tables below; with the caller's schema it forms the database's user_version.
STORE_FORMAT = 1


def _busy(exc: Exception) -> bool:
    """Another synth process holds the database: wait for nothing and delete nothing."""
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc))


class Store:
    """A SQLite file of JSON rows in the tables named at creation.

    `schema` is the caller's version of what its values mean: a file written under another one (or
    by an older synth, or not a database at all) is rebuilt, never read. Every failure degrades to
    "not cached": a store that cannot be opened (read-only folder, another process busy) answers
    every get with None and ignores every put.
    """

    def __init__(self, path: Path, schema: int, tables: Sequence[str]) -> None:
        self.path = path
        self.version = STORE_FORMAT * 1000 + schema
        self.tables = tuple(tables)
        self.generation = 0
        self._touched: dict[str, set[str]] = {table: set() for table in self.tables}
        self._db: sqlite3.Connection | None = None
        for table in self.tables:
            if not table.isidentifier():
                raise ValueError(f"bad table name {table!r}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = self._open()
        except OSError as exc:
            log.debug("cache %s disabled: %s", path, exc)
        except sqlite3.DatabaseError as exc:
            self._failed(exc)

    # --- opening, and rebuilding what cannot be trusted ---------------------------------------

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            if db.execute("PRAGMA user_version").fetchone()[0] != self.version or not self._has_tables(db):
                with db:
                    db.execute("BEGIN IMMEDIATE")
                    existing = [name for (name,) in db.execute(
                        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
                    for name in existing:
                        db.execute(f'DROP TABLE IF EXISTS "{name}"')
                    for table in self.tables:
                        db.execute(f"CREATE TABLE {table} (key TEXT PRIMARY KEY, scope TEXT NOT NULL, "
                                   "body TEXT NOT NULL, used INTEGER NOT NULL)")
                        db.execute(f"CREATE INDEX {table}_scope ON {table} (scope)")
                    db.execute("CREATE TABLE generation (number INTEGER NOT NULL)")
                    db.execute("INSERT INTO generation VALUES (0)")
                    db.execute(f"PRAGMA user_version = {self.version}")
            with db:
                db.execute("BEGIN IMMEDIATE")
                db.execute("UPDATE generation SET number = number + 1")
                number = db.execute("SELECT number FROM generation").fetchone()
            if not number or type(number[0]) is not int:
                raise sqlite3.DatabaseError("generation counter is missing")
            self.generation = number[0]
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _has_tables(self, db: sqlite3.Connection) -> bool:
        """The tables this store expects exist with exactly the expected columns."""
        for table in (*self.tables, "generation"):
            columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
            expected = ["number"] if table == "generation" else ["key", "scope", "body", "used"]
            if columns != expected:
                return False
        return True

    def _failed(self, exc: sqlite3.DatabaseError) -> None:
        """Delete a damaged database and start an empty one; a busy one is left alone and not used."""
        self._close_connection()
        if _busy(exc):
            log.debug("cache %s busy, not used this time: %s", self.path, exc)
            return
        log.warning("cache %s was unreadable (%s): rebuilding it", self.path, exc)
        for suffix in ("", "-journal", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        try:
            self._db = self._open()
        except (OSError, sqlite3.DatabaseError) as error:
            log.debug("cache %s disabled: %s", self.path, error)
            self._db = None

    def _run(self, action: Callable[[sqlite3.Connection], T], default: T) -> T:
        """Run one database action; a damaged database is rebuilt and `default` returned."""
        if self._db is None:
            return default
        try:
            return action(self._db)
        except sqlite3.DatabaseError as exc:
            self._failed(exc)
            return default

    def _check(self, table: str) -> None:
        if table not in self._touched:
            raise KeyError(f"{self.path.name} has no table {table!r}")

    # --- rows ---------------------------------------------------------------------------------

    def get(self, table: str, key: str, decode: Callable[[Any], T]) -> T | None:
        """The value stored under `key`, as `decode` builds it from the JSON data; None when absent
        or when the row does not decode (a damaged or foreign row: it is deleted)."""
        self._check(table)
        row = self._run(lambda db: db.execute(f"SELECT body FROM {table} WHERE key = ?", (key,)).fetchone(), None)
        if row is None:
            return None
        try:
            if type(row[0]) is not str:
                raise ValueError("body is not text")
            value = decode(json.loads(row[0]))
        except (ValueError, TypeError, KeyError, RecursionError) as exc:
            log.debug("cache %s: row %s of %s is unusable (%s): dropped", self.path.name, key, table, exc)
            self.delete(table, [key])
            return None
        self._touched[table].add(key)
        return value

    def has(self, table: str, key: str) -> bool:
        self._check(table)
        return self._run(lambda db: db.execute(f"SELECT 1 FROM {table} WHERE key = ?", (key,)).fetchone(),
                         None) is not None

    def touch(self, table: str, key: str) -> None:
        """Count a row as used by this opening without reading it (it belongs with one that was)."""
        self._check(table)
        self._touched[table].add(key)

    def put(self, table: str, key: str, value: Any, scope: str = "") -> None:
        """Store `value` (JSON data: dicts, lists, strings, numbers, booleans, None) under `key`."""
        self._check(table)
        body = json.dumps(value, separators=(",", ":"))

        def write(db: sqlite3.Connection) -> None:
            with db:
                db.execute("BEGIN IMMEDIATE")
                db.execute(f"INSERT OR REPLACE INTO {table} VALUES (?, ?, ?, ?)", (key, scope, body, self.generation))
        self._run(write, None)

    def put_many(self, table: str, rows: Iterable[tuple[str, str, Any]], drop_scope: str | None = None,
                 keep: set[str] | None = None) -> None:
        """Store (key, scope, value) rows in one transaction; with `drop_scope`, first delete that
        scope's rows whose key is not in `keep`."""
        self._check(table)
        encoded = [(key, scope, json.dumps(value, separators=(",", ":")), self.generation)
                   for key, scope, value in rows]

        def write(db: sqlite3.Connection) -> None:
            with db:
                db.execute("BEGIN IMMEDIATE")
                if drop_scope is not None:
                    gone = [key for (key,) in db.execute(f"SELECT key FROM {table} WHERE scope = ?", (drop_scope,))
                            if key not in (keep or set())]
                    db.executemany(f"DELETE FROM {table} WHERE key = ?", [(key,) for key in gone])
                db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?, ?, ?)", encoded)
        self._run(write, None)

    def scope(self, table: str, scope: str, decode: Callable[[Any], T]) -> dict[str, T]:
        """Every row of one scope that decodes, by key (rows that do not are skipped)."""
        self._check(table)
        rows = self._run(lambda db: db.execute(f"SELECT key, body FROM {table} WHERE scope = ?",
                                               (scope,)).fetchall(), [])
        found: dict[str, T] = {}
        for key, body in rows:
            try:
                found[key] = decode(json.loads(body))
            except (ValueError, TypeError, KeyError, RecursionError):
                continue
        return found

    def delete(self, table: str, keys: Iterable[str]) -> None:
        self._check(table)
        doomed = [(key,) for key in keys]

        def write(db: sqlite3.Connection) -> None:
            with db:
                db.execute("BEGIN IMMEDIATE")
                db.executemany(f"DELETE FROM {table} WHERE key = ?", doomed)
        self._run(write, None)

    # --- forgetting -----------------------------------------------------------------------------

    def _flush(self) -> None:
        """Record this opening's generation on every row it read."""
        touched = {table: keys for table, keys in self._touched.items() if keys}
        if not touched or self._db is None:
            return

        def write(db: sqlite3.Connection) -> None:
            with db:
                db.execute("BEGIN IMMEDIATE")
                for table, keys in touched.items():
                    db.executemany(f"UPDATE {table} SET used = ? WHERE key = ?",
                                   [(self.generation, key) for key in sorted(keys)])
        self._run(write, None)
        for keys in self._touched.values():
            keys.clear()

    def prune(self, table: str, keep_generations: int | None = None, keep_scopes: int | None = None) -> None:
        """Forget rows no opening among the last `keep_generations` used, and rows of every scope but
        the `keep_scopes` most recently used ones."""
        self._check(table)
        self._flush()

        def write(db: sqlite3.Connection) -> None:
            with db:
                db.execute("BEGIN IMMEDIATE")
                if keep_generations is not None:
                    db.execute(f"DELETE FROM {table} WHERE used <= ?", (self.generation - keep_generations,))
                if keep_scopes is not None:
                    stale = [scope for (scope,) in db.execute(
                        f"SELECT scope FROM {table} GROUP BY scope ORDER BY max(used) DESC, scope "
                        "LIMIT -1 OFFSET ?", (keep_scopes,))]
                    db.executemany(f"DELETE FROM {table} WHERE scope = ?", [(s,) for s in stale])
        self._run(write, None)

    # --- closing --------------------------------------------------------------------------------

    def _close_connection(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None

    def close(self) -> None:
        self._flush()
        self._close_connection()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

