"""The ways one model was trained are the subjects (issue 9, read30 rope-p-rope-perplexity): "the Gemma 2B models
trained with NoPE, RoPE and 0.75-RoPE" asks of each encoding (the named paper's table has one row per encoding), the
model they share is their setting; a subject the question writes apart from a row holding its name ("RoPE" beside
"0.75-RoPE") stays a subject."""

from __future__ import annotations

import pytest
from gold_answers import gold_answer

from synth.config import Question
from synth.index import PassageIndex
from synth.models import Library
from synth.plan import describe, make_plan
from synth.plan.name_roles import Raw, training_variants
from synth.plan.name_spans import lists


def _plan_subjects(question: str, library: Library) -> list[str]:
    return [s.name for s in make_plan(Question(title="Models trained with", question=question), library).subjects]


@pytest.mark.parametrize(("question", "subjects"), [
    ("In 'Round and Round We Go! What Makes Rotary Positional Encodings Useful?', what validation perplexity on Wiki "
     "and on FlanV2 do the Gemma 2B models trained with NoPE, RoPE and 0.75-RoPE reach?",
     ["NoPE", "RoPE", "0.75-RoPE"]),
    # the same shape over the Adafactor paper: the optimizers are the subjects, the Transformer their setting
    ("What BLEU do the Transformer models trained with Adam and Adafactor reach?", ["Adam", "Adafactor"]),
])
def test_the_listed_ways_of_training_are_the_subjects(question: str, subjects: list[str],
                                                      corpus: tuple[Library, PassageIndex]) -> None:
    assert _plan_subjects(question, corpus[0]) == subjects


def test_the_shared_model_is_read_not_left_over(corpus: tuple[Library, PassageIndex]) -> None:
    printed = describe(make_plan(Question(title="Models trained with", question=(
        "What BLEU do the Transformer models trained with Adam and Adafactor reach?")), corpus[0]))
    assert "Transformer" not in printed.split("Words not read into the plan:")[-1].split("\n")[0]


def test_the_rope_encodings_get_their_own_rows(corpus: tuple[Library, PassageIndex]) -> None:
    cells = {(c.subject, c.attribute): c.value for c in gold_answer("read30", "rope-p-rope-perplexity", corpus).cells}
    assert cells == {("NoPE", "Wiki"): "4.8594", ("NoPE", "FlanV2"): "6.6429", ("RoPE", "Wiki"): "4.4627",
                     ("RoPE", "FlanV2"): "6.4429", ("0.75-RoPE", "Wiki"): "4.4414", ("0.75-RoPE", "FlanV2"): "6.4422"}


def _raw(text: str, *names: str) -> list[Raw]:
    return [Raw(name, text.index(name), text.index(name) + len(name), "entity") for name in names]


@pytest.mark.parametrize(("text", "names", "read"), [
    ("do the Gemma 2B models trained with NoPE, RoPE and 0.75-RoPE reach", ("Gemma 2B", "NoPE", "RoPE", "0.75-RoPE"),
     ([1, 2, 3], [0])),
    # one name after "trained with" is how the subject was trained, and a list with no model before it no variants
    ("does the Transformer model trained with Adafactor reach", ("Transformer", "Adafactor"), ([], [])),
    ("was BERT pre-trained with Adam and LAMB", ("BERT", "Adam", "LAMB"), ([], [])),
])
def test_training_variants_need_a_model_and_a_list(text: str, names: tuple[str, ...],
                                                   read: tuple[list[int], list[int]]) -> None:
    raw = _raw(text, *names)
    assert training_variants(text, raw, [None] * len(raw), lists(text, raw)) == read


def test_a_subject_written_elsewhere_than_the_row_list_is_the_rows(corpus: tuple[Library, PassageIndex]) -> None:
    """fresh diff-3b-baseline-heads: "the Transformer baseline … in the 3B experiments" describes the row
    "Transformer-3B", whose label the question writes only inside "DIFF Transformer-3B": no subject "Transformer"."""
    assert _plan_subjects("How many attention heads does the Transformer baseline use in the 3B experiments of the "
                          "DIFF Transformer paper, and how many does DIFF Transformer-3B use?",
                          corpus[0]) == ["DIFF Transformer-3B", "Transformer-3B"]
