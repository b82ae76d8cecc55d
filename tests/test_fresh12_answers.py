"""Cells the fresh12 part (issue 9: training data, composition and statistics) showed wrong or missing on its first
run over ../shared/corpus/pdfs (a tuning part; skipped when the corpus is absent): a mixture's shares asked with the
part after the verb, a count of a part of the data, the parts of an SFT set asked of their owner, a rate of a
strategy named with its acronym, and the neighbours' values that filled those cells (a benchmark's score, a sized
ablation model's tokens, a learning rate, an output length)."""

from __future__ import annotations

import pytest
from gold_answers import gold_answer, question_answer

from synth.config import Question
from synth.index import PassageIndex
from synth.models import Answer, Library
from synth.plan import make_plan


def _answer(name: str, corpus: tuple[Library, PassageIndex]) -> Answer:
    part, stem = name.split("/")
    return gold_answer(part, stem, corpus)


def _values(answer: Answer, attribute: str) -> set[str]:
    return {c.value for c in answer.cells if c.attribute == attribute}


def _not_stated(answer: Answer) -> set[str]:
    return {n.attribute for n in answer.not_stated}


def test_a_mixture_s_shares_are_read_from_its_list_of_percentages(corpus: tuple[Library, PassageIndex]) -> None:
    """"What share … is source code, what share is math and what share is natural language": first read as a bare
    "share" (not stated) and "math" as the MATH benchmark (DeepSeek-Coder-V2's 75.7%, supported)."""
    answer = _answer("fresh12/coder-v2-data-mix", corpus)
    assert _values(answer, "share of source code") == {"60%"}
    assert _values(answer, "share of math") == {"10%"}
    assert _values(answer, "share of natural language") == {"30%"}
    assert not [c for c in answer.cells if c.attribute == "MATH"]


def test_a_count_of_a_part_of_the_data_takes_no_sized_ablation_model_s_tokens(
        corpus: tuple[Library, PassageIndex]) -> None:
    """The 1B ablation model's "DeepSeek-Coder-V2-1B | Tokens | 1T" answered the math-related and code-related tokens
    (supported); the natural-language corpus's tokens are stated nowhere."""
    answer = _answer("fresh12/coder-v2-data-mix", corpus)
    assert "1T" not in {c.value for c in answer.cells}
    assert _values(answer, "math-related tokens") == {"221B"}
    assert _values(answer, "new code corpus code-related tokens") == {"1,170B"}
    assert "natural-language corpus tokens" in _not_stated(answer)


def test_the_parts_of_an_sft_set_are_asked_of_their_owner(corpus: tuple[Library, PassageIndex]) -> None:
    """"how many of DeepSeek-V2's are for helpfulness and how many for safety": first unread; DeepSeek-V3's reasoning
    data took RewardBench's "Reasoning" column (84.3, supported)."""
    answer = _answer("fresh12/deepseek-sft-instances", corpus)
    assert _values(answer, "helpfulness instances") == {"1.2M"}
    assert _values(answer, "safety instances") == {"0.3M"}
    assert "84.3" not in {c.value for c in answer.cells}
    assert "reasoning data" in _not_stated(answer)


def test_a_rate_of_a_strategy_named_with_its_acronym_is_no_learning_rate(corpus: tuple[Library, PassageIndex]) -> None:
    """"At what rate is Fill-in-Middle (FIM) applied": read as a bare "rate", it took DeepSeek-V3's and DeepSeek-V2's
    learning rates (supported)."""
    answer = _answer("fresh12/fim-rate", corpus)
    rates = {(c.subject, c.value) for c in answer.cells if "rate" in c.attribute}
    assert ("DeepSeek-V3", "0.1") in rates
    assert not [value for _, value in rates if "10" in value]


@pytest.mark.parametrize("question", [
    "How was WebText, GPT-2's training set, filtered, and how many tokens does it hold?",
])
def test_no_length_or_output_count_is_a_dataset_s_tokens(question: str, corpus: tuple[Library, PassageIndex]) -> None:
    """"Contexts are 768 tokens, with approximately 256 tokens worth of paragraphs", "increase
    the context size from 512 to 1024 tokens", "Completions are 256 tokens", "at least 50 tokens of context":
    none is how many tokens WebText holds; GPT-2, named in an appositive, is no subject. (Still given: "these 100
    tokens", a count of generated tokens said again, which a rule against "these N" would also take from "these 45
    million links", the right count of links.)"""
    asked = Question(title="WebText's tokens", question=question)
    assert [s.name for s in make_plan(asked, corpus[0]).subjects] == ["WebText"]
    answer = question_answer(asked, corpus)
    assert not {c.value for c in answer.cells if c.attribute == "tokens"} & {"256", "768", "128", "1024", "50"}


def test_a_mix_stated_of_a_dataset_made_for_another_model_is_the_paper_s(corpus: tuple[Library, PassageIndex]) -> None:
    """"Both datasets are predecessors of the dataset used to train Nemotron-4 and are comprised of 70% English, 15%
    non-English, and 15% code": Nemotron-4, the model the later dataset was made for, made the sentence another
    model's; "English" and "3.5T-token" were read as subjects."""
    answer = _answer("fresh12/mamba-study-data-mix", corpus)
    assert _values(answer, "share of English data") == {"70%"}
    assert _values(answer, "share of non-English data") == {"15%"}
    assert _values(answer, "share of code data") == {"15%"}
