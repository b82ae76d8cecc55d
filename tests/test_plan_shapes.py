"""Question shapes a researcher writes that the plan must read as meant (issue 9, item 1): qualifiers after
the asked noun ("how many experts are active per token"), classes named by what their members use
("which models in the library use X"), and the retrieval refusing a label that lacks the qualifier (the
total experts for the active ones: a neighbour's value)."""

from __future__ import annotations

import pytest
from libraries import written_library

from synth.config import Question
from synth.index import PassageIndex
from synth.models import AttributeKind, Evidence, Library, PassageKind, PlanAttribute
from synth.plan import describe, make_plan
from synth.plan.classes import resolve_usage, usage_class
from synth.plan.derived import derived_from
from synth.plan.qualifiers import participle, qualified
from synth.plan.setting import read_setting
from synth.plan.wording import METRIC, SUBJECT, Asked, asked_phrases
from synth.retrieve.asks.candidates import Candidate
from synth.retrieve.asks.qualified import keep_qualified, qualifiers
from synth.vocabulary import vocabulary


@pytest.mark.parametrize(("clause", "asked", "read"), [
    ("how many experts are active per token", "experts", "active experts per token"),
    ("How many routed experts are activated per token", "routed experts", "activated routed experts per token"),
    ("how many parameters does each activate per token", "parameters", "activated parameters per token"),
    # "select" is a question verb ("which … do they select"): only the distributive phrase qualifies
    (f"how many experts does {SUBJECT} select per token", "experts", "experts per token"),
    ("how many tokens were used", "tokens", "tokens"),  # a question verb is no qualifier
    (f"how many layers does {SUBJECT} have", "layers", "layers"),
])
def test_a_qualifier_after_the_noun_stays_on_the_attribute(clause: str, asked: str, read: str) -> None:
    [found] = qualified(clause, [Asked(asked, AttributeKind.QUANTITY, 'read from "how many …"')])
    assert found.text == read
    assert ("qualified by" in found.how) == (read != asked)


@pytest.mark.parametrize(("verb", "form"), [("activate", "activated"), ("process", "processed"),
                                            ("activates", "activated"), ("activated", "activated")])
def test_a_verb_becomes_the_modifier_of_its_object(verb: str, form: str) -> None:
    assert participle(verb) == form


@pytest.mark.parametrize(("question", "thing"), [
    ("Which models in the library use grouped-query attention, and how many key-value heads do they have?",
     "grouped-query attention"),
    ("List the models that adopt RMSNorm.", "RMSNorm"),
    ("What models employ a sliding window?", "sliding window"),
])
def test_a_class_named_by_what_its_members_use_is_read(question: str, thing: str) -> None:
    found = usage_class(question)
    assert found is not None and found.thing == thing


def test_a_question_naming_its_models_has_no_usage_class() -> None:
    assert usage_class("Which normalization layer does Kestrel 8x2B use?") is None


@pytest.fixture(scope="module")
def usage_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    return written_library(tmp_path_factory.mktemp("usage"), {
        "falcon.md": "# Falcon-9B: An Efficient Language Model\n\n## Abstract\n\nWe introduce Falcon-9B, a dense "
                     "language model. Falcon-9B leverages grouped-query attention (GQA) for faster inference.\n",
        "owl.md": "# Owl-3B: A Small Language Model\n\n## Abstract\n\nWe introduce Owl-3B, a dense language model. "
                  "Compared with grouped-query attention, multi-head attention keeps every key-value head. "
                  "Owl-3B uses multi-head attention.\n"})


def test_a_usage_class_is_resolved_from_the_members_own_sentences(usage_library) -> None:
    members = resolve_usage("grouped-query attention", vocabulary(usage_library))
    assert [name for name, _ in members] == ["Falcon-9B"]  # Owl-3B only compares with it
    assert "leverages grouped-query attention" in members[0][1]
    plan = make_plan(Question(title="GQA", question="Which models in the library use grouped-query attention, and "
                              "how many key-value heads do they have?"), usage_library)
    assert [s.name for s in plan.subjects] == ["Falcon-9B"]
    assert [a.name for a in plan.attributes] == ["key-value heads"]
    printed = describe(plan)
    assert "resolved as the models whose own sources say they use it (Falcon-9B)" in printed
    assert "Falcon-9B leverages grouped-query attention" in printed


