"""A parameter count read as activated or total: "15.7B total parameters" never states that 15.7B
are activated, nor a bare "235 billion" that 235 billion are (synth.verify.figures.count_kind)."""

from __future__ import annotations

import pytest

from synth import claimparse
from synth.verify.figures import count_kind


@pytest.mark.parametrize(("text", "figure", "expected"), [
    ("It has a total of 15.7B parameters, where 2.4B are activated for each token.", "15.7B", "total"),
    ("It has a total of 15.7B parameters, where 2.4B are activated for each token.", "2.4B", "activated"),
    ("an MoE model with a total of 235 billion parameters and 22 billion activated ones per token", "235 billion",
     "total"),
    ("an MoE model with a total of 235 billion parameters and 22 billion activated ones per token", "22 billion",
     "activated"),
    ("Heron-9B activates 15.7B parameters for each token.", "15.7B", "activated"),
    ("Heron-9B has 37B total parameters.", "37B", "total"),
    ("each token has access to 47B parameters, but only uses 13B active parameters", "13B", "activated"),
    ("Heron-9B was pre-trained on 14.8T tokens.", "14.8T", None),
    ("Heron-9B comprises 70B total parameters, of which 12B are activated for each token.", "12B", "activated"),
    ("a model with 671B total parameters with 37B activated for each token", "37B", "activated"),
    ("a model with 671B total parameters with 37B activated for each token", "671B", "total"),
    ("Heron-9B has 47B parameters in total but uses only 13B of them per token.", "47B", "total"),
    ("the 15.7B model, the 37B activated one and its total of 671B", "15.7B", None),
])
def test_activated_and_total_counts(text: str, figure: str, expected: str | None) -> None:
    figures = claimparse.parse(text).quantities
    [quantity] = [q for q in figures if q.raw == figure]
    assert count_kind(text, quantity, figures) == expected


def test_only_sizes_are_parameter_counts() -> None:
    text = "Each token activates 6 of the 64 routed experts."
    figures = claimparse.parse(text).quantities
    assert [count_kind(text, q, figures) for q in figures] == [None, None]
