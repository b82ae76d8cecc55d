"""A page never says "Answered" when the plan dropped part of the question (issue 9): every asking clause is read as
asks or named as not read — by the plan, by `synth plan`, on the page's status line, in report.json and by the
review."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import markdown
import pytest
from libraries import asks_report, indexed_library, written_library
from test_render import HOSTILE, _report

from synth.config import Question
from synth.models import (
    Answer,
    AnswerCell,
    AttributeKind,
    Evidence,
    Library,
    PassageKind,
    Plan,
    PlanAttribute,
    PlanSubject,
    Relation,
    UnreadClause,
    Verdict,
)
from synth.plan import make_plan
from synth.plan.printed import describe
from synth.render import render_report

OWL = """# Owl: Small Models at Every Scale

Ada Quill, Bo Renn

## Training

Owl 7B was trained for 1,200 GPU hours on our cluster. Of those, 300 GPU hours were spent on ablation runs.
"""
PART_ASKED = "How many GPU hours did Owl 7B take, and how many of those hours were spent on ablation runs?"


@pytest.fixture(scope="module")
def owl(tmp_path_factory: pytest.TempPathFactory) -> Library:
    return written_library(tmp_path_factory.mktemp("owl"), {"owl.md": OWL})


def _plan(question: str, library: Library) -> Plan:
    return make_plan(Question(title="Clause probe", question=question), library)


def test_a_part_of_an_attribute_an_earlier_clause_asks_is_named_as_not_read(owl: Library) -> None:
    plan = _plan(PART_ASKED, owl)
    assert [a.name for a in plan.attributes] == ["GPU hours"]
    assert plan.parts == 2
    assert plan.unread == (UnreadClause("how many of those hours were spent on ablation runs",
                                        ("spent", "ablation", "runs")),)
    printed = describe(plan)
    assert "parts of the question read: 1 of 2" in printed
    assert 'not read: "how many of those hours were spent on ablation runs"' in printed


def test_a_part_asked_by_a_copula_is_never_asked_as_its_whole(owl: Library) -> None:
    """"how many hours were ablation runs" gave the bare attribute "hours", which the 1,200 GPU hours in total
    would fill: the part not read is named, and its whole is not asked in its place."""
    plan = _plan("How many GPU hours did Owl 7B take, and how many hours were ablation runs?", owl)
    assert [a.name for a in plan.attributes] == ["GPU hours"]
    assert [u.text for u in plan.unread] == ["how many hours were ablation runs"]
    kept = _plan("How many hours did Owl 7B take, and how many hours were ablation runs?", owl)
    assert len(kept.attributes) == 1 and "hours" in kept.attributes[0].name  # the first clause asks the total


def test_a_question_read_whole_has_no_unread_clause(owl: Library) -> None:
    plan = _plan("How many GPU hours did Owl 7B take?", owl)
    assert plan.parts == 1 and plan.unread == ()
    assert "not read:" not in describe(plan)


def test_a_yes_no_clause_is_not_read_by_the_subject_it_names(owl: Library) -> None:
    plan = _plan("Was Owl 7B trained on a cluster of TPUs, and how many GPU hours did it take?", owl)
    assert [u.text for u in plan.unread] == ["Was Owl 7B trained on a cluster of TPUs"]


def test_the_page_and_report_json_say_partly_answered_when_a_clause_was_not_read(tmp_path: Path) -> None:
    report = asks_report(PART_ASKED, indexed_library(tmp_path, {"owl.md": OWL}))
    assert report.answer is not None and report.answer.status == "partial"
    page = render_report(report, lambda key: None)
    status = page.split("## Answer", 1)[1].split("\n\n", 2)[1]
    assert status.startswith("**Partly answered**: the report read 1 of the 2 parts of the question; not read: "
                             "“how many of those hours were spent on ablation runs”.")
    assert "Answered**" not in status and "asked cell" not in status
    accounted = next(s for s in report.review.scores if s.reviewer == "asks accounted for")
    assert accounted.reason.endswith("1 part of the question not read") and accounted.score < 10.0


def _evidence(quote: str) -> Evidence:
    return Evidence("src-a", "a.pdf", quote, 10, 10 + len(quote), 3, None, PassageKind.TEXT)


def test_the_unread_clause_on_the_page_is_escaped() -> None:
    plan = Plan((PlanSubject("Alpha", ("Alpha",), "test"),),
                (PlanAttribute("batch size", AttributeKind.QUANTITY, ("batch size",), "test"),), Relation.LOOKUP,
                unread=(UnreadClause(HOSTILE, ("Qwen",)),), parts=2)
    cell = AnswerCell("Alpha", "batch size", "64", 64.0, None, None, None, Verdict.SUPPORTED, 0.9,
                      (_evidence("Alpha uses a batch size of 64."),))
    answer = Answer("partial", "Batch size: Alpha 64.", ("Alpha",), ("batch size",), Relation.LOOKUP, (cell,), ())
    page = render_report(replace(_report(), answer=answer, plan=plan), lambda key: None)
    assert "**Partly answered**: the report read 1 of the 2 parts of the question" in page
    html = markdown.markdown(page.split("## Answer", 1)[1].split("\n\n", 2)[1])
    assert "<script>" not in html and 'href="javascript' not in html and "<strong>bold</strong>" not in html
    unanswerable = replace(answer, status="not_answerable", cells=())
    page = render_report(replace(_report(), answer=unanswerable, plan=plan), lambda key: None)
    assert "**The library cannot answer this question**" in page
    assert "The report did not read 1 of the 2 parts of the question: “" in page
