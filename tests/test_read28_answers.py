"""What the read28 part showed on its first run over ../shared/corpus/pdfs (a tuning part written before any build:
rates, factors and exponents a paper derives). The unit tests need no corpus; the corpus tests skip when it is
absent."""

from __future__ import annotations

import pytest
from gold_answers import gold_answer, gold_question

from synth.config import Question
from synth.index import PassageIndex
from synth.models import AttributeKind, Library, PlanAttribute
from synth.plan import make_plan
from synth.retrieve.asks.quantities import quantity_values


def _values(sentence: str, attribute: str) -> list[str]:
    asked = PlanAttribute(attribute, AttributeKind.QUANTITY, (attribute,), "test")
    return [raw for raw, *_ in quantity_values(sentence, asked, frozenset())]


@pytest.mark.parametrize(("sentence", "attribute", "values"), [
    # repeated runs are written "trials" as often as "runs"
    ("For MNIST and fashion MNIST, we ran each network for 20 trials and took the mean loss (on log scale).", "runs",
     ["20"]),
    # the measure of each of the nouns just counted
    ('• MoE-1-Deep: The MoE layer consists of a single "expert" containing four ReLU-activated hidden layers, each '
     "with size 1024.", "hidden layer size", ["1024"]),
    # a span hyphened to its unit before the asked noun, shown with the unit
    ("Shufflenet [Zhang et al., 2017] achieved AlexNet-level performance with an 18x inference efficiency increase in "
     "5 years (15-month doubling time).", "doubling time", ["15 months"]),
])
def test_counts_and_sizes_in_words_of_their_own(sentence: str, attribute: str, values: list[str]) -> None:
    assert _values(sentence, attribute) == values


def _plan(corpus: tuple[Library, PassageIndex], question: str | Question) -> tuple[list[str], dict[str, str]]:
    asked = question if isinstance(question, Question) else Question(title="read28 test", question=question)
    plan = make_plan(asked, corpus[0])
    return [s.name for s in plan.subjects], {a.name: f"{a.kind.value} {a.variant or ''}".strip()
                                             for a in plan.attributes}


def test_rates_of_improvement_are_amounts_and_the_benchmark_is_where(corpus: tuple[Library, PassageIndex]) -> None:
    """A doubling time, a period, an efficiency increase are numbers (they were asked as text); the FLOPs a factor
    is of, "AlexNet-level" performance and the one benchmark of a clause asking a factor are no benchmark columns
    (FLOPs, WMT-14, AlexNet-level and ResNet-50-level were asked as scores)."""
    subjects, attributes = _plan(corpus, gold_question("read28", "translation-efficiency-gains"))
    assert {"Seq2Seq", "GNMT"} <= set(subjects)
    assert attributes == {"factor": "quantity WMT-14", "period": "quantity WMT-14", "doubling time": "quantity"}
    subjects, attributes = _plan(corpus, gold_question("read28", "inference-efficiency-gains"))
    assert subjects == ["ShuffleNet", "EfficientNet-b0"]
    assert attributes == {"inference efficiency increase": "quantity", "years": "quantity", "doubling time": "quantity"}
    # a result the subject reaches on the benchmark stays the benchmark's score
    _, attributes = _plan(corpus, "What compression rate does Chinchilla 70B achieve on ImageNet patches?")
    assert "ImageNet" in attributes


def test_a_relative_clause_asks_nothing_and_a_bound_keeps_what_it_bounds(corpus: tuple[Library, PassageIndex]) -> None:
    _, attributes = _plan(corpus, gold_question("read28", "gpt-manifold-dimension"))
    assert "activations" not in attributes  # "the GPT-2 model whose activations were measured"
    assert attributes.get("lower bound on the intrinsic dimension") == "quantity"


def test_datasets_a_kind_of_network_was_trained_on_are_the_subjects(corpus: tuple[Library, PassageIndex]) -> None:
    """"the CNNs trained on CIFAR10, on MNIST and on SVHN": CNNs was the subject and the datasets benchmark columns;
    "the data-manifold scaling paper" named no paper; "over how many runs" took "training" from the first clause."""
    subjects, attributes = _plan(corpus, gold_question("read28", "cnn-training-runs"))
    assert subjects == ["CIFAR10", "MNIST", "SVHN"]
    assert attributes == {"training epochs": "quantity", "runs": "quantity"}
    plan = make_plan(gold_question("read28", "cnn-training-runs"), corpus[0])
    assert plan.subjects[0].home_sources == ("neural-scaling-law-from-data-manifold-dimension",)
    subjects, attributes = _plan(corpus, gold_question("read28", "cnn-exponents-and-dimensions"))
    assert "CNNs" not in subjects and "CNNs" not in attributes


def _cells(corpus: tuple[Library, PassageIndex], name: str) -> dict[tuple[str, str], str]:
    return {(c.subject, c.attribute): c.value for c in gold_answer("read28", name, corpus).cells}


def test_an_unnamed_sentence_of_a_study_is_none_of_the_models_it_measures(corpus: tuple[Library, PassageIndex]
                                                                          ) -> None:
    """"We observed an efficiency doubling time of 16 months." (AlexNet-level training, p.8) gave Seq2Seq's, GNMT's,
    ShuffleNet's and EfficientNet-b0's doubling time; "EfficientNet-b0, EfficientNet-b1" was an efficiency increase."""
    for name in ("translation-efficiency-gains", "inference-efficiency-gains"):
        answer = gold_answer("read28", name, corpus)
        assert not [c for c in answer.cells if c.value in ("16", "21") or "EfficientNet-b1" in c.value]
    cells = _cells(corpus, "inference-efficiency-gains")
    assert cells.get(("ShuffleNet", "inference efficiency increase")) in ("18x", "18×")
    cells = _cells(corpus, "cnn-training-runs")
    assert cells.get(("MNIST", "runs")) == "20"
    assert cells.get(("SVHN", "training epochs")) == "5"
    assert ("SVHN", "runs") not in cells


def test_a_sized_member_of_the_papers_own_model_keeps_its_unnamed_sentences(corpus: tuple[Library, PassageIndex]
                                                                             ) -> None:
    """The crowded-paper rule is for a paper about none of the asked subjects: the Transformer paper's unnamed "beam
    size of 4 and length penalty α = 0.6" stays the big Transformer's (fresh11 lost three cells with the first rule)."""
    answer = gold_answer("fresh11", "transformer-big-decoding", corpus)
    cells = {(c.subject, c.attribute): c.value for c in answer.cells}
    assert cells.get(("Transformer big", "beam size")) == "4"
