"""Figures that mislead a reader of one number at a time (read24 janus-pro-7b-training, first run): "a codebook of size
16, 384" (a TeX math-mode thousands comma) gave the codebook "16", and "in a single training step" gave Janus-Pro-7B
"single" training steps."""

from __future__ import annotations

import re

import pytest

from synth.models import AttributeKind, PlanAttribute
from synth.retrieve.asks.quantities import quantity_values
from synth.retrieve.asks.spaced import spaced_thousands, where_not_how_many

JANUS = "The generation encoder has a codebook of size 16, 384 and downsamples images by a factor of 16."
MIXED = "We mix all data types according to the specified ratios in a single training step."


def _parts(text: str) -> list[tuple[str, bool]]:
    return [(m.group(), spaced_thousands(text, m.start(), m.end())) for m in re.finditer(r"\d+", text)]


def test_a_spaced_thousands_comma_makes_neither_part_a_figure() -> None:
    assert _parts(JANUS) == [("16", True), ("384", True), ("16", False)]
    assert _parts("We use 500, 000 steps.") == [("500", True), ("000", True)]


@pytest.mark.parametrize("text", ["batch sizes of 64, 128, 256, 512, and 1024, for PPO", "128, 512 and 2048 experts",
                                  "shape [20, 600, 600, 2]", "Nature 2014, 41, 647", "range(5, 100)"])
def test_a_list_of_numbers_is_no_spaced_figure(text: str) -> None:
    assert not any(spaced for _, spaced in _parts(text))


def _values(sentence: str, name: str) -> list[str]:
    attribute = PlanAttribute(name, AttributeKind.QUANTITY, (name,), 'read from "how large …"')
    return [shown for shown, *_ in quantity_values(sentence, attribute, frozenset())]


def test_the_codebook_is_not_given_the_first_part_of_its_size() -> None:
    assert "16" not in _values(JANUS, "codebook size")


def test_a_single_step_where_something_happens_counts_no_steps() -> None:
    assert where_not_how_many(MIXED, MIXED.index("single"))
    assert _values(MIXED, "training steps") == []
    assert _values("The model is trained for a single epoch.", "epochs") == ["single"]
