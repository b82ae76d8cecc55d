"""The library stage: every readable file of a folder as a Document, linked to its BibTeX entry.

Files are hashed (or recognised by their stat, see cache.py), looked up in the content-hash cache,
and only new or changed files are read: PDFs in a pool of processes when there are several, the
rest in this process. Results are put in sorted path order whatever the order they finished in,
so a parallel load equals a serial one. Files that cannot be used are kept as SkippedFile with a
human reason, broken BibTeX blocks as BibProblem. The fingerprint changes whenever a file, a .bib
file or the extractor changes, and only then.

Memory: the Library holds a handle per document (its head: title, metadata, sizes), never the
documents: their text, passages and tables are read from the store when a stage asks for them,
a bounded amount at a time (synth.library.documents). The raw bytes of at most one file per
process are held at a time.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import functools
import hashlib
import logging
import os
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from synth.confine import FileRefused, read_regular
from synth.library.base import EXTRACTOR_VERSION, Reader, Unreadable, library_warnings
from synth.library.bibtex import parse_bibtex
from synth.library.cache import RACY_NS, DocumentCache, Outcome, StatKey, extractor_key, stat_key
from synth.library.documents import LibraryChanged, StoredDocuments, passage_problem, relabel
from synth.library.link import link
from synth.library.markdown import MarkdownReader
from synth.library.text import TextReader
from synth.library.walk import walk
from synth.library.workers import Budget, failure_reason, pool
from synth.models import BibEntry, BibProblem, Document, DocumentHandle, DocumentHead, Library, SkippedFile, Source

__all__ = ["EXTRACTOR_VERSION", "READERS", "LibraryChanged", "LibraryError", "LoadStats", "Reader", "Unreadable",
           "load_library", "reader_for", "relabel"]

log = logging.getLogger("synth")


class _LazyPdfReader:
    """The PDF reader, imported on first use: pypdf and pypdfium2 cost 0.1 s to import and a warm
    build never reads a PDF."""

    name = "pdf"
    formats = (".pdf",)

    def read(self, path: Path, doc_id: str, data: bytes) -> Document:
        from synth.library.pdf import PdfReader

        return PdfReader().read(path, doc_id, data)


READERS: tuple[Reader, ...] = (_LazyPdfReader(), MarkdownReader(), TextReader())
_BY_NAME = {reader.name: reader for reader in READERS}
# Readers run in budgeted worker processes (C parsers that can crash, hang or explode on a hostile
# file); text and markdown are read in place by linear-time readers, within a smaller size budget.
_PARALLEL_READERS = frozenset({"pdf"})


# What a load keeps of a file: its head (the document is in the store), the document itself (the
# store could not keep it), or the reason it was skipped.
Found = DocumentHead | Document | str


class LibraryError(Exception):
    """The library folder itself is unusable (missing, not a folder): the build cannot go on."""


@dataclass
class LoadStats:
    """What one load did, for progress lines and benchmarks."""

    files: int = 0
    read: int = 0  # files whose outcome was extracted now (copies of one content extracted once)
    extracted: int = 0  # distinct contents extracted
    cached: int = 0
    pages_read: int = 0
    workers: int = 0
    skipped: list[SkippedFile] = field(default_factory=list)
    # path → warnings pypdf (or another reader library) logged while reading that file
    warnings: dict[str, list[str]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def _no_progress(path: str, status: str) -> None:
    """Default observer: `status` is "cached", "read" or "skipped"."""


def reader_for(path: str) -> Reader | None:
    suffix = PurePosixPath(path).suffix.lower()
    return next((reader for reader in READERS if suffix in reader.formats), None)


def _read(reader: Reader, path: Path, doc_id: str, data: bytes) -> tuple[Outcome, bool]:
    """(document or skip reason, whether the outcome may be cached)."""
    try:
        return reader.read(path, doc_id, data), True
    except Unreadable as exc:
        return exc.reason, True
    except MemoryError:
        return "ran out of memory while reading (budget per file: SYNTH_FILE_MEMORY_MB)", False
    except Exception as exc:
        log.debug("reader %s failed on %s:\n%s", reader.name, path, traceback.format_exc())
        message = f"could not be read ({type(exc).__name__}: {exc})"
        return (message if len(message) <= 200 else message[:197] + "..."), False


@dataclass(frozen=True)
class _Task:
    root: str
    relative: str
    reader: str
    limit: tuple[int, str]  # the size budget, and the setting that raises it


@dataclass(frozen=True)
class _Extracted:
    relative: str
    sha256: str
    outcome: Outcome
    cacheable: bool
    warnings: tuple[str, ...]


def _extract(task: _Task) -> _Extracted:
    """Read one file (in a worker process or in place); the digest is of the bytes actually read."""
    path = Path(task.root) / task.relative
    try:
        data = read_regular(path, *task.limit)
    except FileRefused as exc:
        return _Extracted(task.relative, "", str(exc), False, ())
    except OSError as exc:
        return _Extracted(task.relative, "", f"cannot read file: {exc.strerror or exc}", False, ())
    return _extract_data(task, data)


def _extract_on_worker(task: _Task, data: bytes) -> _Extracted:
    """`_extract` on a Dask worker, which is sent the bytes (it need not see the library folder) and
    may run tasks as threads: pdfium is not thread-safe, so one PDF is read at a time per process."""
    from synth.cluster import READ_LOCK

    if task.reader not in _PARALLEL_READERS:
        return _extract_data(task, data)
    with READ_LOCK:
        return _extract_data(task, data)


def _extract_data(task: _Task, data: bytes) -> _Extracted:
    path = Path(task.root) / task.relative
    reader = _BY_NAME[task.reader]
    with library_warnings() as messages:
        outcome, cacheable = _read(reader, path, task.relative, data)
    if isinstance(outcome, Document):
        problem = passage_problem(outcome)
        outcome, cacheable = (problem, False) if problem else (outcome, cacheable)
    return _Extracted(task.relative, hashlib.sha256(data).hexdigest(), outcome, cacheable, tuple(messages))


def default_jobs() -> int:
    """SYNTH_JOBS, else one worker per core."""
    try:
        return max(1, int(os.environ.get("SYNTH_JOBS", "")))
    except ValueError:
        return os.cpu_count() or 1


def load_library(root: Path, cache_dir: Path, *, jobs: int | None = None, stats: LoadStats | None = None,
                 on_start: Callable[[int], None] | None = None,
                 on_file: Callable[[str, str], None] = _no_progress, client: Any = None) -> Library:
    """Read every .pdf/.md/.markdown/.txt under `root` and every .bib file, and link them.

    `jobs` caps the extraction processes (default: SYNTH_JOBS or one per core); with a Dask
    `client` (synth.cluster) new PDFs are read on its workers instead. `stats`, if given, is filled
    in; `on_start(total)` and `on_file(path, status)` report progress.
    """
    root = Path(root)
    if not root.exists():
        raise LibraryError(f"library folder {root} does not exist")
    if not root.is_dir():
        raise LibraryError(f"library path {root} is not a folder")
    stats = stats if stats is not None else LoadStats()
    jobs = default_jobs() if jobs is None else max(1, jobs)
    budget = Budget.from_environment()
    started = time.perf_counter()
    found = walk(root, lambda name: reader_for(name) is not None)
    refused = {relative: reason for relative, reason in found.refused.items() if not relative.lower().endswith(".bib")}
    files, bibs = sorted([*found.files, *refused]), found.bibs
    stats.files = len(files)
    if on_start is not None:
        on_start(len(files))
    absolute_root = root.resolve().as_posix()
    digests: dict[str, str] = {}
    outcomes: dict[str, Found] = dict(refused)
    with DocumentCache(Path(cache_dir)) as cache:
        known = cache.known_digests(absolute_root)
        fresh: list[tuple[str, StatKey, str]] = []
        for relative in found.files:
            digest = _digest(root, relative, absolute_root, known, fresh, _limit(relative, budget))
            if digest.startswith("!"):
                outcomes[relative] = digest[1:]
            else:
                digests[relative] = digest
        cache.remember_digests(absolute_root, fresh, {f"{absolute_root}/{r}" for r in digests})
        stats.seconds["hash"] = time.perf_counter() - started

        todo: dict[tuple[str, str], list[str]] = {}
        for relative, digest in digests.items():
            reader = reader_for(relative)
            assert reader is not None
            if cache.has(digest, reader.name):
                continue
            todo.setdefault((digest, reader.name), []).append(relative)
        started = time.perf_counter()
        for relative in refused:
            on_file(relative, "skipped")
        _extract_all(root, todo, jobs, budget, cache, outcomes, stats, on_file, client)
        stats.seconds["extract"] = time.perf_counter() - started

        started = time.perf_counter()
        for relative, digest in digests.items():
            if relative in outcomes:
                continue
            reader = reader_for(relative)
            assert reader is not None
            head = cache.get_head(digest, reader.name)
            if head is None:  # evicted meanwhile by another synth process, or unloadable: read it here
                _extract_all(root, {(digest, reader.name): [relative]}, 1, budget, cache, outcomes, stats, on_file)
                continue
            outcomes[relative] = head
            stats.cached += 1
            on_file(relative, "skipped" if isinstance(head, str) else "cached")
        stats.seconds["cached"] = time.perf_counter() - started

        loader = _loader(root, Path(cache_dir), budget)
        fingerprint: list[bytes] = [f"extractor {EXTRACTOR_VERSION} {extractor_key()}\n".encode()]
        documents: list[DocumentHandle] = []
        skipped: list[SkippedFile] = []
        for relative in files:
            digest = digests.get(relative)
            fingerprint.append(f"file {relative} {digest or 'unreadable'}\n".encode())
            outcome = outcomes.pop(relative)
            path = (root / relative).as_posix()
            if isinstance(outcome, str):
                skipped.append(SkippedFile(relative, outcome))
            elif isinstance(outcome, Document):  # the store could not keep it: held in memory
                documents.append(DocumentHandle.holding(relabel(outcome, relative, path)))
            else:
                documents.append(DocumentHandle.of_head(dataclasses.replace(outcome, doc_id=relative, path=path),
                                                        loader))
        stats.skipped = skipped
        started = time.perf_counter()
        entries, problems = _bibliography(root, bibs, fingerprint, budget)
        problems.extend(BibProblem(relative, 1, reason) for relative, reason in found.refused.items()
                        if relative.lower().endswith(".bib"))
        sources = _linked(cache, absolute_root, entries, documents)
        stats.seconds["link"] = time.perf_counter() - started
    return Library(
        root=root.as_posix(),
        sources=tuple(sources),
        skipped=tuple(skipped),
        bib_problems=tuple(problems),
        fingerprint=hashlib.sha256(b"".join(fingerprint)).hexdigest(),
    )


def _loader(root: Path, cache_dir: Path, budget: Budget) -> StoredDocuments:
    """The loader of this load's handles: the store, and the file itself when the store lost it."""
    def reader_of(relative: str) -> str:
        reader = reader_for(relative)
        assert reader is not None
        return reader.name

    def reread(handle: DocumentHandle) -> Outcome:
        relative = handle.doc_id
        outcomes: dict[str, Found] = {}
        with DocumentCache(cache_dir) as cache:
            _extract_all(root, {(handle.sha256, reader_of(relative)): [relative]}, 1, budget, cache, outcomes,
                         LoadStats(), _no_progress, heads=False)
        outcome = outcomes[relative]
        return outcome if isinstance(outcome, Document | str) else "not read"

    return StoredDocuments(cache_dir, reader_of, reread)


