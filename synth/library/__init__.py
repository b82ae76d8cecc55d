"""The library stage: every readable file of a folder as a Document, linked to its BibTeX entry.

Files are read in sorted order through a content-hash cache; files that cannot be used are kept
as SkippedFile with a human reason, broken BibTeX blocks as BibProblem. The fingerprint changes
whenever a file, a .bib file or the extractor version changes, and only then.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
from pathlib import Path, PurePosixPath

from synth.library.base import EXTRACTOR_VERSION, Reader, Unreadable
from synth.library.bibtex import parse_bibtex
from synth.library.cache import DocumentCache, Outcome
from synth.library.link import link
from synth.library.markdown import MarkdownReader
from synth.library.pdf import PdfReader
from synth.library.text import TextReader
from synth.models import BibEntry, BibProblem, Document, Library, PassageKind, SkippedFile

__all__ = ["EXTRACTOR_VERSION", "READERS", "LibraryError", "Reader", "Unreadable", "load_library", "reader_for"]

log = logging.getLogger("synth")

READERS: tuple[Reader, ...] = (PdfReader(), MarkdownReader(), TextReader())


class LibraryError(Exception):
    """The library folder itself is unusable (missing, not a folder): the build cannot go on."""


def reader_for(path: str) -> Reader | None:
    suffix = PurePosixPath(path).suffix.lower()
    return next((reader for reader in READERS if suffix in reader.formats), None)


def _walk(root: Path) -> tuple[list[str], list[str]]:
    """Readable files and .bib files under root, as sorted root-relative POSIX paths.

    Hidden files and folders (`.git`, `.DS_Store`, a cache inside the library) are ignored.
    """
    files: list[str] = []
    bibs: list[str] = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in names:
            if name.startswith("."):
                continue
            relative = (Path(folder) / name).relative_to(root).as_posix()
            if name.lower().endswith(".bib"):
                bibs.append(relative)
            elif reader_for(name) is not None:
                files.append(relative)
    return sorted(files), sorted(bibs)


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


def _read(reader: Reader, path: Path, doc_id: str, data: bytes) -> tuple[Outcome, bool]:
    """(document or skip reason, whether the outcome may be cached)."""
    try:
        return reader.read(path, doc_id, data), True
    except Unreadable as exc:
        return exc.reason, True
    except Exception as exc:
        log.debug("reader %s failed on %s", reader.name, path, exc_info=True)
        message = f"could not be read ({type(exc).__name__}: {exc})"
        return (message if len(message) <= 200 else message[:197] + "..."), False


def _check(document: Document) -> str | None:
    """A reason to distrust a reader's output: any text passage that is not the slice it claims."""
    for passage in document.passages:
        if passage.kind is not PassageKind.TABLE_ROW and document.text[passage.start:passage.end] != passage.text:
            return f"internal error: passage {passage.ordinal} does not match the document text"
    return None


def load_library(root: Path, cache_dir: Path) -> Library:
    """Read every .pdf/.md/.markdown/.txt under `root` and every .bib file, and link them."""
    root = Path(root)
    if not root.exists():
        raise LibraryError(f"library folder {root} does not exist")
    if not root.is_dir():
        raise LibraryError(f"library path {root} is not a folder")
    files, bibs = _walk(root)
    fingerprint: list[bytes] = [f"extractor {EXTRACTOR_VERSION}\n".encode()]
    documents: list[Document] = []
    skipped: list[SkippedFile] = []
    with DocumentCache(Path(cache_dir)) as cache:
        for relative in files:
            path = root / relative
            try:
                data = path.read_bytes()
            except OSError as exc:
                skipped.append(SkippedFile(relative, f"cannot read file: {exc.strerror or exc}"))
                fingerprint.append(f"file {relative} unreadable\n".encode())
                continue
            digest = hashlib.sha256(data).hexdigest()
            fingerprint.append(f"file {relative} {digest}\n".encode())
            reader = reader_for(relative)
            assert reader is not None
            outcome = cache.get(digest, reader.name)
            if outcome is None:
                outcome, cacheable = _read(reader, path, relative, data)
                if isinstance(outcome, Document):
                    problem = _check(outcome)
                    outcome, cacheable = (problem, False) if problem else (outcome, cacheable)
                if cacheable:
                    cache.put(digest, reader.name, outcome)
            if isinstance(outcome, str):
                skipped.append(SkippedFile(relative, outcome))
            else:
                documents.append(relabel(outcome, relative, path.as_posix()))
    entries, problems = _bibliography(root, bibs, fingerprint)
    sources = link(entries, documents)
    return Library(
        root=root.as_posix(),
        sources=tuple(sources),
        skipped=tuple(skipped),
        bib_problems=tuple(problems),
        fingerprint=hashlib.sha256(b"".join(fingerprint)).hexdigest(),
    )


def _bibliography(root: Path, bibs: list[str], fingerprint: list[bytes]) -> tuple[list[BibEntry], list[BibProblem]]:
    """Entries of every .bib file (the first definition of a key wins) and their problems, paths relative to root.

    Each file's bytes are added to `fingerprint`, so editing a .bib file invalidates cached reports.
    """
    entries: list[BibEntry] = []
    problems: list[BibProblem] = []
    seen: dict[str, str] = {}
    for relative in bibs:
        path = root / relative
        try:
            fingerprint.append(f"bib {relative}\n".encode() + path.read_bytes() + b"\n")
        except OSError:
            fingerprint.append(f"bib {relative} unreadable\n".encode())
        file_entries, file_problems = parse_bibtex(path)
        problems.extend(dataclasses.replace(p, path=relative) for p in file_problems)
        for entry in file_entries:
            if entry.key in seen:
                problems.append(BibProblem(relative, entry.line, f"duplicate key '{entry.key}' (already defined in "
                                                                 f"{seen[entry.key]}): this entry is skipped"))
                continue
            seen[entry.key] = relative
            entries.append(entry)
    return entries, problems

