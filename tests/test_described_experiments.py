"""Subjects a question describes by what they are in a paper it names (issue 9, fresh5): "the multilayer neural network
trained on MNIST" of the Adam paper is one experiment's network, not Adam (the paper's method) nor MNIST (its data),
and a cell that paper never states stays not stated, never another paper's sentence using Adam."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import cast

from libraries import answered

from synth.models import PlanSubject
from synth.plan.experiments import EXPERIMENT_ORIGIN, experiment_subjects
from synth.plan.papers import PaperReference
from synth.plan.subjects import Name
from synth.retrieve.asks.roles import about_described, others_section
from synth.vocabulary import Vocabulary

OPTIMIZER = """# Adam: A Method for Stochastic Optimization

We introduce Adam, an algorithm for first-order gradient-based optimization.

## 6 EXPERIMENTS

The hyper-parameters, such as learning rate and momentum, are searched over a dense grid.

## 6.1 EXPERIMENT: LOGISTIC REGRESSION

We evaluate our method on logistic regression using the MNIST dataset with minibatch size 128.

Adagrad can efficiently deal with sparse features. We examine the sparse feature problem using the IMDB movie review
dataset, with bag-of-words feature vectors including the first 10,000 most frequent words.

## 6.2 EXPERIMENT: MULTI-LAYER NEURAL NETWORKS

Multi-layer neural networks are powerful models with non-convex objective functions. A neural network model with two
fully connected hidden layers with 1000 hidden units each is used for this experiment with minibatch size of 128.

## 6.4 EXPERIMENT: BIAS-CORRECTION TERM

We train a variational auto-encoder with a single hidden layer with 500 hidden units.
"""

ENCODER = """# BERT: Pre-training of Deep Bidirectional Transformers

We introduce BERT, a language representation model.

## A.2 Pre-training Procedure

We use Adam with learning rate of 1e-4 and a batch size of 256 sequences. Our multilayer neural network classifier
heads are trained with Adam, with a learning rate of 0.0005.
"""


def _vocabulary(about: dict[str, tuple[str, ...]], titles: dict[str, str]) -> Vocabulary:
    """The two parts of a vocabulary the reading uses: the names each source is about and its title."""
    return cast(Vocabulary, SimpleNamespace(about=about, titles=titles))


def _name(text: str, question: str) -> Name:
    start = question.index(text)
    return Name(text, start, start + len(text), "subject")


def test_a_network_described_in_a_named_paper_is_the_subject_not_its_method_nor_its_data() -> None:
    question = ("In the Adam paper, how many hidden units did the multilayer neural network trained on MNIST have, and "
                "at what learning rate was Adam run?")
    names = [_name("MNIST", question), Name("Adam", question.rindex("Adam"), question.rindex("Adam") + 4, "subject")]

    about = _vocabulary({"adam": ("Adam",)}, {})
    subjects, dropped = experiment_subjects(question, names, [PaperReference("Adam paper", ("adam",))], about)
    assert [(s.name, s.role, s.setting, s.home_sources, s.origin) for s in subjects] == [
        ("multilayer neural network", "network", "multilayer neural", ("adam",), EXPERIMENT_ORIGIN)]
    assert [n.text for n in dropped] == ["MNIST", "Adam"]
    assert experiment_subjects(question, names, [], about) == ([], [])


def test_an_experiment_on_described_data_is_read_where_both_its_groups_of_words_are_said() -> None:
    question = "Which dataset does the Adam paper use for its logistic regression experiment on sparse features?"

    titled = _vocabulary({}, {"adam": "Adam: A Method for Stochastic Optimization"})
    subjects, _ = experiment_subjects(question, [], [PaperReference("Adam paper", ("adam",))], titled)
    assert [(s.name, s.role, s.setting) for s in subjects] == [
        ("logistic regression experiment on sparse features", None, "logistic regression; sparse features")]
    sparse = ["Adagrad can efficiently deal with sparse features.", "We examine the sparse feature problem using IMDB."]
    mnist = ["We evaluate our method on logistic regression using the MNIST dataset."]
    heading = "6.1 EXPERIMENT: LOGISTIC REGRESSION"
    assert about_described(subjects[0], sparse, sparse, heading)
    assert not about_described(subjects[0], mnist, mnist, heading)  # the other logistic regression of the section
    network = PlanSubject("multilayer neural network", ("multilayer neural network",), "t", role="network",
                          setting="multilayer neural")
    said = ["A neural network model with two hidden layers is used."]
    assert about_described(network, said, said, "6.2 EXPERIMENT: MULTI-LAYER NEURAL NETWORKS")  # hyphen or none
    assert not about_described(network, said, said, "6.3 EXPERIMENT: CONVOLUTIONAL NEURAL NETWORKS")


def test_a_described_network_gets_its_own_values_and_no_other_paper_s_learning_rate(tmp_path: Path) -> None:
    answer = answered(tmp_path, {"adam.md": OPTIMIZER, "bert.md": ENCODER}, "In the Adam paper, how many hidden units "
                      "per layer did the multilayer neural network trained on MNIST have, what minibatch size was "
                      "used, and at what learning rate was Adam run?")
    assert {(c.subject, c.attribute, c.value) for c in answer.cells} == {
        ("multilayer neural network", "hidden units per layer", "1000"),
        ("multilayer neural network", "minibatch size", "128")}
    assert {(n.subject, n.attribute) for n in answer.not_stated} == {("multilayer neural network", "learning rate")}


VARIANTS = """# Symbolic Variants: Templates for Grade-School Math

