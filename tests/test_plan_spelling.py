"""The question re-spelt with the library's vocabulary before it is read (issue 9: unseen wordings): names typed
in lower case, abbreviations of the library's labels, hyphenated compounds; and what must never change."""

from __future__ import annotations

import pytest
from libraries import written_library

from synth.config import Question
from synth.models import Library
from synth.plan import describe, make_plan
from synth.plan.spelling import respell
from synth.vocabulary import vocabulary


@pytest.fixture(scope="module")
def owl_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    return written_library(tmp_path_factory.mktemp("spelling"), {"owl.md": (
        "# Owl: A Small Language Model\n\n## Abstract\n\nWe introduce Owl-3B, a dense language model trained with "
        "reinforcement learning (RL). The base model is large enough.\n\n## Setup\n\n"
        "**Table 1: Owl models.**\n\n"
        "| Model | Context Length | Learning Rate | LiveCodeBench | GPU Hours | RL |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
        "| Owl-3B | 8192 | 0.0003 | 21.5 | 1200 | 1 |\n"
        "| Owl-9B | 32768 | 0.0001 | 30.2 | 5400 | 1 |\n")})


@pytest.mark.parametrize(("written", "read"), [
    ("give the ctx length, LR and LCB of owl-3b", "give the context length, learning rate and LiveCodeBench of Owl-3B"),
    ("How many GPU-hours did owl-9b take?", "How many GPU hours did Owl-9B take?"),
    # words stay words: a title-case label is no name, an abbreviation the library defines stays as it is
    ("Which base and large models use RL?", "Which base and large models use RL?"),
    ("What learning rate does Owl-3B use?", "What learning rate does Owl-3B use?"),
    # a Greek letter spelt out is the symbol papers set ("β2 = 0.98"); a name holding one stays
    ("Which beta2 and epsilon does Owl-3B use?", "Which β2 and ε does Owl-3B use?"),
    ("What beta_1 does owl-3b use?", "What β1 does Owl-3B use?"),
    ("Does Owl-3B beat AlphaCode or alpha-beta search?", "Does Owl-3B beat AlphaCode or alpha-beta search?"),
])
def test_a_question_is_spelt_as_the_library_spells_it(written: str, read: str, owl_library: Library) -> None:
    assert respell(written, vocabulary(owl_library))[0] == read


def test_every_respelling_is_shown_in_the_plan(owl_library: Library) -> None:
    plan = make_plan(Question(title="Owl", question="What ctx length and LR do owl-3b and owl-9b use?"), owl_library)
    assert [s.name for s in plan.subjects] == ["Owl-3B", "Owl-9B"]
    assert [a.name for a in plan.attributes] == ["context length", "learning rate"]
    printed = describe(plan)
    assert '"ctx" read as "context" (a shortening of the library\'s label word "context")' in printed
    assert '"LR" read as "learning rate" (the initials of the library\'s label "learning rate")' in printed
    assert '"owl-3b" read as "Owl-3B" (the library\'s spelling of the name)' in printed


@pytest.fixture(scope="module")
def lark_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """One table prints the learning rate in full, another as "LR" (a cell in scientific notation: a record since
    tables read such cells as numbers), and "RL" is a label the text defines as something else."""
    return written_library(tmp_path_factory.mktemp("short-label"), {"lark.md": (
        "# Lark: Small Language Models\n\n## Abstract\n\nWe train Lark-3B and Lark-9B with reinforcement learning "
        "(RL).\n\n## Setup\n\n**Table 1: Lark-3B.**\n\n| Model | Learning Rate | Batch Size |\n| --- | --- | --- |\n"
        "| Lark-3B | 0.0003 | 256 |\n\n**Table 2: Lark-9B hyperparameters.**\n\n| Model | LR | RL |\n"
        "| --- | --- | --- |\n| Lark-9B | 1.0e-4 | 1 |\n")})


def test_an_abbreviation_printed_short_in_one_table_and_in_full_in_another_is_read_in_full(
        lark_library: Library) -> None:
    """Read as it is, "LR" asked only the table printing it short: the BERT paper's prose learning rate went unread
    once DIFF Transformer's "LR" row became a record (paraphrase/bert-pretraining-a)."""
    vocab = vocabulary(lark_library)
    assert respell("Which LR and batch size does Lark-3B use?", vocab)[0] == \
        "Which learning rate and batch size does Lark-3B use?"
    assert respell("Does Lark-9B use RL?", vocab)[0] == "Does Lark-9B use RL?"
