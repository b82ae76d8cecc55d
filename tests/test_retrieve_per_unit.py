"""A count per batch, step, second or trillion tokens is no total (issue 9, the precision part): "each training
batch contains 18M tokens" never answers how many tokens a model was trained on, yet answers its batch size; and a
sentence listing other sizes of the subject's family hands the unnamed sentences after it to those models."""

from __future__ import annotations

import pytest

from synth.models import AttributeKind, PlanAttribute, PlanSubject
from synth.retrieve.asks.per_unit import asks_per_unit, per_unit
from synth.retrieve.asks.quantities import quantity_values
from synth.retrieve.asks.scope import names_relative

_BATCH = ("The batch size is set to 4.5K, and with a maximum sequence length of 4K, each training batch contains 18M "
          "tokens.")
_RATE = "Training DeepSeek-V3 on each trillion tokens requires only 180K H800 GPU hours, i.e., 3.7 days."


def _values(sentence: str, name: str) -> list[str]:
    asked = PlanAttribute(name, AttributeKind.QUANTITY, (name,), "test")
    return [raw for raw, *_ in quantity_values(sentence, asked, frozenset())]


def _at(text: str, figure: str) -> tuple[int, int]:
    start = text.index(figure)
    return start, start + len(figure)


@pytest.mark.parametrize(("text", "figure", "rate"), [
    (_BATCH, "18M", True),
    (_RATE, "180K", True),
    ("It reaches a generation throughput exceeding 50K tokens per second.", "50K", True),
    ("We use 4M tokens per batch.", "4M", True),
    ("We train DeepSeekMoE 145B for 13,000 steps, achieving 245B training tokens.", "245B", False),
    ("It comprises 671B total parameters, with 37B activated for each token.", "37B", False),
    ("Qwen3 models are pre-trained on 36 trillion tokens.", "36", False),
])
def test_a_figure_per_unit_is_told_from_a_total(text: str, figure: str, rate: bool) -> None:
    assert per_unit(text, *_at(text, figure)) is rate


def test_a_per_batch_count_answers_only_an_attribute_that_asks_per_unit() -> None:
    assert _values(_BATCH, "training tokens") == []
    assert _values(_BATCH, "tokens per batch") == ["18M"]
    assert _values(_RATE, "GPU hours") == []
    assert _values(_RATE, "GPU hours per trillion tokens") == ["180K"]


@pytest.mark.parametrize(("name", "asks"), [
    ("batch size", True), ("tokens per batch", True), ("throughput", True), ("training tokens", False),
    ("total GPU hours", False), ("parameters", False),
])
def test_which_attributes_ask_a_figure_per_unit(name: str, asks: bool) -> None:
    assert asks_per_unit(name) is asks


@pytest.mark.parametrize(("sentence", "subject", "relative"), [
    ("As shown in Figure 3a, we train language models with 830M, 1.4B, 2.8B, 6.8B, and 13.1B parameters.",
     "DIFF Transformer-3B", True),
    ("We train 3B and 7B models on 1T tokens.", "DIFF Transformer-3B", False),
    ("We train language models with 830M, 1.4B and 2.8B parameters.", "DIFF Transformer", False),
    ("The models are trained with a sequence length of 2048.", "DIFF Transformer-3B", False),
])
def test_a_sentence_listing_other_sizes_is_about_those_models(sentence: str, subject: str, relative: bool) -> None:
    asked = PlanSubject(subject, (subject,), "test", ("diff",))
    assert names_relative(sentence, asked) is relative


@pytest.mark.parametrize(("sentence", "name", "values"), [
    ("Once data are generated, 10 random samples per template are reviewed manually.", "samples per template", []),
    ("By using 100 templates and generating 50 samples per template, resulting in 5000 total examples.",
     "samples per template", ["50"]),
    ("We annotate 200 randomly chosen examples.", "examples", []),
    ("We annotate 200 random examples.", "random examples", ["200"]),
])
def test_a_random_draw_is_no_count_of_what_it_is_drawn_from(sentence: str, name: str, values: list[str]) -> None:
    """The methods2 part's GSM-Symbolic question showed "10 samples per template — supported": 10 are the samples
    reviewed by hand, drawn from the 50 generated per template."""
    assert _values(sentence, name) == values


class _Roles:
    """The one question names_relative asks of the vocabulary: whether the library's tables use a name as a model."""

    def role(self, name: str) -> str | None:
        return "entity" if name in ("Transformer", "DIFF Transformer") else None


@pytest.mark.parametrize(("sentence", "relative"), [
    ("The number of heads is 24 for Transformer and 12 for DIFF Transformer, to align computation FLOPs.", False),
    ("To study DIFF Transformer more rigorously, we train a new model.", True),
    ("We compare DIFF Transformer with FLOPs-matched settings.", True),  # FLOPs is no model
])
def test_the_family_set_beside_another_model_is_the_method_compared(sentence: str, relative: bool) -> None:
    """In DIFF Transformer-3B's setup paragraph, "… 24 for Transformer and 12 for DIFF Transformer" compares the
    methods: the sentences after it (the tokenizer, the learning rate) are still the 3B model's."""
    asked = PlanSubject("DIFF Transformer-3B", ("DIFF Transformer-3B",), "test", ("diff",))
    assert names_relative(sentence, asked, _Roles()) is relative  # type: ignore[arg-type]
