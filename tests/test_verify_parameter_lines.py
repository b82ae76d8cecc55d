"""A "Parameter | Value" table a PDF prints as plain lines (Mistral 7B's Table 1: "dim 4096 / n_layers 32") is
read by verification too, as the values of the model the source's title names, never another model's."""

from __future__ import annotations

import pytest
from libraries import indexed_library

from synth.index import PassageIndex
from synth.models import Library, Verdict
from synth.verify import verify_claim

PAPER = """# Osprey-9B

Osprey-9B is a decoder-only model whose main parameters are listed below.

Parameter Value
dim 4096
n_layers 36
n_heads 32
n_kv_heads 8
context_len 16384
vocab_size 64000
Table 1: Model architecture.

Osprey-9B is trained with a cosine schedule.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return indexed_library(tmp_path_factory.mktemp("parameters"), {"osprey.txt": PAPER})


@pytest.mark.parametrize(("claim", "verdict"), [
    ("Osprey-9B has 36 layers.", Verdict.SUPPORTED),
    ("Osprey-9B has 8 key-value heads.", Verdict.SUPPORTED),
    ("Osprey-9B has a context length of 16384 tokens.", Verdict.SUPPORTED),
    ("Osprey-9B has 40 layers.", Verdict.CONTRADICTED),
    ("Heron-7B has 36 layers.", Verdict.INSUFFICIENT),
    # the label names the figure nearest it: 8192 is no context length, so nothing contradicts the claim
    ("Osprey-9B uses a sliding window of 8192 tokens and a context length of 16384.", Verdict.INSUFFICIENT),
    ("Osprey-9B uses a sliding window of 4096 tokens and a context length of 8192.", Verdict.CONTRADICTED),
])
def test_a_parameter_table_in_text_lines_is_the_titled_model_s(claim: str, verdict: Verdict,
                                                              library: tuple[Library, PassageIndex]) -> None:
    assert verify_claim(claim, *library).verdict is verdict
