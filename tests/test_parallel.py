"""Parallel ingestion gives exactly the serial result, whatever order the workers finish in."""

from __future__ import annotations

import concurrent.futures
import shutil
from pathlib import Path

import pytest
from pdfs import make_pdf

import synth.library as library_module
from synth.library import LoadStats, load_library
from synth.library.pdf import PdfReader
from synth.models import Document, Library

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """Several PDFs of different sizes (so completion order differs from submission order), a
    duplicate, a broken one, and text files that are read in the main process."""
    folder = tmp_path / "library"
    (folder / "sub").mkdir(parents=True)
    for n in range(6):
        pages = [f"Paper {n} page {p}: the model{n} scores {n}.{p} on Bench{p}. " * (1 + 20 * (n % 3))
                 for p in range(1 + n % 4)]
        (folder / f"paper{n}.pdf").write_bytes(make_pdf(pages, f"Paper Number {n} About Models"))
    shutil.copy(folder / "paper1.pdf", folder / "sub" / "copy-of-paper1.pdf")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really")
    (folder / "notes.md").write_text("# Notes\n\nmodel3 is discussed here.\n", encoding="utf-8")
    (folder / "plain.txt").write_text("Plain notes\n\nNothing else.\n", encoding="utf-8")
    (folder / "refs.bib").write_text("@misc{p2, title = {Paper Number 2 About Models}}\n", encoding="utf-8")
    return folder


def _documents(library: Library) -> list[Document]:
    return [handle.load() for handle in library.documents]


def test_parallel_load_equals_serial_load_document_for_document(root: Path, tmp_path: Path) -> None:
    serial_stats, parallel_stats = LoadStats(), LoadStats()
    serial = load_library(root, tmp_path / "serial", jobs=1, stats=serial_stats)
    parallel = load_library(root, tmp_path / "parallel", jobs=2, stats=parallel_stats)
    assert serial_stats.workers == 1 and parallel_stats.workers == 2  # PDFs are always read in a worker
    assert _documents(parallel) == _documents(serial)
    assert parallel == serial
    assert [s.path for s in parallel.skipped] == ["broken.pdf"]
    # the duplicate was extracted once and relabelled
    assert parallel_stats.files == 10 and parallel_stats.read == serial_stats.read == 10
    assert parallel_stats.extracted == serial_stats.extracted == 9
    cached_stats = LoadStats()
    assert load_library(root, tmp_path / "parallel", jobs=2, stats=cached_stats) == serial
    assert cached_stats.read == 0 and cached_stats.workers == 0


def test_completion_order_does_not_matter(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    serial = load_library(root, tmp_path / "serial", jobs=1)
    original = concurrent.futures.as_completed

    def reversed_order(futures):  # type: ignore[no-untyped-def]
        pending = list(futures)
        concurrent.futures.wait(pending)
        return list(original(pending))[::-1] if len(pending) < 2 else pending[::-1]

    monkeypatch.setattr(library_module.concurrent.futures, "as_completed", reversed_order)
    assert load_library(root, tmp_path / "reversed", jobs=3) == serial


def test_a_reader_crash_in_a_worker_skips_only_that_file(root: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    original = PdfReader.read

    def crash_on_paper4(self: PdfReader, path: Path, doc_id: str, data: bytes) -> Document:
        if doc_id == "paper4.pdf":
            raise RuntimeError("unexpected layout")
        return original(self, path, doc_id, data)

    with monkeypatch.context() as patch:
        patch.setattr(PdfReader, "read", crash_on_paper4)  # inherited by the forked workers
        stats = LoadStats()
        library = load_library(root, tmp_path / "cache", jobs=2, stats=stats)
    assert stats.workers == 2
    assert {s.path: s.reason for s in library.skipped}["paper4.pdf"] == \
        "could not be read (RuntimeError: unexpected layout)"
    again = load_library(root, tmp_path / "cache", jobs=2)  # a crash is never cached
    assert "paper4.pdf" not in {s.path for s in again.skipped}


def test_progress_callbacks_see_every_file_once(root: Path, tmp_path: Path) -> None:
    seen: list[tuple[str, str]] = []
    totals: list[int] = []
    load_library(root, tmp_path / "cache", jobs=2, on_start=totals.append,
                 on_file=lambda path, status: seen.append((path, status)))
    assert totals == [10]
    assert sorted(path for path, _ in seen) == sorted(
        ["broken.pdf", "notes.md", "plain.txt", "sub/copy-of-paper1.pdf"] + [f"paper{n}.pdf" for n in range(6)])
    assert dict(seen)["broken.pdf"] == "skipped" and dict(seen)["paper0.pdf"] == "read"


def test_parallel_equals_serial_on_real_pdfs(tmp_path: Path) -> None:
    folder = SHARED / "corpus" / "pdfs"
    if not folder.is_dir():
        pytest.skip("../shared/corpus/pdfs not present")
    root = tmp_path / "library"
    root.mkdir()
    for path in sorted(folder.glob("*.pdf"), key=lambda p: p.stat().st_size)[:5]:
        shutil.copy(path, root / path.name)
    serial = load_library(root, tmp_path / "serial", jobs=1)
    parallel = load_library(root, tmp_path / "parallel", jobs=2)
    assert _documents(parallel) == _documents(serial) and parallel == serial
