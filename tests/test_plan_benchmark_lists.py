"""Where a question puts a list of names decides what they are (issue 9: questions nobody tuned on): the names
after "achieve on" are where the subjects are measured, a lower-case list member the library's tables name is a
subject, and a plain word in the verb's place is that verb, not a benchmark of the same letters."""

from __future__ import annotations

import pytest
from libraries import written_library

from synth.config import Question
from synth.models import AttributeKind, Library
from synth.plan import make_plan
from synth.plan.spelling import respell
from synth.vocabulary import vocabulary

LIBRARY = """# Squeeze: Language Models Compress Everything

## Abstract

Squeeze-70B achieves compression rates of 43.4% on ImageNet patches and 16.4% on LibriSpeech samples.

## Results

**Table 1: Compression rates (%) on three datasets.**

| Compressor | enwik9 | ImageNet | LibriSpeech |
| --- | --- | --- | --- |
| gzip | 32.3 | 70.7 | 36.4 |
| FLAC | 89.5 | 61.9 | 30.9 |
| Squeeze-70B | 8.3 | 48.0 | 21.0 |

**Table 2: Reading comprehension.**

| Model | DROP | GSM8K |
| --- | --- | --- |
| Squeeze-70B | 71.2 | 80.1 |
"""


@pytest.fixture(scope="module")
def squeeze_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    return written_library(tmp_path_factory.mktemp("squeeze"), {"squeeze.md": LIBRARY})


def test_names_after_achieve_on_are_benchmarks_and_the_measure_is_theirs(squeeze_library: Library) -> None:
    question = ("What compression rates do Squeeze-70B, gzip and FLAC achieve on enwik9, ImageNet patches and "
                "LibriSpeech samples?")
    plan = make_plan(Question(title="Compression", question=question), squeeze_library)
    assert [s.name for s in plan.subjects] == ["Squeeze-70B", "gzip", "FLAC"]
    assert [(a.name, a.kind) for a in plan.attributes] == [("enwik9", AttributeKind.METRIC),
                                                           ("ImageNet", AttributeKind.METRIC),
                                                           ("LibriSpeech", AttributeKind.METRIC)]
    assert any(note.startswith("compression rates: read as what enwik9, ImageNet, LibriSpeech report")
               for note in plan.notes)


@pytest.mark.parametrize(("written", "read"), [
    ("How much does accuracy drop on GSM8K?", "How much does accuracy drop on GSM8K?"),
    ("What does Squeeze-70B score on drop?", "What does Squeeze-70B score on DROP?"),
])
def test_a_plain_word_in_the_verb_s_place_is_not_respelt(written: str, read: str, squeeze_library: Library) -> None:
    assert respell(written, vocabulary(squeeze_library))[0] == read


def test_how_often_asks_for_a_number(squeeze_library: Library) -> None:
    """"How often do labelers prefer …" was read as a text and answered with a model's name ("InstructGPT")."""
    plan = make_plan(Question(title="Preference", question="How often do labelers prefer outputs of Squeeze-70B over "
                                                           "FLAC?"), squeeze_library)
    assert [a.kind for a in plan.attributes] == [AttributeKind.QUANTITY]


@pytest.mark.parametrize(("question", "subjects"), [
    ("What compression rate does Squeeze-70B reach on ImageNet patches and on LibriSpeech samples, and how do gzip "
     "and FLAC compare?", ["Squeeze-70B", "gzip", "FLAC"]),
    ("How do FLAC and gzip compare on LibriSpeech?", ["FLAC", "gzip"]),
    ("How do zip and FLAC compare on LibriSpeech?", ["FLAC"]),  # no table labels "zip": a word, not a name
])
def test_a_lower_case_list_member_at_either_end_is_a_subject_the_tables_label(
        question: str, subjects: list[str], squeeze_library: Library) -> None:
    """"how do gzip and FLAC compare": the library writes gzip in lower case as a table row, so it is a subject
    wherever the list puts it, not only between two names."""
    plan = make_plan(Question(title="Compression", question=question), squeeze_library)
    assert [s.name for s in plan.subjects] == subjects
