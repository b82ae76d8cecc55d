"""Values a paper states of its own model in sentences that say "we": a compound modifier ("80-channel") or a
model named as the origin of a shared setup ("the same … tokenizer used in GPT-5") is no other model the sentence
would be about, and a rate is read by its unit ("re-sampled to 16,000 Hz")."""

from __future__ import annotations

from pathlib import Path

import pytest
from libraries import asks_report, indexed_library

from synth.index import PassageIndex
from synth.models import Library

OSPREY = """# Robust Listening at Scale

We present OspreyNet, a speech recognizer trained on weakly labelled audio. OspreyNet transcribes speech in many
languages.

## Model

All audio is re-sampled to 16,000 Hz, and an 80-channel log-magnitude Mel spectrogram is computed on 25-millisecond
windows. We use the same byte-level BPE text tokenizer used in GPT-5 for the English-only models, since the GPT-5
BPE vocabulary is English only.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return indexed_library(Path(tmp_path_factory.mktemp("home")), {"osprey.md": OSPREY,
                                                                   "other.md": "# Notes\n\nLarge models are costly.\n"})


def test_a_papers_own_sentences_give_its_models_values(library: tuple[Library, PassageIndex]) -> None:
    answer = asks_report("What tokenizer does OspreyNet use, and at what sampling rate is its audio input?",
                         library).answer
    cells = {c.attribute: c for c in answer.cells}
    assert cells["sampling rate"].value == "16,000 Hz"
    assert "re-sampled to 16,000 Hz" in cells["sampling rate"].evidence[0].quote
    assert cells["tokenizer"].value == "BPE"
    assert "byte-level BPE text tokenizer" in cells["tokenizer"].evidence[0].quote
