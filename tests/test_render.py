"""Render and site stages: escaping of untrusted text, report.json round trip, the one-write rule."""

from __future__ import annotations

import markdown
import pytest

from synth import markdown as md
from synth.models import (
    CheckedClaim,
    Claim,
    Evidence,
    PassageKind,
    Reference,
    Report,
    Review,
    ReviewScore,
    ScreenedSource,
    Signal,
    SkippedFile,
    Verdict,
    Verification,
)
from synth.render import render_report
from synth.serialize import report_from_json, report_to_json
from synth.site import DuplicateOutput, OutputWriter

HOSTILE = 'Qwen <script>alert("x")</script> [link](javascript:alert(1)) *bold* `code` | pipe {: .x} [^1]'


def _html(markdown_text: str) -> str:
    return markdown.markdown(markdown_text, extensions=["tables", "admonition", "attr_list", "footnotes",
                                                      "pymdownx.details", "pymdownx.superfences"])


def _evidence(quote: str, page: int | None = 3) -> Evidence:
    return Evidence("src-a", "a.pdf", quote, 10, 10 + len(quote), page, None, PassageKind.TEXT)


def _checked(text: str, verdict: Verdict, quote: str) -> CheckedClaim:
    verification = Verification(text, verdict, 0.87, (_evidence(quote),),
                                (Signal("alignment", 0.9, "share of words"),), "the passage states it")
    return CheckedClaim(Claim(text, "source sentence", "src-a", "a.pdf#1", 3, None, "Topic"), verification)


def _report(answerable: bool = True) -> Report:
    return Report(
        report_id="demo",
        title="Demo report",
        question="How does the score scale with size?",
        library_root="library",
        library_size=2,
        screened=(ScreenedSource("src-a", 3.2, True, "mentions Qwen; rank 1", ("Qwen",)),
                  ScreenedSource("src-b", 0.0, False, "off-topic: does not mention Qwen", ())),
        findings=(_checked("Qwen2.5-72B-Instruct scores 55.5 on LiveCodeBench.", Verdict.SUPPORTED, HOSTILE),
                  _checked("Qwen2.5-72B-Instruct scores 60.1 on LiveCodeBench.", Verdict.CONTRADICTED, "55.5")),
        author_claims=(_checked(HOSTILE, Verdict.INSUFFICIENT, "nothing"),),
        contradictions=(),
        review=Review((ReviewScore("relevance", 10.0, "all relevant"),), 10.0, 0.0),
        answerable=answerable,
        unanswered_terms=() if answerable else ("Mistral-Large-2",),
        skipped_files=(SkippedFile("broken.pdf", "not a valid PDF: EOF marker not found"),),
        bib_problems=(),
        references=(Reference("src-a", "Team (2024) Report <b>x</b>.", "10.1/abc", "2412.15115", None),),
    )


def test_untrusted_text_is_inert_in_the_rendered_html() -> None:
    html = _html(render_report(_report(), lambda key: f"sources/{key}.md"))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html
    assert "<b>x</b>" not in html
    assert "<strong>bold</strong>" not in html


def test_text_escaping_roundtrips_to_the_same_visible_characters() -> None:
    html = _html(f"x {md.text(HOSTILE)}")
    visible = html.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&quot;", '"')
    assert HOSTILE in visible


def test_every_claim_has_an_anchor_and_a_collapsible_evidence_block_with_its_page() -> None:
    page = render_report(_report(), lambda key: None)
    html = _html(page)
    for number in (1, 2, 3):
        # A heading of its own: one search result per claim, and the anchor the claims table links to.
        assert f'<h4 class="synth-claim" id="claim-{number}">' in html
        assert f"(#claim-{number})" in page
    assert page.count('??? success "Evidence"') == 1
    assert page.count('??? failure "Evidence"') == 1
    assert "src-a, p. 3" in page
    assert "Confidence 0.87 = alignment 0.90 × 0.30." in page


def test_unanswerable_report_says_so_and_lists_no_findings_as_results() -> None:
    page = render_report(_report(answerable=False), lambda key: None)
    assert "**The library cannot answer this question.**" in page
    results = page.split("## Findings")[1].split("## ")[0]
    assert "No finding bears on the question" in results and "claim-" not in results


def test_a_question_read_into_no_cells_is_not_called_unanswerable_by_the_library() -> None:
    from dataclasses import replace

    from synth.models import Answer, Relation

    unread = Answer("not_answerable", "The question could not be read.", (), ("models",), Relation.LOOKUP, (), ())
    page = render_report(replace(_report(), answer=unread), lambda key: None)
    assert "**The question was not read into subjects and attributes**" in page
    assert "cannot answer this question" not in page
    assert "### Topic" in page, "a finding's topic heads its group"


