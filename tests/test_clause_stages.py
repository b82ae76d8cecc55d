"""Each clause's own training stage (issue 9, read31 glu-training-dropout): a question asking values of pre-training
and of fine-tuning reads each asked phrase at the stage its clause names, not the whole question at the first stage
it names; one thing asked at both stages is two attributes."""

from __future__ import annotations

import pytest
from gold_answers import gold_answer

from synth.config import Question
from synth.index import PassageIndex
from synth.models import Library
from synth.plan import describe, make_plan
from synth.plan.clause_stages import clause_stages

GLU = ("In 'GLU Variants Improve Transformer', for how many steps were the models pre-trained and with how many "
       "examples per batch, what dropout rate was used during pre-training, and for how many steps, at what learning "
       "rate and with what dropout rate were they fine-tuned?")


@pytest.mark.parametrize(("question", "stages"), [
    ("for how many steps were the ⟨S⟩ pre-trained and with how many examples per batch, what dropout rate was used "
     "during pre-training, and for how many steps, at what learning rate and with what dropout rate were they "
     "fine-tuned?",
     [("for how many steps were the ⟨S⟩ pre-trained", "pre-training"),
      ("with how many examples per batch", "pre-training"), ("what dropout rate was", "pre-training"),
      ("for how many steps", "fine-tuning"), ("at what learning rate", "fine-tuning"),
      ("with what dropout rate were they fine-tuned", "fine-tuning")]),
    # the same shape in other words: the verbless clauses share the verb after them, or the stage before them
    ("what batch size was used for pre-training, and for how many epochs and at what learning rate was ⟨S⟩ "
     "fine-tuned?",
     [("what batch size was", "pre-training"), ("for how many epochs", "fine-tuning"),
      ("at what learning rate was ⟨S⟩ fine-tuned", "fine-tuning")]),
])
def test_each_clause_takes_its_own_stage(question: str, stages: list[tuple[str, str]]) -> None:
    assert clause_stages(question) == stages


@pytest.mark.parametrize("question", [
    "for how many steps and with what batch size were the ⟨S⟩ pre-trained?",
    "what learning rate and batch size does ⟨S⟩ use?",
])
def test_one_stage_or_none_is_the_whole_questions(question: str) -> None:
    assert clause_stages(question) is None


def test_the_glu_question_asks_each_dropout_rate_at_its_stage(corpus: tuple[Library, PassageIndex]) -> None:
    plan = make_plan(Question(title="Pre-training and fine-tuning", question=GLU), corpus[0])
    assert [(a.name, a.stage) for a in plan.attributes] == [
        ("pre-training steps", "pre-training"), ("examples per batch", "pre-training"),
        ("pre-training dropout rate", "pre-training"), ("fine-tuning steps", "fine-tuning"),
        ("learning rate", "fine-tuning"), ("fine-tuning dropout rate", "fine-tuning")]
    assert "Each value is taken only from the stage its clause names (fine-tuning, pre-training)." in describe(plan)


def test_the_fine_tuning_dropout_is_not_the_pre_training_one(corpus: tuple[Library, PassageIndex]) -> None:
    cells = {c.attribute: c.value for c in gold_answer("read31", "glu-training-dropout", corpus).cells}
    assert cells.get("fine-tuning dropout rate") == "0.1"
    assert cells.get("pre-training dropout rate") != "0.1"  # "we use no dropout during pre-training"
    assert cells.get("pre-training steps") == "524,288"
