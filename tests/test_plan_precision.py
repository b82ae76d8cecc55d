"""The plan never adds a neighbour as a subject (issue 9, the precision part): a row of the named paper's table whose
words the question writes only as words of two names ("LLaMA 2 7B" from "Mistral 7B … Llama 2 13B") is another
member of a named subject's family, not a model the question describes."""

from __future__ import annotations

import pytest

from synth.models import PlanSubject
from synth.plan.described import _sibling_row


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
