"""Questions as other researchers write them (issue 9): a paper named by its quoted title or its first author, a
row described rather than named, a measure joined to its benchmark in one column, a count written after a name,
"in total", a benchmark spelled as its paper's prose spells it, the baseline of a difference, a setting clause and
a span "from A to B". Each reading is checked on a small written library through the real plan stage."""

from __future__ import annotations

import pytest
from libraries import written_library

from synth.config import Question
from synth.models import AttributeKind, Library
from synth.plan import make_plan

SPIN = """# Spin Cycles: What Makes Rotary Encodings Work?

Ada Quill, Bo Renn

## Abstract

We study rotary encodings. We also evaluate GSM-NoOp, a variant with irrelevant clauses. On GSM-NoOp every
model loses accuracy; GSM-NoOp adds one clause that seems relevant but is not.

## Results

In all experiments we train the Gemma 2B models for 8,000 steps using a batch size of 256.

**Table 1: Validation perplexity of the encodings.**

| Encoding | Wiki | FlanV2 |
| --- | --- | --- |
| NoPE | 4.86 | 6.64 |
| RoPE | 4.46 | 6.44 |
| 0.5-RoPE | 4.44 | 6.45 |

**Table 2: ROUGE of summarization models.**

| Model | TL;DR R-1 | TL;DR R-L | CNN/Daily Mail R-1 | CNN/Daily Mail R-L |
| --- | --- | --- | --- | --- |
| lead-3 | 17.4 | 14.6 | 40.4 | 36.6 |
| supervised + 40k fine-tune | 18.4 | 15.5 | 40.1 | 37.1 |
| 40k fine-tune | 16.8 | 14.0 | 37.4 | 33.3 |

**Table 3: Accuracy on the symbolic variants.**

| Model | Symbolic-P1 | Symbolic-NoOp |
| --- | --- | --- |
| Wren-7b | 26.0 | 8.7 |
| Wren-7b-it | 6.0 | 8.1 |

**Table 4: Translation results on WMT'14 En→De.**

| Model | Test BLEU | Total #Parameters |
| --- | --- | --- |
| Kestrel with 512 Experts | 26.0 | 8.7B |
| Heron | 24.9 | 278M |
"""


@pytest.fixture(scope="module")
def spin_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    return written_library(tmp_path_factory.mktemp("spin"), {"spin.md": SPIN})


def _plan(question: str, library: Library):
    return make_plan(Question(title="Reader probe", question=question), library)


def test_a_quoted_title_is_a_paper_and_which_ranks_the_rows_of_its_table(spin_library: Library) -> None:
    plan = _plan("Which positional encoding achieves the lowest validation perplexity on Wiki in "
                 "'Spin Cycles: What Makes Rotary Encodings Work?'?", spin_library)
    assert [s.name for s in plan.subjects] == ["NoPE", "RoPE", "0.5-RoPE"]
    assert [(a.name, a.kind) for a in plan.attributes] == [("Wiki", AttributeKind.METRIC)]
    assert all(s.home_sources == ("spin",) for s in plan.subjects)


def test_an_author_names_the_paper_whose_row_the_question_describes(spin_library: Library) -> None:
    plan = _plan("What ROUGE-L do Quill et al. report for the supervised + 40k fine-tuned summarization model on "
                 "CNN/Daily Mail?", spin_library)
    assert [s.name for s in plan.subjects] == ["supervised + 40k fine-tune"]
    assert [(a.name, a.spellings) for a in plan.attributes] == [("ROUGE-L on CNN/Daily Mail", ("CNN/Daily Mail R-L",))]


def test_a_count_after_a_name_is_its_row_and_in_total_qualifies_the_count(spin_library: Library) -> None:
    plan = _plan("What BLEU score does the Kestrel model with 512 experts reach on WMT'14 En→De, and how many "
                 "parameters does it have in total?", spin_library)
    assert [s.name for s in plan.subjects] == ["Kestrel with 512 experts"]
    assert sorted(a.name for a in plan.attributes) == ["BLEU", "WMT'14 En→De", "total parameters"]


def test_a_benchmark_in_its_prose_spelling_is_read_as_its_column(spin_library: Library) -> None:
    plan = _plan("With 8-shot prompting, what accuracy do Wren-7b and Wren-7b-it reach on GSM-NoOp?", spin_library)
    assert [s.name for s in plan.subjects] == ["Wren-7b", "Wren-7b-it"]
    assert [(a.name, a.spellings) for a in plan.attributes] == [("GSM-NoOp", ("GSM-NoOp", "Symbolic-NoOp"))]


def test_models_followed_by_a_verb_are_the_subject_looked_for_in_the_named_experiments(spin_library: Library) -> None:
    plan = _plan("For how many steps and with what batch size were the Gemma 2B models trained in the Spin "
                 "Cycles experiments?", spin_library)
    assert [(s.name, s.home_sources) for s in plan.subjects] == [("Gemma 2B", ("spin",))]


@pytest.mark.parametrize(("question", "subjects", "attributes"), [
    ("By how much does RMSNorm speed up training compared with LayerNorm?", ["RMSNorm"], ["speed-up"]),
    ("By how much does RMSNorm improve BLEU relative to LayerNorm?", ["RMSNorm"], ["improvement"]),
    ("How does RMSNorm compare with LayerNorm on Wiki when both are used in the Transformer?",
     ["RMSNorm", "LayerNorm"], ["Wiki"]),
    ("How much does accuracy drop from Symbolic-P1 to Symbolic-NoOp?", [],
     ["accuracy drop", "Symbolic-P1", "Symbolic-NoOp"]),
])
def test_baselines_setting_clauses_and_spans_are_not_subjects(spin_library: Library, question: str,
                                                              subjects: list[str], attributes: list[str]) -> None:
    plan = _plan(question, spin_library)
    assert [s.name for s in plan.subjects] == subjects
    assert [a.name for a in plan.attributes] == attributes


@pytest.mark.parametrize(("question", "asked"), [
    ("Which encoder does Heron replace, and what happens to its memory cost?", ["encoder", "memory cost"]),
    ("What memory cost does Heron have when a clause is added to the prompt?", ["memory cost"]),
])
def test_verbs_and_condition_clauses_are_never_attributes(spin_library: Library, question: str,
                                                          asked: list[str]) -> None:
    plan = _plan(question, spin_library)
    assert [a.name for a in plan.attributes] == asked
