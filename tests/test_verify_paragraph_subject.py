"""An unnamed sentence continues a paragraph about a model when the nearest earlier sentence naming a model opens
on it (or its family) and the paragraph names it in full: Mixtral's abstract states "each token has access to 47B
parameters" two sentences after "Mixtral has the same architecture as Mistral 7B"."""

from __future__ import annotations

import pytest
from libraries import indexed_library

from synth.index import PassageIndex
from synth.models import Library, Verdict
from synth.verify import verify_claim

ABSTRACT = """# Osprey of Experts

We introduce Osprey-8x9B, a sparse mixture-of-experts language model. Osprey has the same architecture as
Heron-9B, with the difference that each layer is composed of 8 feedforward blocks. For every token, at each
layer, a router network selects two experts to process the current state. As a result, each token has access
to 51B parameters, but only uses 14B active parameters during inference.

Heron-9B was trained on 2T tokens. Its context window holds 8k tokens and it has 3B embedding parameters.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return indexed_library(tmp_path_factory.mktemp("paragraph"), {"osprey.md": ABSTRACT,
                                                                  "other.md": "# Notes\n\nLarge models are costly.\n"})


@pytest.mark.parametrize(("claim", "verdict"), [
    ("Osprey-8x9B has 51B parameters.", Verdict.SUPPORTED),
    ("Heron-9B has 51B parameters.", Verdict.INSUFFICIENT),  # the paragraph opens on Osprey, not on Heron
])
def test_an_unnamed_sentence_is_the_paragraph_s_model(claim: str, verdict: Verdict,
                                                       library: tuple[Library, PassageIndex]) -> None:
    assert verify_claim(claim, *library).verdict is verdict


def test_another_figure_is_never_supported(library: tuple[Library, PassageIndex]) -> None:
    assert verify_claim("Osprey-8x9B has 60B parameters.", *library).verdict is not Verdict.SUPPORTED


def test_a_paragraph_opening_on_another_model_gives_it_nothing(library: tuple[Library, PassageIndex]) -> None:
    # "Its context window holds 8k tokens" follows a sentence opening on Heron-9B: never Osprey's
    assert verify_claim("Osprey-8x9B has 3B embedding parameters.", *library).verdict is not Verdict.SUPPORTED
