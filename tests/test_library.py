"""load_library: walking, skipping, BibTeX linking, the content-hash cache, and the shared libraries."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from pathlib import Path

import pytest
from pdfs import make_pdf

from synth.index import PassageIndex, phrase
from synth.library import LibraryError, load_library
from synth.library import cache as cache_module
from synth.library.link import FILE_FIELD, NO_ENTRY, NO_FILE, link, slug, title_score
from synth.library.markdown import MarkdownReader
from synth.library.text import TextReader
from synth.models import BibEntry, Document, Library, PassageKind

FIXTURES = Path(__file__).parent / "fixtures" / "library" / "basic"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def library_root(tmp_path: Path) -> Path:
    """The fixture library plus generated PDFs, duplicates and files that must be skipped."""
    root = tmp_path / "library"
    shutil.copytree(FIXTURES, root)
    (root / "papers").mkdir()
    (root / "papers" / "sparse.pdf").write_bytes(
        make_pdf(["We study sparse experts.\n\nPage one has results."], title="Sparse Experts at Scale"))
    (root / "papers" / "Deep_Seek Coder V2.pdf").write_bytes(make_pdf(["A paper nobody cites."],
                                                                       title="Some Other Paper Title"))
    (root / "encrypted.pdf").write_bytes(make_pdf(["Secret."], user_password="x"))
    (root / "corrupt.pdf").write_bytes(b"%PDF-1.4\nthis file was cut short")
    for folder in ("a", "b"):
        (root / folder).mkdir()
        (root / folder / "dup.txt").write_text(f"Duplicate stem in folder {folder}.\n", encoding="utf-8")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "ignored.txt").write_text("Hidden files are not sources.\n", encoding="utf-8")
    (root / "tail.bib").write_text(
        "@inproceedings{sparse,\n  title = {Sparse experts at scale},\n  year = {2021}\n}\n\n"
        "@misc{mojibake, title = {A second definition of an existing key}}\n",
        encoding="utf-8",
    )
    return root


def assert_slices(library: Library) -> None:
    for document in library.documents:
        for passage in document.passages:
            assert passage.doc_id == document.doc_id
            if passage.kind is not PassageKind.TABLE_ROW:
                assert document.text[passage.start:passage.end] == passage.text


def test_load_library_sources_skips_and_problems(library_root: Path, tmp_path: Path) -> None:
    library = load_library(library_root, tmp_path / "cache")
    keys = [s.key for s in library.sources]
    assert keys == ["deep-seek-coder-v2", "dup", "dup-2", "entryonly", "mojibake", "notes2024", "sparse",
                    "unlisted-notes"]
    assert library.root == library_root.as_posix()
    by_key = {s.key: s for s in library.sources}
    assert by_key["notes2024"].link == FILE_FIELD
    assert by_key["notes2024"].document.doc_id == "notes.md"
    assert by_key["mojibake"].link.startswith("title match (")
    assert by_key["mojibake"].document.doc_id == "article.txt"
    assert by_key["sparse"].document.doc_id == "papers/sparse.pdf"
    assert by_key["sparse"].link.startswith("title match (")
    assert by_key["entryonly"].document is None
    assert by_key["entryonly"].link == NO_FILE
    assert by_key["unlisted-notes"].entry is None
    assert by_key["unlisted-notes"].link == NO_ENTRY
    assert by_key["unlisted-notes"].document.doc_id == "extra/Unlisted_Notes.txt"
    assert by_key["deep-seek-coder-v2"].document.path == f"{library_root.as_posix()}/papers/Deep_Seek Coder V2.pdf"
    assert (by_key["dup"].document.doc_id, by_key["dup-2"].document.doc_id) == ("a/dup.txt", "b/dup.txt")
    assert all(".hidden" not in d.doc_id for d in library.documents)

    skipped = {s.path: s.reason for s in library.skipped}
    assert list(skipped) == ["corrupt.pdf", "empty.txt", "encrypted.pdf"]
    assert skipped["encrypted.pdf"] == "encrypted PDF"
    assert skipped["empty.txt"] == "empty file"
    assert skipped["corrupt.pdf"].startswith("not a valid PDF")

    problems = [(p.path, p.line) for p in library.bib_problems]
    assert problems == [("refs.bib", 15), ("tail.bib", 6)]
    assert "already defined in refs.bib" in library.bib_problems[1].message
    assert by_key["mojibake"].entry.title == "Mojibake Test Article"
    assert_slices(library)


def test_fingerprint_is_stable_and_follows_content(library_root: Path, tmp_path: Path) -> None:
    first = load_library(library_root, tmp_path / "cache").fingerprint
    assert load_library(library_root, tmp_path / "other-cache").fingerprint == first
    (library_root / "refs.bib").write_text((library_root / "refs.bib").read_text() + "\n% edited\n")
    second = load_library(library_root, tmp_path / "cache").fingerprint
    assert second != first
    (library_root / "a" / "dup.txt").write_text("Changed text.\n")
    assert load_library(library_root, tmp_path / "cache").fingerprint != second


def test_missing_library_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="does not exist"):
        load_library(tmp_path / "nowhere", tmp_path / "cache")
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(LibraryError, match="not a folder"):
        load_library(tmp_path / "file.txt", tmp_path / "cache")


def test_empty_library_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    library = load_library(tmp_path / "empty", tmp_path / "cache")
    assert library.sources == () and library.skipped == () and library.bib_problems == ()


def test_reader_crash_skips_the_file_and_is_not_cached(library_root: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(self: TextReader, path: Path, doc_id: str, data: bytes) -> Document:
        raise ValueError("unexpected layout")

    with monkeypatch.context() as patch:
        patch.setattr(TextReader, "read", crash)
        library = load_library(library_root, tmp_path / "cache")
    reasons = {s.path: s.reason for s in library.skipped}
    assert reasons["article.txt"] == "could not be read (ValueError: unexpected layout)"
    again = load_library(library_root, tmp_path / "cache")
    assert "article.txt" not in {s.path for s in again.skipped}


def test_passage_that_is_not_a_slice_is_refused(library_root: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    original = TextReader.read

    def off_by_one(self: TextReader, path: Path, doc_id: str, data: bytes) -> Document:
        document = original(self, path, doc_id, data)
        first = document.passages[0]
        return dataclasses.replace(document, passages=(dataclasses.replace(first, start=first.start + 1),))

    monkeypatch.setattr(TextReader, "read", off_by_one)
    library = load_library(library_root, tmp_path / "cache")
    assert {s.path: s.reason for s in library.skipped}["article.txt"].startswith("internal error")


# --- cache ----------------------------------------------------------------------------------------


@pytest.fixture
def markdown_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """doc_ids the markdown reader was actually asked to read."""
    calls: list[str] = []
    original = MarkdownReader.read

    def counting(self: MarkdownReader, path: Path, doc_id: str, data: bytes) -> Document:
        calls.append(doc_id)
        return original(self, path, doc_id, data)

    monkeypatch.setattr(MarkdownReader, "read", counting)
    return calls


def test_second_load_hits_the_cache(library_root: Path, tmp_path: Path, markdown_reads: list[str]) -> None:
    first = load_library(library_root, tmp_path / "cache")
    assert markdown_reads == ["notes.md"]
    second = load_library(library_root, tmp_path / "cache")
    assert markdown_reads == ["notes.md"]
    assert second == first


def test_same_bytes_elsewhere_reuse_the_cache_with_new_ids(library_root: Path, tmp_path: Path,
                                                             markdown_reads: list[str]) -> None:
    (library_root / "moved").mkdir()
    shutil.copy(library_root / "notes.md", library_root / "moved" / "copy.md")
    library = load_library(library_root, tmp_path / "cache")
    assert markdown_reads == ["moved/copy.md"]
    copy = next(d for d in library.documents if d.doc_id == "moved/copy.md")
    original = next(d for d in library.documents if d.doc_id == "notes.md")
    assert copy.path.endswith("moved/copy.md")
    assert {p.doc_id for p in copy.passages} == {"moved/copy.md"}
    assert [t.table_id for t in copy.tables] == ["moved/copy.md#t1", "moved/copy.md#t2", "moved/copy.md#t3"]
    assert {p.table_id for p in copy.passages if p.table_id} == {"moved/copy.md#t1", "moved/copy.md#t2",
                                                                  "moved/copy.md#t3"}
    assert original.tables[0].table_id == "notes.md#t1"


def test_corrupt_cache_is_rebuilt(library_root: Path, tmp_path: Path, markdown_reads: list[str]) -> None:
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    (cache_dir / cache_module.CACHE_FILE).write_bytes(b"this is not a database" * 100)
    library = load_library(library_root, cache_dir)
    assert markdown_reads == ["notes.md"]
    assert any(d.doc_id == "notes.md" for d in library.documents)
    with sqlite3.connect(cache_dir / cache_module.CACHE_FILE) as db:
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] > 0
    load_library(library_root, cache_dir)
    assert markdown_reads == ["notes.md"]


def test_cache_from_another_extractor_version_is_not_used(library_root: Path, tmp_path: Path,
                                                          markdown_reads: list[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(cache_module, "EXTRACTOR_VERSION", "0-old")
        load_library(library_root, tmp_path / "cache")
    load_library(library_root, tmp_path / "cache")
    assert markdown_reads == ["notes.md", "notes.md"]


def test_unusable_cache_folder_still_loads(library_root: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    library = load_library(library_root, blocker / "cache")
    assert any(d.doc_id == "notes.md" for d in library.documents)


# --- linking --------------------------------------------------------------------------------------


def _doc(doc_id: str, title: str | None, text: str = "") -> Document:
    return Document(doc_id, doc_id, "0" * 64, "text", "test", title, text or (title or ""), ())


def _entry(key: str, title: str, **fields: str) -> BibEntry:
    return BibEntry(key, "article", tuple(sorted({"title": title, **fields}.items())), 1)


def test_titles_that_differ_in_a_number_never_match() -> None:
    qwen3 = _doc("qwen3.pdf", "Qwen3 Technical Report", "Qwen3 Technical Report\nWe compare with Qwen2.5 and Qwen2.")
    assert title_score("Qwen2.5 Technical Report", qwen3) == 0
    assert title_score("Qwen2 Technical Report", qwen3) < 90
    assert title_score("Qwen3 technical report", qwen3) == 100


def test_short_title_inside_another_papers_text_does_not_match() -> None:
    mixtral = _doc("mixtral.pdf", "Mixtral of Experts", "Mixtral of Experts\nMixtral builds on Mistral 7B.")
    assert title_score("Mistral 7B", mixtral) == 0


def test_title_found_in_text_when_file_title_is_unknown() -> None:
    document = _doc("x.pdf", None, "Preprint\nGShard: Scaling Giant Models with Conditional\nComputation and "
                                   "Automatic Sharding\nDmitry Lepikhin")
    score = title_score("GShard: Scaling Giant Models with Conditional Computation and Automatic Sharding", document)
    assert 90 <= score < 100


def test_linking_is_one_to_one_and_ordered_by_score_then_key() -> None:
    documents = [_doc("lcb.md", "LiveCodeBench: Holistic Evaluation of Code Models")]
    entries = [_entry("zeta", "LiveCodeBench: Holistic Evaluation of Code Models"),
               _entry("alpha", "LiveCodeBench: Holistic Evaluation of Code Models")]
    sources = {s.key: s for s in link(entries, documents)}
    assert sources["alpha"].document is not None
    assert sources["zeta"].document is None and sources["zeta"].link == NO_FILE


def test_file_field_variants() -> None:
    documents = [_doc("sub/paper.pdf", "Unrelated"), _doc("other.pdf", "Other")]
    entries = [_entry("jabref", "X", file=":sub/paper.pdf:PDF"), _entry("base", "Y", file="OTHER.pdf")]
    sources = {s.key: s for s in link(entries, documents)}
    assert sources["jabref"].document.doc_id == "sub/paper.pdf"
    assert sources["base"].document.doc_id == "other.pdf"
    assert {s.link for s in sources.values()} == {FILE_FIELD}


def test_slug() -> None:
    assert slug("DeepSeek_Coder_V2") == "deepseek-coder-v2"
    assert slug("Lebrón 2024!") == "lebron-2024"
    assert slug("___") == "source"


# --- shared material ------------------------------------------------------------------------------


def test_seed_library(tmp_path: Path) -> None:
    root = SHARED / "seed-library"
    if not root.is_dir():
        pytest.skip("../shared/seed-library not present")
    library = load_library(root, tmp_path / "cache")
    assert library.skipped == () and library.bib_problems == ()
    report = library.source("qwen2.5")
    article = library.source("qwen2.5-coder-article")
    assert report.document.doc_id == "qwen2.5-technical-report.md"
    assert article.document.doc_id == "qwen2.5-coder-evaluation-article.txt"
    assert report.link.startswith("title match") and article.link.startswith("title match")
    text = report.document.text
    assert "Lebrón" in text and "Lebr√≥n" not in text and "🤗" in text
    table = next(t for t in report.document.tables if t.caption.startswith("Table 8:"))
    assert table.caption == "Table 8: Performance of the 7B+ instruction-tuned models."
    assert "Qwen2.5-7B" in table.header
    row = next(r for r in table.rows if r[0] == "LiveCodeBench")
    assert row == ("LiveCodeBench", "18.9", "8.3", "23.9", "28.7")
    assert table.row_groups[table.rows.index(row)] == "Coding Tasks"
    assert len(report.document.tables) == 17
    assert_slices(library)
    hits = PassageIndex(library, None).search(f"{phrase('LiveCodeBench')} AND {phrase('Qwen2.5-7B')}", limit=50)
    assert any(h.passage.kind is PassageKind.TABLE_ROW and h.passage.table_id == table.table_id for h in hits)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Library:
    root = SHARED / "corpus" / "pdfs"
    if not (root / "references.bib").is_file():
        pytest.skip("../shared/corpus/pdfs not present")
    return load_library(root, tmp_path_factory.mktemp("corpus-cache"))


def test_corpus_pdfs_link_to_their_entries_by_title(corpus: Library) -> None:
    assert corpus.bib_problems == ()
    assert corpus.skipped == ()
    linked = {s.key: s.document.doc_id for s in corpus.sources
              if s.entry is not None and s.document is not None and s.link.startswith("title match")}
    assert len(linked) >= 15
    assert linked["mistral"] == "mistral_7b.pdf"
    assert linked["transformer"] == "attention_is_all_you_need.pdf"
    assert linked["qwen3"] == "qwen3_technical_report.pdf"
    for key in ("qwen2", "qwen2.5", "llama2", "livecodebench", "jain2024livecodebench"):
        assert corpus.source(key).document is None
    assert len({doc_id for doc_id in linked.values()}) == len(linked)


def test_corpus_pdfs_keep_pages_and_offsets(corpus: Library) -> None:
    assert len(corpus.documents) == 41
    for document in corpus.documents:
        assert document.extractor.startswith("pypdfium2")
        assert document.page_count and document.page_count >= 1
        pages = [p.page for p in document.passages]
        assert pages == sorted(pages) and pages[-1] <= document.page_count
        # A page's own chunks stay short; a passage that holds a sentence run over a page break goes on
        # past its page's text (`turn`) by no more than a chunk.
        assert max((p.turn if p.turn is not None else p.end) - p.start for p in document.passages) <= 1300
        assert all(p.end - p.turn <= 1300 for p in document.passages if p.turn is not None)
    assert_slices(corpus)
