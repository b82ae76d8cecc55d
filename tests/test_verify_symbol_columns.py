"""A table column headed by a symbol its paper defines in words (attention_is_all_you_need.pdf: Table 3, p.9, heads its
columns N, dmodel, h, Pdrop, εls; the prose of pp.3-8 says "a stack of N = 6 identical layers", "we employ h = 8
parallel attention layers, or heads", "For the base model, we use a rate of Pdrop = 0.1", "The Transformer (big) model
trained for English-to-French used dropout rate Pdrop = 0.1, instead of 0.3", "we employed label smoothing of value εls
= 0.1"). The answer stage reads the cells by those definitions; the verifier found no label of the table
in "Transformer base has 8 attention heads." and left every such cell insufficient (11 right values of the probe
part). The paper's definitions now name the column, only in a table whose row the claim names."""

from __future__ import annotations

import pytest
from libraries import indexed_library

from synth.index import PassageIndex
from synth.models import Library, Verdict
from synth.verify import verify_claim

ATTENTION = """# Attention Is All You Need

## 3.1 Encoder and Decoder Stacks

Encoder: The encoder is composed of a stack of N = 6 identical layers.

## 3.2.2 Multi-Head Attention

In this work we employ h = 8 parallel attention layers, or heads.

## 5.4 Regularization

Residual Dropout We apply dropout to the output of each sub-layer, before it is added to the sub-layer input and \
normalized. For the base model, we use a rate of Pdrop = 0.1.

Label Smoothing During training, we employed label smoothing of value εls = 0.1. This hurts perplexity.

## 6.1 Machine Translation

The Transformer (big) model trained for English-to-French used dropout rate Pdrop = 0.1, instead of 0.3.

## 6.2 Model Variations

Table 3: Variations on the Transformer architecture. Unlisted values are identical to those of the base model.

| | N | dmodel | dff | h | Pdrop | εls | train steps |
|---|---|---|---|---|---|---|---|
| base | 6 | 512 | 2048 | 8 | 0.1 | 0.1 | 100K |
| big | 6 | 1024 | 4096 | 16 | 0.3 | 0.1 | 300K |
"""

UNDEFINED = """# Some Other Study

## Results

Table 1: Our models.

| | N | h |
|---|---|---|
| small | 4 | 2 |
| wide | 4 | 12 |
"""


@pytest.fixture(scope="module")
def attention(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return indexed_library(tmp_path_factory.mktemp("symbol-columns"), {"attention.md": ATTENTION})


@pytest.fixture(scope="module")
def undefined(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return indexed_library(tmp_path_factory.mktemp("symbol-undefined"), {"other.md": UNDEFINED})


@pytest.mark.parametrize(("claim", "verdict"), [
    ("Transformer base has 8 attention heads.", Verdict.SUPPORTED),  # insufficient before
    ("Transformer big has 16 attention heads.", Verdict.SUPPORTED),
    ("Transformer big has 6 layers.", Verdict.SUPPORTED),  # N: "identical layers", fewer words than h's
    ("Transformer big has 0.3 dropout rate.", Verdict.SUPPORTED),
    ("Transformer base has 0.1 label smoothing.", Verdict.SUPPORTED),
    ("Transformer base has 16 attention heads.", Verdict.CONTRADICTED),  # big's
    ("Transformer big has 0.1 dropout rate.", Verdict.CONTRADICTED),  # base's
    ("Transformer base has 8 experts.", Verdict.INSUFFICIENT),  # no definition holds "experts"
])
def test_a_symbol_column_is_named_by_its_definition(claim: str, verdict: Verdict,
                                                     attention: tuple[Library, PassageIndex]) -> None:
    assert verify_claim(claim, *attention, learned=False).verdict is verdict


def test_a_symbol_no_sentence_defines_names_nothing(undefined: tuple[Library, PassageIndex]) -> None:
    assert verify_claim("The wide model has 12 attention heads.", *undefined,
                        learned=False).verdict is Verdict.INSUFFICIENT
