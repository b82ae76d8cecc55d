"""Which noun a figure counts (issue 9, read on reports over ../shared/corpus/pdfs): "How many languages do the Qwen3
models cover?" was answered "36 trillion tokens", marked supported, from "pre-trained on 36 trillion tokens covering
up to 119 languages". A figure counts the plural noun written right after it; the asked verb before a figure and the
asked noun after it state the count ("covering up to 119 languages"); a training duration is read by its unit."""

from __future__ import annotations

import pytest

from synth.models import AttributeKind, PlanAttribute
from synth.retrieve.asks.metrics import metric_values
from synth.retrieve.asks.quantities import quantity_values

QWEN3 = "Furthermore, Qwen3 has been pre-trained on 36 trillion tokens covering up to 119 languages and dialects."


@pytest.mark.parametrize(("sentence", "attribute", "values"), [
    (QWEN3, "covered languages", ["119"]),
    (QWEN3, "training tokens", ["36 trillion"]),
    ("DeepSeek-V3 is pre-trained on 14.8 trillion diverse and high-quality tokens.", "training tokens",
     ["14.8 trillion"]),
    ("It has 671B total parameters, of which 37B are activated.", "total parameters", ["671B"]),
    ("We trained the base models for a total of 100,000 steps or 12 hours.", "training hours", ["12 hours"]),
    ("Training took 3.5 days on 8 P100 GPUs.", "training time", ["3.5 days"]),
    ("Training took 3.5 days on 8 P100 GPUs.", "GPU hours", []),
    # a noun that is the first half of a unit is not counted by the figure (read22: GShard's "TPU v3 cores" was
    # given 22, marked supported, from "a training cost of 22 TPU v3 core years"); the unit asked itself still is
    ("MoE models excel at training efficiency, with a training cost of 22 TPU v3 core years.", "TPU v3 cores", []),
    ("The model was trained with 2048 TPU v3 cores for 4 days.", "TPU v3 cores", ["2048"]),
    ("Training used 300 GPU hours in total.", "GPU hours", ["300"]),
    # a plural noun after the figure counts things, never one thing's size (read22: WebText's size given as "8" from
    # "improving the state of the art on 7 out of the 8 datasets")
    ("It improves the state of the art on 7 out of the 8 datasets in a zero-shot setting.", "dataset size", []),
    ("We use a 30,000 token vocabulary.", "vocabulary size", ["30,000"]),
    # a context's extent by any of its names (GPT-2's "context size"); no other noun's measure swaps its name
    ("We also increase the context size from 512 to 1024 tokens.", "context length", ["1024"]),
    ("It uses a context window of 4096 tokens.", "context length", ["4096"]),
    ("We use a batch length of 64.", "batch size", []),
    # a magnitude letter the sentence uses as a formula's variable is no scale (fresh6: "0.27B" read as 0.27 billion
    # and given as a learning rate the paper never states); the letter in a name elsewhere changes nothing
    ("Here we determined a roughly optimal relation = 0.27B 96+B between learning rate and B for fixed batch size "
     "training.", "learning rate", []),
    ("It has 671B total parameters (see Appendix B).", "total parameters", ["671B"]),
    # the bound of the models a study spans is no one model's size (fresh6: the BLT's "up to 8B" for its entropy model)
    ("We present the first flop controlled scaling study of byte-level models up to 8B parameters and 4T training "
     "bytes.", "parameters", []),
    ("We train models at multiple scales from 1B up to 8B parameters for the optimal number of tokens.", "parameters",
     []),
    # how far a method can scale is no model's size (read22: GShard's largest model given "1 trillion", marked
    # supported, from "allowing us to scale to over 1 trillion parameters"; the paper's model has 600B)
    ("GShard is more general, allowing us to scale to over 1 trillion parameters and explore more design choices.",
     "parameters", []),
    ("We show its efficacy by scaling neural machine translation models beyond 1 trillion parameters.", "parameters",
     []),
    ("We scale the model to 2.8B parameters.", "parameters", ["2.8B"]),
    ("It has over 600B parameters.", "parameters", ["600B"]),
    ("Unless otherwise mentioned, we use a transformer with 100M parameters, 14 layers, and a hidden dimensionality of "
     "512.", "parameters", ["100M"]),
    # two counts of the noun in coordinated clauses: the one whose clause says the asked modifier (fresh10: the
    # weak-to-strong DINO probes' "training datapoints" given 10k, marked supported, the split they are evaluated on)
    ("We use 40k datapoints from the validation set to train the linear probes, and evaluate performance on the "
     "remaining 10k datapoints.", "training datapoints", ["40k"]),
    ("We use 40k datapoints from the validation set to train the linear probes, and evaluate performance on the "
     "remaining 10k datapoints.", "datapoints", ["40k", "10k"]),
    # a clause whose verb is left out shares the clause before it
    ("Heron-34B was trained on 5 trillion tokens, and Heron-7B on 4 trillion tokens.", "training tokens",
     ["5 trillion", "4 trillion"]),
    # a count's own words after it tell its use; a whole whose parts are listed after it is no part's count (fresh10:
    # DeepSeek-V3's context length extension given the full training's 2.788M GPU hours, marked supported)
    ("Combined with 119K GPU hours for the context length extension and 5K GPU hours for post-training, DeepSeek-V3 "
     "costs only 2.788M GPU hours for its full training.", "context length extension GPU hours", ["119K"]),
    ("It requires only 2.788M H800 GPU hours for its full training, including pre-training, context length "
     "extension, and post-training.", "context length extension GPU hours", []),
    ("It requires only 2.788M H800 GPU hours for its full training, including pre-training, context length "
     "extension, and post-training.", "GPU hours", ["2.788M"]),
    # accelerators by their kind or model, never time on them (fresh10, fresh9: declared not stated for 2048 H800
    # GPUs, 64 A100s and 32 TPUv3 cores)
    ("DeepSeek-V3 is trained on a cluster equipped with 2048 NVIDIA H800 GPUs.", "accelerators", ["2048"]),
    ("It costs 8.5 days with 64 A100s.", "accelerators", ["64"]),
    ("All models trained on 32 TPUv3 cores with equal FLOPs per example.", "accelerators", ["32"]),
    # the asked verb and the noun with the ordinal that picks them between (fresh11: "predicts the next 2 tokens",
    # "we averaged the last 20 checkpoints" stated no predicted tokens and no averaged checkpoints)
    ("Instead of predicting just the next single token, DeepSeek-V3 predicts the next 2 tokens through the MTP "
     "technique.", "predicted tokens", ["2"]),
    ("For the big models, we averaged the last 20 checkpoints.", "averaged checkpoints", ["20"]),
    ("For the big models, we averaged the last 20 checkpoints.", "predicted checkpoints", []),
    ("DeepSeek-V3 requires only 2.788M H800 GPU hours for its full training.", "accelerators", []),
    ("MoE models excel at training efficiency, with a training cost of 22 TPU v3 core years.", "accelerators", []),
    # an acronym inside the asked phrase (fresh7: Whisper's long-form TED-LIUM 3 set)
    ("We used the 11 full-length TED talks from the test split of TED-LIUM Release 3.", "full-length talks", ["11"]),
    # a number word counts the last noun it is written with (read23: Qwen3's "pre-training" given "three", marked
    # supported, from "based on three pre-training stages"), and "one … the other" picks one of a pair (read23:
    # InstructGPT's "outputs" given "one" from "if one output is much more helpful than the other")
    ("We develop scaling laws based on three pre-training stages mentioned above.", "pre-training", []),
    ("The models are trained in three pre-training stages.", "pre-training stages", ["three"]),
    ("However, if one output is much more helpful than the other, then rate the more helpful output higher.",
     "outputs", []),
    ("The model was fine-tuned for one epoch.", "epochs", ["one"]),
])
def test_the_figure_counts_the_noun_it_is_written_with(sentence: str, attribute: str, values: list[str]) -> None:
    asked = PlanAttribute(attribute, AttributeKind.QUANTITY, (attribute,), "test")
    assert [raw for raw, *_ in quantity_values(sentence, asked, frozenset())] == values


