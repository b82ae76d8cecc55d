"""A bound on the length of a model's input is its context length (issue 9 item 5: BERT's context length was "not
stated in the library" though bert.pdf says "They are sampled such that the combined length is ≤ 512 tokens"); a
length set for one training stage is not."""

from __future__ import annotations

from pathlib import Path

from libraries import answered

PAPER = """# Kestrel: Bidirectional Encoders

## Abstract

Kestrel is a bidirectional encoder. Kestrel is pre-trained on books and fine-tuned on eleven tasks, where Kestrel
leads.

## Pre-training procedure

To generate each training input sequence, we sample two spans of text from the corpus. They are sampled such that
the combined length is ≤ 512 tokens. We use a 30,000 token vocabulary.
"""

STAGED = """# Heron: A Long-Context Model

## Abstract

Heron is a long-context model. Heron reads whole books, and Heron leads on long-context benchmarks.

## Pre-training

In pre-training, the maximum sequence length is set to 4K tokens. We use a 100K token vocabulary.
"""


def test_a_bound_on_the_input_s_length_is_the_context_length(tmp_path: Path) -> None:
    answer = answered(tmp_path, {"kestrel.md": PAPER}, "What vocabulary size and context length does Kestrel use?")
    cells = {(c.attribute, c.value) for c in answer.cells}
    assert ("context length", "512") in cells
    quote = next(c.evidence[0].quote for c in answer.cells if c.attribute == "context length")
    assert "combined length is ≤ 512 tokens" in quote


def test_a_stage_s_sequence_length_is_no_context_length(tmp_path: Path) -> None:
    answer = answered(tmp_path, {"heron.md": STAGED}, "What vocabulary size and context length does Heron use?")
    assert not [c for c in answer.cells if c.attribute == "context length"]
