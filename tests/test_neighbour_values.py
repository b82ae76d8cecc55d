"""Values a cell must never take from a neighbour (issue 9, fresh7): a bare size asked ("for the 6.8B runs") owns only
the sentences that name it, not every unnamed sentence of its paper (the Differential Transformer's 3B model's
learning rate and warmup were given for the 6.8B runs); the pool a subset is drawn from is no count of the subset
("16 files from the 30 podcast episodes": 30 was given as Rev16's episodes)."""

from __future__ import annotations

import pytest

from synth.models import AttributeKind, PlanAttribute, PlanSubject
from synth.retrieve.asks.quantities import quantity_values
from synth.retrieve.asks.scope import subject_scope
from synth.vocabulary import Vocabulary


class _Vocab(Vocabulary):
    """The vocabulary of a one-paper library, without reading any table."""

    def __init__(self) -> None:  # no library to read: the lookups below are all the scope needs
        pass

    def role(self, name: str) -> str | None:
        return "entity" if name in ("DIFF Transformer", "Transformer") else None

    def home_sources(self, spellings: tuple[str, ...]) -> list[str]:
        return ["diff"]


SIZE = PlanSubject("6.8B", ("6.8B",), "test", ("diff",))
MODEL = PlanSubject("DIFF Transformer", ("DIFF Transformer",), "test", ("diff",))
UNNAMED = "The maximal learning rate is 3.2e-4 with 1000 warmup steps and linearly decays to 1.28e-5."
NAMED = "The learning rate is 1.5e-4 for 830M to 2.8B sizes, and 7.5e-5 for 6.8B to 13.1B sizes."


def test_a_bare_size_owns_only_the_sentences_that_name_it() -> None:
    assert subject_scope(UNNAMED, SIZE, _Vocab(), True) is None
    named = subject_scope(NAMED, SIZE, _Vocab(), True)
    assert named is not None and named.named


def test_the_paper_s_model_still_owns_its_unnamed_sentences() -> None:
    scope = subject_scope(UNNAMED, MODEL, _Vocab(), True)
    assert scope is not None and not scope.named


@pytest.mark.parametrize(("sentence", "attribute", "values"), [
    ("Rev16: We use a subset of 16 files from the 30 podcast episodes in Rev.AI's Podcast Transcription Benchmark.",
     "podcast episodes", []),
    ("We draw a sample of 500 prompts from the 2,000 prompts of the benchmark.", "prompts", ["500"]),
    ("The benchmark holds 30 podcast episodes.", "podcast episodes", ["30"]),
])
def test_the_pool_a_subset_is_drawn_from_is_no_count_of_it(sentence: str, attribute: str, values: list[str]) -> None:
    asked = PlanAttribute(attribute, AttributeKind.QUANTITY, (attribute,), "test")
    assert [raw for raw, *_ in quantity_values(sentence, asked, frozenset())] == values


class _HybridVocab(_Vocab):
    """A one-paper library whose model axis names Mamba-2 and the Mamba-2-Hybrid."""

    def role(self, name: str) -> str | None:
        return "entity" if name in ("Mamba-2", "Mamba-2-Hybrid", "MLP") else None

    def home_sources(self, spellings: tuple[str, ...]) -> list[str]:
        return ["mamba"]


HYBRID = PlanSubject("Mamba-2-Hybrid 8B", ("Mamba-2-Hybrid 8B", "Mamba-2-Hybrid-8B"), "test", ("mamba",))
LAYERS = ("Our ablation experiments lead us to design an 8B-parameter Mamba-2-Hybrid with 24 Mamba-2 layers, 4 "
          "self-attention layers, and 28 MLP layers.")


def test_a_size_written_before_the_name_and_a_layer_kind_named_by_a_model() -> None:
    """read22: the 8B Mamba-2-Hybrid's 24 Mamba-2 and 28 MLP layers were missed: "8B-parameter Mamba-2-Hybrid" did not
    name the 8B model, and "Mamba-2" in "24 Mamba-2 layers" (the asked kind of layer) was read as another model that
    owned the figures after it."""
    scope = subject_scope(LAYERS, HYBRID, _HybridVocab(), True,
                          attribute_names=("Mamba-2 layers", "self-attention layers", "MLP layers"))
    assert scope is not None and scope.named and scope.others == ()
    for figure in ("24", "4 ", "28"):
        assert scope.owns(LAYERS.index(figure), LAYERS)
