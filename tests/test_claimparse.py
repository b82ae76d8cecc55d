"""What a sentence asserts: figures with their scale, names with their variants, polarity."""

from __future__ import annotations

import pytest

from synth.claimparse import entities, mentions, name_spans, parse, quantities
from synth.text import fold


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("scaled to 18 trillion tokens", [(18e12, "scale")]),
        ("a vocabulary of 151,643 tokens", [(151643.0, "plain")]),
        ("contexts of 1M tokens and 8K generation", [(1e6, "scale"), (8e3, "scale")]),
        ("it reached 92.7% on HumanEval", [(92.7, "%")]),
        ("seven sizes were released", [(7.0, "plain")]),
        ("Qwen2.5-72B-Instruct and GPT-4o score well", []),
        ("as shown by (Yang et al., 2024b) and (Hui, 2024)", []),
        ("The 32B-Instruct model reported 55.5", [(55.5, "plain")]),
        ("Qwen3-235B-A22B scores 85.7 on AIME’24", [(85.7, "plain")]),
        ("AIME'25 is 81.5 and it's 3 points up", [(81.5, "plain"), (3.0, "plain")]),
        ("(2) The Heron model has a smaller footprint.", []),  # a list item's number, not a figure
        ("Two findings: (1) Heron wins; (2) Osprey loses.", [(2.0, "plain")]),  # "Two" only, not "(1)" or "(2)"
        ("the score rose (2) Then", [(2.0, "plain")]),
    ],
)
def test_quantities_keep_scale_and_skip_names_and_citations(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(q.value, q.unit) for q in quantities(text)] == expected


def test_entities_keep_model_names_whole_and_group_capitalised_words() -> None:
    assert entities("Qwen2.5-72B-Instruct beats Llama-3.1-405B on LiveCodeBench.") == (
        "Qwen2.5-72B-Instruct", "Llama-3.1-405B", "LiveCodeBench")
    assert entities("Mistral Large 2 was compared with Claude 3.5 Sonnet by Alibaba Cloud Model Studio.") == (
        "Mistral Large 2", "Claude 3.5 Sonnet", "Alibaba Cloud Model Studio")
    assert entities("The model uses GRPO and DPO.") == ("GRPO", "DPO")
    assert entities("Qwen3 scores 85.7 on AIME’24 and 81.5 on AIME'25.") == ("Qwen3", "AIME’24", "AIME'25")


@pytest.mark.parametrize(
    ("text", "names", "figures"),
    [
        # A claim opening on a model's name and size: the size is the name's, never a figure of the claim
        ("Chinchilla 70B scores 16.4% on LibriSpeech.", ("Chinchilla 70B", "LibriSpeech"), [16.4]),
        ("Gopher 280B was trained on 300B tokens.", ("Gopher 280B",), [300e9]),
        # A verb or adverb before a size is no name
        ("Training 70B models is costly.", (), [70e9]),
        ("Roughly 7B tokens are used.", (), [7e9]),
    ],
)
def test_a_sentence_opening_on_a_name_and_its_size(text: str, names: tuple[str, ...], figures: list[float]) -> None:
    assert entities(text) == names
    assert [q.value for q in quantities(text)] == figures


def test_name_matching_ignores_separators_but_not_suffixes() -> None:
    assert mentions(fold("results of Qwen 2.5 72B"), "Qwen2.5-72B")
    assert not mentions(fold("GPT-4o is strong"), "GPT-4")
    assert not mentions(fold("Qwen2.5-72B is strong"), "Qwen2.5-7B")
    assert not mentions(fold("Qwen2.5-1.5B"), "Qwen2.5-15B")
    assert not mentions(fold("Qwen2.5-Coder was trained on 5.5T tokens"), "Qwen2.5"), "another model"
    assert mentions(fold("Qwen2.5-72B-Instruct"), "Qwen2.5-72B")


def test_polarity_and_comparatives() -> None:
    assert parse("Qwen2.5 does not use GRPO.").negated
    assert not parse("Qwen2.5 uses GRPO.").negated
    flipped = parse("Llama-3.1-405B underperforms Qwen2.5-72B on LiveCodeBench.")
    assert flipped.comparative == "underperforms" and flipped.lower_direction
    assert parse("A outperforms B.").comparative == "outperforms"


@pytest.mark.parametrize(("text", "names", "figures"), [
    # a number in scientific notation is no name and one figure, its mantissa times the power, however printed;
    # a norm's order is no model: neither owns the figures after it
    ("We use Adam with learning rate of 1e-4, β1 = 0.9, L2 weight decay of 0.01.", ("Adam",), [1e-4, 0.9, 0.01]),
    ("The peak learning rate is 3.2e-4.", (), [3.2e-4]),
    ("An L1 loss on 512 tokens beside T5 and GPT-2.", ("T5", "GPT-2"), [512.0]),
    ("The learning rate was 1.41 × 10−5 for style tasks and 7.07 × 10−6 for summarization.", (), [1.41e-5, 7.07e-6]),
    ("A learning rate of 10−3 for 10 epochs.", (), [1e-3, 10.0]),
    ("We decay it to $2 \\times 10^{-5}$ or 3 x 10^-4.", (), [2e-5, 3e-4]),
    ("Scores fell from 10 −3 to 10–3 points.", (), [10.0, 3.0, 10.0, 3.0]),
])
def test_scientific_numbers_are_one_figure_and_norm_orders_no_names(text: str, names: tuple[str, ...],
                                                         figures: list[float]) -> None:
    assert tuple(n for n, _, _ in name_spans(text)) == names
    assert [q.value for q in quantities(text)] == figures
