"""Caches at every level: documents, file hashes, the incremental index, reports and pages, and the
no-op stamps. Every assertion is on counters or calls, never on timing."""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from pdfs import make_pdf

import synth.build as build_module
import synth.library as library_module
from synth import stamp as stamp_module
from synth.build import ReportCache, build
from synth.cli import main
from synth.index import PassageIndex, any_of, index_path, phrase
from synth.library import LoadStats, load_library
from synth.library import cache as cache_module
from synth.library.base import repair_page, untouched_by_repair
from synth.library.markdown import MarkdownReader
from synth.library.text import TextReader
from synth.models import Document, Library
from synth.text import repair

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "alpha.txt").write_text("Alpha notes\n\nThe zebrafish model scores 41.5 on TaskOne.\n", encoding="utf-8")
    (folder / "beta.md").write_text("# Beta\n\nThe okapi model scores 12.0 on TaskTwo.\n", encoding="utf-8")
    (folder / "gamma.txt").write_text("Gamma notes\n\nNothing about animals here at all.\n", encoding="utf-8")
    return folder


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """doc_ids the text and markdown readers were actually asked to read."""
    calls: list[str] = []
    for reader in (TextReader, MarkdownReader):
        original = reader.read

        def counting(self: object, path: Path, doc_id: str, data: bytes, _original=original) -> Document:
            calls.append(doc_id)
            return _original(self, path, doc_id, data)

        monkeypatch.setattr(reader, "read", counting)
    return calls


def load(root: Path, cache: Path, **kwargs: object) -> tuple[Library, LoadStats]:
    stats = LoadStats()
    return load_library(root, cache, stats=stats, **kwargs), stats  # type: ignore[arg-type]


# --- document cache ----------------------------------------------------------------------------------


def test_only_new_and_changed_files_are_read(root: Path, tmp_path: Path, reads: list[str]) -> None:
    first, stats = load(root, tmp_path / "cache")
    assert sorted(reads) == ["alpha.txt", "beta.md", "gamma.txt"] and (stats.read, stats.cached) == (3, 0)
    reads.clear()
    again, stats = load(root, tmp_path / "cache")
    assert reads == [] and (stats.read, stats.cached) == (0, 3)
    assert again == first
    (root / "alpha.txt").write_text("Alpha notes\n\nThe zebrafish model scores 99.9 on TaskOne.\n", encoding="utf-8")
    (root / "delta.txt").write_text("Delta notes\n\nA new file.\n", encoding="utf-8")
    edited, stats = load(root, tmp_path / "cache")
    assert sorted(reads) == ["alpha.txt", "delta.txt"] and (stats.read, stats.cached) == (2, 2)
    assert "99.9" in next(d for d in edited.documents if d.doc_id == "alpha.txt").text
    assert edited.fingerprint != first.fingerprint


def test_same_size_rewrite_right_after_hashing_is_seen(root: Path, tmp_path: Path) -> None:
    """A rewrite within one clock tick keeps size and maybe mtime: a recent file is hashed again."""
    load(root, tmp_path / "cache")
    (root / "alpha.txt").write_text("Alpha notes\n\nThe zebrafish model scores 77.7 on TaskOne.\n", encoding="utf-8")
    library, _ = load(root, tmp_path / "cache")
    assert "77.7" in next(d for d in library.documents if d.doc_id == "alpha.txt").text


