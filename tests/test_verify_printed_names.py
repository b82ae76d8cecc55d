"""A claim's subject printed as a name by the library though the claim cannot tell it from a common word: the answer
stage words ShuffleNet's cell "Shufflenet has 15 months doubling time." (its quote's spelling), and a capitalised first
word counted as no name, so the claim had no subject and the paper's unnamed "We observed an efficiency doubling time
of 16 months." (AlexNet-level training, measuring_algorithmic_efficiency_of_neural_networks.pdf p.8) contradicted it.
The library prints "ShuffleNet" (p.9, p.10): the first word is its name, and a sentence naming no subject in a paper
about none of the claim's subjects neither supports nor contradicts it. The list of p.10 then states each model's own
figures: its "(15-month doubling time)" is read, its items' numbers ("2.") are no figures, and neither the factor
"18x" nor "ResNet-50-level" owns the years and months after them."""

from __future__ import annotations

import pytest
from libraries import indexed_library

from synth import claimparse
from synth.index import PassageIndex
from synth.models import Library, Verdict
from synth.verify import verify_claim
from synth.verify.claim import claim_info
from synth.verify.figures import can_own
from synth.verify.printed import PrintedNames
from synth.verify.window_figures import window_figures

EFFICIENCY = """# Measuring the Algorithmic Efficiency of Neural Networks

## 3 Results

Figure 3 Lowest compute points at any given time shown in blue, all points measured shown in gray. We \
observed an efficiency doubling time of 16 months.

We can split the progress in training efficiency into data efficiency (needing fewer epochs) and reductions in the \
number of FLOPs required per epoch. Among the models measured are ShuffleNet and EfficientNet.

## 4 Inference efficiency

1. Shufflenet [Zhang et al., 2017] achieved AlexNet-level performance with an 18x inference efficiency increase in \
5 years (15-month doubling time).
2. EfficientNet-b0 [Tan & Le, 2019] achieved ResNet-50-level performance with a 10x inference efficiency increase in \
3 and a half years (13-month doubling time).
"""


@pytest.fixture(scope="module")
def efficiency(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return indexed_library(tmp_path_factory.mktemp("printed-names"), {"efficiency.md": EFFICIENCY})


@pytest.mark.parametrize(("claim", "verdict"), [
    # contradicted before by the paper's unnamed "doubling time of 16 months", which says nothing of ShuffleNet
    ("Shufflenet has 15 months doubling time.", Verdict.SUPPORTED),  # "(15-month doubling time)" states it
    ("Shufflenet has 16 months doubling time.", Verdict.CONTRADICTED),  # by its own item's 15, not the 16
    ("Shufflenet has 5 years.", Verdict.SUPPORTED),  # insufficient before: the factor "18x" owned the years
    ("EfficientNet-b0 has 13 months doubling time.", Verdict.SUPPORTED),  # "ResNet-50-level" owned the 13
    ("EfficientNet-b0 has 15 months doubling time.", Verdict.CONTRADICTED),  # item 1's 15 is ShuffleNet's
    ("EfficientNet-b0 has 5 years.", Verdict.CONTRADICTED),  # "3 and a half years"
    ("Seq2Seq has 16 months doubling time.", Verdict.INSUFFICIENT),  # a subject the paper names nowhere
    # the factor "10x" states 10 (before: no figure, and "3 and a half years" contradicted the claim once
    # "ResNet-50-level" no longer owned it)
    ("EfficientNet-b0 has 10× inference efficiency increase.", Verdict.SUPPORTED),
    ("EfficientNet-b0 has 18× inference efficiency increase.", Verdict.CONTRADICTED),  # ShuffleNet's factor
])
def test_a_subject_is_read_only_from_the_sentences_naming_it(claim: str, verdict: Verdict,
                                                             efficiency: tuple[Library, PassageIndex]) -> None:
    assert verify_claim(claim, *efficiency, learned=False).verdict is verdict


@pytest.mark.parametrize(("text", "figures"), [
    ("in 5 years (15-month doubling time).", ["5", "15"]),
    ("a 3-year period of 2.5-day runs", ["3", "2.5"]),
    ("1. Shufflenet achieved an 18x increase. 2. EfficientNet-b0 achieved a 10x increase", ["18", "10"]),
    ("Mixtral 8x7B is 2× faster", ["2"]),  # a name's "8x7B" is no factor
    ("trained on 2. Then", ["2"]),  # a figure ending a sentence is no item's number
])
def test_the_figures_a_window_gives(text: str, figures: list[str]) -> None:
    assert [q.raw for q in window_figures(text, claimparse.parse(text)).quantities] == figures


@pytest.mark.parametrize(("name", "owns"), [
    ("EfficientNet-b0", True), ("18x", False), ("15-month", False), ("ResNet-50-level", False),
    ("GPT-3-style", False),
])
def test_names_that_own_figures(name: str, owns: bool) -> None:
    assert can_own(name, frozenset()) is owns


@pytest.mark.parametrize(("texts", "word", "name"), [
    (["the models ShuffleNet and EfficientNet"], "Shufflenet", True),  # a capital inside it
    (["we train with Adafactor.", "Adafactor uses", "unlike Adafactor,"], "Adafactor", True),
    (["a dropout of 0.1", "Dropout is applied", "residual dropout", "Dropout"], "Dropout", False),
    (["Training takes 3 days.", "Training is cheap."], "Training", False),  # only at a sentence's start
    (["TRAINING DETAILS"], "Training", False),  # a heading in capitals is no name
])
def test_the_library_tells_a_name(texts: list[str], word: str, name: bool) -> None:
    assert PrintedNames(texts).is_name(word) is name


@pytest.mark.parametrize(("claim", "entities"), [
    ("Shufflenet has 15 months doubling time.", ("Shufflenet",)),
    ("Training has 15 months doubling time.", ()),  # printed as a common word
    ("The Shufflenet has 15 months doubling time.", ("Shufflenet",)),  # inside the sentence: a name as before
    ("Figure 3 has 15 months doubling time.", ()),
])
def test_the_first_word_as_the_subject(claim: str, entities: tuple[str, ...]) -> None:
    printed = PrintedNames(["ShuffleNet v1 and ShuffleNet v2", "training takes long", "in Figure 3"]).is_name
    assert claim_info(claim, frozenset(), printed).entities == entities
