"""Neighbours' values the fresh9 part (issue 9) showed filling asked cells, on the real questions over
../shared/corpus/pdfs (a tuning part; skipped when the corpus is absent): a family member's row for a member named
with a count its label does not write."""

from __future__ import annotations

from pathlib import Path

import yaml

from synth.anchor import AnchoredIndexes, anchor, anchored_library
from synth.answer import build_answer
from synth.config import Question
from synth.index import PassageIndex
from synth.models import Answer, Library
from synth.plan import make_plan
from synth.retrieve.asks import retrieve_asks

GOLD = Path(__file__).resolve().parents[1] / "bench" / "data" / "answers" / "fresh9"


def _answer(name: str, corpus: tuple[Library, PassageIndex]) -> Answer:
    """The answer to a fresh9 question as bench/answers_eval.py --answers-only builds it (anchored library)."""
    library, index = corpus
    question = Question(**yaml.safe_load((GOLD / f"{name}.yaml").read_text(encoding="utf-8"))["question"])
    plan = make_plan(question, library)
    anchored = anchored_library(library, anchor(question, plan, library, index))
    indexes = AnchoredIndexes()
    try:
        within = indexes.of(anchored, index)
        return build_answer(plan, retrieve_asks(plan, anchored, within), anchored, within)
    finally:
        indexes.close()


def test_the_distillation_teacher_is_not_the_64_expert_switch_base(corpus: tuple[Library, PassageIndex]) -> None:
    """The row "Switch-Base" of the Switch paper's distillation table (the 3,800M teacher, quality -1.444) is not "the
    64-expert Switch-Base" (given, marked supported)."""
    answer = _answer("switch-base-wall-clock", corpus)
    assert not [c for c in answer.cells if c.subject.startswith("64-expert") and c.value == "-1.444"], answer.cells
