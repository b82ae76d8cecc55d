"""Readers: PDF pages, markdown sections and tables, plain text; offsets always match the text."""

from __future__ import annotations

import gc
import io
from pathlib import Path

import pypdf
import pytest
from fpdf import FPDF
from pdfs import make_pdf

from synth.library import pdf as pdf_module
from synth.library.base import Unreadable, chunk_spans
from synth.library.markdown import MarkdownReader
from synth.library.pdf import PdfReader
from synth.library.text import TextReader
from synth.models import Document, PassageKind
from synth.tables import records

FIXTURES = Path(__file__).parent / "fixtures" / "library" / "basic"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def assert_offsets(document: Document) -> None:
    """Text and caption passages are exact slices; table rows point at their row's line."""
    assert [p.ordinal for p in document.passages] == list(range(len(document.passages)))
    for passage in document.passages:
        assert passage.doc_id == document.doc_id
        assert 0 <= passage.start < passage.end <= len(document.text)
        if passage.kind is PassageKind.TABLE_ROW:
            assert passage.table_id is not None
            assert document.text[passage.start:passage.end].strip()
        else:
            assert document.text[passage.start:passage.end] == passage.text
    for table in document.tables:
        assert table.doc_id == document.doc_id
        assert 0 <= table.start < table.end <= len(document.text)
        assert len(table.rows) == len(table.row_groups)
        assert all(len(row) == len(table.header) for row in table.rows)


def read_pdf(data: bytes, name: str = "paper.pdf") -> Document:
    return PdfReader().read(Path(name), name, data)


# --- PDF -------------------------------------------------------------------------------------------


def test_pdf_keeps_page_numbers_and_metadata() -> None:
    pages = [f"Page {n} talks about topic{n} in detail." for n in (1, 2, 3)]
    document = read_pdf(make_pdf(pages, title="A Paper About Topics", author="Jane Doe"))
    assert document.page_count == 3
    assert document.extractor.startswith("pypdfium2 ")
    assert document.format == "pdf"
    assert document.title == "A Paper About Topics"
    assert document.meta("author") == "Jane Doe"
    for n in (1, 2, 3):
        hits = [p for p in document.passages if f"topic{n}" in p.text]
        assert [p.page for p in hits] == [n]
    assert document.text.count("\n\n") >= 2
    assert_offsets(document)


def test_pdf_title_from_first_page_when_metadata_is_missing() -> None:
    document = read_pdf(make_pdf(["Jane Doe\nThe body of the paper starts here."], heading="Sparse Experts at Scale"))
    assert document.title == "Sparse Experts at Scale"


def test_long_pdf_page_without_blank_lines_is_chunked() -> None:
    body = "\n".join(f"Sentence number {i} says something about the results of run {i}." for i in range(120))
    document = read_pdf(make_pdf([body, "Short last page."]))
    pages = [p.page for p in document.passages]
    assert pages == sorted(pages)
    assert pages.count(1) >= 2
    assert all(len(p.text) <= 1300 for p in document.passages)
    assert "run 119" in document.passages[-2].text
    assert document.passages[-1].text == "Short last page."
    assert document.passages[-1].page == document.page_count
    assert_offsets(document)


def test_encrypted_pdf_is_unreadable() -> None:
    with pytest.raises(Unreadable, match="encrypted PDF"):
        read_pdf(make_pdf(["Secret text."], user_password="x"))


def test_pdf_with_owner_password_only_is_read() -> None:
    document = read_pdf(make_pdf(["Open to every reader."], user_password=""))
    assert "Open to every reader" in document.text


@pytest.mark.parametrize("data", [b"this is not a pdf at all", b"%PDF-1.7\n" + b"\x00garbage" * 50])
def test_corrupt_pdf_is_unreadable(data: bytes) -> None:
    with pytest.raises(Unreadable, match=r"^not a valid PDF"):
        read_pdf(data)


