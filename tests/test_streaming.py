"""Documents are read from the store on demand: the memory a build holds for its documents does not
grow with how many documents the library has (synth.library.documents)."""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

import pytest

from synth.index import PassageIndex
from synth.library import LibraryChanged, load_library
from synth.models import Document, Library
from synth.vocabulary import Vocabulary

# Each file: ~40 KB of text in 80 paragraphs, so holding every document would cost ~MBs per 100 files.
PARAGRAPHS = 80


def _write_library(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True)
    for n in range(count):
        paragraphs = [f"Document {n} paragraph {p}: model{n}x{p} reaches {n}.{p} points on bench{p % 7} "
                      f"after training on {p * 3} billion tokens, as the authors of study {n} report. " * 3
                      for p in range(PARAGRAPHS)]
        (folder / f"doc{n:04d}.txt").write_text(f"Study {n}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return folder


def _walk(library: Library) -> int:
    """Touch every document's text and passages, as a stage that reads the whole library does."""
    total = 0
    for document in library.documents:
        total += len(document.text) + sum(len(p.text) for p in document.passages)
    return total


def _peak_while(action: object) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        action()  # type: ignore[operator]
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_document_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SYNTH_DOCUMENT_CACHE_MB", "1")
    peaks: dict[int, tuple[int, int]] = {}
    texts: dict[int, int] = {}
    for count in (60, 240):
        root = _write_library(tmp_path / f"lib{count}", count)
        cache = tmp_path / f"cache{count}"
        load_library(root, cache, jobs=1)  # cold load: documents go to the store
        loaded: list[Library] = []
        load_peak = _peak_while(lambda: loaded.append(load_library(root, cache, jobs=1)))  # noqa: B023
        library = loaded[0]
        walk_peak = _peak_while(lambda: texts.__setitem__(count, _walk(library)))  # noqa: B023
        peaks[count] = (load_peak, walk_peak)
        index = PassageIndex(library, tmp_path / f"index{count}.sqlite")
        assert len(index.search('"model3x7"')) == 1
        index.close()
    # The documents' text alone: 4x more of it in the larger library.
    assert texts[240] > 3.5 * texts[60] > 3.5 * 2**20
    small, large = peaks[60], peaks[240]
    grown_text = (texts[240] - texts[60]) / 2  # text + passages counted twice in _walk
    # Walking 4x the documents holds no more than the bounded cache plus one document (~1.5 MB).
    assert large[1] < small[1] + 2**20
    assert large[1] < grown_text / 4
    # Loading holds each file's head (title, sizes, its opening 2,000 characters), never its text.
    assert large[0] - small[0] < grown_text / 10


def test_cold_load_holds_heads_not_documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SYNTH_DOCUMENT_CACHE_MB", "1")
    root = _write_library(tmp_path / "lib", 40)
    library = load_library(root, tmp_path / "cache", jobs=1)
    loader = library.documents[0].loader
    assert all(d.loader is loader for d in library.documents)  # one store-backed loader, no document held
    assert loader.decoded == 0  # type: ignore[attr-defined]
    _walk(library)
    assert loader.decoded == 40  # type: ignore[attr-defined]
    assert loader.held_bytes <= 2**20 + max(len(d.text) * 4 for d in library.documents)  # type: ignore[attr-defined]


def test_a_document_lost_from_the_store_is_read_again_from_its_file(tmp_path: Path) -> None:
    root = _write_library(tmp_path / "lib", 3)
    library = load_library(root, tmp_path / "cache", jobs=1)
    expected = library.documents[1].load()
    fresh = load_library(root, tmp_path / "cache", jobs=1)
    (tmp_path / "cache" / "documents.sqlite").unlink()
    assert fresh.documents[1].load() == expected
    (root / "doc0002.txt").write_text("Changed since the library was loaded.\n", encoding="utf-8")
    (tmp_path / "cache" / "documents.sqlite").unlink()
    with pytest.raises(LibraryChanged):
        fresh.documents[2].load()


def test_tables_are_read_once_and_shared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every library-wide stage walks every table: walking them again decodes no document, and all
    stages get the same Table objects (one copy in memory, not one per stage)."""
    monkeypatch.setenv("SYNTH_DOCUMENT_CACHE_MB", "0.001")  # the document cache keeps one document
    root = tmp_path / "lib"
    root.mkdir()
    for n in range(5):
        (root / f"t{n}.md").write_text(f"# Paper {n}\n\nTable 1: scores\n\n| Model | MMLU |\n|---|---|\n"
                                       f"| M{n} | {n}.5 |\n\nSome prose about model M{n}.\n", encoding="utf-8")
    library = load_library(root, tmp_path / "cache", jobs=1)
    loader = library.documents[0].loader
    first = [table for d in library.documents for table in d.tables]
    decoded = loader.decoded  # type: ignore[attr-defined]
    again = [table for d in library.documents for table in d.tables]
    assert len(first) == 5 and decoded == 5
    assert loader.decoded == decoded  # type: ignore[attr-defined]
    assert all(a is b for a, b in zip(first, again, strict=True))
    _walk(library)  # text and passages: decoded again, the cache holding one document
    assert loader.decoded == 10  # type: ignore[attr-defined]
    assert all(d.load().tables[0] is t for d, t in zip(library.documents, first, strict=True))


def test_values_derived_from_a_document_leave_with_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A value computed from a document's text (the plan's folded text for counting mentions) is kept
    in the bounded document cache, so it never stays for the whole library."""
    monkeypatch.setenv("SYNTH_DOCUMENT_CACHE_MB", "0.2")  # about two of these documents
    library = load_library(_write_library(tmp_path / "lib", 12), tmp_path / "cache", jobs=1)
    loader = library.documents[0].loader
    computed: list[str] = []

    def upper(document: Document) -> str:
        computed.append(document.doc_id)
        return document.text.upper()

    first = [d.derived("upper", upper) for d in library.documents]
    assert len(computed) == 12
    assert library.documents[-1].derived("upper", upper) is first[-1]  # the last one is still held
    assert len(computed) == 12
    assert library.documents[0].derived("upper", upper) == first[0]  # the first was dropped with its text
    assert len(computed) == 13
    assert first == [d.load().text.upper() for d in library.documents]
    assert loader.held_bytes <= 0.2 * 2**20 + 2 * max(len(d.text) * 3 for d in library.documents)  # type: ignore[attr-defined]
    vocab = Vocabulary(library)
    counts = {d.doc_id: vocab._mentions(("model3x7",), d) for d in library.documents}
    assert counts == {d.doc_id: 3 if d.doc_id == "doc0003.txt" else 0 for d in library.documents}