def test_a_usage_class_nothing_states_is_said(usage_library) -> None:
    plan = make_plan(Question(title="MLA", question="Which models in the library use multi-head latent attention?"),
                     usage_library)
    assert not plan.subjects
    assert any("No source in the library says that a model it is about uses multi-head latent attention" in n
               for n in plan.notes)


def _candidate(quote: str, value: str, number: float, table: bool) -> Candidate:
    evidence = Evidence("owl", "owl", quote, 0, len(quote), 3, None,
                        PassageKind.TABLE_ROW if table else PassageKind.TEXT)
    return Candidate("Owl-3B", "x", "Owl-3B", None, value, number, None, evidence, table, True, True)


def test_a_label_lacking_the_qualifier_does_not_answer() -> None:
    attribute = PlanAttribute("activated experts per token", AttributeKind.QUANTITY, ("activated experts per token",),
                              "read")
    modifiers, per = qualifiers(attribute)
    assert len(modifiers) == 1 and len(per) == 1
    total = _candidate("Owl-3B | # Experts | 128", "128", 128, True)
    pair = _candidate("Owl-3B | # Experts (Total / Activated) | 128 / 8", "128 / 8", 128, True)
    prose = "The Owl MoE models have 128 total experts with 8 activated experts per token."
    kept = keep_qualified(attribute, [total, pair, _candidate(prose, "128", 128, False),
                                      _candidate(prose, "8", 8, False)])
    assert [(c.value, c.number, c.table) for c in kept] == [("8", 8, True), ("8", 8, False)]


def test_an_unqualified_attribute_keeps_every_candidate() -> None:
    attribute = PlanAttribute("experts", AttributeKind.QUANTITY, ("experts",), "read")
    total = _candidate("Owl-3B | # Experts | 128", "128", 128, True)
    assert keep_qualified(attribute, [total]) == [total]


@pytest.mark.parametrize(("asked", "kept_values"), [
    ("number of routed experts", ["256"]),  # "8 routed experts will be activated" counts the activated ones
    ("routed experts", ["256"]),
    ("activated routed experts per token", ["8"]),
])
def test_a_value_the_sentence_gives_another_variant_does_not_answer(asked: str, kept_values: list[str]) -> None:
    attribute = PlanAttribute(asked, AttributeKind.QUANTITY, (asked,), "read")
    text = ("Each MoE layer consists of 1 shared expert and 256 routed experts, and 8 routed experts will be "
            "activated for each token.")
    kept = keep_qualified(attribute, [_candidate(text, "256", 256, False), _candidate(text, "8", 8, False)])
    assert [c.value for c in kept] == kept_values


def test_an_attributive_variant_is_not_the_plain_count() -> None:
    attribute = PlanAttribute("parameters", AttributeKind.QUANTITY, ("parameters",), "read")
    text = "Each token has access to 47B parameters, but only uses 13B active parameters during inference."
    kept = keep_qualified(attribute, [_candidate(text, "47B", 47, False), _candidate(text, "13B", 13, False)])
    assert [c.value for c in kept] == ["47B"]


def test_a_maximum_is_not_the_final_value() -> None:
    attribute = PlanAttribute("maximum learning rate", AttributeKind.QUANTITY, ("maximum learning rate",), "read")
    text = "The maximum learning rate is set to 2.4e-4, and the final learning rate is 2.4e-5."
    kept = keep_qualified(attribute, [_candidate(text, "2.4e-4", 2.4e-4, False),
                                      _candidate(text, "2.4e-5", 2.4e-5, False)])
    assert [c.value for c in kept] == ["2.4e-4"]


