"""A sentence naming the subject only as a point of reference ("As in Kestrel 16B, we also …") does not make the
unnamed sentences after it the subject's: they describe the model the paragraph is building (the DeepSeekMoE
paper's 145B model, whose 4 shared and 128 routed experts were given to DeepSeekMoE 16B)."""

from __future__ import annotations

from pathlib import Path

import pytest
from libraries import asks_report, indexed_library

from synth.index import PassageIndex
from synth.models import Library

KESTREL = """# Kestrel: Sparse Experts at Scale

We present Kestrel, a family of mixture-of-experts language models trained on 2 trillion tokens.

## Architecture

Kestrel 16B has 28 layers and a vocabulary of 100K tokens.

## Larger models

We then train Kestrel 145B with 62 layers. As in Kestrel 16B, we also substitute all FFNs except for the first
layer with MoE layers. Each MoE layer consists of 4 shared experts and 128 routed experts.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return indexed_library(Path(tmp_path_factory.mktemp("reference")), {
        "kestrel.md": KESTREL, "other.md": "# Notes\n\nLarge models are costly.\n"})


def test_the_sentences_after_a_reference_are_not_the_subjects(library: tuple[Library, PassageIndex]) -> None:
    answer = asks_report("How many shared experts and routed experts does each MoE layer of Kestrel 16B have?",
                         library).answer
    given = {(c.attribute, c.value) for c in answer.cells if c.value}
    assert not given & {("shared experts", "4"), ("routed experts", "128")}, given
