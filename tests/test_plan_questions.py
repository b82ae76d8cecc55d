"""Question phrasings the other tuning parts lack (issue 9, the questions part): "which is larger, A or B, in …",
"how long did it take to train X", a second "how many" after a qualified one, and an appositive naming another
model between commas. Each is read as meant, never as the comparative, the verb or the appositive's name."""

from __future__ import annotations

import pytest
from libraries import asks_report

from synth.build import prepare_library
from synth.config import Question
from synth.index import PassageIndex
from synth.models import AttributeKind, Library
from synth.plan import make_plan
from synth.plan.phrasings import (
    comparative,
    one_each,
    phrased,
    restated_counts,
    time_taken,
    uncontracted,
    used_for,
    without_appositives,
)
from synth.plan.qualifiers import qualified
from synth.plan.used import used_attribute, used_phrases, uses_term
from synth.plan.wording import SUBJECT, Asked, asked_phrases


def _texts(clause: str) -> list[str]:
    phrases = phrased(clause, lambda _: False)
    return [a.text for a in qualified(clause, asked_phrases(clause, lambda _: False) if phrases is None else phrases)]


@pytest.mark.parametrize(("clause", "read"), [
    (f"Which is larger, {SUBJECT} or {SUBJECT}, in total parameters", "total parameters"),
    (f"Which has the larger vocabulary, {SUBJECT} or {SUBJECT}", "vocabulary size"),
    (f"Which has the longer context, {SUBJECT} or {SUBJECT}", "context length"),
    (f"Which has the longer context window, {SUBJECT} or {SUBJECT}", "context window"),
    (f"Which has the larger sliding window, {SUBJECT} or {SUBJECT}", "sliding window size"),
    (f"Which model has more layers, {SUBJECT} or {SUBJECT}", "layers"),
    (f"Which is bigger, {SUBJECT} or {SUBJECT}", "parameters"),
    (f"Is {SUBJECT} bigger than {SUBJECT}", "parameters"),
    (f"Was {SUBJECT} trained on more tokens than {SUBJECT}", "tokens"),
    (f"Does {SUBJECT} have more layers than {SUBJECT}", "layers"),
    (f"What is bigger: {SUBJECT} or {SUBJECT}", "parameters"),
    (f"Which of {SUBJECT} and {SUBJECT} has more layers", "layers"),  # the comparative is dropped from the phrase
    (f"Between {SUBJECT} and {SUBJECT}, which has the longer context length", "context length"),
])
def test_a_comparative_asks_what_it_compares_never_the_adjective(clause: str, read: str) -> None:
    assert _texts(clause) == [read]


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


@pytest.mark.parametrize("clause", [
    "how long did each training step take",
    # the step's owner after "of" (fresh11/transformer-big-decoding: read as "training step", answered by the
    # 300K training steps of the big model's table row)
    "how long did each training step of the big model take",
    f"how long did each training step of {SUBJECT} take",
])
def test_how_long_each_step_took_asks_the_time_per_step(clause: str) -> None:
    assert _texts(clause) == ["time per training step"]


@pytest.mark.parametrize(("clause", "read"), [
    # the verb after a modal or before the means it is done with qualifies the counted noun (fresh11: "tokens"
    # alone took DeepSeek-V3's 14.8T training tokens for the tokens it predicts or may output)
    (f"How many tokens does {SUBJECT} predict with multi-token prediction", ["predicted tokens"]),
    (f"How many tokens may each {SUBJECT} output", ["output tokens"]),
    ("How many tokens may each model output", ["output tokens"]),
    (f"How many experts does {SUBJECT} activate per token", ["activated experts per token"]),
])
def test_the_verb_of_a_counted_noun_qualifies_it(clause: str, read: list[str]) -> None:
    assert _texts(clause) == read


@pytest.mark.parametrize(("clause", "read"), [
    (f"How many attention heads does each layer of {SUBJECT} have", ["attention heads"]),  # "layer" is no verb
    (f"What is the maximum context length supported by {SUBJECT}", ["maximum context length"]),
])
def test_a_noun_or_a_participle_after_the_asked_phrase_is_not_part_of_it(clause: str, read: list[str]) -> None:
    assert _texts(clause) == read


def test_a_name_counted_by_how_many_is_asked_not_a_subject(library: tuple[Library, PassageIndex]) -> None:
    plan = make_plan(Question(title="A question", question="How many GPUs were used to train Plover-3B?"), library[0])
    assert [s.name for s in plan.subjects] == ["Plover-3B"]
    assert [a.name for a in plan.attributes] == ["GPUs"]


@pytest.mark.parametrize(("clause", "read"), [
    (f"How many experts does {SUBJECT} route each token to", ["routed experts per token"]),
    (f"Are there more attention heads in {SUBJECT} or in {SUBJECT}", ["attention heads"]),
])
def test_a_count_per_token_or_a_count_compared_with_there_is_read(clause: str, read: list[str]) -> None:
    assert _texts(clause) == read