def test_one_group_of_findings_without_a_topic_gets_no_second_findings_heading() -> None:
    from dataclasses import replace

    report = _report()
    untitled = tuple(replace(c, claim=replace(c.claim, topic="")) for c in report.findings)
    page = render_report(replace(report, findings=untitled), lambda key: None)
    assert "## Findings" in page and "### Findings" not in page


def test_skipped_files_are_listed_with_their_reason() -> None:
    page = render_report(_report(), lambda key: None)
    assert "`broken.pdf`: not a valid PDF" in page


def test_report_json_round_trip_is_exact() -> None:
    report = _report()
    text = report_to_json(report)
    assert report_from_json(text) == report
    assert report_to_json(report_from_json(text)) == text


def test_writer_refuses_to_write_a_file_twice(tmp_path) -> None:
    writer = OutputWriter(tmp_path)
    writer.write("a/index.md", "one")
    with pytest.raises(DuplicateOutput):
        writer.write("a/index.md", "two")
    assert (tmp_path / "a/index.md").read_text() == "one"


def test_the_status_line_says_how_many_stated_values_the_verifier_could_not_confirm() -> None:
    from dataclasses import replace

    from synth.models import Answer, AnswerCell, NotStated, Relation

    evidence = _evidence("Beta uses a batch size of 64.")
    cell = AnswerCell("Beta", "batch size", "64", 64.0, None, None, None, Verdict.INSUFFICIENT, 0.4, (evidence,))
    answer = Answer("partial", "Batch size: Beta 64 [unconfirmed].", ("Alpha", "Beta"), ("batch size",),
                    Relation.LOOKUP, (cell,), (NotStated("Alpha", "batch size", "no sentence gives it"),))
    page = render_report(replace(_report(), answer=answer), lambda key: None)
    assert "the library states 1 of the 2 asked cells; 1 is *not stated in the library*. 1 of the stated values was " \
           "not confirmed by the verification stage" in page
    confirmed = replace(answer, cells=(replace(cell, verdict=Verdict.SUPPORTED),))
    assert "not confirmed by the verification stage" not in render_report(replace(_report(), answer=confirmed),
                                                                          lambda key: None)


def test_a_pair_the_question_does_not_ask_is_a_dash_and_the_legend_says_why() -> None:
    """"What is Alpha's batch size, and what context length does Beta use?" asks two cells, not four: the two
    pairs no clause asks are "—", never "not stated in the library", which would claim the library was searched."""
    from dataclasses import replace

    from synth.models import Answer, AnswerCell, AttributeKind, NotStated, Plan, PlanAttribute, PlanSubject, Relation

    plan = Plan((PlanSubject("Alpha", ("Alpha",), "test"), PlanSubject("Beta", ("Beta",), "test")),
                (PlanAttribute("batch size", AttributeKind.QUANTITY, ("batch size",), "test", subjects=("Alpha",)),
                 PlanAttribute("context length", AttributeKind.QUANTITY, ("context length",), "test",
                               subjects=("Beta",))), Relation.LOOKUP)
    cell = AnswerCell("Alpha", "batch size", "64", 64.0, None, None, None, Verdict.SUPPORTED, 0.9,
                      (_evidence("Alpha uses a batch size of 64."),))
    answer = Answer("partial", "Batch size: Alpha 64.", ("Alpha", "Beta"), ("batch size", "context length"),
                    Relation.LOOKUP, (cell,), (NotStated("Beta", "context length", "no sentence gives it"),))
    page = render_report(replace(_report(), answer=answer, plan=plan), lambda key: None)
    assert "| Alpha | [**64**](#cell-1) | — |" in page
    assert "| Beta | — | *not stated in the library* |" in page
    assert "— marks a cell the question does not ask" in page


def test_each_term_of_a_text_value_is_shown_in_a_quote() -> None:
    """'low, high' read from two sentences: the page quoted only the first, so 'high' stood unquoted."""
    from dataclasses import replace

    from synth.models import Answer, AnswerCell, Relation

    first = _evidence("We find that Gemma 7B largely prefers to use the low frequencies of RoPE.", page=2)
    second = _evidence("The first and last layers instead show the most use of the high frequencies.", page=2)
    cell = AnswerCell("Gemma 7B", "frequencies", "low, high", None, None, None, None, Verdict.SUPPORTED, 0.8,
                      (first, second))
    answer = Answer("answered", "Frequencies: Gemma 7B low, high.", ("Gemma 7B",), ("frequencies",),
                    Relation.LOOKUP, (cell,), ())
    page = render_report(replace(_report(), answer=answer), lambda key: None)
    assert "the most use of the high frequencies" in page
    alone = replace(cell, value="low", evidence=(first, second))  # the first quote holds the whole value
    page = render_report(replace(_report(), answer=replace(answer, cells=(alone,))), lambda key: None)
    assert "the most use of the high frequencies" not in page