@functools.cache
def _link_code() -> bytes:
    synth = Path(__file__).resolve().parents[1]
    code = b""
    for name in ("library/link.py", "text.py"):
        with contextlib.suppress(OSError):
            code += (synth / name).read_bytes()
    return hashlib.sha256(code).digest()


def _linked(cache: DocumentCache, folder: str, entries: list[BibEntry],
            documents: list[DocumentHandle]) -> list[Source]:
    """link(entries, documents), reusing the last result for this folder when its inputs are the same.

    Linking compares every entry with every file (0.9 s for 650 files and 77 entries); its inputs
    are the entries, each document's id, content hash and title, and the code of link.py/text.py.
    """
    digest = hashlib.sha256(_link_code() + repr(entries).encode())
    for document in documents:
        digest.update(f"\0{document.doc_id}\0{document.sha256}\0{document.title}\0{document.chars}".encode())
    key = f"{extractor_key()}:{digest.hexdigest()}"
    by_key = {entry.key: entry for entry in entries}
    by_id = {document.doc_id: document for document in documents}
    remembered = cache.get_links(folder, key)
    if remembered is not None:
        try:
            return [Source(name, by_key[entry] if entry else None, by_id[doc] if doc else None, how)
                    for name, entry, doc, how in remembered]
        except KeyError:
            pass
    sources = link(entries, documents)
    cache.put_links(folder, key, [(s.key, s.entry.key if s.entry else None,
                                   s.document.doc_id if s.document else None, s.link) for s in sources])
    return sources


