"""Training-data questions (issue 9, fresh12): a mixture's composition asked with the part after the verb, the parts
of a counted set asked of their owner, a name written with its acronym, and the readers that answer them — a share
from a list of percentages, a rate of what a clause applies — without a neighbour's value: a score column named like
the asked data, a bare count label for a qualified count, a sized experiment of the subject's family, an output or
item length for an amount of tokens."""

from __future__ import annotations

import pytest
from libraries import written_library

from synth.answer import _cells_of
from synth.config import Question
from synth.index import PassageIndex
from synth.models import AttributeKind, Evidence, Library, PassageKind, PlanAttribute, PlanSubject
from synth.plan import make_plan
from synth.plan.acronym import acronym_named
from synth.plan.composition import composition_asked
from synth.plan.phrasings import consisting_of, without_appositives
from synth.plan.qualifiers import participle, qualified
from synth.plan.spelling import respell
from synth.plan.wording import Asked
from synth.retrieve.asks import AskEvidence, Candidate
from synth.retrieve.asks.quantities import quantity_values
from synth.retrieve.asks.shares import share_values
from synth.retrieve.asks.table_cells import _bare_head
from synth.tables import Table, TableRecord
from synth.vocabulary import vocabulary


def _quantity(name: str) -> PlanAttribute:
    return PlanAttribute(name, AttributeKind.QUANTITY, (name,), "test")


@pytest.mark.parametrize(("written", "read"), [
    ("What share of Heron's pre-training data is source code, what share is math and what share is natural language?",
     "what is the share of source code in Heron's pre-training data, what is the share of math and what is the share "
     "of natural language?"),
    ("what shares of English, non-English and code data make up the 1.1T- and 3.5T-token datasets the models are "
     "trained on?", "what is the share of English data, the share of non-English data and the share of code data in "
     "the datasets the models are trained on?"),
    ("how many tokens does its natural-language corpus hold?", "how many natural-language corpus tokens?"),
    ("How many instances are in the SFT sets of Heron and Wren, how many of Heron's are for helpfulness and how many "
     "for safety, and how many of Wren's are reasoning data?",
     "How many instances are in the SFT sets of Heron and Wren, how many helpfulness instances does Heron have and how "
     "many safety instances does Heron have, and how many reasoning data does Wren have?"),
    # a share of the whole taken by a participle stays as it is written
    ("what share of the input tokens is masked?", "what share of the input tokens is masked?"),
])
def test_a_composition_is_asked_as_the_share_or_count_of_its_part(written: str, read: str) -> None:
    assert composition_asked(written) == read


@pytest.mark.parametrize(("written", "read"), [
    ("At what rate is Fill-in-Middle (FIM) applied?", "At what rate is FIM applied?"),
    ("Does it use Multi-head Latent Attention (MLA)?", "Does it use MLA?"),
    ("with Group Relative Policy Optimization (GRPO)", "with GRPO"),
    # a bracket that abbreviates nothing before it stays
    ("the reasoning stage (S2) of Heron", "the reasoning stage (S2) of Heron"),
    ("DeepSeek-V2 Chat (RL) scores", "DeepSeek-V2 Chat (RL) scores"),
])
def test_a_name_written_with_its_acronym_is_read_as_the_acronym(written: str, read: str) -> None:
    assert acronym_named(written) == read


def test_an_owned_kind_between_commas_names_the_subject_again() -> None:
    assert without_appositives("How was WebText, GPT-2's training set, filtered?") == "How was WebText filtered?"
    asked = "What are Heron's layers, Wren's hidden size, and its vocabulary?"
    assert without_appositives(asked) == asked  # an item of a list is asked, not a second name of the subject


def test_a_measure_asked_of_what_the_subject_does_is_its_thing_s_measure() -> None:
    assert consisting_of("and at what rate did DeepSeek-V2 apply FIM?") == "and what is DeepSeek-V2's FIM rate?"


def test_a_verb_of_holding_is_no_qualifier_of_the_counted_noun() -> None:
    asked = [Asked("tokens", AttributeKind.QUANTITY, 'read from "how many …"')]
    assert [a.text for a in qualified("how many tokens does it hold", asked)] == ["tokens"]
    assert participle("activate") == "activated"


@pytest.fixture(scope="module")
def heron_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    return written_library(tmp_path_factory.mktemp("composition"), {"heron.md": (
        "# Heron: A Code Model\n\n## Results\n\n**Table 1: Results.**\n\n"
        "| Model | MATH | MMLU |\n| --- | --- | --- |\n| Heron-7B | 30.1 | 60.2 |\n")})


def test_a_word_a_share_is_taken_of_is_no_benchmark_name(heron_library: Library) -> None:
    vocab = vocabulary(heron_library)
    assert respell("what is the share of math in its data", vocab)[0] == "what is the share of math in its data"
    assert respell("what does it score on math", vocab)[0] == "what does it score on MATH"


@pytest.mark.parametrize(("name", "value"), [
    ("share of source code", "60%"), ("share of math", "10%"), ("share of natural language", "30%"),
    ("share of English", "70%"), ("share of non-English", "15%"), ("share of code data", "15%"),
])
def test_a_share_of_a_part_is_read_from_the_list_of_percentages(name: str, value: str) -> None:
    coder = "The data consists of 60% source code, 10% math corpus, and 30% natural language corpus."
    mix = "Both datasets are comprised of 70% English, 15% non-English, and 15% code."
    found = [v[0] for text in (coder, mix) for v in share_values(text, _quantity(name))]
    assert found == [value]


