"""Question phrasings the other tuning parts lack (issue 9, the questions part): "which is larger, A or B, in …",
"how long did it take to train X", a second "how many" after a qualified one, and an appositive naming another
model between commas. Each is read as meant, never as the comparative, the verb or the appositive's name."""

from __future__ import annotations

import pytest

from synth.models import AttributeKind
from synth.plan.qualifiers import qualified
from synth.plan.wording import SUBJECT, Asked, asked_phrases, comparative, time_taken, without_appositives


def _texts(clause: str) -> list[str]:
    return [a.text for a in qualified(clause, asked_phrases(clause, lambda _: False))]


@pytest.mark.parametrize(("clause", "read"), [
    (f"Which is larger, {SUBJECT} or {SUBJECT}, in total parameters", "total parameters"),
    (f"Which has the larger vocabulary, {SUBJECT} or {SUBJECT}", "vocabulary size"),
    (f"Which has the longer context, {SUBJECT} or {SUBJECT}", "context length"),
    (f"Which has the longer context window, {SUBJECT} or {SUBJECT}", "context window"),
    (f"Which model has more layers, {SUBJECT} or {SUBJECT}", "layers"),
    (f"Which is bigger, {SUBJECT} or {SUBJECT}", "parameters"),
])
def test_a_comparative_asks_what_it_compares_never_the_adjective(clause: str, read: str) -> None:
    assert _texts(clause) == [read]
    found = comparative(clause)
    assert found is not None and found.kind is AttributeKind.QUANTITY


@pytest.mark.parametrize("clause", [
    f"Which scores higher on ⟨A⟩ and on ⟨A⟩, {SUBJECT} or {SUBJECT}",  # a score verb: the benchmarks are asked
    f"Which of {SUBJECT}, {SUBJECT} and {SUBJECT} activates the most parameters per token",
    f"Which is faster, {SUBJECT} or {SUBJECT}",  # no magnitude the adjective names: nothing guessed
])
def test_other_which_questions_are_not_read_as_comparatives(clause: str) -> None:
    assert comparative(clause) is None


def test_how_long_it_took_asks_the_training_time_and_what_follows() -> None:
    clause = f"How long did it take {SUBJECT}, on how many nodes, and how many GPU hours did that use"
    assert _texts(clause) == ["training time", "nodes", "GPU hours"]
    assert time_taken("How long does it take to generate") == Asked("generating time", AttributeKind.QUANTITY,
                                                                     'read from "how long did it take …"')
    assert time_taken(f"How long is the context of {SUBJECT}") is None


def test_a_qualifier_stays_on_the_phrase_it_follows_not_a_later_one_of_the_same_noun() -> None:
    clause = f"How many experts does {SUBJECT} activate per token, out of how many experts in each layer"
    assert _texts(clause) == ["activated experts per token", "experts"]


@pytest.mark.parametrize(("question", "read"), [
    ("How much text does WebText, the dataset GPT-2 was trained on, contain, and how many documents?",
     "How much text does WebText contain, and how many documents?"),
    ("What is the MMLU score of Mixtral 8x7B, the model Mistral 7B was extended into, on 5-shot?",
     "What is the MMLU score of Mixtral 8x7B on 5-shot?"),
    ("How many layers do Mistral 7B, Mixtral 8x7B and Llama 2 70B have?",  # a list is no appositive
     "How many layers do Mistral 7B, Mixtral 8x7B and Llama 2 70B have?"),
])
def test_an_appositive_naming_another_model_is_dropped(question: str, read: str) -> None:
    assert without_appositives(question) == read