def test_the_library_corpus_resolves_the_gqa_class(corpus: tuple[Library, PassageIndex]) -> None:
    members = [name for name, _ in resolve_usage("grouped-query attention", vocabulary(corpus[0]))]
    assert "Mistral 7B" in members and not any(name.startswith(("DeepSeek", "Janus")) for name in members)


@pytest.mark.parametrize(("sentence", "values"), [
    ("Each MoE layer consists of 2 shared experts and 64 routed experts.", ["2"]),
    ("We find that 1, 2, and 4 shared experts achieve similar performance.", []),
])
def test_the_last_of_a_list_of_alternatives_is_no_value(sentence: str, values: list[str]) -> None:
    from synth.retrieve.asks.quantities import quantity_values

    asked = PlanAttribute("shared experts", AttributeKind.QUANTITY, ("shared experts",), "test")
    assert [v[0] for v in quantity_values(sentence, asked, frozenset())] == values


def test_a_count_per_token_is_read_at_its_noun_not_at_the_distributed_one() -> None:
    from synth.names import key
    from synth.retrieve.asks.quantities import quantity_values

    asked = PlanAttribute("activated parameters per token", AttributeKind.QUANTITY,
                          ("activated parameters per token",), "test")
    sentence = "Owl-40B is an MoE model with a total of 40 billion parameters and 6 billion activated ones per token."
    found = [v[0] for v in quantity_values(sentence, asked, frozenset({key("total")}))]
    assert "6 billion" in found and "40 billion" not in found


def test_a_sentence_naming_another_member_of_the_family_scopes_the_next_ones() -> None:
    from synth.models import PlanSubject
    from synth.retrieve.asks.scope import names_relative

    subject = PlanSubject("Owl-16B", ("Owl-16B",), "named", ("owl",))
    assert names_relative("For Owl-145B, we set the number of layers to 62.", subject)
    assert not names_relative("For Owl-16B, we set the number of layers to 28.", subject)
    assert not names_relative("Each MoE layer consists of 2 shared experts.", subject)


def test_a_pair_label_gives_the_part_the_attribute_names() -> None:
    attribute = PlanAttribute("key-value heads", AttributeKind.QUANTITY, ("key-value heads",), "read")
    pair = _candidate("Owl-3B | Heads (Q / KV) | 32 / 8", "32 / 8", 32, True)
    [kept] = keep_qualified(attribute, [pair])
    assert (kept.value, kept.number) == ("8", 8)
    unnamed = PlanAttribute("heads", AttributeKind.QUANTITY, ("heads",), "read")
    assert keep_qualified(unnamed, [pair]) == [pair]  # no part is named: the pair stays as printed


def test_a_value_said_to_differ_from_the_subject_is_not_the_subjects() -> None:
    from synth.retrieve.asks.scope import Scope

    text = "Its KV compression dimension is 512, but slightly different from Owl-16B, it does not compress queries."
    start = text.index("Owl-16B")
    scope = Scope(True, "Owl-16B", None, None, ((start, start + 7),), (), text)
    assert not scope.owns(text.index("512"))


def test_a_setting_is_read_after_is_set_to() -> None:
    from synth.retrieve.asks.quantities import quantity_values

    asked = PlanAttribute("KV compression dimension", AttributeKind.QUANTITY, ("KV compression dimension",), "test")
    sentence = "The KV compression dimension dc is set to 512, and the query compression dimension is set to 1536."
    assert [v[0] for v in quantity_values(sentence, asked, frozenset())] == ["512"]


@pytest.mark.parametrize(("question", "mode", "rest"), [
    ("How does Kimi k1.5 score on AIME 2024 in its long-CoT setting?", "long-CoT",
     "How does Kimi k1.5 score on AIME 2024?"),
    ("What is its MATH-500 score in the short-CoT mode?", "short-CoT", "What is its MATH-500 score?"),
    ("Qwen3-32B on AIME'24 in non-thinking mode", "non-thinking", "Qwen3-32B on AIME'24"),
    ("Qwen3-32B on AIME'24 in thinking mode", "thinking", "Qwen3-32B on AIME'24"),
])
def test_a_mode_phrase_fixes_the_variant_of_every_value(question: str, mode: str, rest: str) -> None:
    setting, text = read_setting(question)
    assert setting.mode == mode
    assert text == rest