def test_truncated_pdf_is_unreadable() -> None:
    data = make_pdf(["Some text that will be cut off."])
    with pytest.raises(Unreadable, match=r"^not a valid PDF"):
        read_pdf(data[: len(data) // 2])


def test_scanned_pdf_without_text_is_unreadable() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 80, 80, style="F")
    with pytest.raises(Unreadable, match=r"no extractable text \(scanned\?\)"):
        read_pdf(bytes(pdf.output()))


def test_pdf_without_pages_is_unreadable() -> None:
    buffer = io.BytesIO()
    pypdf.PdfWriter().write(buffer)
    with pytest.raises(Unreadable, match="no pages"):
        read_pdf(buffer.getvalue())


def test_pypdf_is_the_fallback_when_pdfium_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(data: bytes) -> None:
        raise RuntimeError("pdfium cannot open this")

    monkeypatch.setattr(pdf_module, "_pdfium_pages", broken)
    document = read_pdf(make_pdf(["First page words.", "Second page words."], title="Fallback Paper Title"))
    assert document.extractor.startswith("pypdf ")
    assert document.page_count == 2
    assert [p.page for p in document.passages if "Second" in p.text] == [2]
    assert document.title == "Fallback Paper Title"
    assert_offsets(document)


def test_cycle_collector_is_off_only_during_pdfiums_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    real = pdf_module._pdfium_pages

    def watched(data: bytes, doc_id: str) -> object:
        seen.append(gc.isenabled())
        return real(data, doc_id)

    monkeypatch.setattr(pdf_module, "_pdfium_pages", watched)
    assert gc.isenabled()
    assert "Words" in read_pdf(make_pdf(["Words on a page."])).text
    with pytest.raises(Unreadable, match="encrypted PDF"):
        read_pdf(make_pdf(["Secret text."], user_password="x"))
    assert seen == [False, False]
    assert gc.isenabled()  # back on after a read and after a refused file
    gc.disable()
    try:
        read_pdf(make_pdf(["Words on a page."]))
        assert not gc.isenabled()  # a caller that turned it off keeps it off
    finally:
        gc.enable()


def test_pypdf_fallback_runs_with_the_cycle_collector(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(data: bytes, doc_id: str) -> None:
        raise RuntimeError("pdfium cannot open this")

    monkeypatch.setattr(pdf_module, "_pdfium_pages", broken)
    collecting: list[bool] = []
    real = pdf_module._pypdf_pages
    monkeypatch.setattr(pdf_module, "_pypdf_pages", lambda data: collecting.append(gc.isenabled()) or real(data))
    assert read_pdf(make_pdf(["First page words."])).extractor.startswith("pypdf ")
    assert collecting == [True]


def test_pdf_title_heuristics() -> None:
    assert pdf_module.meaningful_title("ELM") is None
    assert pdf_module.meaningful_title("Microsoft Word - draft.docx") is None
    assert pdf_module.meaningful_title("Attention Is All You Need") == "Attention Is All You Need"
    page = "arXiv:2002.05202v1 [cs.LG] 12 Feb 2020\nGLU Variants Improve Transformer\nNoam Shazeer\nGoogle"
    assert pdf_module.title_from_text(page) == "GLU Variants Improve Transformer"
    wrapped = "Byte Latent Transformer: Patches Scale Better\nThan Tokens\nArtidoro Pagnoni, Ram Pasunuru‡, Pedro"
    assert pdf_module.title_from_text(wrapped) == "Byte Latent Transformer: Patches Scale Better Than Tokens"


# --- markdown -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def notes() -> Document:
    path = FIXTURES / "notes.md"
    return MarkdownReader().read(path, "notes.md", path.read_bytes())


def test_markdown_title_sections_and_front_matter(notes: Document) -> None:
    assert notes.title == "Benchmark Notes"
    assert notes.meta("author") == "Jane Doe"
    intro = next(p for p in notes.passages if p.text.startswith("Intro paragraph"))
    assert intro.section == "Benchmark Notes"
    after = next(p for p in notes.passages if p.text.startswith("Some text after the table"))
    assert after.section == "Results"
    closing = next(p for p in notes.passages if p.text.startswith("Closing paragraph"))
    assert closing.section == "HTML part"
    assert all(not p.text.startswith(("#", "|", "---")) for p in notes.passages if p.kind is PassageKind.TEXT)
    assert_offsets(notes)


def test_script_tags_are_kept_verbatim(notes: Document) -> None:
    assert '<script>alert("x")</script>' in notes.text
    assert any('<script>alert("x")</script>' in p.text for p in notes.passages)


def test_pipe_table_with_groups_caption_and_ragged_rows(notes: Document) -> None:
    table = notes.tables[0]
    assert table.table_id == "notes.md#t1"
    assert table.caption == "Table 1: Performance of the instruction-tuned models."
    assert table.header == ("Datasets", "Qwen2.5-7B", "Llama3-8B", "Gemma2-9B")
    assert [row[0] for row in table.rows] == ["MMLU", "GSM8K", "HumanEval", "LiveCodeBench"]
    assert table.row_groups == ("General Tasks", "General Tasks", "Coding Tasks", "Coding Tasks")
    assert table.rows[0] == ("MMLU", "55.5†", "60.1", "-")
    assert table.rows[1] == ("GSM8K", "80.0", "82.5", "")
    assert table.rows[2] == ("HumanEval", "70.2", "71.0", "69.9")
    assert table.rows[3][1] == "28.7"
    assert table.low_confidence
    assert table.section == "Results"
    assert notes.text[table.start:table.end].startswith("| Datasets")
    assert notes.text[table.start:table.end].endswith("| - |")
    values = {(r.entity, r.attribute): r.value for r in records(table)}
    assert values[("Qwen2.5-7B", "MMLU")] == 55.5
    assert ("Gemma2-9B", "MMLU") not in values


def test_table_rows_and_caption_are_passages(notes: Document) -> None:
    caption = next(p for p in notes.passages if p.kind is PassageKind.CAPTION)
    assert caption.text == "Table 1: Performance of the instruction-tuned models."
    assert caption.table_id == "notes.md#t1"
    row = next(p for p in notes.passages if p.kind is PassageKind.TABLE_ROW and "LiveCodeBench" in p.text)
    assert row.table_id == "notes.md#t1"
    assert "Table 1: Performance" in row.text
    assert "Qwen2.5-7B" in row.text and "Coding Tasks" in row.text and "28.7" in row.text
    assert notes.text[row.start:row.end].startswith("| LiveCodeBench")
    assert row.section == "Results"
    assert not any(p.kind is PassageKind.TEXT and p.text.startswith("**Table 1") for p in notes.passages)


def test_caption_after_table_and_escaped_pipe(notes: Document) -> None:
    table = notes.tables[1]
    assert table.caption == "Table 2: A caption that follows its table."
    assert table.header == ("Name", "Value")
    assert table.rows == (("alpha", "1"), ("beta | gamma", "2"))
    assert table.row_groups == ("", "")


def test_html_table_spans_are_repeated(notes: Document) -> None:
    table = notes.tables[2]
    assert table.caption == "Table 3: An HTML table."
    assert table.header == ("Model", "Scores", "Scores")
    assert table.rows == (("Big-72B", "1.0", "2.0"), ("Big-72B", "3.0", "4.0"))
    assert table.section == "HTML part"
    assert table.table_id == "notes.md#t3"


@pytest.mark.parametrize("source", [
    "| a | b |\n| --- | --- |\n| 1 |\n| 1 | 2 | 3 | 4 |\n|  |  |\n",
    "| only one line |\n",
    "| a |\n| - |\n| **group** |\n",
    "<table><tr><td rowspan='x'>a<td colspan=999>b</table>",
    "<table><tr><td>unclosed",
    "# \n\n```\n| not | a table |\n# not a heading\n```\n",
    "Title\n=====\n\ntext\n",
])
def test_odd_markdown_never_crashes(source: str) -> None:
    document = MarkdownReader().read(Path("odd.md"), "odd.md", source.encode())
    assert_offsets(document)


def test_fenced_code_is_text_not_table_or_heading() -> None:
    source = "# Real\n\n```\n| not | a table |\n| x | y |\n# comment\n```\n"
    document = MarkdownReader().read(Path("code.md"), "code.md", source.encode())
    assert document.tables == ()
    assert [p.section for p in document.passages] == ["Real"]


def test_empty_markdown_is_unreadable() -> None:
    with pytest.raises(Unreadable, match="empty file"):
        MarkdownReader().read(Path("e.md"), "e.md", b"  \n\n")


# --- plain text -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def article() -> Document:
    path = FIXTURES / "article.txt"
    return TextReader().read(path, "article.txt", path.read_bytes())


def test_text_mojibake_is_repaired(article: Document) -> None:
    assert "Lebrón" in article.text
    assert "Plus¹" in article.text
    assert "√" not in article.text
    assert any("Lebrón" in p.text for p in article.passages)


def test_text_title_sections_and_script(article: Document) -> None:
    assert article.title == "Mojibake Test Article"
    script = next(p for p in article.passages if "<script>alert(1)</script>" in p.text)
    assert script.section == "Overview"
    assert script.text.endswith("It spans two lines.")
    assert not any(p.text in ("Overview", "Mojibake Test Article") for p in article.passages)
    assert_offsets(article)


def test_empty_and_binary_text_files_are_unreadable() -> None:
    with pytest.raises(Unreadable, match="empty file"):
        TextReader().read(Path("e.txt"), "e.txt", b"")
    with pytest.raises(Unreadable, match="binary"):
        TextReader().read(Path("b.txt"), "b.txt", b"\x00\x01\x02binary")


def test_text_in_windows_1252_is_decoded() -> None:
    document = TextReader().read(Path("w.txt"), "w.txt", "Caf\u00e9 notes are here.".encode("cp1252"))
    assert "Café" in document.text


def test_text_in_utf16_is_decoded() -> None:
    document = TextReader().read(Path("u.txt"), "u.txt", "Notes from Lebrón.".encode("utf-16"))
    assert document.text == "Notes from Lebrón."


def test_unclosed_html_table_does_not_swallow_the_rest() -> None:
    source = "<table><tr><td>a</td><td>b</td></tr>\n<tr><td>1</td><td>2</td></tr>\n\nLater paragraph stays text.\n"
    document = MarkdownReader().read(Path("u.md"), "u.md", source.encode())
    assert document.tables[0].rows == (("1", "2"),)
    assert any(p.text == "Later paragraph stays text." for p in document.passages)
    assert_offsets(document)


def test_one_line_text_file_is_a_passage() -> None:
    document = TextReader().read(Path("one.txt"), "one.txt", b"Short Heading Like Line")
    assert [p.text for p in document.passages] == ["Short Heading Like Line"]


def test_chunks_cut_long_lines_at_sentences() -> None:
    text = " ".join(f"Sentence {i} is here." for i in range(400))
    spans = chunk_spans(text, 0, len(text))
    assert len(spans) > 3
    assert all(e - s <= 1200 for s, e in spans)
    assert all(text[s:e].endswith(".") for s, e in spans)
    assert text[spans[0][0]:spans[-1][1]] == text


def test_a_chunk_ends_a_sentence_rather_than_a_line_that_breaks_one() -> None:
    """A PDF's lines break mid-sentence: a chunk cut at such a line end left a figure without the model it is of."""
    sentence = "For example, Heron 70B, while trained primarily\non text, compresses images to 43.4% of their size. "
    text = sentence * 30
    spans = chunk_spans(text, 0, len(text))
    assert len(spans) > 1
    assert all(text[s:e].endswith(".") for s, e in spans)


# --- shared material ------------------------------------------------------------------------------


def test_offsets_hold_on_seed_library() -> None:
    folder = SHARED / "seed-library"
    if not folder.is_dir():
        pytest.skip("../shared/seed-library not present")
    for path in sorted(folder.iterdir()):
        reader = {".md": MarkdownReader(), ".txt": TextReader()}.get(path.suffix)
        if reader is not None:
            assert_offsets(reader.read(path, path.name, path.read_bytes()))


def test_offsets_hold_on_shared_markdown_corpus() -> None:
    folder = SHARED / "corpus" / "markdown"
    if not folder.is_dir():
        pytest.skip("../shared/corpus/markdown not present")
    for path in sorted(folder.glob("*.md")):
        document = MarkdownReader().read(path, path.name, path.read_bytes())
        assert document.passages
        assert_offsets(document)
