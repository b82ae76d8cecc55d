"""A mode the question asks ("which does Qwen3 use in non-thinking mode", issue 9, read23): Qwen3's temperature was
given as 0.6, marked supported, from "For all Qwen3 models in the thinking mode, we utilize a sampling temperature of
0.6"; the non-thinking 0.7 is the next sentence. A count or setting asked in a mode is never one stated for another
mode; one stated for no mode (DeepSeek-R1, which has none, in the same question) is still its subject's."""

from __future__ import annotations

import pytest

from synth.answer.stated_at import stated_for
from synth.models import Evidence, PassageKind
from synth.retrieve.asks.candidates import Candidate


def _candidate(quote: str, value: str) -> Candidate:
    evidence = Evidence("qwen3", "qwen3.pdf", quote, 0, len(quote), 13, None, PassageKind.TEXT)
    return Candidate("Qwen3", "temperature", "Qwen3", None, value, float(value), None, evidence, False, True, False)


@pytest.mark.parametrize(("quote", "value", "kept"), [
    ("For all Qwen3 models in the thinking mode, we utilize a sampling temperature of 0.6.", "0.6", False),
    ("For Qwen3 models in the non-thinking mode, we configure temperature = 0.7 and top-p = 0.8.", "0.7", True),
    ("Specifically, we use a sampling temperature of 0.6 and a top-p value of 0.95.", "0.6", True),
])
def test_a_value_of_another_mode_is_never_the_asked_mode_s(quote: str, value: str, kept: bool) -> None:
    assert stated_for(_candidate(quote, value), "non-thinking") is kept


def test_a_setting_other_than_a_mode_must_still_be_said() -> None:
    quote = "We use a vocabulary of 32000 word-pieces."
    assert not stated_for(_candidate(quote, "0.7"), "English-French")


def test_a_stage_named_reasoning_is_no_mode() -> None:
    """"the reasoning stage (S2)" is a stage the evidence must name: Qwen3's 36T total, naming none, is not S2's."""
    quote = "Furthermore, Qwen3 has been pre-trained on 36 trillion tokens covering up to 119 languages."
    assert not stated_for(_candidate(quote, "36"), "reasoning")


def test_two_modes_asked_of_one_model_fix_no_mode() -> None:
    """read24 kimi-k15-cot-scores: "the long-CoT and the short-CoT Kimi k1.5 models" read "long-CoT" as a subject and
    as the one mode of every value, so the short-CoT scores were never asked."""
    from synth.plan.setting import read_setting, unversioned

    text = "What AIME 2024 score do the long-CoT and the short-CoT Kimi k1.5 models reach?"
    setting, rest = read_setting(text)
    assert setting.mode is None and "long-CoT" not in rest and "Kimi k1.5 models" in rest
    assert unversioned(text) == "What AIME 2024 score do the Kimi k1.5 models reach?"
    assert read_setting("What does the thinking and non-thinking Qwen3-32B score?")[0].mode is None
