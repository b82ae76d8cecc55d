"""A setup stated as the same as another method's is the subject's own, and the phrasings that ask it (issue 9,
fresh4): "Our calibration set is the same as OPTQ; 128 random 2048 token segments from the C4 dataset" gives the
subject's calibration dataset and segment length, never OPTQ's; "which dataset does X draw its calibration set from"
asks the calibration dataset, "how many tokens long is each segment" the tokens per segment; and in "128 random 2048
token segments" 2048 is each segment's length, no count of segments."""

from __future__ import annotations

from pathlib import Path

from libraries import answered

from synth.models import AttributeKind, PlanAttribute
from synth.plan.phrasings import drawn_from
from synth.retrieve.asks.quantities import quantity_values

QUIP = """# Squeeze: Two-Bit Quantization of Language Models

We introduce Squeeze, a method that quantizes the weights of large language models to two bits.

## Setup

Squeeze runs on a single GPU with up to 48GB of memory. Our calibration set is the same as OPTQ; 128 random 2048 token
segments from the C4 dataset [25] consisting of generic text data from crawled websites.

## Results

Table 1: Perplexity of two-bit models on the WikiText2 and C4 datasets.

| Method | WikiText2 | C4 |
|---|---|---|
| Squeeze | 11.2 | 13.4 |
| OPTQ | 14.9 | 16.0 |
"""
SENTENCE = ("Our calibration set is the same as OPTQ; 128 random 2048 token segments from the C4 dataset consisting of "
            "generic text data from crawled websites.")


def _values(name: str) -> list[str]:
    attribute = PlanAttribute(name, AttributeKind.QUANTITY, (name,), "test")
    return [raw for raw, *_ in quantity_values(SENTENCE, attribute, frozenset())]


def test_a_figure_after_another_of_its_noun_phrase_measures_each_one() -> None:
    assert _values("segments") == []
    assert _values("tokens per segment") == ["2048"]


def test_the_data_a_setup_is_drawn_from_and_the_length_of_each_part_are_asked_whole() -> None:
    assert drawn_from("Which dataset does QuIP draw its calibration set from, and how many tokens long is each "
                      "segment?") == "Which calibration dataset does QuIP use, and how many tokens per segment?"


def test_a_setup_the_same_as_another_method_s_is_the_subject_s_own(tmp_path: Path) -> None:
    answer = answered(tmp_path, {"squeeze.md": QUIP}, "Which dataset does Squeeze draw its calibration set from, how "
                      "many segments does the set hold, and how many tokens long is each segment?")
    assert {(c.attribute, c.value) for c in answer.cells} == {("calibration dataset", "C4"),
                                                              ("tokens per segment", "2048")}
    assert {n.attribute for n in answer.not_stated} == {"segments"}
