"""A symbol written after the asked noun is the attribute's spelling, not a word of it (issue 9, read30/read31): "what
clipping threshold d and what regularization constants ε1 and ε2" asks the clipping threshold (set as "d = 1") and one
regularization constant per symbol; "what FFN hidden size d_ff" the hidden size its paper sets as "df f = 3072"."""

from __future__ import annotations

import pytest
from gold_answers import gold_answer, question_answer

from synth.config import Question
from synth.index import PassageIndex
from synth.models import AttributeKind, Library, PlanAttribute
from synth.plan import make_plan
from synth.plan.wording import Asked
from synth.plan.written_symbols import with_symbols
from synth.retrieve.asks.symbols import attribute_symbols, symbol_values


def _read(*phrases: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(asked.text, symbols) for asked, symbols in with_symbols([Asked(p, None, "read from") for p in phrases])]


@pytest.mark.parametrize(("phrases", "read"), [
    (("clipping threshold d",), [("clipping threshold", ("d",))]),
    (("FFN hidden size d_ff",), [("FFN hidden size", ("d_ff",))]),
    # plural noun, coordinated symbols of one letter: one attribute per symbol, the symbol in each name
    (("regularization constants ε1", "ε2"), [("regularization constant ε1", ("ε1",)),
                                             ("regularization constant ε2", ("ε2",))]),
    # the same shape in the Adam paper's wording
    (("exponential decay rates β1", "β2"), [("exponential decay rate β1", ("β1",)), ("exponential decay rate β2",
                                                                                    ("β2",))]),
    (("step size α", "β2"), [("step size", ("α",)), ("β2", ())]),
    # no symbol: a name's symbol, a letter naming one of several things, a word
    (("RoPE θ",), [("RoPE θ", ())]),
    (("top k",), [("top k", ())]),
    (("stage B",), [("stage B", ())]),
    (("learning rate",), [("learning rate", ())]),
])
def test_a_trailing_symbol_is_the_attributes_spelling(phrases: tuple[str, ...],
                                                      read: list[tuple[str, tuple[str, ...]]]) -> None:
    assert _read(*phrases) == read


def test_a_written_symbol_asks_a_quantity() -> None:
    (asked, _), = with_symbols([Asked("regularization constant ε1", None, "read from")])
    assert asked.kind is AttributeKind.QUANTITY


def test_the_written_symbol_is_read_where_the_source_sets_it() -> None:
    attribute = PlanAttribute("clipping threshold", AttributeKind.QUANTITY, ("clipping threshold",), "read",
                              symbols=("d",))
    symbols = attribute_symbols(attribute, {})
    assert symbols == frozenset({"d"})
    assert [v[0] for v in symbol_values("3: d = 1", symbols)] == ["1"]
    assert [v[0] for v in symbol_values("update clipping with d = 1 significantly ameliorated", symbols)] == ["1"]


@pytest.mark.parametrize(("sentence", "values"), [
    ("The FFN layers have hidden size df f = 3072.", ["3072"]),  # GLU Variants Improve Transformer, p.2
    ("we reduce the hidden layer to df f = 2048, so as to keep the same parameter and operation counts", ["2048"]),
    ("The dimensionality of input and output is dmodel = 512, and the inner-layer has dimensionality df f = 2048.",
     ["2048"]),  # Attention Is All You Need, p.5
    ("and f = 3072", []),  # a lone letter is never joined to the word before it
])
def test_a_subscript_split_off_by_the_text_layer_is_the_symbol_whole(sentence: str, values: list[str]) -> None:
    assert [v[0] for v in symbol_values(sentence, frozenset({"dff"}))] == values


def test_the_adafactor_question_reads_its_symbols(corpus: tuple[Library, PassageIndex]) -> None:
    question = Question(title="Adafactor's proposed hyperparameters", question=(
        "What clipping threshold d and what regularization constants ε1 and ε2 does the Adafactor paper propose, and "
        "with what beam size and length penalty were its BLEU scores computed?"))
    plan = make_plan(question, corpus[0])
    asked = {a.name: a.symbols for a in plan.attributes}
    assert asked["clipping threshold"] == ("d",)
    assert asked["regularization constant ε1"] == ("ε1",)
    assert asked["regularization constant ε2"] == ("ε2",)
    answer = gold_answer("read30", "adafactor-proposed-hyperparameters", corpus)
    cells = {(c.subject, c.attribute): c.value for c in answer.cells}
    assert cells.get(("Adafactor", "clipping threshold")) == "1"
    # the text layer drops the ε of "ε1 = 10−30": no value is read for it, never a neighbour's
    assert ("Adafactor", "regularization constant ε1") not in cells
    assert ("Adafactor", "regularization constant ε1") in {(n.subject, n.attribute) for n in answer.not_stated}


def test_the_split_symbol_gives_the_ffn_width(corpus: tuple[Library, PassageIndex]) -> None:
    answer = question_answer(Question(title="The FFN width of the GLU paper's baseline", question=(
        "In 'GLU Variants Improve Transformer', what FFN hidden size d_ff does FFN_ReLU use?")), corpus)
    assert [c.value for c in answer.cells if c.attribute == "FFN hidden size"] == ["3072"]
