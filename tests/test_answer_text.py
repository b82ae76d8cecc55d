"""The answer paragraph says what the library does not state in one or two sentences, however many cells
are missing: subjects it states nothing for, then the attributes missing for the others."""

from __future__ import annotations

from synth.answer.text import answer_text
from synth.models import Answer, AttributeKind, NotStated, Plan, PlanAttribute, PlanSubject, Relation


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