def test_one_percentage_is_no_list_of_shares() -> None:
    assert share_values("It reaches 75.7% math accuracy.", _quantity("share of math")) == []


_TABLE = Table("t", "d", "Table 9: RewardBench", ("Model", "Reasoning", "Tokens", "NaturalQuestions (EM)", "Test"),
               (("Heron", "84.3", "1T", "47.5", "8.8"),), ("",), 0, 0, 1)


@pytest.mark.parametrize(("asked", "label", "value"), [
    ("reasoning data", "Reasoning", 84.3),  # a score column named like the data counted
    ("share of natural language", "NaturalQuestions (EM)", 47.5),  # a benchmark that starts like the part
    ("natural-language corpus tokens", "Tokens", 1.0),  # the bare noun drops which tokens are asked
])
def test_a_bare_label_is_not_a_modifier_of_the_asked_count(asked: str, label: str, value: float) -> None:
    record = TableRecord(_TABLE, "Heron", None, label, value, str(value), 0, 1)
    assert _bare_head(_quantity(asked), record) is None


def test_a_bare_label_still_names_a_two_word_measure_or_its_noun() -> None:
    assert _bare_head(_quantity("test error"), TableRecord(_TABLE, "Heron", None, "Test", 8.8, "8.8", 0, 4))
    assert _bare_head(_quantity("training tokens"), TableRecord(_TABLE, "Heron", None, "Tokens", 1.0, "1T", 0, 2))
    heads = Table("t", "d", "Table 1", ("Models", "Layers", "Heads (Q / KV)"), (("Heron-8B", "36", "32 / 8"),), ("",),
                  0, 0, 1)
    record = TableRecord(heads, "Heron-8B", None, "Heads (Q / KV)", 32.0, "32", 0, 2)
    assert _bare_head(_quantity("query attention heads"), record)  # sizes: Qwen3's query heads


def _candidate(value: str, table: bool, member: str | None) -> Candidate:
    quote = f"Heron-1B | Tokens | {value}" if table else f"we gather {value} math-related tokens"
    kind = PassageKind.TABLE_ROW if table else PassageKind.TEXT
    evidence = Evidence("heron", "heron", quote, 0, len(quote), 4, None, kind)
    return Candidate("Heron", "math-related tokens", member or "Heron", None, value, float(value.rstrip("BT")), "B",
                     evidence, table, True, not table, member)


def test_a_sized_experiment_of_the_family_is_another_model_where_its_source_states_the_subject_s_own() -> None:
    subject = PlanSubject("Heron", ("Heron",), "test", ("heron",))
    ask = AskEvidence(subject, _quantity("math-related tokens"),
                      (_candidate("1T", True, "Heron-1B"), _candidate("221B", False, None)))
    assert {p.best.value for p in _cells_of(ask)} == {"221B"}
    alone = AskEvidence(subject, _quantity("math-related tokens"), (_candidate("1T", True, "Heron-1B"),))
    assert {p.best.value for p in _cells_of(alone)} == {"1T"}  # a family's member, when nothing states the model's


@pytest.mark.parametrize(("name", "text", "values"), [
    ("FIM rate", "The FIM strategy is applied at a rate of 0.1, consistent with the PSM framework.", ["0.1"]),
    ("FIM rate", "The FIM is used. The learning rate of 0.1 is set.", []),
    ("safety instances", "We include 1.5M instances, comprising 1.2M instances for helpfulness and 0.3M instances for "
     "safety.", ["0.3M"]),
    ("tokens", "Contexts are 768 tokens, with approximately 256 tokens worth of paragraphs shown.", []),
    ("tokens", "Completions are 256 tokens and fully shown.", []),
    ("tokens", "Context is 384 tokens (shown truncated), and generations are 128 tokens.", []),
    ("tokens", "sentences which require at least 50 tokens of context for a human to successfully predict.", []),
    ("tokens", "we add the text TL;DR: after the article and generate 100 tokens with Top-k random sampling.", []),
    ("tokens", "We also increase the context size from 512 to 1024 tokens.", []),
    ("tokens", "The model is trained on 300 billion tokens.", ["300 billion"]),
])
def test_a_count_is_read_only_where_it_counts_the_asked_thing(name: str, text: str, values: list[str]) -> None:
    contrast = frozenset({"helpful"}) if name == "safety instances" else frozenset()
    assert [v[0] for v in quantity_values(text, _quantity(name), contrast)] == values


def test_a_kind_of_data_a_share_is_taken_of_is_a_word_of_the_share(corpus: tuple[Library, PassageIndex]) -> None:
    """"the share of English data": "English" was read as a subject (a library label) and cut from the share."""
    plan = make_plan(Question(title="A data mix", question="In 'An Empirical Study of Mamba-based Language Models', "
                              "what is the share of English data in the datasets the models are trained on?"),
                     corpus[0])
    assert [a.name for a in plan.attributes] == ["share of English data"]
    assert "English" not in [s.name for s in plan.subjects]
