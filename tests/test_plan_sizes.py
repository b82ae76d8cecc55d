"""Subjects named with a size (issue 9): sizes written in front of a name are members of it; a table whose
rows are named by size alone ("830M | 1.4B | 13.1B" in the DIFF Transformer paper) has the models on that
axis, so its rows answer for the members of the paper's family; "the smallest and the largest X" are two
members of X; another paper's SFT of a model is not the model."""

from __future__ import annotations

import pytest

from synth.config import Question
from synth.index import PassageIndex
from synth.models import Library, Table
from synth.plan import make_plan
from synth.plan.subjects import question_names
from synth.plan.superlatives import superlatives
from synth.retrieve.asks import retrieve_asks
from synth.tables import models_in_columns, records
from synth.vocabulary import vocabulary


def _table(header: list[str], rows: list[list[str]]) -> Table:
    return Table("doc#t1", "doc", "Table 10: Model size and hyperparameters.", tuple(header),
                 tuple(tuple(r) for r in rows), tuple("" for _ in rows), 0, 10)


def test_rows_named_by_size_alone_are_the_models() -> None:
    t = _table(["Size", "Hidden Dim.", "#Layers", "#Heads"],
               [["830M", "1536", "24", "8"], ["1.4B", "2048", "24", "8"], ["13.1B", "5120", "40", "20"]])
    assert not models_in_columns(t)
    found = {(r.entity, r.attribute): r.value for r in records(t)}
    assert found["830M", "#Layers"] == 24 and found["13.1B", "#Heads"] == 20
    assert not any(entity in ("Hidden Dim.", "#Layers") for entity, _ in found)


def test_a_column_of_sizes_among_names_does_not_turn_the_table() -> None:
    """Only an axis of sizes alone names models by size: a model column with a "#TP" column stays as it was."""
    t = _table(["Model", "#TP", "MMLU"], [["Mixtral 8x7B", "47B", "70.6"], ["Llama 2 70B", "70B", "69.9"]])
    assert not models_in_columns(t)
    assert {r.entity for r in records(t)} == {"Mixtral 8x7B", "Llama 2 70B"}


@pytest.mark.parametrize(("question", "subjects"), [
    ("How many layers do the 830M, 6.8B and 13.1B DIFF Transformer models have?",
     ["DIFF Transformer 830M", "DIFF Transformer 6.8B", "DIFF Transformer 13.1B"]),
    ("How many attention heads does the 1B Janus-Pro model have?", ["Janus-Pro 1B"]),
    ("What MMLU score do the 7B and 13B Llama 2 models reach?", ["Llama 2 7B", "Llama 2 13B"]),
])
def test_sizes_in_front_of_a_name_are_its_members(question: str, subjects: list[str],
                                                   corpus: tuple[Library, PassageIndex]) -> None:
    names = question_names(question, vocabulary(corpus[0]))
    assert [n.text for n in names if n.role == "subject"] == subjects
    assert all(n.member for n in names if n.role == "subject")


def test_a_member_named_by_size_is_answered_from_its_papers_size_rows(corpus: tuple[Library, PassageIndex]) -> None:
    library, index = corpus
    plan = make_plan(Question(title="Sizes", question="How many layers and attention heads do the 830M and 13.1B "
                              "DIFF Transformer models have?"), library)
    values = {(ask.subject.name, ask.attribute.name): sorted({c.value for c in ask.candidates if c.table})
              for ask in retrieve_asks(plan, library, index)}
    assert values[("DIFF Transformer 830M", "layers")] == ["24"]
    assert values[("DIFF Transformer 13.1B", "layers")] == ["40"]
    assert values[("DIFF Transformer 13.1B", "attention heads")] == ["20"]


@pytest.mark.parametrize(("text", "words"), [
    ("How many layers do the smallest and the largest Qwen3 models have?", ("smallest", "largest")),
    ("What does the biggest Janus-Pro model score?", ("largest",)),
    ("How many layers does Qwen3 have?", ()),
    # an ordinal counts from that end (fresh10: "the second-largest GPT-2 model" was read as the largest)
    ("What does the second-largest GPT-2 model reach?", ("second-largest",)),
    ("What does the third smallest Qwen3 model score?", ("third-smallest",)),
    ("What does the second-smallest of the DeepSeek-R1-Distill models reach?", ("second-smallest",)),
])
def test_superlative_words_before_a_name_are_read(text: str, words: tuple[str, ...]) -> None:
    name = next(n for n in ("Qwen3", "Janus-Pro", "GPT-2", "DeepSeek-R1-Distill") if n in text)
    assert superlatives(text, text.index(name)) == words


@pytest.mark.parametrize(("question", "subjects"), [
    ("How many layers do the smallest and the largest Qwen3 models have?", ["Qwen3-0.6B", "Qwen3-235B-A22B"]),
    ("How many layers does the smallest Janus-Pro model have?", ["Janus-Pro-1B"]),
    # no member's name carries a size: the rows named by size in the family's own paper do
    ("How many layers does the largest DIFF Transformer model have?", ["DIFF Transformer 13.1B"]),
    # fresh10 and fresh9: an ordinal member, and a family whose members' labels add a base model before the size
    ("What LAMBADA accuracy does the second-largest GPT-2 model reach?", ["GPT-2 762M"]),
    ("What LAMBADA accuracy does the largest GPT-2 model reach?", ["GPT-2 1542M"]),
    ("What AIME 2024 pass@1 does the second-smallest of the DeepSeek-R1-Distill models reach?",
     ["DeepSeek-R1-Distill-Qwen-7B"]),
])
def test_a_superlative_member_is_resolved_from_the_familys_sizes(question: str, subjects: list[str],
                                                                  corpus: tuple[Library, PassageIndex]) -> None:
    plan = make_plan(Question(title="Superlative", question=question), corpus[0])
    assert [s.name for s in plan.subjects] == subjects
    assert not any("largest" in note or "smallest" in note for note in plan.notes if note.startswith("Words"))
    assert not any("largest" in a.name or "smallest" in a.name for a in plan.attributes), plan.attributes


def test_another_papers_sft_of_a_model_is_not_the_model(corpus: tuple[Library, PassageIndex]) -> None:
    """The DeepSeekMoE paper's "LLaMA2 SFT 7B" is its authors' fine-tune of Llama 2 7B (MMLU 50.0): a value of
    another model, while its own "DeepSeekMoE Chat 16B" is a variant of the model that paper is about."""
    library, index = corpus
    plan = make_plan(Question(title="Llama", question="What MMLU score does the 7B Llama 2 model reach?"), library)
    [ask] = retrieve_asks(plan, library, index)
    assert {c.value for c in ask.candidates if c.table} >= {"44.4%"}
    assert not any("SFT" in (c.variant or "") for c in ask.candidates)
    assert "LLaMA2 SFT 7B" in ask.neighbours