We introduce Symbolic-Math, a benchmark made from templates. Symbolic-Math adds clauses in its harder variants, and
every model loses accuracy on Symbolic-Math as clauses are added.

**Table 3: Accuracy on the symbolic variants.**

| Model | Symbolic-P1 | Symbolic-P2 |
| --- | --- | --- |
| Wren-7b | 26.0 | 8.7 |
| Finch-7b | 31.5 | 8.1 |
"""


def test_what_the_alternatives_score_on_is_the_benchmark_read_as_its_column(tmp_path: Path) -> None:
    answer = answered(tmp_path, {"variants.md": VARIANTS}, "Which scores higher on Symbolic-Math-P1, Wren-7b or "
                      "Finch-7b?")
    assert {(c.subject, c.attribute, c.value) for c in answer.cells} == {
        ("Wren-7b", "Symbolic-Math-P1", "26.0"), ("Finch-7b", "Symbolic-Math-P1", "31.5")}


SEARCH = """# Seeker: An Agent for Paper Search

We introduce Seeker, an agent for paper search, and two datasets, AutoQuery and RealQuery. Seeker reads papers and
Seeker cites them; Seeker is trained on AutoQuery.

## 3 Datasets

### 3.1 AutoQuery

AutoQuery is a synthetic dataset of academic queries, made by prompting a model with related-work sections.

### 3.2 RealQuery

RealQuery is a test dataset of real research queries, each written by a researcher.

The annotators included professors of computer science. On average, each query required the annotators to review 76
candidate papers. Given the high cost of the annotations, we completed this process for only 50 instances.
"""


def test_a_part_named_through_its_owner_with_its_kind_is_the_subject_and_not_another_s_section(tmp_path: Path
                                                                                                ) -> None:
    answer = answered(tmp_path, {"seeker.md": SEARCH}, "How many instances does Seeker's AutoQuery dataset hold, and "
                      "how many instances does RealQuery have?")
    assert {(c.subject, c.attribute, c.value) for c in answer.cells} == {("RealQuery", "instances", "50")}
    assert {(n.subject, n.attribute) for n in answer.not_stated} == {("AutoQuery", "instances")}
    auto, real = PlanSubject("AutoQuery", ("AutoQuery",), "t"), PlanSubject("RealQuery", ("RealQuery",), "t")
    assert others_section("3.2 RealQuery", auto, [auto, real])
    assert not others_section("3.2 RealQuery", real, [auto, real])
    assert not others_section("3 Datasets", auto, [auto, real])
