"""A count written as a bracketed total after what it counts (issue 9, the methods tuning part): "For how many
languages does Whisper have a language token?" found nothing in "a unique token for each language in our training
set (99 total)"."""

from __future__ import annotations

from pathlib import Path

import pytest
from libraries import answered

from synth.models import AttributeKind, PlanAttribute
from synth.retrieve.asks.totals import total_values

HARK = """# Hark: speech recognition from weak labels

We train Hark on 680,000 hours of audio. First, Hark predicts the language being spoken, which is represented by a
unique token for each language in our training set (99 total). The audio is split into 30-second chunks (12 in
total).
"""


def test_a_bracketed_total_counts_what_its_clause_describes(tmp_path: Path) -> None:
    answer = answered(tmp_path, {"hark.md": HARK}, "For how many languages does Hark have a language token?")
    assert [c.value for c in answer.cells] == ["99"]


@pytest.mark.parametrize(("name", "values"), [
    ("language tokens", ["99"]),
    ("audio chunks", ["12"]),
    ("training hours", []),  # no total in brackets counts hours
])
def test_only_a_total_whose_clause_uses_the_asked_words_answers(name: str, values: list[str]) -> None:
    asked = PlanAttribute(name, AttributeKind.QUANTITY, (name,), "test")
    text = " ".join(HARK.split("\n\n")[1].split())
    assert [raw for raw, *_ in total_values(text, asked)] == values


def test_a_resolution_is_the_time_a_value_is_quantized_to(tmp_path: Path) -> None:
    """"quantizing all times to the nearest 20 milliseconds which matches the native time resolution of Hark
    models": the comparison word "matches" does not hand the value away from the subject named after "of"; the
    initial timestamp "between 0.0 and 1.0 second" is no resolution."""
    text = ("# Hark: speech recognition from weak labels\n\nFor timestamp prediction, we predict time relative to the "
            "current audio segment, quantizing all times to the nearest 20 milliseconds which matches the native "
            "time resolution of Hark models. We constrain the initial timestamp token of Hark to be between 0.0 "
            "and 1.0 second.\n")
    answer = answered(tmp_path, {"hark.md": text}, "To what resolution are Hark's timestamps quantized?")
    assert [c.value for c in answer.cells] == ["20 milliseconds"]
