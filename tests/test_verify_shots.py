"""A figure said in another shot setting than the claim's: "91.6 F1 in the 3-shot setting" is no
zero-shot figure; "few-shot" is no count and disagrees with none (synth.verify.passages.other_shots)."""

from __future__ import annotations

import pytest

from synth.verify.passages import other_shots


@pytest.mark.parametrize(("claim", "sentence", "expected"), [
    ("Heron-9B achieves a 91.6 F1 score on SQuAD in the zero-shot setting.",
     "It achieves an impressive 91.6 F1 score in the 3-shot setting on SQuAD.", "3-shot"),
    ("Heron-9B scores 70.2 on MMLU (5-shot).", "Heron-9B reaches 70.2 on MMLU in a five-shot setting.", None),
    ("Heron-9B achieves a 91.6 F1 score on SQuAD in the few-shot setting.",
     "It achieves an impressive 91.6 F1 score in the 3-shot setting on SQuAD.", None),
    ("Heron-9B achieves a 91.6 F1 score on SQuAD.", "It achieves 91.6 F1 in the 3-shot setting on SQuAD.", None),
    ("Heron-9B scores 91.6 in the one-shot setting.", "Heron-9B scores 91.6 on SQuAD.", None),
])
def test_a_figure_of_another_shot_setting(claim: str, sentence: str, expected: str | None) -> None:
    assert other_shots(claim, sentence) == expected
