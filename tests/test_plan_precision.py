"""The plan never adds a neighbour as a subject (issue 9, the precision part): a row of the named paper's table whose
words the question writes only as words of two names ("LLaMA 2 7B" from "Mistral 7B … Llama 2 13B") is another
member of a named subject's family, not a model the question describes."""

from __future__ import annotations

import pytest

from synth.models import PlanSubject
from synth.plan.described import _sibling_row, _spelt_apart
from synth.plan.papers import PaperReference, baseline_papers


def _subject(name: str) -> PlanSubject:
    return PlanSubject(name, (name,), "test")


@pytest.mark.parametrize(("label", "sibling"), [
    ("LLaMA 2 7B", True),
    ("LLaMA 2 13B", False),
    ("Mistral 7B", False),
    ("supervised + 60k fine-tune", False),
])
def test_a_row_of_a_named_subject_s_family_is_no_described_model(label: str, sibling: bool) -> None:
    assert _sibling_row(label, [_subject("Mistral 7B"), _subject("Llama 2 13B")]) is sibling


@pytest.mark.parametrize(("label", "apart"), [
    ("DIFF-3B", False),
    ("DIFF Transformer", False),
    ("Transformer-3B", True),
])
def test_a_described_row_is_spelt_by_words_outside_the_names_the_question_writes(label: str, apart: bool) -> None:
    """The fresh part's heads question added "DIFF-3B" and "DIFF Transformer" (the 1.4B ablation row, 8 heads) as
    subjects: their words are only the named paper's and DIFF Transformer-3B's."""
    question = ("How many attention heads does the Transformer baseline use in the 3B experiments of the DIFF "
                "Transformer paper, and how many does DIFF Transformer-3B use?")
    papers = [PaperReference("DIFF Transformer paper", ("differential-transformer",))]
    assert _spelt_apart(label, question, [_subject("DIFF Transformer-3B")], papers) is apart


@pytest.mark.parametrize(("question", "named"), [
    ("What do DIFF Transformer-3B and the Transformer baseline score on HellaSwag?", ("differential-transformer",)),
    ("How does DIFF Transformer-3B compare with the baseline Transformer on HellaSwag?", ("differential-transformer",)),
    # no subject called the baseline: every paper answers
    ("What do DIFF Transformer-3B and the Transformer score on HellaSwag?", ()),
])
def test_a_baseline_is_read_in_the_papers_of_the_models_compared_with_it(question: str,
                                                                        named: tuple[str, ...]) -> None:
    """The fresh part's "the Transformer baseline" was answered with Mamba's Transformer row (75.89), another
    experiment's baseline, marked supported."""
    subjects = [PlanSubject("DIFF Transformer-3B", ("DIFF Transformer-3B",), "test", ("differential-transformer",)),
                PlanSubject("Transformer", ("Transformer",), "test", ("transformer",))]
    assert baseline_papers(question, subjects) == named
