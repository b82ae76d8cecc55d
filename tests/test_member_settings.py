"""A size word written before a name ("the base Transformer") and the setting a value is asked for ("the vocabulary
for English-French", "BLEU on WMT14 en-de and en-fr"): the colleague part of issue 9's tuning questions gave a
neighbour's value for each (a dev-set BLEU, a parsing vocabulary) before these readings."""

from __future__ import annotations

from pathlib import Path

import pytest
from libraries import answered

from synth.claimparse import entities
from synth.names import match_entity

HERON = """# Heron: attention for translation

We introduce the Heron, a translation model built only from attention. We trained our models on one machine with 8
NVIDIA P100 GPUs. We trained the base models for a total of 100,000 steps or 12 hours. For English-German, we used a
shared vocabulary of about 37000 tokens. For English-French, we split tokens into a 32000 word-piece vocabulary. For
parsing, we used a vocabulary of 16K tokens for the WSJ only setting.

| Model | EN-DE | EN-FR |
|---|---|---|
| ByteNet [18] | 23.75 | |
| GNMT + RL [38] | 24.6 | 39.92 |
| ConvS2S [9] | 25.16 | 40.46 |
| Heron (base model) | 27.3 | 38.1 |
| Heron (big) | 28.4 | 41.8 |

Table 2: The Heron achieves better BLEU scores than previous models on the newstest2014 tests.

| | N | BLEU (dev) | params |
|---|---|---|---|
| base | 6 | 25.8 | 65 |
| big | 6 | 26.4 | 213 |

Table 3: Variations on the Heron architecture, on the English-to-German development set.
"""


def test_a_size_word_before_the_name_is_the_member_and_a_setting_after_for_keeps_its_value(tmp_path: Path) -> None:
    answer = answered(tmp_path, {"heron.md": HERON}, "How many hours was the base Heron trained for, and how big was "
                      "the vocabulary for English-French?")
    cells = sorted((c.subject, c.attribute, c.value) for c in answer.cells)
    assert cells == [("Heron base", "training hours", "12 hours"), ("Heron base", "vocabulary size", "32000")]


def test_a_measure_asked_on_datasets_is_not_given_from_another_set(tmp_path: Path) -> None:
    """"BLEU" read alone took Table 3's dev-set 25.8 for both test sets: a wrong value. Asked on each dataset, a
    value is only one stated for it; the dev row is never taken."""
    answer = answered(tmp_path, {"heron.md": HERON}, "what BLEU did the base Heron get on WMT14 en-de and en-fr?")
    assert "25.8" not in {c.value for c in answer.cells}


@pytest.mark.parametrize(("spelling", "label", "named"), [
    ("Transformer base", "Transformer (base model)", True),
    ("Transformer big", "Transformer (big)", True),
    ("Transformer big", "Transformer (base model)", False),
    ("Transformer base", "Transformer (big)", False),
    # a group label joined in front of each model's column label (Kimi k1.5's Table 3)
    ("GPT-4o", "Vision-Language Model GPT-4o 0513", True),
    ("DeepSeek-V3", "Language-only Model DeepSeek V3", True),
    ("GPT-4o", "Vision-Language Model Kimi k1.5", False),
])
def test_a_member_in_brackets_or_a_model_under_a_group_label_is_named(spelling: str, label: str, named: bool) -> None:
    """The base Transformer's row of Attention Is All You Need's Table 2 is "Transformer (base model)"."""
    assert (match_entity((spelling,), label) is not None) is named


def test_a_size_word_after_a_name_is_part_of_the_claims_subject() -> None:
    """"Transformer base has 32000 vocabulary size." was *contradicted* by Mixtral's "based on a transformer
    architecture … context_len 32768": the claim's subject was read as "Transformer" alone."""
    assert entities("Transformer base has 32000 vocabulary size.") == ("Transformer base",)
    assert entities("GPT-2 small has 117M parameters.") == ("GPT-2 small",)
    assert entities("Mixtral is based on a transformer architecture.") == ("Mixtral",)


def test_the_hardware_a_model_was_trained_on_is_no_other_model(tmp_path: Path) -> None:
    """"We trained our models on one machine with 8 NVIDIA P100 GPUs." was read as a sentence about another model
    ("NVIDIA P100 GPUs"), so the GPUs asked were *not stated*."""
    answer = answered(tmp_path, {"heron.md": HERON}, "On what GPUs was the base Heron trained?")
    assert [c.value for c in answer.cells] == ["8 NVIDIA P100 GPUs"]  # as printed, not "NVIDIA, P100"
