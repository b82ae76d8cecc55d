"""A paper's title as a claim's subject: the answer stage words a cell of a paper asked by its title as "GLU Variants
Improve Transformer has 12 layers." (fresh2). The title is a name: its "Improve" is no comparison to check, and a
table of another paper whose row is the title's last word ("Transformer | # Layers | 32", the Mamba study's Table 1)
says nothing of it (glu_variants_improve_transformer.pdf p.2: "The encoder and decoder each consist of 12 layers")."""

from __future__ import annotations

import pytest
from libraries import indexed_library

from synth.index import PassageIndex
from synth.models import AtomKind, Library, Verdict
from synth.verify import verify_claim
from synth.verify.atoms import atoms_of
from synth.verify.figures import can_own
from synth.verify.titles import as_name, title_span

GLU = """# GLU Variants Improve Transformer

Noam Shazeer

## Abstract

Gated Linear Units [Dauphin et al., 2016] consist of the component-wise product of two linear projections, one of \
which is first passed through a sigmoid function. We test these variants in the feed-forward sublayers of the \
Transformer [Vaswani et al., 2017] sequence-to-sequence model, and find that some of them yield quality improvements \
over the typically-used ReLU or GELU activations.

## 3.1 Model Architecture

We use the same code base, model architecture, and training task as the base model from [Raffel et al., 2019]. The \
encoder and decoder each consist of 12 layers, with dmodel = 768. For the attention layers, h = 12 and dk = dv = 64. \
The FFN layers have hidden size dff = 3072.

## 3.2 Pre-Training and Perplexity Results

We offer no explanation as to why these architectures seem to work; we attribute their success, as all else, to \
divine benevolence.

2Each training step took approximately 0.15 seconds on a 32-core TPUv2 cluster.
"""

MAMBA = """# An Empirical Study of Mamba-based Language Models

## 2 Models

Table 1: 8B-parameter Mamba, Mamba-2, and Transformer architectures used in the experiments.

| Model | Params (B) | # Layers | Model Dim |
| --- | --- | --- | --- |
| Transformer | 8.53 | 32 | 4096 |
| Mamba | 8.15 | 56 | 4096 |
| Mamba-2 | 8.24 | 56 | 4096 |
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return indexed_library(tmp_path_factory.mktemp("title-subjects"), {"glu.md": GLU, "mamba.md": MAMBA})


@pytest.mark.parametrize(("claim", "verdict"), [
    ("GLU Variants Improve Transformer has 12 layers.", Verdict.SUPPORTED),  # contradicted before: Table 1's 32
    # never supported; the sentence naming no subject, its 12 is too weak a rival to contradict
    ("GLU Variants Improve Transformer has 24 layers.", Verdict.INSUFFICIENT),
    # insufficient before: the footnote's mark glued to its first word ("2Each", p.3) was a name owning the 0.15
    ("GLU Variants Improve Transformer has 0.15 seconds time per training step.", Verdict.SUPPORTED),
    ("Transformer has 32 layers.", Verdict.SUPPORTED),  # the table's own row, as before
])
def test_a_title_is_the_name_of_its_paper(claim: str, verdict: Verdict,
                                         library: tuple[Library, PassageIndex]) -> None:
    assert verify_claim(claim, *library, learned=False).verdict is verdict


def test_a_title_holds_no_comparison() -> None:
    claim = "GLU Variants Improve Transformer has 12 layers."
    span = title_span(claim, ("GLU Variants Improve Transformer",), ("GLU Variants Improve Transformer",))
    assert span == (0, 32)
    kinds = [a.kind for a in as_name(atoms_of(claim), span).atoms]
    assert kinds == [AtomKind.FIGURE]
    plain = "GLU Variants Improve Transformer uses a 32-core TPUv2 cluster."
    kinds = [a.kind for a in as_name(atoms_of(plain), (0, 32)).atoms]
    assert kinds == [AtomKind.STATEMENT]  # what is left to check is the clause itself


@pytest.mark.parametrize(("claim", "subject", "span"), [
    ("Layer Normalization improves training.", "Layer Normalization", None),  # two words: a name as any other
    ("The GLU Variants Improve Transformer paper has 12 layers.", "GLU Variants Improve Transformer", (4, 36)),
    ("GLU Variants Improve Transformers has 12 layers.", "GLU Variants Improve Transformers", None),  # not the title
])
def test_only_a_whole_title_is_a_title(claim: str, subject: str, span: tuple[int, int] | None) -> None:
    titles = ("Layer Normalization", "GLU Variants Improve Transformer")
    assert title_span(claim, (subject,), titles) == span


@pytest.mark.parametrize(("name", "owns"), [("2Each", False), ("3This", False), ("TPUv2", True), ("3DGS", True)])
def test_a_footnote_mark_is_no_name(name: str, owns: bool) -> None:
    assert can_own(name, frozenset()) is owns