def _limit(relative: str, budget: Budget) -> tuple[int, str]:
    """The size budget of a file and its setting: PDFs are read in budgeted workers, text in the
    build's own process."""
    reader = reader_for(relative)
    if reader is not None and reader.name in _PARALLEL_READERS:
        return budget.max_bytes, "SYNTH_MAX_FILE_MB"
    return budget.max_text_bytes, "SYNTH_MAX_TEXT_MB"


def _digest(root: Path, relative: str, absolute_root: str, known: dict[str, tuple[StatKey, str, int]],
            fresh: list[tuple[str, StatKey, str]], limit: tuple[int, str]) -> str:
    """The file's sha256 (from the stat cache when its stat is unchanged and not racy), or "!reason"."""
    path = root / relative
    absolute = f"{absolute_root}/{relative}"
    try:
        key = stat_key(path.stat())
        remembered = known.get(absolute)
        if remembered is not None:
            old_key, sha, hashed_ns = remembered
            if old_key == key and max(key[1], key[2]) < hashed_ns - RACY_NS:
                return sha
        digest = hashlib.sha256(read_regular(path, *limit)).hexdigest()
    except FileRefused as exc:
        return f"!{exc}"
    except OSError as exc:
        return f"!cannot read file: {exc.strerror or exc}"
    fresh.append((absolute, key, digest))
    return digest


