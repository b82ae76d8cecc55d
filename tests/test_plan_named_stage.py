"""A training stage named by its method (issue 9, fresh4/pasa-crawler-ppo): "For the PPO stage of training Heron,
what learning rate was used?" asks the PPO stage's learning rate, never the imitation-learning stage's that the same
paragraph gives first, and "PPO" is no subject."""

from __future__ import annotations

from pathlib import Path

from libraries import answered, written_library

from synth.answer.stated_at import up_to_value
from synth.config import Question
from synth.plan import make_plan

TWO_STAGES = """# Heron: An Agent that Reads Papers

Ada Quill, Bo Renn

## Abstract

We present Heron, an agent trained to read papers.

## Training

Heron is trained in two stages. First, we perform imitation learning for 1 epoch with a learning rate of 1e-5 and a \
batch size of 4, using 8 GPUs. In the second stage, we apply PPO training.
"""
PPO = "\nIn the PPO stage, we train Heron with a learning rate of 1e-6 for 2 epochs on 16 GPUs.\n"
QUESTION = "For the PPO stage of training Heron, what learning rate was used?"


def test_a_stage_named_by_its_method_is_the_setting_of_what_is_asked(tmp_path: Path) -> None:
    plan = make_plan(Question(title="A question", question=QUESTION),
                     written_library(tmp_path, {"heron.md": TWO_STAGES + PPO}))
    assert [s.name for s in plan.subjects] == ["Heron"]
    assert [(a.name, a.variant) for a in plan.attributes] == [("learning rate", "PPO")]


def test_a_stage_named_by_its_kind_stays_a_training_stage(tmp_path: Path) -> None:
    plan = make_plan(Question(title="A question", question="What learning rate was used for the RL stage of Heron?"),
                     written_library(tmp_path, {"heron.md": TWO_STAGES + PPO}))
    assert [(a.variant, a.stage) for a in plan.attributes] == [(None, "RL")]


def test_the_value_is_the_named_stages(tmp_path: Path) -> None:
    answer = answered(tmp_path, {"heron.md": TWO_STAGES + PPO}, QUESTION)
    assert [(c.attribute, c.value) for c in answer.cells] == [("learning rate", "1e-6")]


def test_a_sentence_after_the_value_names_no_stage_of_it(tmp_path: Path) -> None:
    """"… a learning rate of 1e-5 … In the second stage, we apply PPO training.": the next sentence says what comes
    after the value's stage, so the PPO stage's learning rate is not stated."""
    answer = answered(tmp_path, {"heron.md": TWO_STAGES}, QUESTION)
    assert not [c for c in answer.cells if c.value], answer.cells
    assert [(n.subject, n.attribute) for n in answer.not_stated] == [("Heron", "learning rate")]


def test_a_quote_is_read_up_to_the_end_of_the_values_sentence() -> None:
    quote = "First, we use a learning rate of 1e-5 and a batch size of 4. In the second stage, we apply PPO training."
    assert up_to_value(quote, "1e-5") == "First, we use a learning rate of 1e-5 and a batch size of 4."
    assert up_to_value(quote, "3e-4") == quote
