"""Setup questions read whole (issue 9, read30 quip-setup): "For QuIP, how many calibration segments are used and how
many tokens long is each, how much GPU memory is a model quantized with, what value of the quantization-range parameter
ρ is used, and how long does quantizing OPT-30b take?" — OPT-30b is what the timed work is done on (the setting of
QuIP's time, no subject), "tokens long is each" counts the tokens per segment (no attribute "tokens long"), and the
value of the parameter ρ is the parameter, written ρ."""

from __future__ import annotations

import pytest
from gold_answers import gold_answer

from synth.config import Question
from synth.index import PassageIndex
from synth.models import Library
from synth.plan import make_plan
from synth.plan.phrasings import drawn_from, time_taken

QUIP_SETUP = ("For QuIP, how many calibration segments are used and how many tokens long is each, how much GPU memory "
              "is a model quantized with, what value of the quantization-range parameter ρ is used, and how long does "
              "quantizing OPT-30b take?")


@pytest.mark.parametrize(("clause", "asked"), [
    ("how long does quantizing ⟨S⟩ take", "quantization time"),
    ("how long does tokenizing the corpus take", "tokenization time"),
    ("how long does decoding take", "decoding time"),
    ("how long did training ⟨S⟩ take", "training time"),
])
def test_the_time_of_a_work_named_by_its_gerund(clause: str, asked: str) -> None:
    taken = time_taken(clause)
    assert taken is not None and taken.text == asked


@pytest.mark.parametrize(("written", "read"), [
    ("how many calibration segments are used and how many tokens long is each",
     "how many calibration segments are used and how many tokens per segment"),
    ("how many documents were sampled and how many words long was each",
     "how many documents were sampled and how many words per document"),
    ("what value of the quantization-range parameter ρ is used", "what quantization-range parameter ρ is used"),
    ("what value of the smoothing term ε does Adam use", "what smoothing term ε does Adam use"),
    ("how many tokens long is each", "how many tokens long is each"),  # nothing counted before: left as written
])
def test_setup_wordings_name_the_asked_thing_whole(written: str, read: str) -> None:
    assert drawn_from(written) == read


def test_the_quip_setup_question(corpus: tuple[Library, PassageIndex]) -> None:
    plan = make_plan(Question(title="QuIP's quantization setup", question=QUIP_SETUP), corpus[0])
    assert [s.name for s in plan.subjects] == ["QuIP"]
    asked = {a.name: (a.variant, a.symbols) for a in plan.attributes}
    assert asked == {"calibration segments": (None, ()), "tokens per segment": (None, ()), "GPU memory": (None, ()),
                     "quantization-range parameter": (None, ("ρ",)), "quantization time": ("OPT-30b", ())}


def test_a_timed_work_on_the_only_model_asks_that_models_time(corpus: tuple[Library, PassageIndex]) -> None:
    plan = make_plan(Question(title="GPT-3 training time", question="How long did training GPT-3 take?"), corpus[0])
    assert [s.name for s in plan.subjects] == ["GPT-3"]


def test_the_quip_setup_answer(corpus: tuple[Library, PassageIndex]) -> None:
    answer = gold_answer("read30", "quip-setup", corpus)
    cells = {c.attribute: c.value for c in answer.cells}
    assert cells.get("tokens per segment") == "2048"
    assert cells.get("quantization-range parameter") == "2.4"
    assert "quantization time" not in cells  # the paper states no time: declared, never a neighbour's figure
    assert ("QuIP", "quantization time") in {(n.subject, n.attribute) for n in answer.not_stated}


def test_training_is_the_models_own_work(corpus: tuple[Library, PassageIndex]) -> None:
    """read24 physics-knowledge-capacity: "how long does training GPT2-20-16 … take" asks GPT2-20-16's training time;
    only a method's work (quantizing) makes the model it is done on a setting."""
    plan = make_plan(Question(title="Knowledge capacity", question=(
        "In 'Physics of Language Models: Part 3.3', how many bits of knowledge per parameter does GPT-2 store with "
        "1000 exposures and with 100 exposures, what capacity is left after quantizing to int4, and how long does "
        "training GPT2-20-16 on bioS(10M) for 1000 exposures take?")), corpus[0])
    assert "GPT2-20-16" in [s.name for s in plan.subjects]
    assert [a.subjects for a in plan.attributes if a.name == "training time"] == [("GPT2-20-16",)]
