"""The hardware a model was trained on and the time each step took, as a paper's footnote states them ("2Each
training step took approximately 0.15 seconds on a 32-core TPUv2 cluster."): the fresh2 part of issue 9's tuning
questions found neither, because the sentence never says "hardware", its footnote mark glued to "Each" read as a
model's name, and a time per step was never read."""

from __future__ import annotations

from pathlib import Path

import pytest
from libraries import answered

from synth.retrieve.asks.per_unit import time_per_unit_values

GATED = """# Gated Units Improve Sequence Models

We test gated linear units in the feed-forward sublayer of a sequence-to-sequence model. We pre-train for 524,288
steps on the span-filling objective with a batch size of 128.

2Each training step took approximately 0.15 seconds on a 32-core TPUv2 cluster.

| Model | Log-perplexity |
|---|---|
| FFN ReLU | 1.997 |
| FFN GEGLU | 1.942 |

Table 1: Log-perplexity after pre-training.
"""


def test_the_hardware_and_the_time_per_step_of_a_footnote_are_read(tmp_path: Path) -> None:
    answer = answered(tmp_path, {"gated.md": GATED}, "In 'Gated Units Improve Sequence Models', what hardware were "
                      "the models trained on, and how long did each training step take?")
    cells = {c.attribute: c.value for c in answer.cells}
    assert cells == {"hardware": "32-core TPUv2 cluster", "time per training step": "0.15 seconds"}


@pytest.mark.parametrize(("sentence", "values"), [
    ("2Each training step took approximately 0.15 seconds on a 32-core TPUv2 cluster.", ["0.15 seconds"]),
    ("Training runs at 0.4 s per step on 8 GPUs.", ["0.4 s"]),
    ("We observe a step time of 1.2 s with pipeline parallelism.", ["1.2 s"]),
    # the duration of the whole training, said beside its steps, is not the step's
    ("We train for 3 days over 300k steps.", []),
    ("Each training run took 12 hours on 8 GPUs.", []),
])
def test_a_time_per_step_is_a_duration_tied_to_each_step(sentence: str, values: list[str]) -> None:
    assert [shown for shown, *_ in time_per_unit_values(sentence, "time per training step")] == values


def test_only_a_time_per_unit_is_read_so() -> None:
    assert time_per_unit_values("Each step took 0.15 seconds.", "training time") == []
