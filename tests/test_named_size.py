"""A size in a subject's name fixes its parameter count: another size is another model's value."""

from __future__ import annotations

import pytest

from synth.models import AttributeKind, Evidence, PassageKind, PlanAttribute, PlanSubject
from synth.retrieve.asks.candidates import Candidate
from synth.retrieve.asks.named_size import keep_named_size, named_size


def _candidate(value: str, number: float | None, unit: str | None) -> Candidate:
    evidence = Evidence("s", "d", f"It has {value} parameters.", 0, 10, 1, None, PassageKind.TEXT)
    return Candidate("X", "a", "X", None, value, number, unit, evidence, False, True, True)


def _kept(subject: str, attribute: str, candidates: list[Candidate]) -> list[str]:
    asked = PlanAttribute(attribute, AttributeKind.QUANTITY, (attribute,), "test")
    return [c.value for c in keep_named_size(PlanSubject(subject, (subject,), "test"), asked, candidates)]


@pytest.mark.parametrize(("subject", "attribute", "values", "kept"), [
    # A family's other size (the 1B of "from 1B up to 8B", MegaByte's 1B) is not the 8B model's count.
    ("Byte Latent Transformer 8B", "number of parameters", [("1B", 1, "B"), ("8B", 8, "B")], ["8B"]),
    # Printed sizes are rounded: Mistral 7B has 7.3B parameters, Llama 2 7B 6.7B.
    ("Mistral 7B", "parameters", [("7.3B", 7.3, "B"), ("6.7B", 6.7, "B"), ("13B", 13, "B")], ["7.3B", "6.7B"]),
    ("Heron 350M", "model size", [("350 million", 350, "M"), ("1.3B", 1.3, "B")], ["350 million"]),
    # A part of the model, a layout or another kind of size: the name says nothing about it.
    ("Heron 8B", "activated parameters", [("1B", 1, "B")], ["1B"]),
    ("Mixtral 8x7B", "total parameters", [("47B", 47, "B")], ["47B"]),
    ("Qwen3-235B-A22B", "total parameters", [("22B", 22, "B")], ["22B"]),
    ("Heron 8B", "vocabulary size", [("32K", 32, "K")], ["32K"]),
    ("Heron 8B", "batch size", [("4M", 4, "M")], ["4M"]),
    # A name without a size, or a value without a scale, is left alone.
    ("DeepSeek-V2", "total parameters", [("236B", 236, "B")], ["236B"]),
    ("Heron 8B", "parameters", [("eight", 8, None)], ["eight"]),
])
def test_a_parameter_count_far_from_the_size_in_the_name_is_another_model_s(
        subject: str, attribute: str, values: list[tuple[str, float, str | None]], kept: list[str]) -> None:
    assert _kept(subject, attribute, [_candidate(*v) for v in values]) == kept


def test_the_size_a_name_prints() -> None:
    assert named_size(PlanSubject("Byte Latent Transformer 8B", (), "test")) == 8e9
    assert named_size(PlanSubject("Mixtral 8x7B", (), "test")) is None
    assert named_size(PlanSubject("DeepSeek-V3", (), "test")) is None
