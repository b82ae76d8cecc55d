"""Text values read wrong on fresh3, a tuning part of text-valued cells written before any run of synth on it
(issue 9): "MoE" for the mode Qwen3 uses ("model" is no inflection of "mode"), "quality diversity" for ELM's
quality-diversity algorithm (the asked kind's own modifier names no algorithm), "bfloat16, float32" for the Switch
Transformer's precision from a sentence where "Lepikhin et al. (2020) trains with float32"; and values missed: the
algorithm a sentence names after "is" ("the specific algorithm in the experiment in this paper is MAP-Elites"), a
lower-case name with a digit put to use ("we use float32 for both model weights and activations")."""

from __future__ import annotations

import pytest

from synth.models import AttributeKind, PlanAttribute
from synth.retrieve.asks.kinds import used_terms
from synth.retrieve.asks.scope import cited_actor
from synth.retrieve.asks.terms import text_values
from synth.retrieve.asks.used_as import used_as


def _text(name: str) -> PlanAttribute:
    return PlanAttribute(name, AttributeKind.TEXT, (name,), "test")


def test_model_is_no_inflection_of_mode() -> None:
    assert text_values("The Heron series includes six dense models and one MoE model.", _text("mode")) == []
    assert text_values("We use the WordPiece tokenizers.", _text("tokenizer")) == ["WordPiece"]


def test_the_asked_kinds_own_modifier_names_no_value() -> None:
    terms = "quality diversity\nlayer normalization"
    sentence = "We implement Heron within a quality diversity (QD) algorithm [50, 51]."
    assert text_values(sentence, _text("quality-diversity algorithm"), {"QD": "quality diversity"}, terms) == []
    assert text_values("We apply layer normalization to each sub-layer.", _text("normalization layer"), {},
                       terms) == ["layer normalization"]


def test_a_value_named_after_is_for_the_asked_head_noun() -> None:
    sentence = ("While any QD algorithm can work with Heron, the specific algorithm in the experiment in this paper "
                "is MAP-Elites [51, 55] (Figure 3).")
    assert [term for _, term in used_as(sentence, "quality-diversity algorithm")] == ["MAP-Elites"]
    assert used_as("The algorithm is simple and fast.", "quality-diversity algorithm") == []


def test_a_name_said_to_be_the_asked_thing_before_is_is_its_value() -> None:
    sentence = ("Proximal policy optimization [PPO; 67] is the RL algorithm, in conjunction with generalized advantage "
                "estimation [GAE; 68], with default hyperparameters.")
    assert [term for _, term in used_as(sentence, "RL algorithm")] == ["PPO"]
    assert text_values(sentence, _text("RL algorithm")) == ["PPO"]
    assert used_as("In Table 3 is the algorithm of Heron.", "RL algorithm") == []
    # the asked thing's own modifiers, all of them: PPO is ELM's RL algorithm, not its quality-diversity algorithm
    assert used_as(sentence, "quality-diversity algorithm") == []


@pytest.mark.parametrize(("sentence", "cited"), [
    ("Model instability hinders training in bfloat16, and as a result, Lepikhin et al. (2020) trains with float32 "
     "precision throughout their MoE Transformer.", True),
    ("We follow Smith (2021) in all other settings and use float32.", False),
    ("We use float32 for both model weights and activations.", False),
])
def test_cited_work_acting_inside_a_sentence(sentence: str, cited: bool) -> None:
    assert cited_actor(sentence) is cited


def test_a_lower_case_name_with_a_digit_is_a_name_put_to_use() -> None:
    sentence = "During training, we use float32 for both model weights and activations."
    assert used_terms(sentence, ("float32", "bfloat16"), ("precision",)) == ["float32"]
    assert used_terms("We use gelu for both.", ("gelu",), ("activation",)) == []


@pytest.mark.parametrize(("name", "sentence", "values"), [
    ("domain", "Heron evolves programs in the Sodarace domain, a physics simulator.", ["Sodarace"]),
    ("optimizer", "We train with the Adam optimizer and a learning rate of 1e-4.", ["Adam"]),
    ("optimizer", "Following the Adam paper, we tune the rate.", []),
])
def test_one_capitalised_word_before_the_asked_noun_names_it(name: str, sentence: str, values: list[str]) -> None:
    """fresh3/elm-mutation-map-elites: "in the Sodarace domain" gave no domain, a name of one capital letter being
    read only with the asked noun's kind names."""
    assert text_values(sentence, _text(name)) == values


def test_a_heading_set_in_capitals_names_no_value() -> None:
    """'4 HOW ARE DIFFERENT FREQUENCIES USED?' glued to the sentence before it gave Gemma 7B's frequencies as
    'DIFFERENT', marked supported."""
    frequencies = _text("frequencies")
    glued = ("In fact, we will see in the next section that this is something that Gemma 7B exploits to create "
             "specific attention patterns. 4 HOW ARE DIFFERENT FREQUENCIES USED?")
    assert text_values(glued, frequencies) == []
    assert text_values("Gemma 7B uses the RoPE frequencies most.", frequencies) == ["RoPE"]
