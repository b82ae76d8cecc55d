"""The start of a change is the value of the model compared with (issue 9, the fresh part): "Compared to its
predecessor Qwen2.5, Qwen3 expands multilingual support from 29 to 119 languages" states Qwen2.5's 29."""

from __future__ import annotations

from pathlib import Path

from libraries import answered

from synth.retrieve.asks.predecessor import compared_with, predecessor_values

SENTENCE = "Compared to its predecessor Qwen2.5, Qwen3 expands multilingual support from 29 to 119 languages."


def test_only_a_subject_named_as_what_is_compared_with_takes_the_start() -> None:
    assert compared_with(SENTENCE, ("Qwen2.5",))
    assert not compared_with(SENTENCE, ("Qwen3",))


def test_the_start_is_taken_only_when_the_end_is_a_stated_value() -> None:
    end = SENTENCE.index("119")
    assert predecessor_values(SENTENCE, [("119", 119.0, "", end)]) == [("29", 29.0, "", SENTENCE.index("29"))]
    assert predecessor_values(SENTENCE, []) == []


LIBRARY = """# Lyra 3 technical report

Lyra 3 is a family of language models. Compared to its predecessor Lyra 2, Lyra 3 expands multilingual support
from 29 to 119 languages and dialects.
"""


def test_the_model_compared_with_gets_the_start_and_the_model_the_end(tmp_path: Path) -> None:
    answer = answered(tmp_path, {"lyra3.md": LIBRARY}, "How many languages does Lyra 3 support, and how many did its "
                      "predecessor Lyra 2 support?")
    assert sorted((c.subject, c.value) for c in answer.cells) == [("Lyra 2", "29"), ("Lyra 3", "119")]