def _extract_all(root: Path, todo: dict[tuple[str, str], list[str]], jobs: int, budget: Budget,
                 cache: DocumentCache, outcomes: dict[str, Found], stats: LoadStats,
                 on_file: Callable[[str, str], None], client: Any = None, heads: bool = True) -> None:
    """Read each distinct (content, reader) once and cache it: PDFs in budgeted worker processes
    (synth.library.workers), or on the workers of a Dask cluster, text and markdown here while the
    workers run. With `heads`, a document the store kept is kept in `outcomes` as its head only,
    so a cold load never holds the library's documents; one the store could not keep stays whole."""
    tasks = {key: _Task(root.as_posix(), paths[0], key[1], _limit(paths[0], budget)) for key, paths in todo.items()}
    parallel = [key for key in tasks if key[1] in _PARALLEL_READERS]
    serial = [key for key in tasks if key not in set(parallel)]

    def finish(key: tuple[str, str], result: _Extracted) -> None:
        found: Found = result.outcome
        if result.cacheable:
            cache.put(result.sha256 or key[0], key[1], result.outcome)
            if heads and isinstance(result.outcome, Document) and cache.has(result.sha256 or key[0], key[1]):
                found = DocumentHead.of(result.outcome)
        if result.warnings:
            stats.warnings[result.relative] = list(result.warnings)
        stats.extracted += 1
        stats.read += len(todo[key])
        if isinstance(result.outcome, Document):
            stats.pages_read += result.outcome.page_count or 0
        for relative in todo[key]:
            outcomes[relative] = found
            on_file(relative, "skipped" if isinstance(result.outcome, str) else "read")

    if not parallel:
        for key in serial:
            finish(key, _extract(tasks[key]))
        return
    stats.workers = min(jobs, len(parallel))
    sizes = {key: _size(root / tasks[key].relative) for key in parallel}
    # Largest first, so one big file does not finish alone at the end.
    order = sorted(parallel, key=lambda k: (-sizes[k], tasks[k].relative))
    if client is not None:
        from synth.cluster import threads

        stats.workers = min(threads(client), len(parallel))
        for key in serial:
            finish(key, _extract(tasks[key]))
        for key, result in _extract_on_cluster(client, root, [tasks[key] for key in order], order, budget):
            finish(key, result)
        return
    with pool(stats.workers, budget) as workers:
        futures = {workers.schedule(_extract, args=(tasks[key],), timeout=budget.seconds): key for key in order}
        for key in serial:
            finish(key, _extract(tasks[key]))
        for future in concurrent.futures.as_completed(futures):
            key = futures.pop(future)  # a finished future holds its whole Document: let it go once stored
            try:
                result = future.result()
            except Exception as error:  # the worker died or ran out of time: this file only
                result = _Extracted(tasks[key].relative, "", failure_reason(error, budget), False, ())
            finish(key, result)


