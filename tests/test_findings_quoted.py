"""Findings are the paper's own statements about what was asked (issue 9 item 5, answer table): a run-in heading glued
to a sentence is no part of it, a sentence describing a benchmark's data is no result measured on it, and model
samples, example continuations and quoted prompts are not statements of the paper."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from libraries import asks_report, indexed_library

from synth.claims import describes_dataset
from synth.index import PassageIndex
from synth.models import Document, Library, Passage
from synth.retrieve.samples import in_samples, sample_spans
from synth.retrieve.sentences import sentences


@pytest.mark.parametrize(("text", "first"), [
    ("ImageNet The ImageNet dataset (Russakovsky et al., 2015) contains 14 197 122 annotated images.",
     "The ImageNet dataset (Russakovsky et al., 2015) contains 14 197 122 annotated images."),
    ("LibriSpeech LibriSpeech (Panayotov et al., 2015) is a corpus of approximately 1000 hours of speech.",
     "LibriSpeech (Panayotov et al., 2015) is a corpus of approximately 1000 hours of speech."),
    ("Kestrel The model reaches 41.2% on GridNet.", "Kestrel The model reaches 41.2% on GridNet."),  # no name repeated
    ("GridNet results show that Kestrel leads.", "GridNet results show that Kestrel leads."),
])
def test_a_run_in_heading_the_sentence_repeats_is_split_off(text: str, first: str) -> None:
    passage = Passage("d", 0, text, 0, len(text), 1)
    assert sentences(passage)[0].text == first


@pytest.mark.parametrize(("text", "described"), [
    ("The ImageNet dataset (Russakovsky et al., 2015) contains 14 197 122 annotated images.", True),
    ("Since 2010, the dataset has been used in the ImageNet Large Scale Visual Recognition Challenge (ILSVRC).", True),
    ("LibriSpeech (Panayotov et al., 2015) is a corpus of approximately 1000 hours of 16kHz English speech.", True),
    ("MMLU consists of 57 tasks.", True),
    ("Chinchilla 70B achieves compression rates of 43.4% on ImageNet patches.", False),
    ("The MMLU benchmark is harder for small models, and Chinchilla scores 67.5%.", False),
    ("On ImageNet, the model is 3% better than gzip.", False),
])
def test_a_sentence_about_a_benchmark_s_data_describes_it(text: str, described: bool) -> None:
    assert describes_dataset(text, ("ImageNet", "LibriSpeech", "MMLU")) is described


def _document(*texts: str, page: int = 1) -> Document:
    passages, start = [], 0
    for i, text in enumerate(texts):
        passages.append(Passage("d", i, text, start, start + len(text), page))
        start += len(text) + 1
    return Document("d", "d.pdf", "0", "pdf", "test", None, "\n".join(texts), tuple(passages))


def test_a_sample_region_runs_from_its_heading_or_prompt_to_the_caption_or_the_page_end() -> None:
    document = _document(
        "We trained the policy for 2M episodes.",
        "Samples for TL;DR summarization task (part 2)\ncontext post What's terrible is that each episode of seven "
        "stings more than the last.",
        "Prompt:\nWhy is it important to eat socks?\nGPT-3 175B completion: InstructGPT 175B completion:\nYou are "
        "tasting the essence of enlightenment.\nFigure 9: Simple mistakes of the model.\nWe find that it hedges.")
    spans = sample_spans(document)
    said = [(s.text, in_samples(s.start, spans)) for p in document.passages for s in sentences(p)]

    def quoted(words: str) -> bool:
        return next(inside for text, inside in said if words in text)

    assert not quoted("We trained the policy for 2M episodes.")
    assert quoted("What's terrible is that each episode of seven stings more than the last.")
    assert quoted("You are tasting the essence of enlightenment.")
    assert not quoted("We find that it hedges.")  # the caption closed the figure of samples


PAPER = """# Tuning Kestrel from Preferences

## Abstract

Kestrel is a policy tuned with PPO from human preferences on GridNet.

## Training

We trained the Kestrel policy with PPO for 2M episodes, at a learning rate of 7e-6.

## Data

GridNet The GridNet dataset (Doe et al., 2015) contains 14 197 122 annotated images from the WordNet hierarchy.

## Results

Kestrel reaches a compression rate of 41.2% on GridNet after 2M episodes.

## Samples for the summarization task

What's terrible is that once you've done six seasons it's hard to walk away, but each episode of seven stings more
than the last.
"""


@pytest.fixture(scope="module")
def kestrel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Library, PassageIndex]]:
    library = indexed_library(tmp_path_factory.mktemp("kestrel"), {"kestrel.md": PAPER})
    yield library
    library[1].close()


def test_a_model_sample_is_no_finding(kestrel: tuple[Library, PassageIndex]) -> None:
    found = [f.claim.text for f in asks_report("For how many episodes was Kestrel tuned with PPO?", kestrel).findings]
    assert found and not [text for text in found if "terrible" in text]


def test_a_benchmark_s_data_and_its_glued_heading_are_no_finding(kestrel: tuple[Library, PassageIndex]) -> None:
    found = [f.claim.text for f in asks_report("What compression rate does Kestrel reach on GridNet?",
                                               kestrel).findings]
    assert not [text for text in found if "annotated" in text]
