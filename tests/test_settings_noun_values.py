"""A setting asked with its modifier ("sampling temperature") where the source says the modifier of the settings the
value is one of (read23 sampling-settings, Qwen3's p.11: "we configure the sampling hyperparameters with temperature
= 0.7, top-p = 0.8, top-k = 20"): the value was missed, the cell "not stated"."""

from __future__ import annotations

from synth.models import AttributeKind, PlanAttribute
from synth.retrieve.asks.quantities import quantity_values

QWEN3 = ("For Qwen3 models in the non-thinking mode, we configure the sampling hyperparameters with temperature = 0.7, "
         "top-p = 0.8, top-k = 20, and presence penalty = 1.5.")


def _values(sentence: str, name: str) -> list[str]:
    attribute = PlanAttribute(name, AttributeKind.QUANTITY, (name,), 'read from "what …"')
    return [shown for shown, *_ in quantity_values(sentence, attribute, frozenset())]


def test_the_modifier_said_of_the_settings_holds_for_each_of_them() -> None:
    assert _values(QWEN3, "sampling temperature") == ["0.7"]


def test_without_the_modifier_said_the_bare_noun_is_not_the_asked_setting() -> None:
    assert _values("We configure the decoding with temperature = 0.7 and top-p = 0.8.", "sampling temperature") == []
    assert _values("we use a sampling temperature of 0.6 and a top-p value of 0.95", "sampling temperature") == ["0.6"]


YARN = ("For YaRN, we set the scale 𝑠 to 40, 𝛼 to 1, 𝛽 to 32, and the target maximum context length to 160K.")


def test_the_modifier_the_sentence_sets_values_for_holds_for_each_of_them() -> None:
    """read24 deepseek-v2-training-cost: DeepSeek-V2's YaRN scale (p.13) was missed."""
    assert _values(YARN, "YaRN scale") == ["40"]
    assert _values("For training, we set the scale 𝑠 to 40.", "YaRN scale") == []