def test_a_yes_no_question_checking_a_value_asks_the_quantity(library: tuple[Library, PassageIndex]) -> None:
    plan = make_plan(Question(title="A question", question="Does Plover-3B support a context length of 128K?"),
                     library[0])
    assert [(a.name, a.kind) for a in plan.attributes] == [("context length", AttributeKind.QUANTITY)]
    assert used_phrases(f"Does {SUBJECT} have a context length of 128K") == []


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


_LIBRARY = {
    "plover.md": "# Plover-3B: a small language model\n\nWe present Plover-3B, a small language model. Plover-3B uses "
                 "RMSNorm with pre-normalization and rotary position embeddings in every layer. We train Plover-3B "
                 "with multi-token prediction on 2T tokens, using 64 GPUs for 10 days. GPUs are shared.\n",
    "wren.md": "# Wren-7B: a language model\n\nWe present Wren-7B, a language model. Wren-7B is trained on 1T tokens "
               "of web text and evaluated on reading comprehension.\n",
    "webtext.md": "# WebText: a corpus of web pages\n\nWe build WebText from outbound links. We use a version of "
                  "WebText which does not include links created after Dec 2017 and which after cleaning contains "
                  "slightly over 8 million documents.\n",
    "heron.md": "# Heron-MoE: a sparse language model\n\nWe present Heron-MoE, a sparse mixture-of-experts model.\n\n"
                "Table 1: Heron-MoE architecture.\n\n| Parameter | Value |\n|---|---|\n| dim | 2048 |\n"
                "| num_experts | 16 |\n| top_k_experts | 4 |\n",
    "rmsnorm.md": "# Root Mean Square Layer Normalization\n\nWe propose RMSNorm, which normalizes the summed inputs "
                  "of a layer by their root mean square alone.\n",
}


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    root = tmp_path_factory.mktemp("used")
    (root / "library").mkdir()
    for name, text in _LIBRARY.items():
        (root / "library" / name).write_text(text, encoding="utf-8")
    return prepare_library(root / "library", root / "cache")


def test_a_passive_question_of_use_asks_the_thing(library: tuple[Library, PassageIndex]) -> None:
    plan = make_plan(Question(title="A question", question="Is RMSNorm used in Plover-3B?"), library[0])
    assert [s.name for s in plan.subjects] == ["Plover-3B"]
    assert [(a.name, a.kind) for a in plan.attributes] == [("RMSNorm", AttributeKind.TEXT)]


@pytest.mark.parametrize(("question", "thing"), [
    ("Does Plover-3B use RMSNorm? Does Wren-7B?", "RMSNorm"),
    ("Does Plover-3B use multi-token prediction, and does Wren-7B?", "multi-token prediction"),
])
def test_a_yes_no_question_of_use_asks_the_thing_of_each_subject(question: str, thing: str,
                                                                library: tuple[Library, PassageIndex]) -> None:
    plan = make_plan(Question(title="A question", question=question), library[0])
    assert [s.name for s in plan.subjects] == ["Plover-3B", "Wren-7B"]
    assert [(a.name, a.kind) for a in plan.attributes] == [(thing, AttributeKind.TEXT)]
    answer = asks_report(question, library).answer
    assert answer is not None
    assert [(c.subject, c.value) for c in answer.cells] == [("Plover-3B", thing)]  # the asked name is the answer
    assert [(n.subject, n.attribute) for n in answer.not_stated] == [("Wren-7B", thing)]  # never a "no"


def test_a_mechanism_question_of_use_is_no_yes_no_question() -> None:
    assert used_phrases(f"How does {SUBJECT} use multi-token prediction") == []
    assert used_phrases(f"Does {SUBJECT} use multi-token prediction, and does {SUBJECT}") == ["multi-token prediction"]
    attribute = used_attribute("RMSNorm")
    assert uses_term("Plover-3B uses RMSNorm with pre-normalization.", attribute) == ["RMSNorm"]
    assert uses_term("Plover-3B uses a pre-RMSNorm-like layer.", attribute) == []


def test_a_date_between_the_subject_and_its_value_is_no_other_model(library: tuple[Library, PassageIndex]) -> None:
    answer = asks_report("How many documents does WebText contain?", library).answer
    assert answer is not None
    assert [(c.subject, c.value) for c in answer.cells] == [("WebText", "8 million")]


@pytest.mark.parametrize(("clause", "read"), [
    (f"Which is better on ⟨A⟩, {SUBJECT} or {SUBJECT}", []),  # the benchmark is compared, "better" is no column
    (f"How many trillion tokens was {SUBJECT} pre-trained on", ["training tokens"]),  # the scale is no word of it
    (f"What are the differences in ⟨A⟩ between {SUBJECT} and {SUBJECT}", []),  # the benchmark is compared
])
def test_a_judgement_or_a_scale_word_is_not_asked(clause: str, read: list[str]) -> None:
    assert _texts(clause) == read


