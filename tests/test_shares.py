"""A share asked of a whole is a percentage of that whole (issue 9, the methods tuning part): "what share of tokens
is masked" found nothing in "we mask 15% of all WordPiece tokens in each sequence at random", because no reader of
counts takes a percentage; the participle asked keeps the 1.5% of tokens randomly replaced out."""

from __future__ import annotations

from pathlib import Path

import pytest
from libraries import answered

from synth.models import AttributeKind, PlanAttribute
from synth.retrieve.asks.shares import share_values

MASK = "In all of our experiments, we mask 15% of all WordPiece tokens in each sequence at random."
REPLACE = "Random replacement only occurs for 1.5% of all tokens (i.e., 10% of 15%)."


@pytest.mark.parametrize(("name", "sentence", "values"), [
    ("share of tokens masked", MASK, ["15%"]),
    ("share of tokens masked", REPLACE, []),
    ("share of tokens", REPLACE, ["1.5%"]),
    ("fraction of parameters", MASK, []),
    ("masked tokens", MASK, []),  # no share asked: read by the readers of counts
])
def test_a_share_is_a_percentage_of_the_asked_whole(name: str, sentence: str, values: list[str]) -> None:
    asked = PlanAttribute(name, AttributeKind.QUANTITY, (name,), "test")
    assert [raw for raw, *_ in share_values(sentence, asked)] == values


def test_the_share_of_tokens_masked_is_answered(tmp_path: Path) -> None:
    text = (f"# Bolt: bidirectional encoders\n\nWe introduce Bolt, a bidirectional encoder. We pre-train Bolt with a "
            f"masked LM. {MASK} {REPLACE} Bolt is then fine-tuned on each task.\n")
    answer = answered(tmp_path, {"bolt.md": text}, "In Bolt, what share of tokens is masked?")
    assert [c.value for c in answer.cells] == ["15%"]
