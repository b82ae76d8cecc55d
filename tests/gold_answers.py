"""The answer to a gold question of bench/data/answers over ../shared/corpus/pdfs, built as bench/answers_eval.py
--answers-only builds it (anchored library): the tests that pin a real question's cells share it."""

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

ANSWERS = Path(__file__).resolve().parents[1] / "bench" / "data" / "answers"


def gold_question(part: str, name: str) -> Question:
    return Question(**yaml.safe_load((ANSWERS / part / f"{name}.yaml").read_text(encoding="utf-8"))["question"])


def gold_answer(part: str, name: str, corpus: tuple[Library, PassageIndex]) -> Answer:
    return question_answer(gold_question(part, name), corpus)


def question_answer(question: Question, corpus: tuple[Library, PassageIndex]) -> Answer:
    """The answer to any question over the corpus, built the same way (a test's own question, no gold file)."""
    library, index = corpus
    plan = make_plan(question, library)
    anchored = anchored_library(library, anchor(question, plan, library, index))
    indexes = AnchoredIndexes()
    try:
        within = indexes.of(anchored, index)
        return build_answer(plan, retrieve_asks(plan, anchored, within), anchored, within)
    finally:
        indexes.close()
