"""Content-hash cache of read documents, in SQLite at `cache_dir/documents.sqlite`.

The key is (file sha256, extractor key, reader name); each document is stored twice: whole, and as
its head (title, metadata, sizes, opening text: synth.models.DocumentHead), so loading a library
reads heads only and a document's text is read when a stage asks for it (synth.library.documents).
The extractor key is EXTRACTOR_VERSION plus a digest of the code that shapes a Document (the
readers, synth/text.py, synth/models/, the PDF table finder) and the versions of the extraction
packages, so a changed file, an edited reader or an upgraded pypdfium2 never reuses a stale
result; renaming a file still hits the cache (the caller
re-labels the document). Documents of the two most recently used extractor keys are kept.

A second table remembers each file's sha256 under its (size, mtime, ctime, inode), as git's index
does, so a warm load stats files instead of hashing gigabytes. A file modified within
`RACY_NS` of the moment it was hashed is hashed again next time (a same-size rewrite within one
clock tick would otherwise keep its stat).

Rows are JSON checked field by field when read (synth.store, synth.serialize), never pickles: a
damaged, foreign or poisoned row is a miss and is read again from the file; a damaged cache, or one
written by another schema version, is deleted and rebuilt. Deleting the cache only ever costs time.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import os
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from synth.library.base import EXTRACTOR_VERSION
from synth.models import Document, DocumentHead
from synth.serialize import from_data, to_data
from synth.store import Store

CACHE_FILE = "documents.sqlite"
# Bump when what the rows mean changes: a cache written under another schema is rebuilt.
SCHEMA_VERSION = 5
# Documents of this many extractor keys are kept (switching between two branches stays warm).
KEEP_VERSIONS = 2
RACY_NS = 2_000_000_000
# A cached outcome: the document, or the reason the file was skipped.
Outcome = Document | str
# What a load reads of a cached outcome: the document's head, or the reason the file was skipped.
HeadOutcome = DocumentHead | str
Record = TypeVar("Record", Document, DocumentHead)
# What a file's stat says about it: (size, mtime_ns, ctime_ns, inode).
StatKey = tuple[int, int, int, int]
# The last linking of a folder: (source key, BibTeX key, doc_id, how they were linked) per source.
Link = tuple[str, str | None, str | None, str]

_SYNTH = Path(__file__).resolve().parents[1]
# Code whose output is a Document, i.e. the readers and what they import: editing any of it
# re-extracts (the library's own __init__/cache/link/bibtex only arrange documents and are left
# out). models/ is in because a cached Document of another shape must never be loaded.
# A package (a folder) counts with every module in it.
_EXTRACTOR_CODE = ("library/base.py", "library/markdown", "library/pdf.py", "library/pagebreaks.py", "library/text.py",
                   "text.py", "models", "pdftables")
_EXTRACTOR_PACKAGES = ("pypdfium2", "pypdf", "ftfy")


@functools.cache
def _code_digest() -> str:
    digest = hashlib.sha256()
    for name in _EXTRACTOR_CODE:
        path = _SYNTH / name
        for module in sorted(path.glob("*.py")) if path.is_dir() else [path]:
            digest.update(module.relative_to(_SYNTH).as_posix().encode() + b"\0")
            with contextlib.suppress(OSError):
                digest.update(module.read_bytes())
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


def _stat_row(data: object) -> tuple[StatKey, str, int]:
    """A remembered file hash: [size, mtime_ns, ctime_ns, inode, sha256, hashed_ns], checked."""
    if (type(data) is not list or len(data) != 6 or not all(type(v) is int for v in data[:4])
            or type(data[4]) is not str or len(data[4]) != 64 or type(data[5]) is not int):
        raise ValueError("not a file hash row")
    return (data[0], data[1], data[2], data[3]), data[4], data[5]


def _decoder(sha256: str, field: str, kind: type[Record]) -> Callable[[object], Record | str]:
    """Decoder of a cached record: {field: …} of exactly this content, or {"skipped": reason}.
    Anything else raises, and the store rebuilds the entry instead of trusting it."""
    def decode(data: object) -> Record | str:
        if type(data) is not dict or len(data) != 1:
            raise ValueError(f"not a cached {field}")
        if "skipped" in data:
            reason = data["skipped"]
            if type(reason) is not str:
                raise ValueError("skip reason is not text")
            return reason
        record = from_data(kind, data[field])
        if record.sha256 != sha256:
            raise ValueError(f"{field} of other content")
        return record
    return decode


def _links(key: str) -> Callable[[object], list[Link]]:
    def decode(data: object) -> list[Link]:
        if type(data) is not dict or data.get("key") != key:
            raise ValueError("links of other inputs")
        return list(from_data(list[tuple[str, str | None, str | None, str]], data["links"]))
    return decode


class DocumentCache:
    """Documents (or skip reasons) by content hash, file hashes by stat, and the last linking of
    each folder, in one Store. One instance serves one library load."""

    def __init__(self, cache_dir: Path) -> None:
        self.version = extractor_key()
        self.store = Store(cache_dir / CACHE_FILE, SCHEMA_VERSION, ("documents", "heads", "files", "links"))

    # --- file hashes --------------------------------------------------------------------------

    def known_digests(self, folder: str) -> dict[str, tuple[StatKey, str, int]]:
        """path → (stat key, sha256, when hashed) for files remembered under `folder` (absolute)."""
        return self.store.scope("files", folder, _stat_row)

    def remember_digests(self, folder: str, rows: list[tuple[str, StatKey, str]], keep: set[str]) -> None:
        """Store fresh (path, stat key, sha256) rows and forget files under `folder` not in `keep`."""
        now = time.time_ns()
        self.store.put_many("files", [(path, folder, [*key, sha, now]) for path, key, sha in rows],
                            drop_scope=folder, keep=keep)

    # --- documents ----------------------------------------------------------------------------

    def _key(self, sha256: str, reader: str) -> str:
        return f"{self.version}:{reader}:{sha256}"

    def has(self, sha256: str, reader: str) -> bool:
        return self.store.has("heads", self._key(sha256, reader))

    def get(self, sha256: str, reader: str) -> Outcome | None:
        """The whole document (or skip reason)."""
        return self.store.get("documents", self._key(sha256, reader), _decoder(sha256, "document", Document))

    def get_head(self, sha256: str, reader: str) -> HeadOutcome | None:
        """The document's head (or skip reason): what loading a library reads. The document counts as
        used too, so pruning keeps the two together."""
        key = self._key(sha256, reader)
        head = self.store.get("heads", key, _decoder(sha256, "head", DocumentHead))
        if head is not None:
            self.store.touch("documents", key)
        return head

    def put(self, sha256: str, reader: str, outcome: Outcome) -> None:
        """Store the outcome: the document first, then its head, so a head is never found without
        its document."""
        key = self._key(sha256, reader)
        if isinstance(outcome, str):
            self.store.put("documents", key, {"skipped": outcome}, scope=self.version)
            self.store.put("heads", key, {"skipped": outcome}, scope=self.version)
            return
        self.store.put("documents", key, {"document": to_data(outcome, exact=True)}, scope=self.version)
        self.store.put("heads", key, {"head": to_data(DocumentHead.of(outcome), exact=True)}, scope=self.version)

    # --- linking ------------------------------------------------------------------------------

    def get_links(self, folder: str, key: str) -> list[Link] | None:
        """The last linking of `folder` if it was computed from inputs with this key."""
        return self.store.get("links", folder, _links(key))

    def put_links(self, folder: str, key: str, links: list[Link]) -> None:
        self.store.put("links", folder, {"key": key, "links": [list(link) for link in links]})

    def close(self) -> None:
        """Forget documents of all but the KEEP_VERSIONS most recently used extractor keys."""
        for table in ("documents", "heads"):
            self.store.prune(table, keep_scopes=KEEP_VERSIONS)
        self.store.close()

    def __enter__(self) -> DocumentCache:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()
