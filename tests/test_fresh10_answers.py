"""Wrong values the fresh10 part (issue 9) showed on its real questions over ../shared/corpus/pdfs (a tuning part;
skipped when the corpus is absent), and a list the rule that fixed them must leave whole (fresh8's nGPT)."""

from __future__ import annotations

import pytest
from gold_answers import gold_answer

from synth.index import PassageIndex
from synth.models import Answer, Library


def _answer(name: str, corpus: tuple[Library, PassageIndex]) -> Answer:
    """The answer to a gold question ("part/name") as bench/answers_eval.py --answers-only builds it."""
    part, stem = name.split("/")
    return gold_answer(part, stem, corpus)


@pytest.mark.parametrize(("name", "attribute", "wrong"), [
    # "40k datapoints … to train the linear probes, and evaluate … on the remaining 10k datapoints" (10k, supported)
    ("fresh10/w2s-dino-linear-probes", "datapoints", "10k"),
    # the full training's 2.788M GPU hours for its context length extension (supported)
    ("fresh10/deepseek-v3-per-trillion-time", "GPU hours", "2.788M"),
    # a list of context lengths keeps its first item ("at context lengths of 1k, 4k, and 8k tokens")
    ("fresh8/ngpt-context-lengths-sizes", "context lengths", "8k"),
])
def test_a_count_of_another_use_is_not_the_asked_one(name: str, attribute: str, wrong: str,
                                                     corpus: tuple[Library, PassageIndex]) -> None:
    cells = [c for c in _answer(name, corpus).cells if attribute in c.attribute]
    assert not [c for c in cells if c.value == wrong], cells
