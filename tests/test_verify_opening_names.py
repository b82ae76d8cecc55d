"""A sentence that opens on another name gives that name's figures, not those of the subject its paper's title names:
"PaSa has 200 query-paper pairs." (the Selector's benchmark, pasa_llm_agent_for_paper_search.pdf p.9: "we collected a
dataset of 200 query-paper pairs") was contradicted by p.2's "AutoScholarQuery includes 33,511 / 1,000 / 1,000
query-paper pairs in the training / development / test split.", a dataset's sizes read as PaSa's (named by the title
and by the sentence before it)."""

from __future__ import annotations

import pytest
from libraries import indexed_library

from synth.index import PassageIndex
from synth.models import Library, Verdict
from synth.verify import verify_claim
from synth.verify.names import opens_on_another_name

PASA = """# PaSa: An LLM Agent for Comprehensive Academic Paper Search

## 1 Introduction

We introduce PaSa, an advanced Paper Search agent powered by large language models. AutoScholarQuery includes \
33,511 / 1,000 / 1,000 query-paper pairs in the training / development / test split.

## 5.3 Selector Evaluation

As both the final decision-maker and auxiliary reward model in RL training for the Crawler, the performance of the \
Selector is crucial. To evaluate its effectiveness, we collected a dataset of 200 query-paper pairs, annotating \
whether each paper meets the query's requirements.
"""


@pytest.fixture(scope="module")
def pasa(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return indexed_library(tmp_path_factory.mktemp("opening-names"), {"pasa.md": PASA})


@pytest.mark.parametrize(("claim", "verdict"), [
    ("PaSa has 200 query-paper pairs.", Verdict.INSUFFICIENT),  # contradicted before by AutoScholarQuery's 1,000
    ("PaSa has 1,000 query-paper pairs.", Verdict.INSUFFICIENT),  # supported before: AutoScholarQuery's
    ("PaSa has 200 annotated pairs.", Verdict.INSUFFICIENT),  # p.9's sentence names the Selector's dataset only
])
def test_a_sentence_opening_on_another_name(claim: str, verdict: Verdict, pasa: tuple[Library, PassageIndex]) -> None:
    assert verify_claim(claim, *pasa, learned=False).verdict is verdict


@pytest.mark.parametrize(("sentence", "entities", "other"), [
    ("AutoScholarQuery includes 33,511 / 1,000 / 1,000 query-paper pairs", ("PaSa",), True),
    ("AutoScholarQuery includes 33,511 pairs", ("AutoScholarQuery",), False),
    ("We collected a dataset of 200 query-paper pairs", ("PaSa",), False),  # no name opens it
    ("PaSa-7b outperforms all baselines", ("PaSa",), False),  # a name of the subject's own
    ("2Each training step took approximately 0.15 seconds", ("PaSa",), False),  # a footnote's mark
    ("AutoScholarQuery includes 33,511 / 1,000 / 1,000 query-paper pairs", (), False),  # the claim names nothing
])
def test_which_sentences_open_on_another_name(sentence: str, entities: tuple[str, ...], other: bool) -> None:
    assert opens_on_another_name(sentence, entities) is other
