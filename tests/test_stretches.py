"""A value set for one stretch of training (issue 9, the fresh part): "The MTP loss weight λ is set to 0.3 for the first
10T tokens, and to 0.1 for the remaining 4.8T tokens" gives two values, each with its stretch; the weight was asked
as a text (the question's "what weight does it give"), then found as 0.3 alone, as if it held throughout."""

from __future__ import annotations

from pathlib import Path

from libraries import answered

from synth.retrieve.asks.stages import staged

SENTENCE = "The MTP loss weight λ is set to 0.3 for the first 10T tokens, and to 0.1 for the remaining 4.8T tokens."


def test_each_value_keeps_its_stretch_and_the_next_stretch_s_value_is_read() -> None:
    at = SENTENCE.index("0.3")
    assert staged(SENTENCE, [("0.3", 0.3, "", at)]) == [
        ("0.3", 0.3, "", at, "for the first 10T tokens"),
        ("0.1", 0.1, "", SENTENCE.index("0.1"), "for the remaining 4.8T tokens")]
    plain = "The dropout rate is set to 0.1."
    assert staged(plain, [("0.1", 0.1, "", plain.index("0.1"))]) == [("0.1", 0.1, "", plain.index("0.1"), None)]


KITE = f"""# Kite-V3 technical report

We present Kite-V3, a mixture-of-experts language model trained with multi-token prediction. {SENTENCE}
"""


def test_a_weight_asked_is_a_count_with_a_value_per_stretch(tmp_path: Path) -> None:
    answer = answered(tmp_path, {"kite.md": KITE}, "What weight does Kite-V3 give the MTP loss?")
    assert sorted((c.value, c.variant) for c in answer.cells) == [("0.1", "for the remaining 4.8T tokens"),
                                                                 ("0.3", "for the first 10T tokens")]


QWEN3_STAGES = ("The Qwen3 models are pre-trained through a three-stage process: (1) General Stage (S1): At the "
                "first pre-training stage, all Qwen3 models are trained on over 30 trillion tokens. (2) Reasoning "
                "Stage (S2): To further improve the reasoning ability, we optimize the corpus. The models are further "
                "pre-trained with about 5T higher-quality tokens. (3) Long Context Stage: All models are pre-trained "
                "on hundreds of billions of tokens. (4) We release the weights with 12 examples.")


def test_a_numbered_stage_item_is_the_setting_of_the_values_it_opens() -> None:
    """read23: Qwen3's S2 tokens ("about 5T", two sentences after "(2) Reasoning Stage (S2):") were not stated for the
    reasoning stage the question asked, so not given; the 30T of S1 and the 36T total sit beside them."""
    from synth.retrieve.asks.stages import stage_item

    assert stage_item(QWEN3_STAGES, QWEN3_STAGES.index("30 trillion")) == "General Stage (S1)"
    assert stage_item(QWEN3_STAGES, QWEN3_STAGES.index("5T")) == "Reasoning Stage (S2)"
    assert stage_item(QWEN3_STAGES, QWEN3_STAGES.index("hundreds")) == "Long Context Stage"
    assert stage_item(QWEN3_STAGES, QWEN3_STAGES.index("12 examples")) is None  # a later item names no stage
    assert stage_item(QWEN3_STAGES, QWEN3_STAGES.index("three-stage")) is None  # before any item
