"""A sentence a page break (and a float between its halves) cuts in two is one passage again, cited on both pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdfs import make_pdf
from test_library_readers import assert_offsets, read_pdf

from synth.library.pagebreaks import find_joins, lay_out
from synth.library.pdf import PdfReader
from synth.models import Document, Evidence, Passage, PassageKind
from synth.retrieve.sentences import sentences
from synth.text import collapse

SHARED = Path(__file__).resolve().parents[2] / "shared"
HEAD = "Routing Tokens Around Blocks: A Study"
BODY = [
    "We trained a family of routed transformers on the same data with the same schedule and",
    "compared them with dense baselines of the same size at every budget that we could afford.",
    "The routed models were consistently better at equal compute across all of the budgets.",
    "For example, a 220M parameter routed variant slightly outperforms the dense baseline of",
]
CAPTION = [
    "Figure 3: Hyperparameter tuning. Variants of the routed transformer were trained for a fixed",
    "budget of compute to find the best capacity; model 3 steps 66% faster than the baseline.",
]
REST = [
    "the same size, but is upwards of 60% faster to step during training in our experiments.",
    "We then trained larger models with the best settings found at the small budget and report",
    "their losses and their speeds in the tables of the appendix, along with the exact budgets.",
]


def _pages() -> list[str]:
    return ["\n".join([HEAD, *BODY, "1"]), "\n".join([HEAD, *CAPTION, *REST, "2"])]


def _passage_with(document: Document, words: str) -> Passage:
    return next(p for p in document.passages if words in collapse(p.text))


def test_a_sentence_cut_by_a_page_break_and_a_caption_is_one_passage_on_both_pages() -> None:
    document = read_pdf(make_pdf(_pages()))
    assert_offsets(document)
    joined = _passage_with(document, "slightly outperforms the dense baseline of the same size, but is upwards of 60%")
    assert "Figure 3" not in joined.text
    assert (joined.page, joined.last_page, joined.location) == (1, 2, "pp. 1–2")
    caption = _passage_with(document, "Figure 3: Hyperparameter tuning")
    assert "upwards of 60%" not in caption.text
    # The rest of page 2 is on page 2 alone.
    assert _passage_with(document, "We then trained larger models").location == "p. 2"


def test_a_quote_of_the_joined_sentence_says_both_pages_and_one_on_one_page_says_that_page() -> None:
    document = read_pdf(make_pdf(_pages()))
    joined = _passage_with(document, "slightly outperforms the dense baseline")
    found = {collapse(s.text): s.evidence("paper") for s in sentences(joined)}
    broken = next(e for text, e in found.items() if "upwards of 60% faster to step" in text)
    assert "slightly outperforms" in broken.quote
    assert (broken.page, broken.last_page, broken.location) == (1, 2, "pp. 1–2")
    before = next(e for text, e in found.items() if text.startswith("The routed models were consistently"))
    assert (before.page, before.last_page, before.location) == (1, None, "p. 1")


def test_evidence_location_names_a_page_span() -> None:
    evidence = Evidence("k", "d", "q", 0, 1, 7, None, PassageKind.TEXT, last_page=8)
    assert evidence.location == "pp. 7–8"
    assert Evidence("k", "d", "q", 0, 1, 7, None, PassageKind.TEXT).location == "p. 7"


def test_pages_without_a_broken_sentence_read_as_before() -> None:
    pages = ["\n".join([HEAD, *BODY[:3], "1"]), "\n".join([HEAD, *CAPTION, *REST, "2"])]
    assert find_joins(pages) == []
    assert lay_out(pages, []).text == "\n\n".join(pages)


@pytest.mark.parametrize("opening", [
    # Page 2 opens with a new sentence, not the rest of page 1's.
    [HEAD, "The same size baselines were trained for as many steps as the routed models were."],
    # Short loose lines without a caption are not a float to skip: "about 10−2" may be the sentence's own words.
    [HEAD, "0.5", "loss", "the same size, but is upwards of 60% faster to step during training overall."],
    # A table of sample texts above its caption opens with a lower-case row label: it is no continuation.
    [HEAD, "context the villagers thought to themselves that what they were about to do was right.",
     "Continuation 1 Continuation 2", "zero-shot", "He smiled", "Table 2: Three random continuations."],
])
def test_no_join_when_page_two_does_not_clearly_go_on_with_the_sentence(opening: list[str]) -> None:
    pages = ["\n".join([HEAD, *BODY, "1"]), "\n".join([*opening, *REST[1:], "2"])]
    assert find_joins(pages) == []


def test_footnotes_under_the_body_are_not_its_last_line() -> None:
    pages = ["\n".join([HEAD, *BODY, "1https://example.org/code-and-data-for-the-routed-models", "1"]),
             "\n".join([HEAD, *REST, "2"])]
    joins = find_joins(pages)
    assert [(j.page, j.body_end) for j in joins] == [(0, 5)]
    text = lay_out(pages, joins).text
    assert "slightly outperforms the dense baseline of\nthe same size, but is upwards" in text


def test_mixture_of_depths_training_speed_up_is_one_sentence_on_pages_7_and_8() -> None:
    path = SHARED / "corpus" / "pdfs" / "mixture_of_depths.pdf"
    if not path.is_file():
        pytest.skip("../shared/corpus/pdfs/mixture_of_depths.pdf not present")
    document = PdfReader().read(path, path.stem, path.read_bytes())
    assert_offsets(document)
    joined = _passage_with(document, "variant slightly outperforms the isoFLOP optimal baseline (also 220M")
    assert "upwards of 60% faster to step during training" in collapse(joined.text)
    assert joined.location == "pp. 7–8"
    assert "Figure 3 |" not in joined.text
    sentence = next(s for s in sentences(joined) if "upwards of 60% faster" in s.text)
    assert collapse(sentence.text).startswith("For example, a 220M parameter MoD")
    assert sentence.evidence("raposo2024").location == "pp. 7–8"
    caption = _passage_with(document, "Figure 3 | MoD hyperparameter tuning")
    assert "upwards of 60%" not in caption.text


def test_a_join_moves_no_other_passage_of_the_page() -> None:
    """Page 1's chunks before its last are cut as page 1 alone would be cut, with or without the join."""
    long_body = [f"Run {i} of the routed models used the same data and schedule as the dense baseline did." for i in
                 range(25)]
    joined = read_pdf(make_pdf(["\n".join([HEAD, *long_body, *BODY, "1"]), "\n".join([HEAD, *CAPTION, *REST, "2"])]))
    alone = read_pdf(make_pdf(["\n".join([HEAD, *long_body, *BODY, "1"]), "\n".join([HEAD, *REST[1:], "2"])]))
    first = [p.text for p in joined.passages if p.page == 1 and p.last_page is None]
    assert len(first) >= 2
    assert first == [p.text for p in alone.passages if p.page == 1][:len(first)]
    assert any("upwards of 60%" in p.text and p.last_page == 2 for p in joined.passages)
