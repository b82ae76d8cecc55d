"""Documents are read from the store on demand: the memory a build holds for its documents does not
grow with how many documents the library has (synth.library.documents)."""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

import pytest
from pdfs import make_pdf

from synth.build import build
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


def _cold_pdf_load_peak(folder: Path, cache: Path, count: int) -> int:
    """Peak traced memory of this process while a cold load reads `count` PDFs (~30 KB of text each)
    in its reader process: what the build keeps of each result while the others are read."""
    folder.mkdir(parents=True)
    for n in range(count):
        pages = [f"Paper {n}, page {p}: model{n}x{p} reaches {n}.{p} points on bench{p % 7} after training "
                 f"on {p * 3} billion tokens, as study {n} reports. " * 40 for p in range(6)]
        (folder / f"paper{n:03d}.pdf").write_bytes(make_pdf(pages, f"Study {n} of models"))
    return _peak_while(lambda: load_library(folder, cache, jobs=1))


def test_a_cold_load_holds_each_pdf_read_only_until_it_is_stored(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader processes' results (whole Documents) are put in the store and dropped as they
    arrive, not kept by their futures until the last file is read: at 2,624 PDFs holding them all
    made the library stage the build's peak (1.1 GB)."""
    # A file is read with a buffer of its size budget (256 MB by default: address space, not resident,
    # but tracemalloc counts it and it would be the whole peak).
    monkeypatch.setenv("SYNTH_MAX_FILE_MB", "1")
    small = _cold_pdf_load_peak(tmp_path / "lib6", tmp_path / "cache6", 6)
    large = _cold_pdf_load_peak(tmp_path / "lib24", tmp_path / "cache24", 24)
    per_document = (large - small) / 18
    # Each of these Documents is ~67 KB as objects (the peak grew by that per PDF when every result
    # was held); a head (title, sizes, opening text) is a few KB.
    assert per_document < 20_000, f"{per_document:.0f} bytes of peak memory per added PDF"


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
    """The plan and verification read the tables of documents whose text they do not read: tables
    outlive their document's text in a cache of their own, so walking them again decodes no
    document, and all stages get the same Table objects (one copy in memory, not one per stage)."""
    monkeypatch.setenv("SYNTH_DOCUMENT_CACHE_MB", "0.02")  # one ~60 KB document, the five small tables
    root = tmp_path / "lib"
    root.mkdir()
    prose = "Some prose about the model and how it was trained. " * 300
    for n in range(5):
        (root / f"t{n}.md").write_text(f"# Paper {n}\n\nTable 1: scores\n\n| Model | MMLU |\n|---|---|\n"
                                       f"| M{n} | {n}.5 |\n\n{prose}M{n}.\n", encoding="utf-8")
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


def test_tables_held_stay_within_the_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables leave the cache least recently used first: walking every table of a library holds about
    the budget's worth of them, not the library's."""
    monkeypatch.setenv("SYNTH_DOCUMENT_CACHE_MB", "0.05")
    root = _write_tables_library(tmp_path / "lib", 12, rows=60)
    library = load_library(root, tmp_path / "cache", jobs=1)
    loader = library.documents[0].loader
    walked = [len(d.tables[0].rows) for d in library.documents]
    assert walked == [61 if n == 3 else 60 for n in range(12)]
    assert loader.held_table_bytes <= 0.05 * 2**20 + 40_000  # type: ignore[attr-defined]
    decoded = loader.decoded  # type: ignore[attr-defined]
    assert library.documents[-1].tables is library.documents[-1].tables  # the last ones are still held
    assert loader.decoded == decoded  # type: ignore[attr-defined]
    first = library.documents[0].tables
    assert loader.decoded == decoded + 1  # type: ignore[attr-defined]  # the first left: read again
    assert first == library.documents[0].load().tables


def _write_tables_library(folder: Path, count: int, rows: int) -> Path:
    """Markdown papers, each with some prose and a results table of `rows` baselines (the same names
    in every paper, as papers share baselines) on four benchmarks (MMLU and HumanEval in the first five
    papers only, so a question about them names a fixed number of tables); paper 3 also reports Kestrel."""
    folder.mkdir(parents=True)
    for n in range(count):
        benchmarks = "MMLU | HumanEval | GSM8K | MATH" if n < 5 else "ARC | HellaSwag | PIQA | BoolQ"
        body = [f"| Baseline-{r} | {r}.{n % 10} | {r + 1}.5 | {r + 2}.25 | {n}.{r % 10} |" for r in range(rows)]
        if n == 3:
            body.insert(7, "| Kestrel | 7.3 | 41.5 | 62.25 | 3.5 |")
        prose = f"Baseline-1 was trained on {n + 1} trillion tokens of web text and code, as study {n} reports. " * 40
        (folder / f"paper{n:04d}.md").write_text(
            f"# Study {n} of scaling\n\n{prose}\n\nTable 1: Results on benchmarks\n\n"
            f"| Model | {benchmarks} |\n|---|---|---|---|---|\n" + "\n".join(body) + "\n",
            encoding="utf-8")
    return folder


def _build_peak(project: Path, library: Path) -> int:
    """Peak traced memory of a full build (library, index, reports and site) with the documents in the
    store: the reports' cache is cleared first, so every question is made again."""
    cache = project / ".synth-cache"
    for old in cache.glob("reports.sqlite*"):
        old.unlink()

    def run() -> None:
        build([], project / "docs" / "reports", project / "docs", cache, library_override=library, jobs=1)

    return _peak_while(run)


def test_a_full_build_holds_the_same_memory_for_4x_the_documents(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every stage of a full build (index, plan, retrieval, verification, answer, source pages) reads
    documents and their tables through the bounded caches: 4x the documents, each with a 1,000-cell
    table, add only their light records (heads, one source page each) to the peak. The question names
    a fixed number of tables, as a claim naming every table of the library makes verification hold
    all of them by construction."""
    monkeypatch.setenv("SYNTH_DOCUMENT_CACHE_MB", "1")
    for old in (project / "reports").glob("*.yaml"):
        old.unlink()
    (project / "reports" / "scores.yaml").write_text(
        "title: Scores\nquestion: What does Kestrel score on MMLU and HumanEval?\n"
        "claims:\n  - Kestrel scores 7.3 on MMLU.\n", encoding="utf-8")
    peaks = {}
    for count in (20, 80):
        library = _write_tables_library(project / f"lib{count}", count, rows=200)
        build([], project / "docs" / "reports", project / "docs", project / ".synth-cache",
              library_override=library, jobs=1)  # cold: the documents go to the store, the index is built
        peaks[count] = _build_peak(project, library)
    page = (project / "docs" / "reports" / "scores" / "index.md").read_text(encoding="utf-8")
    assert "7.3" in page  # the report did read the tables
    # Each added document's table alone costs ~75 KB as Table objects (1,000 cells: what every table
    # read stayed in memory for, the source pages reading every document); its head (opening text),
    # source page and the site's list of sources ~23 KB.
    per_document = (peaks[80] - peaks[20]) / 60
    assert per_document < 40_000, f"{per_document:.0f} bytes of peak memory per added document"


def test_a_text_printed_again_is_decoded_and_counted_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Copies of one paper (two files, one text) are decoded and counted once by the vocabulary: its counts over
    documents' texts are kept by the text's digest in the index (synth.termindex), and equal a count in each."""
    monkeypatch.setenv("SYNTH_DOCUMENT_CACHE_MB", "0.0001")  # one document held: every other read decodes
    root = tmp_path / "lib"
    root.mkdir()
    for n in range(3):
        text = f"# Paper {n}\n\nModel{n} has a weight decay of 0.{n + 1}; Model{n} beats Model{(n + 1) % 3}.\n"
        for copy in range(2):
            (root / f"p{n}-{copy}.md").write_text(text, encoding="utf-8")
    library = load_library(root, tmp_path / "cache", jobs=1)
    index = PassageIndex(library, None)
    assert len(set(index.text_digests().values())) == 3 and len(index.text_digests()) == 6
    vocab = Vocabulary(library)
    loader = library.documents[0].loader
    decoded = loader.decoded  # type: ignore[attr-defined]
    counts = {d.doc_id: vocab._mentions(("Model1",), d) for d in library.documents}
    assert loader.decoded - decoded == 3  # type: ignore[attr-defined]
    assert vocab.numeric_phrase("weight decay")
    assert loader.decoded - decoded == 6  # type: ignore[attr-defined]
    assert counts == {d.doc_id: {"p0": 1, "p1": 2, "p2": 0}[d.doc_id[:2]] for d in library.documents}
    index.close()