def _extract_on_cluster(client: Any, root: Path, tasks: list[_Task], keys: list[tuple[str, str]],
                        budget: Budget) -> Iterator[tuple[tuple[str, str], _Extracted]]:
    """Each task run on the cluster with the file's bytes, read here (within the same confinement
    and size budget as a local read) as the task is submitted. The cluster's workers run under
    Dask's own memory limits, not synth's per-process budget."""
    from synth.cluster import run_all

    submitted: list[tuple[str, str]] = []
    refused: list[tuple[tuple[str, str], _Extracted]] = []

    def arguments() -> Iterator[tuple[_Task, bytes]]:
        for key, task in zip(keys, tasks, strict=True):
            try:
                data = read_regular(root / task.relative, *task.limit)
            except FileRefused as exc:
                refused.append((key, _Extracted(task.relative, "", str(exc), False, ())))
                continue
            except OSError as exc:
                reason = f"cannot read file: {exc.strerror or exc}"
                refused.append((key, _Extracted(task.relative, "", reason, False, ())))
                continue
            submitted.append(key)
            yield task, data

    by_key = dict(zip(keys, tasks, strict=True))
    for position, result in run_all(client, _extract_on_worker, arguments(), capture_errors=True):
        key = submitted[position]
        if isinstance(result, Exception):  # the task failed on its worker (or the worker died): this file only
            result = _Extracted(by_key[key].relative, "", failure_reason(result, budget), False, ())
        yield key, result
    yield from refused


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _bibliography(root: Path, bibs: list[str], fingerprint: list[bytes],
                  budget: Budget) -> tuple[list[BibEntry], list[BibProblem]]:
    """Entries of every .bib file (the first definition of a key wins) and their problems, paths relative to root.

    Each file's bytes are added to `fingerprint`, so editing a .bib file invalidates cached reports.
    """
    entries: list[BibEntry] = []
    problems: list[BibProblem] = []
    seen: dict[str, str] = {}
    for relative in bibs:
        path = root / relative
        try:
            data = read_regular(path, budget.max_text_bytes, "SYNTH_MAX_TEXT_MB")
            fingerprint.append(f"bib {relative}\n".encode() + data + b"\n")
        except OSError:
            fingerprint.append(f"bib {relative} unreadable\n".encode())
        file_entries, file_problems = parse_bibtex(path, budget.max_text_bytes)
        problems.extend(dataclasses.replace(p, path=relative) for p in file_problems)
        for entry in file_entries:
            if entry.key in seen:
                problems.append(BibProblem(relative, entry.line, f"duplicate key '{entry.key}' (already defined in "
                                                                 f"{seen[entry.key]}): this entry is skipped"))
                continue
            seen[entry.key] = relative
            entries.append(entry)
    return entries, problems