def test_unchanged_files_are_not_hashed_again(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library_module, "RACY_NS", 0)  # the files were just written: trust them anyway
    load(root, tmp_path / "cache")
    opened: list[str] = []
    original = library_module.read_regular

    def counting(path: Path, *args: object) -> bytes:
        opened.append(path.name)
        return original(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(library_module, "read_regular", counting)
    _, stats = load(root, tmp_path / "cache")
    assert opened == [] and stats.cached == 3
    (root / "gamma.txt").write_text("Gamma notes\n\nNow with a longer sentence about nothing.\n", encoding="utf-8")
    _, stats = load(root, tmp_path / "cache")
    assert opened.count("gamma.txt") >= 1 and "alpha.txt" not in opened and stats.read == 1


def test_deleted_file_disappears(root: Path, tmp_path: Path) -> None:
    first, _ = load(root, tmp_path / "cache")
    (root / "gamma.txt").unlink()
    library, stats = load(root, tmp_path / "cache")
    assert [d.doc_id for d in library.documents] == ["alpha.txt", "beta.md"] and stats.files == 2
    assert library.fingerprint != first.fingerprint
    with sqlite3.connect(tmp_path / "cache" / cache_module.CACHE_FILE) as db:
        remembered = [path for (path,) in db.execute("SELECT key FROM files")]
    assert not any(path.endswith("/gamma.txt") for path in remembered)


def test_extractor_version_or_code_change_rereads(root: Path, tmp_path: Path, reads: list[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    load(root, tmp_path / "cache")
    with monkeypatch.context() as patch:
        patch.setattr(cache_module, "EXTRACTOR_VERSION", "999")
        reads.clear()
        load(root, tmp_path / "cache")
        assert len(reads) == 3
    reads.clear()
    load(root, tmp_path / "cache")  # the previous version is still kept: switching back is free
    assert reads == []
    with monkeypatch.context() as patch:
        patch.setattr(cache_module, "_code_digest", lambda: "reader-code-edited")
        reads.clear()
        load(root, tmp_path / "cache")
        assert len(reads) == 3


def test_corrupt_document_cache_is_rebuilt(root: Path, tmp_path: Path, reads: list[str],
                                           caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logging.getLogger("synth"), "propagate", True)  # `synth` CLI runs turn it off
    first, _ = load(root, tmp_path / "cache")
    for name in os.listdir(tmp_path / "cache"):
        if name.startswith(cache_module.CACHE_FILE):
            (tmp_path / "cache" / name).unlink()
    (tmp_path / "cache" / cache_module.CACHE_FILE).write_bytes(b"SQLite format 3\0" + b"garbage" * 500)
    reads.clear()
    with caplog.at_level(logging.WARNING, logger="synth"):
        library, stats = load(root, tmp_path / "cache")
    assert library == first and stats.read == 3 and len(reads) == 3
    assert "rebuilding" in caplog.text
    reads.clear()
    load(root, tmp_path / "cache")
    assert reads == []


def test_cache_from_an_older_synth_is_rebuilt_not_misread(root: Path, tmp_path: Path, reads: list[str]) -> None:
    """The layout of the first cache (no file table, user_version 0), with a row that would match."""
    cache = tmp_path / "cache"
    cache.mkdir()
    first, _ = load(root, tmp_path / "fresh")
    alpha = next(d for d in first.documents if d.doc_id == "alpha.txt")
    with sqlite3.connect(cache / cache_module.CACHE_FILE) as db:
        db.execute("CREATE TABLE documents (sha256 TEXT, version TEXT, reader TEXT, body BLOB, "
                   "PRIMARY KEY (sha256, version, reader))")
        db.execute("INSERT INTO documents VALUES (?, ?, ?, ?)",
                   (alpha.sha256, cache_module.extractor_key(), "text", b"not a pickle"))
    reads.clear()
    library, _ = load(root, cache)
    assert library == first and len(reads) == 3


def test_linking_is_reused_until_entries_or_files_change(root: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    original = library_module.link

    def counting(entries, documents):  # type: ignore[no-untyped-def]
        calls.append(len(documents))
        return original(entries, documents)

    monkeypatch.setattr(library_module, "link", counting)
    (root / "refs.bib").write_text("@misc{okapi, title = {Beta}}\n", encoding="utf-8")
    first, _ = load(root, tmp_path / "cache")
    again, _ = load(root, tmp_path / "cache")
    assert calls == [3] and again == first
    assert again.source("okapi").document is not None
    (root / "refs.bib").write_text("@misc{okapi, title = {Beta}}\n@misc{other, title = {Gamma notes}}\n",
                                   encoding="utf-8")
    load(root, tmp_path / "cache")
    (root / "epsilon.txt").write_text("Epsilon\n\nMore.\n", encoding="utf-8")
    load(root, tmp_path / "cache")
    assert calls == [3, 3, 4]


# --- repair fast path --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "plain line\r\nsecond line\r\n", "tab\tseparated\n", "Lebr√≥n James\nok line\n", "Plus¬π and more",
    "fish &amp; chips\n", "a < b\nfish &amp; chips é\n", "ﬁnancial ﬂows\n", "control\x07char\n", "\r\r\n\n",
    "mixed “quotes” and — dashes\r\nand ASCII\r\n", "ends without newline", "", "\n\n\n", "x\u2028y\n", "\x1b[31mred\n",
    "caf\u0065\u0301 decomposed\n", "ＦＵＬＬ width\n", "â€œmojibakeâ€\x9d\n",
    "it’s “quoted” – β ∈ 𝑖 zero\ufffeinit\r\n", "Ohm \u2126 and α ≤ 0.5\n", "donâ€™t “stop”\n", "sÃ³ β\n",
    "voilÃ le travail\n", "Ð¿Ñ€Ð¸Ð²ÐµÑ‚ θ\n", "РїСЂРёРІРµС‚\n", "lossy â€\ufffd sequence\n", "C1 \x85 line\n",
    "ĳ digraph and ǆ\n", "zero\u200bwidth and \ufeffbom\n", "\u206aformat\n", "emoji 😀 ok\n",
])
def test_repair_page_equals_repair(text: str) -> None:
    assert repair_page(text) == repair(text)


def test_lines_untouched_by_repair_are_its_fixed_points() -> None:
    """Every character of the Basic Multilingual Plane between two letters: whenever the fast path
    would skip ftfy, `repair` indeed returns the line unchanged."""
    skipped = 0
    for point in range(0x80, 0x10000):
        if 0xD800 <= point < 0xE000:
            continue
        line = f"a{chr(point)} b\n"
        if untouched_by_repair(line):
            skipped += 1
            assert repair(line) == line, hex(point)
    assert skipped > 50_000  # the Greek, math and CJK characters of papers are among them
    assert not any(map(untouched_by_repair, ["sÃ³\n", "ﬁnal\n", "\u2126\n", "fish &amp; chips\n"]))


def test_repair_page_equals_repair_on_real_pages() -> None:
    folder = SHARED / "corpus" / "pdfs"
    if not folder.is_dir():
        pytest.skip("../shared/corpus/pdfs not present")
    import pypdfium2 as pdfium

    for path in sorted(folder.glob("*.pdf"))[:8]:
        document = pdfium.PdfDocument(path.read_bytes())
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            raw = textpage.get_text_range()
            assert repair_page(raw) == repair(raw), f"{path.name} p. {index + 1}"
            textpage.close()
            page.close()
        document.close()


# --- reader warnings ---------------------------------------------------------------------------------


def _pdfium_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """pdfium repairs the shifted cross-reference table silently; pypdf, the fallback reader, warns."""
    import synth.library.pdf as pdf

    def fail(data: bytes, doc_id: str) -> None:
        raise RuntimeError("pdfium cannot read this")

    monkeypatch.setattr(pdf, "_pdfium_pages", fail)


def test_pypdf_warnings_are_counted_not_printed(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                caplog: pytest.LogCaptureFixture,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    _pdfium_fails(monkeypatch)
    folder = tmp_path / "library"
    folder.mkdir()
    data = make_pdf(["The zebrafish model scores 41.5 on TaskOne."])
    broken = re.sub(rb"startxref\s+(\d+)", lambda m: b"startxref\n" + str(int(m.group(1)) + 7).encode(), data)
    (folder / "shifted.pdf").write_bytes(broken)
    (folder / "fine.pdf").write_bytes(make_pdf(["Nothing wrong with this one."]))
    with caplog.at_level(logging.DEBUG):
        library, stats = load(folder, tmp_path / "cache", jobs=1)
    assert [d.doc_id for d in library.documents] == ["fine.pdf", "shifted.pdf"]
    assert list(stats.warnings) == ["shifted.pdf"] and stats.warnings["shifted.pdf"]
    assert "startxref" not in capsys.readouterr().err
    assert not any(r.name.startswith("pypdf") for r in caplog.records)


def test_build_prints_one_summary_line_for_reader_warnings(project: Path, capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    _pdfium_fails(monkeypatch)
    data = make_pdf(["Qwen2.5 notes. LiveCodeBench is mentioned here."])
    broken = re.sub(rb"startxref\s+(\d+)", lambda m: b"startxref\n" + str(int(m.group(1)) + 7).encode(), data)
    for name in ("a.pdf", "b.pdf"):
        (project / "library" / name).write_bytes(broken + name.encode())
    assert main(["build"]) == 0
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if "pypdf" in line]
    assert len(lines) == 1 and re.fullmatch(r"synth: pypdf: \d+ warnings while reading 2 files \(see -v\)", lines[0])
    assert main(["-v", "--cache", ".other-cache", "build"]) == 0
    assert "startxref" in capsys.readouterr().err


# --- incremental index -------------------------------------------------------------------------------


def _results(index: PassageIndex, queries: list[str]) -> list[list[tuple[str, float]]]:
    return [[(h.passage.passage_id, h.score) for h in index.search(q, limit=50)] for q in queries]


QUERIES = [phrase("zebrafish"), phrase("okapi"), any_of(["model", "scores", "notes"]), phrase("taskone"),
           any_of(["nothing", "animals", "new"])]


def test_index_follows_added_changed_and_removed_files(root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    library, _ = load(root, cache)
    index = PassageIndex(library, index_path(cache, library))
    assert (index.changes.added, index.changes.removed, index.changes.kept) == (3, 0, 0)
    assert not index.search(phrase("pangolin"))
    index.close()

    (root / "delta.txt").write_text("Delta\n\nThe pangolin model scores 3.0 on TaskThree.\n", encoding="utf-8")
    (root / "beta.md").unlink()
    (root / "gamma.txt").write_text("Gamma notes\n\nNow the zebrafish appears here too.\n", encoding="utf-8")
    library, _ = load(root, cache)
    index = PassageIndex(library, index_path(cache, library))
    assert (index.changes.added, index.changes.removed, index.changes.kept) == (2, 2, 1)
    assert [h.passage.doc_id for h in index.search(phrase("pangolin"))] == ["delta.txt"]
    assert index.search(phrase("okapi")) == []
    assert sorted(h.passage.doc_id for h in index.search(phrase("zebrafish"))) == ["alpha.txt", "gamma.txt"]
    assert _results(index, QUERIES) == _results(PassageIndex(library, None), QUERIES)
    index.close()

    again = PassageIndex(library, index_path(cache, library))
    assert (again.changes.added, again.changes.removed, again.changes.kept) == (0, 0, 3)
    assert _results(again, QUERIES) == _results(PassageIndex(library, None), QUERIES)


def test_incremental_index_ranks_like_a_fresh_one_on_the_corpus(tmp_path: Path) -> None:
    folder = SHARED / "corpus" / "pdfs"
    if not folder.is_dir():
        pytest.skip("../shared/corpus/pdfs not present")
    root = tmp_path / "library"
    root.mkdir()
    for path in sorted(folder.glob("*.pdf"), key=lambda p: p.stat().st_size)[:6]:
        shutil.copy(path, root / path.name)
    cache = tmp_path / "cache"
    library, _ = load(root, cache)
    PassageIndex(library, index_path(cache, library)).close()
    removed = sorted(root.glob("*.pdf"))[2]
    moved = removed.read_bytes()
    removed.unlink()
    (root / "zz-moved.pdf").write_bytes(moved)
    library, _ = load(root, cache)
    incremental = PassageIndex(library, index_path(cache, library))
    assert incremental.changes.added == 1 and incremental.changes.removed == 1
    queries = [any_of(["language", "model"]), phrase("attention"), any_of(["the"]), phrase("table 1"), "nonsense\""]
    fresh = PassageIndex(library, None)
    assert [[(h.passage.passage_id, h.score) for h in incremental.search(q, limit=100000)] for q in queries] == \
           [[(h.passage.passage_id, h.score) for h in fresh.search(q, limit=100000)] for q in queries]
    ids = [d.doc_id for d in library.documents][::2]
    assert _results(incremental, queries[:2]) == _results(fresh, queries[:2])
    assert [[h.passage.passage_id for h in incremental.search(q, 30, ids)] for q in queries] == \
           [[h.passage.passage_id for h in fresh.search(q, 30, ids)] for q in queries]


def test_corrupt_index_is_rebuilt(root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    library, _ = load(root, cache)
    path = index_path(cache, library)
    PassageIndex(library, path).close()
    for name in os.listdir(cache):
        if name.startswith(path.name):
            (cache / name).unlink()
    path.write_bytes(b"SQLite format 3\0" + b"\x07" * 4000)
    index = PassageIndex(library, path)
    assert index.changes.added == 3
    assert [h.passage.doc_id for h in index.search(phrase("okapi"))] == ["beta.md"]
    (cache / "index-v1-0123456789abcdef01234567.sqlite").write_bytes(b"old one-per-fingerprint database")
    PassageIndex(library, path).close()
    assert not list(cache.glob("index-v1-*"))


# --- report cache ------------------------------------------------------------------------------------


def _build(project: Path) -> build_module.BuildSummary:
    return build([], project / "docs" / "reports", project / "docs", project / ".synth-cache")


def test_reports_are_reused_until_their_question_or_what_they_read_changes(project: Path, made: list[str],
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    everything = sorted(p.stem for p in (project / "reports").glob("*.yaml"))
    first = _build(project)
    assert sorted(made) == everything and first.reused == [] and first.pages_rendered == len(everything)
    pages = {p: p.read_bytes() for p in sorted((project / "docs").rglob("*")) if p.is_file()}

    made.clear()
    second = _build(project)
    assert made == [] and sorted(second.reused) == everything and second.plots_drawn == 0 < second.plots_reused
    assert {p: p.read_bytes() for p in sorted((project / "docs").rglob("*")) if p.is_file()} == pages

    question = project / "reports" / "qwen2.5-training-data.yaml"
    question.write_text(question.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    made.clear()
    third = _build(project)
    assert made == ["qwen2.5-training-data"] and third.plots_drawn == 0

    (project / "library" / "extra.txt").write_text("Extra notes\n\nA new source about nothing.\n", encoding="utf-8")
    made.clear()
    _build(project)
    # a source naming none of their subjects and attributes rebuilds only the questions that read the whole
    # library (an analysis, a how-question: synth.anchor); the anchored ones: tests/test_rebuild.py
    assert sorted(made) == ["livecodebench-scaling", "qwen2.5-training-data"]

    made.clear()
    monkeypatch.setattr(build_module, "code_digest", lambda: "another synth")
    _build(project)
    assert sorted(made) == everything


def test_reports_no_build_used_for_a_while_are_forgotten(project: Path, made: list[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ReportCache, "KEEP_BUILDS", 2)
    question = project / "reports" / "mistral-large-2-livecodebench.yaml"
    original = question.read_text(encoding="utf-8")
    _build(project)
    question.write_text(original + "# variant\n", encoding="utf-8")
    _build(project)
    question.write_text(original, encoding="utf-8")
    made.clear()
    _build(project)  # the original was used two builds ago: still there
    assert made == []
    question.write_text(original + "# variant\n", encoding="utf-8")
    _build(project)
    _build(project)
    _build(project)
    question.write_text(original, encoding="utf-8")
    made.clear()
    _build(project)  # unused for three builds: forgotten
    assert made == ["mistral-large-2-livecodebench"]


def test_corrupt_report_cache_is_rebuilt(project: Path, made: list[str]) -> None:
    _build(project)
    cache = project / ".synth-cache" / "reports.sqlite"
    cache.write_bytes(b"SQLite format 3\0" + b"\x01" * 3000)
    made.clear()
    summary = _build(project)
    assert len(made) == len(summary.reports) > 0
    made.clear()
    _build(project)
    assert made == []
    assert ReportCache(project / ".synth-cache").get("no such key") is None


# --- no-op stamps ------------------------------------------------------------------------------------


def test_unchanged_project_is_a_no_op_until_something_changes(project: Path, made: list[str],
                                                               monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(stamp_module, "RACY_NS", 0)  # the copied library was just written
    built: list[int] = []
    original = build_module.build

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        built.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(build_module, "build", counting)
    assert main(["build"]) == 0 and len(built) == 1
    capsys.readouterr()
    assert main(["build"]) == 0
    assert len(built) == 1 and "up to date" in capsys.readouterr().err

    (project / "library" / "qwen2.5-notes.md").write_text(
        (project / "library" / "qwen2.5-notes.md").read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    assert main(["build"]) == 0 and len(built) == 2
    assert main(["build"]) == 0 and len(built) == 2

    shutil.rmtree(project / "docs" / "reports" / "qwen2.5-training-data")
    assert main(["build"]) == 0 and len(built) == 3
    assert (project / "docs" / "reports" / "qwen2.5-training-data" / "index.md").exists()
    assert main(["build", "--force"]) == 0 and len(built) == 4
    assert main(["build", "reports/qwen2.5-training-data.yaml"]) == 0 and len(built) == 5

    made.clear()
    (project / "reports" / "livecodebench-scaling.yaml").write_text(
        (project / "reports" / "livecodebench-scaling.yaml").read_text(encoding="utf-8") + "# x\n", encoding="utf-8")
    assert main(["build"]) == 0 and len(built) == 6 and made == ["livecodebench-scaling"]


def test_recently_changed_library_is_never_trusted(project: Path) -> None:
    signature = stamp_module.library_signature(project / "library")
    (project / "library" / "new.txt").write_text("x\n", encoding="utf-8")
    assert stamp_module.library_signature(project / "library")["trusted"] is False
    assert signature["digest"] != stamp_module.library_signature(project / "library")["digest"]


def test_site_stamp_runs_the_command_only_when_docs_change(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    script = ("import pathlib, sys; s = pathlib.Path(sys.argv[-1]); s.mkdir(exist_ok=True); "
              "(s / 'index.html').write_text('x'); log = pathlib.Path('runs'); "
              "log.write_text(log.read_text() + 'x' if log.exists() else 'x')")
    command = ["site", "--", sys.executable, "-c", script]
    runs = project / "runs"
    assert stamp_module.main(command) == 0 and runs.read_text() == "x"
    assert stamp_module.main(command) == 0 and runs.read_text() == "x"
    (project / "docs" / "index.md").write_text("# Home, edited\n", encoding="utf-8")
    assert stamp_module.main(command) == 0 and runs.read_text() == "xx"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1")
    assert stamp_module.main(command) == 0 and runs.read_text() == "xxx"
    (project / "site" / "index.html").unlink()
    assert stamp_module.main(command) == 0 and runs.read_text() == "xxxx"
    assert stamp_module.main(command) == 0 and runs.read_text() == "xxxx"


def test_page_templates_and_styles_are_in_the_pages_digest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = Path(stamp_module.__file__).parent
    for folder in ("templates", "styles"):
        shutil.copytree(package / folder, tmp_path / folder)
    monkeypatch.setattr(stamp_module, "_SYNTH", tmp_path)
    before = stamp_module.pages_digest()
    for edited in (tmp_path / "templates" / "report_macros.md.j2", tmp_path / "styles" / "apa.csl"):
        edited.write_bytes(edited.read_bytes() + b"\n")
        assert stamp_module.pages_digest() != before
        before = stamp_module.pages_digest()


def test_an_edited_page_template_is_not_a_no_op_but_reuses_every_report(project: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages are rendered from the cached reports on every build: after a template edit the build
    runs, re-renders every page and recomputes no report."""
    monkeypatch.setattr(stamp_module, "RACY_NS", 0)
    summaries: list[object] = []
    original = build_module.build

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        summaries.append(original(*args, **kwargs))
        return summaries[-1]

    monkeypatch.setattr(build_module, "build", recording)
    assert main(["build"]) == 0 and main(["build"]) == 0
    assert len(summaries) == 1, "the second build is a no-op"
    monkeypatch.setattr(stamp_module, "pages_digest", lambda: "an edited template")
    assert main(["build"]) == 0
    assert len(summaries) == 2
    assert summaries[1].reports == [] and len(summaries[1].reused) == 4  # type: ignore[attr-defined]
