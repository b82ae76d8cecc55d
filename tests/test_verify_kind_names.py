"""A model's name between a figure and the noun the figure counts names a kind of that noun, not the owner of the
figures after it: in the Mamba study's "an 8B-parameter Mamba-2-Hybrid with 24 Mamba-2 layers, 4 self-attention
layers, and 28 MLP layers" (empirical_study_of_mamba_based_lms.pdf p.2) the 4 and the 28 were read as Mamba-2's, so
"Mamba-2-Hybrid has 4 self-attention layers." was insufficient though the sentence states it."""

from __future__ import annotations

import pytest
from libraries import indexed_library

from synth import claimparse
from synth.index import PassageIndex
from synth.models import Library, Verdict
from synth.verify import verify_claim
from synth.verify.figures import owner_of

MAMBA = """# An Empirical Study of Mamba-based Language Models

## 1 Introduction

Similar to Lieber et al. 2024, we focus on LLMs consisting of a mixture of Mamba-2, self-attention, and MLP layers. \
Our ablation experiments aiming to identify the best hybrid model architecture lead us to design an 8B-parameter \
Mamba-2-Hybrid with 24 Mamba-2 layers, 4 self-attention layers, and 28 MLP layers. The self-attention and MLP layers \
are evenly distributed throughout the model.
"""


@pytest.fixture(scope="module")
def mamba(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return indexed_library(tmp_path_factory.mktemp("kind-names"), {"mamba.md": MAMBA})


@pytest.mark.parametrize(("claim", "verdict"), [
    ("Mamba-2-Hybrid has 24 Mamba-2 layers.", Verdict.SUPPORTED),
    ("Mamba-2-Hybrid has 4 self-attention layers.", Verdict.SUPPORTED),  # insufficient before: Mamba-2 owned the 4
    ("Mamba-2-Hybrid has 28 MLP layers.", Verdict.SUPPORTED),  # insufficient before
    ("Mamba-2-Hybrid has 5 self-attention layers.", Verdict.CONTRADICTED),  # insufficient before
    ("Mamba-2-Hybrid has 30 MLP layers.", Verdict.CONTRADICTED),  # insufficient before
    ("Mamba-2-Hybrid has 28 Mamba-2 layers.", Verdict.CONTRADICTED),  # by the 24, never by the MLP layers' 28
])
def test_a_kind_named_by_a_model_owns_no_later_figure(claim: str, verdict: Verdict,
                                                      mamba: tuple[Library, PassageIndex]) -> None:
    assert verify_claim(claim, *mamba, learned=False).verdict is verdict


@pytest.mark.parametrize(("text", "figure", "owner"), [
    ("an 8B-parameter Mamba-2-Hybrid with 24 Mamba-2 layers, 4 self-attention layers", "4",
     "8B-parameter Mamba-2-Hybrid"),  # the name finder keeps the size before the name
    ("Table 3 GPT-4 results: 86.4 on MMLU", "86.4", "GPT-4"),  # a table's number counts nothing
    ("we fine-tune GPT-3 with 8 epochs", "8", "GPT-3"),
])
def test_the_owner_of_a_figure(text: str, figure: str, owner: str) -> None:
    position = text.index(f" {figure} ") + 1
    assert owner_of(text, position, claimparse.name_spans(text), frozenset()) == owner
