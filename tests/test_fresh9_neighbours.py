"""Neighbours' values the fresh9 part (issue 9) showed filling asked cells, on the real questions over
../shared/corpus/pdfs (a tuning part; skipped when the corpus is absent): a family member's row for a member named
with a count its label does not write."""

from __future__ import annotations

from gold_answers import gold_answer

from synth.index import PassageIndex
from synth.models import Answer, Library


def _answer(name: str, corpus: tuple[Library, PassageIndex]) -> Answer:
    return gold_answer("fresh9", name, corpus)


def test_the_distillation_teacher_is_not_the_64_expert_switch_base(corpus: tuple[Library, PassageIndex]) -> None:
    """The row "Switch-Base" of the Switch paper's distillation table (the 3,800M teacher, quality -1.444) is not "the
    64-expert Switch-Base" (given, marked supported)."""
    answer = _answer("switch-base-wall-clock", corpus)
    assert not [c for c in answer.cells if c.subject.startswith("64-expert") and c.value == "-1.444"], answer.cells
