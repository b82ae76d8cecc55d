"""A numbered stage of training (read24 janus-pro-7b-training, first run): "What batch size does Janus-Pro-7B use in
Stage 2" read "Stage 2" as a subject (another paper's), Table 2's columns "Janus-Pro-7B Stage 1 | Stage 2 | Stage 3"
named no Janus-Pro-7B, and once they did, Stage 1's 20K steps and batch 256 passed for Stage 2's (the caption's
"Table 2" said the "2")."""

from __future__ import annotations

from gold_answers import gold_answer, gold_question

from synth.answer.stated_at import stated_for
from synth.index import PassageIndex
from synth.models import Answer, Evidence, Library, PassageKind
from synth.names import match_entity
from synth.plan import make_plan
from synth.plan.phrasings import time_taken
from synth.retrieve.asks.candidates import Candidate


def test_a_stage_after_the_model_in_a_column_label_is_its_variant() -> None:
    assert match_entity(("Janus-Pro-7B",), "Janus-Pro-7B Stage 2").variant == "Stage 2"
    assert match_entity(("Janus-Pro-7B",), "Janus-Pro-1B Stage 2") is None


def _cell(variant: str) -> Candidate:
    evidence = Evidence("janus", "janus.pdf", f"Training steps | Janus-Pro-7B {variant} | 20K", 0, 1, 5, None,
                        PassageKind.TABLE_ROW, table_caption="Table 2 | Detailed hyperparameters for training.")
    return Candidate("Janus-Pro-7B", "training steps", f"Janus-Pro-7B {variant}", variant, "20K", 2e4, None, evidence,
                     True, True, True)


def test_a_numbered_stage_is_said_as_one_label() -> None:
    assert stated_for(_cell("Stage 2"), "Stage 2")
    assert not stated_for(_cell("Stage 1"), "Stage 2")  # "Table 2" in the caption says no stage 2


def test_how_long_training_a_named_model_took_is_the_training_time() -> None:
    asked = time_taken("how long did training the 7B model take")
    assert asked is not None and asked.text == "training time"


def _answer(name: str, corpus: tuple[Library, PassageIndex]) -> Answer:
    return gold_answer("read24", name, corpus)


def test_the_real_question_reads_stage_2_and_no_neighbour(corpus: tuple[Library, PassageIndex]) -> None:
    answer = _answer("janus-pro-7b-training", corpus)
    values = {(c.attribute, c.value) for c in answer.cells}
    assert {("training steps", "360K"), ("batch size", "512")} <= values, answer.cells
    assert not values & {("training steps", "20K"), ("batch size", "256"), ("codebook size", "16"),
                         ("training steps", "single")}
    plan = make_plan(gold_question("read24", "janus-pro-7b-training"), corpus[0])
    assert "Stage 2" not in [s.name for s in plan.subjects]
