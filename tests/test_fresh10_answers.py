"""Wrong values the fresh10 part (issue 9) showed on its real questions over ../shared/corpus/pdfs (a tuning part;
skipped when the corpus is absent), and a list the rule that fixed them must leave whole (fresh8's nGPT)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from synth.anchor import AnchoredIndexes, anchor, anchored_library
from synth.answer import build_answer
from synth.config import Question
from synth.index import PassageIndex
from synth.models import Answer, Library
from synth.plan import make_plan
from synth.retrieve.asks import retrieve_asks

GOLD = Path(__file__).resolve().parents[1] / "bench" / "data" / "answers"


def _answer(name: str, corpus: tuple[Library, PassageIndex]) -> Answer:
    """The answer to a gold question as bench/answers_eval.py --answers-only builds it (anchored library)."""
    library, index = corpus
    question = Question(**yaml.safe_load((GOLD / f"{name}.yaml").read_text(encoding="utf-8"))["question"])
    plan = make_plan(question, library)
    anchored = anchored_library(library, anchor(question, plan, library, index))
    indexes = AnchoredIndexes()
    try:
        within = indexes.of(anchored, index)
        return build_answer(plan, retrieve_asks(plan, anchored, within), anchored, within)
    finally:
        indexes.close()


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
