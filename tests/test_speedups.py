"""A speed-up stated as a multiple (issue 9, fresh11: efficiency figures "over" a baseline): "delivering 1.8 times TPS",
"a 7.5x speedup", "nearly 2.5 times the inference speed of a 7B dense model" were read by no count reader, so every
"how much faster" question was declared not stated. A multiple is read only where a word of speed is tied to it, never
one item of a list of settings, never one over a baseline the sentence names, and never for a subject the question
compares with another (which baseline the multiple is over is not told)."""

from __future__ import annotations

from pathlib import Path

import pytest
from libraries import answered

from synth.models import AttributeKind, PlanAttribute
from synth.retrieve.asks.speedups import speedup_values


def _multiples(text: str, name: str) -> list[str]:
    return [shown for shown, *_ in speedup_values(text, PlanAttribute(name, AttributeKind.QUANTITY, (name,), "test"))]


@pytest.mark.parametrize(("text", "name", "values"), [
    ("This high acceptance rate enables it to achieve a significantly improved decoding speed, delivering 1.8 times "
     "TPS (Tokens Per Second).", "faster", ["1.8 times"]),
    ("The 64 expert model reaches the baseline's quality at step 450k, which is a 7.5x speedup in terms of step time.",
     "speed-up", ["7.5x"]),
    ("With appropriate operator optimizations, it can achieve nearly 2.5 times the inference speed of a 7B dense "
     "model.", "inference speed-up", ["2.5 times"]),
    # a multiple of another thing is no speed-up
    ("It matches LLaMA2 7B, which has approximately 2.5 times the activated parameters.", "speed-up", []),
    # one item of a list of settings is one setting's
    ("Training is about 4x, 10x and 20x faster on 1k, 4k and 8k context lengths, respectively.", "speed-up", []),
    # a baseline the sentence names may not be the one asked
    ("The hybrid generates the content nearly 8× faster than the Transformer.", "faster", []),
    ("On a wall-clock basis it yields a 2.5x speedup over T5-Large.", "times faster", []),
    # only a speed-up is read so
    ("delivering 1.8 times TPS (Tokens Per Second).", "tokens", []),
])
def test_a_speed_up_is_a_multiple_tied_to_a_word_of_speed(text: str, name: str, values: list[str]) -> None:
    assert _multiples(text, name) == values


KESTREL = """# Kestrel: A Fast Decoder

Kestrel is a language model trained with multi-token prediction.

## Decoding

Kestrel predicts the next 2 tokens through its prediction heads. Combined with speculative decoding, the acceptance
rate is high, delivering 1.8 times TPS (Tokens Per Second). Kestrel is still more sample efficient than Plover-7B
and yields a 2.5x speedup.
"""


def test_a_lone_subject_s_speed_up_is_read(tmp_path: Path) -> None:
    answer = answered(tmp_path, {"kestrel.md": KESTREL}, "How much faster does Kestrel decode?")
    assert {c.value for c in answer.cells if c.attribute == "faster"} >= {"1.8 times"}


def test_no_speed_up_is_read_for_a_subject_compared_with_another(tmp_path: Path) -> None:
    answer = answered(tmp_path, {"kestrel.md": KESTREL}, "How many times faster does Kestrel reach Plover-7B's "
                      "quality?")
    assert not [c for c in answer.cells if "faster" in c.attribute]
