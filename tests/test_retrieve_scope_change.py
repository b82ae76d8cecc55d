"""Figures that are not the asked value: changes over a baseline, and figures of cited work."""

from __future__ import annotations

import pytest

from synth.models import AttributeKind, PlanAttribute
from synth.retrieve.asks.change import asks_change, states_change
from synth.retrieve.asks.quantities import quantity_values
from synth.retrieve.asks.scope import cites_other_work


def _at(text: str, figure: str) -> int:
    return text.index(figure)


@pytest.mark.parametrize(("text", "figure"), [
    ("The 600B model reaches +3.3 average BLEU over the baselines.", "3.3"),
    ("Scaling improves the translation quality by 2.1 BLEU.", "2.1"),
    ("This yields a gain of about 4 points on MMLU.", "4 points"),
    ("It is 3.3 points higher than the dense model.", "3.3"),
    ("Decoding is 5.6x faster than before.", "5.6x"),
    ("It matches a GShard model containing 1.5 times expert parameters and computation.", "1.5"),
    ("The dense baseline uses 4× the compute.", "4×"),
])
def test_a_change_is_read_as_a_change(text: str, figure: str) -> None:
    assert states_change(text, _at(text, figure))


@pytest.mark.parametrize(("text", "figure"), [
    ("The model scores 70.6 on MMLU.", "70.6"),
    ("Perplexity drops to 3.2 after training.", "3.2"),
    ("It has 47B parameters and uses 13B per token.", "47B"),
    ("We train for 300k steps with a batch size of 4M tokens.", "4M"),
    ("Mixtral 8x7B has 8 experts per layer.", "8x7B"),
    ("The peak learning rate is 2.2 × 10−4.", "2.2"),
    ("Each image is split into a 4 x 4 grid.", "4 x"),
    # a comparative that begins a compound adjective is no change (read23: Qwen3's S2 "about 5T higher-quality tokens"
    # was read as "5T higher" and dropped)
    ("The models are further pre-trained with about 5T higher-quality tokens.", "5T"),
])
def test_a_value_is_not_a_change(text: str, figure: str) -> None:
    assert not states_change(text, _at(text, figure))


@pytest.mark.parametrize(("name", "asked"), [
    ("BLEU improvement", True), ("speed-up over GPT", True), ("margin over Llama 2", True),
    ("MMLU", False), ("total parameters", False), ("training tokens", False),
    ("times larger than GPT-3", True), ("compression ratio", True), ("training times", False),
])
def test_an_ask_for_a_change_keeps_changes(name: str, asked: bool) -> None:
    attribute = PlanAttribute(name, AttributeKind.QUANTITY, (name,), "test")
    assert asks_change(attribute) is asked


@pytest.mark.parametrize(("sentence", "cited"), [
    ("Zero [83] presents a way to shard optimizer states.", True),
    ("Brown et al. showed that a 175 billion parameter model learns in context.", True),
    ("GPipe (Huang et al., 2019) trains a 6 billion parameter model.", True),
    ("The Transformer [1] uses six layers.", True),
    ("Megatron-LM [5, 6] scales to 8.3B parameters.", True),
    ("We [3] use a batch size of 4M tokens.", False),
    ("In this section [2] we describe the model.", False),
    ("However, prior work [4] used fewer experts.", False),
    ("Our largest model has 600 billion parameters.", False),
    ("The model has 600B parameters (Table 1).", False),
    ("Layer normalization (Ba et al., 2016) was moved to the input of each sub-block.", False),
])
def test_a_sentence_opening_on_cited_work_is_that_work_s(sentence: str, cited: bool) -> None:
    assert cites_other_work(sentence) is cited


@pytest.mark.parametrize(("sentence", "experts", "per_token"), [
    ("We choose to let each token dispatched to at most two experts.", [], [2.0]),
    ("Each token is routed to 2 experts.", [], [2.0]),
    ("The largest model has 2048 experts.", [2048.0], []),
])
def test_a_count_per_token_is_not_the_model_s_count(sentence: str, experts: list[float], per_token: list[float]
                                                    ) -> None:
    def values(name: str) -> list[float]:
        asked = PlanAttribute(name, AttributeKind.QUANTITY, (name,), "test")
        return [number for _, number, _, _ in quantity_values(sentence, asked, frozenset())]

    assert values("experts") == experts
    assert values("experts per token") == per_token
