"""The answer paragraph says what the library does not state in one or two sentences, however many cells
are missing: subjects it states nothing for, then the attributes missing for the others."""

from __future__ import annotations

from synth.answer.text import answer_text
from synth.models import (
    Answer,
    AnswerCell,
    AttributeKind,
    Evidence,
    NotStated,
    PassageKind,
    Plan,
    PlanAttribute,
    PlanSubject,
    Relation,
    Verdict,
)


def _plan(subjects: list[str], attributes: list[str]) -> Plan:
    return Plan(tuple(PlanSubject(s, (s,), "test") for s in subjects),
                tuple(PlanAttribute(a, AttributeKind.QUANTITY, (a,), "test") for a in attributes), Relation.COMPARE)


def test_what_is_not_stated_is_said_once_not_per_attribute() -> None:
    plan = _plan(["Alpha", "Beta", "Gamma"], ["batch size", "weight decay", "warmup steps"])
    gaps = [NotStated("Gamma", a, "") for a in ("batch size", "weight decay", "warmup steps")]
    gaps += [NotStated("Alpha", "weight decay", ""), NotStated("Beta", "weight decay", ""),
             NotStated("Beta", "warmup steps", "")]
    answer = Answer("partial", "", ("Alpha", "Beta", "Gamma"), (), Relation.COMPARE, (), tuple(gaps))
    text = answer_text(answer, plan)
    assert text == ("The library states none of the asked values for Gamma. Not stated in the library: weight decay "
                    "(Alpha, Beta); warmup steps (Beta).")


def test_one_missing_attribute_is_one_plain_sentence() -> None:
    plan = _plan(["Alpha", "Beta"], ["batch size"])
    answer = Answer("not_answerable", "", ("Alpha", "Beta"), (), Relation.COMPARE, (),
                    (NotStated("Alpha", "batch size", ""), NotStated("Beta", "batch size", "")))
    assert answer_text(answer, plan) == "The library does not state batch size for Alpha or Beta."


def _cell(subject: str, entity: str, number: float) -> AnswerCell:
    evidence = Evidence("s", "d", "q", 0, 1, 1, None, PassageKind.TABLE_ROW)
    return AnswerCell(subject, "key-value heads", f"{number:g}", number, None, None, entity, Verdict.SUPPORTED, 0.9,
                      (evidence,))


def test_a_family_s_range_is_compared_in_full_never_by_its_first_member() -> None:
    plan = _plan(["Mistral 7B", "Qwen3"], ["key-value heads"])
    cells = (_cell("Mistral 7B", "Mistral 7B", 8), _cell("Qwen3", "Qwen3-0.6B", 8), _cell("Qwen3", "Qwen3-8B", 8),
             _cell("Qwen3", "Qwen3-30B-A3B", 4))
    answer = Answer("answered", "", ("Mistral 7B", "Qwen3"), ("key-value heads",), Relation.COMPARE, cells, ())
    text = answer_text(answer, plan)
    assert "same value" not in text
    assert "Highest: Mistral 7B, Qwen3-0.6B and Qwen3-8B; lowest: Qwen3-30B-A3B." in text
    same = Answer("answered", "", ("Mistral 7B", "Qwen3"), ("key-value heads",), Relation.COMPARE, cells[:3], ())
    assert "All give the same value." in answer_text(same, plan)
