"""The models of a paper the question names, when that paper is about no model of its own (issue 9, fresh3): "In
'Language Modeling Is Compression', which dataset were the vanilla Transformers trained on?" read the Transformer
paper (the source about the Transformer) and a dataset the named paper only describes ("The ImageNet dataset
contains …"); the answer is the data the named paper trains them on ("We train our vanilla Transformer models on
enwik8")."""

from __future__ import annotations

from pathlib import Path

from libraries import answered

from synth.retrieve.asks.used_as import used_as

HERON = """# Heron: attention is enough

We introduce the Transformer, a model built on attention. The Transformer is trained on the WMT 2014 English-German
dataset. The Transformer reaches 28.4 BLEU.
"""

SQUEEZE = """# Language Modeling Is Compression

We study language models as compressors.

ImageNet The ImageNet dataset contains 14 million annotated images. We train our vanilla Transformer models on
enwik8, but evaluate on both enwik8 and enwik9.
"""


def test_the_named_papers_models_are_read_in_that_paper(tmp_path: Path) -> None:
    answer = answered(tmp_path, {"heron.md": HERON, "squeeze.md": SQUEEZE}, "In 'Language Modeling Is Compression', "
                      "which dataset were the vanilla Transformers trained on?")
    assert [c.value for c in answer.cells] == ["enwik8"]


def test_the_data_a_model_is_trained_on() -> None:
    found = [term for _, term in used_as("We train our vanilla Transformer models on enwik8, and on WikiText.",
                                         "dataset")]
    assert found == ["enwik8"]
    assert used_as("We train the models on TPUs for a week.", "dataset") == []
    assert used_as("We train our models on enwik8.", "optimizer") == []


def test_a_thing_of_the_asked_kind_called_by_a_name() -> None:
    """"a simple and easy-to-measure statistic called the gradient noise scale predicts …": the name given."""
    sentence = ("In this paper, we demonstrate that a simple and easy-to-measure statistic called the gradient noise "
                "scale predicts the largest useful batch size.")
    assert [term for _, term in used_as(sentence, "statistic")] == ["gradient noise scale"]
    assert used_as("we average over samples, called a batch: G = 1", "statistic") == []
