"""The first author of a PDF without author metadata, read from the line below its title on page 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from synth.library.front_page import first_author, placeholder_author

PDFS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pdfs"


def lines(*texts: str) -> list[tuple[str, float]]:
    return [(text, 10.0) for text in texts]


@pytest.mark.parametrize(("page", "title", "author"), [
    (lines("Robust Speech Recognition via Large-Scale Weak Supervision",
           "Alec Radford * 1 Jong Wook Kim * 1 Tao Xu 1", "Abstract"),
     "Robust Speech Recognition via Large-Scale Weak Supervision", "Alec Radford and others"),
    (lines("arXiv:2002.05202v1 [cs.LG] 12 Feb 2020", "GLU Variants Improve Transformer", "Noam Shazeer", "Google",
           "noam@google.com", "Abstract"), "GLU Variants Improve Transformer", "Noam Shazeer"),
    (lines("Evolution through Large Models", "Joel Lehman", "OpenAI", "joel@openai.com", "Jonathan Gordon"),
     "Evolution through Large Models", "Joel Lehman and others"),
    (lines("Mixtral of Experts", "Albert Q. Jiang, Alexandre Sablayrolles, Antoine Roux,"),
     "Mixtral of Experts", "Albert Q. Jiang and others"),
    (lines("DeepSeek-V3 Technical Report", "DeepSeek-AI", "research@deepseek.com"), "DeepSeek-V3 Technical Report",
     "{DeepSeek-AI}"),
    (lines("2025-05-14", "Qwen3 Technical Report", "Qwen Team"), "Qwen3 Technical Report", "{Qwen Team}"),
])
def test_the_first_author_is_read_below_the_title(page: list[tuple[str, float]], title: str, author: str) -> None:
    assert first_author(page, title) == author


@pytest.mark.parametrize("byline", [
    "Jan Leike Ilya Sutskever Jeff Wu",  # no mark between names: where the first ends is unknown
    "Department of Computer Science",
    "Google Brain",
    "TECHNICAL REPORT OF KIMI K1.5",
])
def test_no_author_is_guessed_from_a_line_that_is_not_a_name(byline: str) -> None:
    assert first_author(lines("A Title of Some Paper", byline, "Abstract"), "A Title of Some Paper") is None


def test_no_author_without_a_title_on_the_page() -> None:
    assert first_author(lines("Alec Radford * 1 Jong Wook Kim"), "A Title Elsewhere") is None
    assert first_author(lines("A Title", "Alec Radford"), None) is None


def test_placeholder_metadata_names_no_one() -> None:
    assert placeholder_author("Anonymous Submission")
    assert not placeholder_author("Alec Radford")


@pytest.mark.skipif(not PDFS.is_dir(), reason="../shared/corpus/pdfs is absent")
def test_the_corpus_pdfs_without_author_metadata_get_their_first_author() -> None:
    from synth.library.pdf import PdfReader

    expected = {"whisper_robust_speech_recognition.pdf": "Alec Radford and others",
                "attention_is_all_you_need.pdf": "Ashish Vaswani and others",
                "glu_variants_improve_transformer.pdf": "Noam Shazeer",
                "deepseek_v3_technical_report.pdf": "{DeepSeek-AI}",
                "ngpt_normalized_transformer.pdf": "Ilya Loshchilov and others",
                # page 1 holds characters beyond the BMP, two units each in pdfium's count
                "differential_transformer.pdf": "Tianzhu Ye and others"}
    for name, author in expected.items():
        path = PDFS / name
        document = PdfReader().read(path, name, path.read_bytes())
        assert document.meta("author") == author, name


def test_a_title_in_small_capitals_is_read_whole() -> None:
    """nGPT's page 1: the title's lines are 17.2 pt but one is 13.8 pt (small capitals), and a word is broken
    by a hyphen on a line of its own. Read as one run of 17.2 pt lines, the citation showed "TRANSFORMER WITH
    REPRE -" where its author belongs."""
    from synth.library.pdf import title_from_sized_lines

    page = [("Normalized Transformer NGPT: NORMALIZED", 10.0), ("TRANSFORMER WITH", 17.2), ("REPRE", 17.2),
            ("-", 17.2), ("SENTATION", 13.8), ("LEARNING ON THE", 17.2), ("HYPERSPHERE", 17.2),
            ("Ilya Loshchilov, Cheng-Ping Hsieh, Simeng Sun & Boris Ginsburg", 10.0), ("ABSTRACT", 12.0),
            *lines(*(f"Line {n} of the abstract, set in the body font." for n in range(10)))]
    title = title_from_sized_lines(page)
    assert title == "TRANSFORMER WITH REPRESENTATION LEARNING ON THE HYPERSPHERE"
    assert first_author(page, title) == "Ilya Loshchilov and others"


def test_a_hyphen_ending_a_title_line_is_kept() -> None:
    from synth.library.pdf import title_from_sized_lines

    page = [("Sparse Mixture-of-", 18.0), ("Experts Models", 18.0), *lines("Ada Lovelace", "Abstract", "Text.")]
    assert title_from_sized_lines(page) == "Sparse Mixture-of-Experts Models"