@pytest.mark.parametrize(("sentence", "values"), [
    ("Janus-Pro-7B achieved a score of 79.2 on the multimodal understanding benchmark MMBench [29].", ["79.2"]),
    ("It scores 79.2 on MMBench.", ["79.2"]),
    ("It reaches 79.2 on the benchmark and 60 on MMBench.", ["60"]),
])
def test_a_benchmark_introduced_by_what_it_measures_keeps_its_score(sentence: str, values: list[str]) -> None:
    """Janus-Pro's MMBench score is stated in prose only this way; the table prints the column as "MMB↑"."""
    asked = PlanAttribute("MMBench", AttributeKind.METRIC, ("MMBench",), "test")
    assert [raw for raw, *_ in metric_values(sentence, asked)] == values


@pytest.mark.parametrize(("sentence", "subject", "other", "figure", "owned"), [
    # a cited work's clause before the subject's: its figure is that work's (read22: GShard given Zero's 170 billion,
    # marked supported)
    ("Zero [83] presents a set of optimizations to reduce memory redundancy, and it is able to scale models to 170 "
     "billion parameters; in comparison, GShard is more general, allowing us to scale further.", "GShard", None,
     "170 billion", False),
    ("GShard is more general than Zero, and it scales models to 600 billion parameters.", "GShard", None,
     "600 billion", True),
    # a model named after "of" once the subject has acted modifies a noun of the subject's clause (read22)
    ("Specifically, DeepSeek-Coder-V2 is further pre-trained from an intermediate checkpoint of DeepSeek-V2 with "
     "additional 6 trillion tokens.", "DeepSeek-Coder-V2", "DeepSeek-V2", "6 trillion", True),
    ("DeepSeek-V2 was trained on 8.1T tokens, while DeepSeek-Coder-V2 adds 6 trillion more.", "DeepSeek-Coder-V2",
     "DeepSeek-V2", "8.1T", False),
])
def test_a_figure_belongs_to_the_model_that_acts_in_its_clause(sentence: str, subject: str, other: str | None,
                                                             figure: str, owned: bool) -> None:
    from synth.retrieve.asks.scope import Scope

    start = sentence.index(subject)
    others = ((sentence.index(other), sentence.index(other) + len(other)),) if other else ()
    scope = Scope(True, subject, None, None, ((start, start + len(subject)),), others, sentence)
    assert scope.owns(sentence.index(figure), sentence) is owned


R1_SAMPLING = ("Specifically, we use a sampling temperature of 0.6 and a top-𝑝 value of 0.95 to generate 𝑘 responses "
               "(typically between 4 and 64, depending on the test set size) for each question.")


def test_a_setting_in_math_letters_or_with_its_value_word_is_read() -> None:
    """read23: DeepSeek-R1's sampling settings (p.12) were 'not stated': the sentence was skipped as common practice
    for its bracketed "typically", "top-𝑝" is set in math italic, and "a top-p value of 0.95" puts "value" between."""
    from synth.retrieve.asks.prose import common_practice
    from synth.text import plain_letters

    assert not common_practice(R1_SAMPLING)
    assert common_practice("The block typically starts with a normalization layer.")
    plain = plain_letters(R1_SAMPLING)
    assert len(plain) == len(R1_SAMPLING) and "top-p value" in plain and "generate k responses" in plain
    asked = PlanAttribute("top-p", AttributeKind.QUANTITY, ("top-p",), "test")
    assert [raw for raw, *_ in quantity_values(plain, asked, frozenset())] == ["0.95"]