def test_a_contraction_is_read_as_its_words() -> None:
    assert uncontracted("What's the context window of Mixtral 8x7B?") == "What is the context window of Mixtral 8x7B?"
    assert uncontracted("Mixtral's context window") == "Mixtral's context window"  # a possessive stays


def test_a_paper_named_by_what_it_is_about_gives_the_subject(library: tuple[Library, PassageIndex]) -> None:
    plan = make_plan(Question(title="A question", question="In the Plover-3B paper, how many tokens were used?"),
                     library[0])
    assert [s.name for s in plan.subjects] == ["Plover-3B"]


def test_a_top_k_label_states_the_experts_activated_per_token(library: tuple[Library, PassageIndex]) -> None:
    answer = asks_report("How many experts does Heron-MoE activate per token, out of how many experts in each layer?",
                         library).answer
    assert answer is not None
    assert sorted((c.attribute, c.value) for c in answer.cells) == [("activated experts per token", "4"),
                                                                    ("experts", "16")]


@pytest.mark.parametrize(("question", "restated"), [
    ("How many experts does X have, and how many are active per token?",
     "How many experts does X have, and how many experts are active per token?"),
    ("How many experts does it have and how many of them are shared?",
     "How many experts does it have and how many experts are shared?"),
    # the auxiliary at once: the same count asked of another subject (the fresh part's Qwen3 / Qwen2.5 languages)
    ("How many languages does Qwen3 support, and how many did its predecessor Qwen2.5 support?",
     "How many languages does Qwen3 support, and how many languages did its predecessor Qwen2.5 support?"),
    ("How many parameters does the baseline GPT have, and how many does nGPT have?",
     "How many parameters does the baseline GPT have, and how many parameters does nGPT have?"),
    # the counted noun is every word up to the auxiliary (the fresh part read "attention" alone)
    ("How many attention heads does the baseline use, and how many does DIFF Transformer-3B use?",
     "How many attention heads does the baseline use, and how many attention heads does DIFF Transformer-3B use?"),
    # another thing named after the verb: not a part of what was counted first, left as written
    ("How many hours of audio were used, and how many of them are translation data?",
     "How many hours of audio were used, and how many of them are translation data?"),
])
def test_a_second_how_many_without_its_noun_counts_the_first_ones(question: str, restated: str) -> None:
    """"… and how many are active per token" read alone asked "active per token" and was answered with Mixtral's
    13B active parameters: a neighbour's value for the experts the question counts."""
    assert restated_counts(question) == restated


@pytest.mark.parametrize(("question", "read"), [
    ("What does DeepSeek-V3 use for its multi-token prediction depth, and what weight does it give the MTP loss?",
     "what multi-token prediction depth does DeepSeek-V3 use, and what MTP loss weight does it use?"),
    ("What does Mixtral use as its positional encoding?", "what positional encoding does Mixtral use?"),
    # no possessive or article: what the subject is used for is not an attribute of it, left as written
    ("What does BERT use for pre-training?", "What does BERT use for pre-training?"),
    # the values asked are the things listed after "for"
    ("What default values does the Adam paper recommend for β1, β2 and ε?",
     "what β1, β2 and ε does the Adam paper recommend by default?"),
])
def test_what_a_subject_uses_for_its_thing_asks_the_thing(question: str, read: str) -> None:
    """"What does DeepSeek-V3 use for its multi-token prediction depth" asked nothing (the fresh part): the thing
    after "use for its" is the attribute, and "what weight does it give the MTP loss" asks the MTP loss weight."""
    assert used_for(question) == read


@pytest.mark.parametrize(("question", "read"), [
    ("For how many languages does Whisper have a language token?", "how many language tokens does Whisper have?"),
    ("What is its format, for how many languages does it have a language token, and what resolution is used?",
     "What is its format, how many language tokens does it have, and what resolution is used?"),
    # no one-per-item thing after the verb: left as written
    ("For how many languages does Whisper report WER?", "For how many languages does Whisper report WER?"),
])
def test_a_count_of_things_one_per_item_counts_the_things(question: str, read: str) -> None:
    """The methods part's Whisper question counted the languages and took "speech recognition in 75 languages"
    (training data) for the 99 language tokens, marked supported."""
    assert one_each(question) == read


def test_an_amount_in_thousands_is_a_setting_never_a_subject(library: tuple[Library, PassageIndex]) -> None:
    """"… at context lengths of 1k, 4k and 8k tokens" made "1k" and "4k" rows of the answer table (lead's nGPT
    question); a model is sized in M, B or T, never in k."""
    question = "How much faster does Plover-3B train than Wren-7B at context lengths of 1k, 4k and 8k tokens?"
    plan = make_plan(Question(title="A question", question=question), library[0])
    assert [s.name for s in plan.subjects] == ["Plover-3B", "Wren-7B"]