@pytest.mark.parametrize(("question", "name", "how"), [
    ("Which of the DeepSeek-R1 distilled models scores highest on AIME 2024?", "DeepSeek-R1", "distilled"),
    ("What do the distilled DeepSeek-R1 models score on MATH-500?", "DeepSeek-R1", "distilled"),
    ("How do the models distilled from DeepSeek-R1 compare on GPQA?", "DeepSeek-R1", "distilled"),
    ("What does DeepSeek-R1 score on AIME 2024?", "DeepSeek-R1", None),
    ("How was DeepSeek-R1 distilled into smaller models?", "DeepSeek-R1", None),
])
def test_a_phrase_asking_for_models_derived_from_a_name_is_read(question: str, name: str, how: str | None) -> None:
    start = question.index(name)
    derived = derived_from(question, name, start, start + len(name))
    assert (derived.how if derived else None) == how


def test_the_distilled_models_are_the_subjects_never_the_model_they_come_from(
        corpus: tuple[Library, PassageIndex]) -> None:
    plan = make_plan(Question(title="Distilled", question="Which of the DeepSeek-R1 distilled models scores "
                              "highest on AIME 2024?"), corpus[0])
    names = [s.name for s in plan.subjects]
    assert "DeepSeek-R1-Distill-Qwen-32B" in names and "DeepSeek-R1-Distill-Llama-70B" in names
    assert all("Distill" in n for n in names)


@pytest.mark.parametrize(("clause", "asked"), [
    (f"what average {METRIC} does {SUBJECT} reach", []),
    (f"what is the overall {METRIC} of {SUBJECT}", []),
    (f"how many layers and what average {METRIC} does {SUBJECT} have", ["layers"]),
])
def test_an_aggregate_word_before_a_benchmark_qualifies_it_and_asks_nothing_else(clause: str, asked: list[str]
                                                                                  ) -> None:
    assert [a.text for a in asked_phrases(clause, lambda _: False)] == asked


@pytest.mark.parametrize(("clause", "asked"), [
    # read23: "outputs" was asked too, and answered "one" and "two" from InstructGPT's labeling instructions
    (f"How often do labelers prefer the outputs of {SUBJECT} to those of {SUBJECT}", ["labelers prefer"]),
    ("how often are blocks routed", ["blocks routed"]),
    # "give" after a question word has asked its phrase is the clause's verb; its object receives the value
    (f"what capacity does {SUBJECT} give its routing blocks", ["capacity"]),
    (f"what weight does {SUBJECT} give the MTP loss", ["weight"]),
    (f"how many layers does {SUBJECT} have, and give its hidden size", ["layers", "hidden size"]),
])
def test_a_frequency_asks_its_verb_and_a_clause_verb_asks_nothing(clause: str, asked: list[str]) -> None:
    assert [a.text for a in asked_phrases(clause, lambda _: False)] == asked


@pytest.mark.parametrize(("clause", "asked"), [
    # read23: "sliding window attention" was asked too, and "theoretical attention span" read as a text
    (f"What theoretical attention span does {SUBJECT}'s sliding window attention reach at the last layer",
     ["theoretical attention span"]),
    (f"what is {SUBJECT}'s hidden size", ["hidden size"]),
])
def test_the_owner_s_part_that_does_the_verb_is_not_asked(clause: str, asked: list[str]) -> None:
    assert [a.text for a in asked_phrases(clause, lambda _: False)] == asked


@pytest.mark.parametrize(("phrase", "amount"), [
    ("top-k", True), ("top-p", True), ("theoretical attention span", True), ("speed improvement", True),
    ("KV cache reduction", True), ("tokenizer", False), ("learning rate schedule", False),
])
def test_amount_words(phrase: str, amount: bool) -> None:
    from synth.plan.wording import quantity_words

    assert quantity_words(phrase) is amount
