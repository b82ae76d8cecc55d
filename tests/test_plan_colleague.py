"""A mode said as a switch or as a version (issue 9, the colleague part): "with thinking turned off" fixes the
non-thinking mode as "in non-thinking mode" does, and "the short-CoT version of X" asks X in its short-CoT mode
(the mode word is no subject of its own)."""

from __future__ import annotations

import pytest

from synth.plan.setting import read_setting, unversioned


@pytest.mark.parametrize(("question", "mode", "rest"), [
    ("With thinking turned off, what Codeforces rating does Qwen3-4B get?", "non-thinking",
     "what Codeforces rating does Qwen3-4B get?"),
    ("What does Owl-8B score on AIME without thinking?", "non-thinking", "What does Owl-8B score on AIME?"),
    ("What does Owl-8B score on AIME with thinking disabled?", "non-thinking", "What does Owl-8B score on AIME?"),
    ("What does Owl-8B score with reasoning switched on, and how many layers does it have?", "thinking",
     "What does Owl-8B score, and how many layers does it have?"),
    ("What does Owl-8B score on AIME with thinking mode enabled?", "thinking", "What does Owl-8B score on AIME?"),
    ("For the short-CoT version of Kimi k1.5, what is its MATH-500 score?", "short-CoT",
     "For Kimi k1.5, what is its MATH-500 score?"),
    ("What does the non-thinking variant of Owl-8B score on AIME?", "non-thinking", "What does Owl-8B score on AIME?"),
])
def test_a_switched_or_versioned_mode_fixes_the_variant(question: str, mode: str, rest: str) -> None:
    setting, text = read_setting(question)
    assert setting.mode == mode
    assert text == rest


@pytest.mark.parametrize(("question", "rest"), [
    ("For the short-CoT version of Kimi k1.5, what is its MATH-500 score?",
     "For Kimi k1.5, what is its MATH-500 score?"),
    ("What does the thinking model of Owl-8B score?", "What does Owl-8B score?"),
    ("What does Owl-8B score without thinking?", "What does Owl-8B score without thinking?"),
    ("How was the thinking mode of Owl-8B trained?", "How was the thinking mode of Owl-8B trained?"),
])
def test_a_version_phrase_leaves_the_model_it_is_a_version_of(question: str, rest: str) -> None:
    assert unversioned(question) == rest


def test_a_question_without_a_mode_keeps_its_text() -> None:
    question = "How many layers does Owl-8B have, and what does it think of thinking?"
    setting, text = read_setting(question)
    assert setting.mode is None
    assert text == question
