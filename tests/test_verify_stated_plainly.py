"""Values a source states plainly in words of its own, and denials that are not about the claim's subject (the answer
stage's cells worded as "X has N <attribute>." / "X uses V."): "a 512-dimensional embedding space" gives an embedding
dimension of 512 (empirical_model_of_large_batch_training.pdf p.19, whose citation keys "[HS97]", "[SHB15]" are no
names owning the figure); "The maximum learning rate for DeepSeekMoE 16B is set to 4.2 × 10−4" a maximum learning
rate, which no table ranks (deepseekmoe.pdf p.15); a diagram's labels no figure; a sentence under GShard's title what
GShard uses; and a denial set against the subject, about another model or run into an axis denies nothing of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from libraries import indexed_library

from synth import claimparse
from synth.index import PassageIndex
from synth.models import AtomKind, Library, Verdict
from synth.verify import verify_claim
from synth.verify.atoms import atoms_of

LSTM = """# An Empirical Model of Large-Batch Training

A.4.3 Generative and Language Modeling

For language modeling, we train a size-2048 LSTM [HS97] on the One Billion Word Benchmark corpus [CMS+13], using \
byte pair encoding (BPE) [SHB15] with a vocabulary of size 40,000 and a 512-dimensional embedding space.
"""

DEEPSEEKMOE = """# DeepSeekMoE: Towards Ultimate Expert Specialization in Mixture-of-Experts Language Models

## Training Settings

The maximum learning rate for DeepSeekMoE 16B is set to 4.2 × 10−4, and the gradient clipping norm is set to 1.0.
"""


@pytest.fixture(scope="module")
def lstm(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return indexed_library(tmp_path_factory.mktemp("sizes-lstm"), {"batch.md": LSTM})


@pytest.fixture(scope="module")
def deepseekmoe(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return indexed_library(tmp_path_factory.mktemp("sizes-moe"), {"moe.md": DEEPSEEKMOE})


@pytest.mark.parametrize(("claim", "verdict"), [
    ("size-2048 LSTM has 512 embedding dimension.", Verdict.SUPPORTED),  # insufficient on main
    ("size-2048 LSTM has 40,000 embedding dimension.", Verdict.INSUFFICIENT),  # the vocabulary's figure
    ("size-2048 LSTM has 512 vocabulary size.", Verdict.CONTRADICTED),  # the vocabulary is 40,000
])
def test_a_dimensional_adjective_states_its_size(claim: str, verdict: Verdict,
                                                  lstm: tuple[Library, PassageIndex]) -> None:
    assert verify_claim(claim, *lstm, learned=False).verdict is verdict


@pytest.mark.parametrize(("claim", "verdict"), [
    ("DeepSeekMoE 16B has 4.2 × 10−4 maximum learning rate.", Verdict.SUPPORTED),  # insufficient on main
    ("The maximum learning rate of DeepSeekMoE 16B is 4.2 × 10−4.", Verdict.SUPPORTED),
    ("DeepSeekMoE 16B has 4.2 × 10−3 maximum learning rate.", Verdict.CONTRADICTED),
    ("DeepSeekMoE 16B has 1.0 maximum learning rate.", Verdict.INSUFFICIENT),  # the clipping norm's figure
])
def test_a_maximum_setting_is_no_rank(claim: str, verdict: Verdict,
                                      deepseekmoe: tuple[Library, PassageIndex]) -> None:
    assert verify_claim(claim, *deepseekmoe, learned=False).verdict is verdict


@pytest.mark.parametrize(("text", "figures", "names"), [
    ("a vocabulary of size 40,000 and a 512-dimensional embedding space", ["40,000", "512"], []),
    ("we used a smaller 256-dim embedding", ["256"], []),
    ("a size-2048 LSTM [HS97] using byte pair encoding (BPE) [SHB15]", [], ["size-2048 LSTM", "BPE"]),
])
def test_sizes_and_keys_as_parsed(text: str, figures: list[str], names: list[str]) -> None:
    assert [q.raw for q in claimparse.quantities(text)] == figures
    assert list(claimparse.entities(text)) == names


@pytest.mark.parametrize(("claim", "extreme"), [
    ("DeepSeekMoE 16B has 4.2 × 10−4 maximum learning rate.", False),
    ("X has 4K maximum sequence length.", False),
    ("Model A achieves the maximum F1 of 85.2.", True),  # a rank among rows, with its figure
    ("Model A has the maximum learning rate.", True),  # no figure: which row is highest
])
def test_a_setting_bound_makes_no_extreme_atom(claim: str, extreme: bool) -> None:
    assert any(a.kind is AtomKind.EXTREME for a in atoms_of(claim).atoms) is extreme


# deepseek_v3.pdf p.6, Figure 2's labels as the PDF text gives them (each symbol drawn twice)
DRAWN = """# DeepSeek-V3 Technical Report

DeepSeek-V3 is a mixture-of-experts language model.

… Router Input Hidden 𝐮𝐮𝑡𝑡 Output Hidden 𝐡𝐡𝑡𝑡 ′ 1 𝑁𝑁𝑠𝑠 1 2 𝑁𝑁𝑟𝑟-1 𝑁𝑁𝑟𝑟 Shared Expert Routed Expert Top-𝐾𝐾𝑟𝑟 Attention \
Feed-Forward Network … 3 4 RMSNorm RMSNorm Transformer Block ×𝐿𝐿 DeepSeekMoE 0 Input Hidden 𝐡𝐡𝑡𝑡
"""


@pytest.fixture(scope="module")
def drawn_figure(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return indexed_library(tmp_path_factory.mktemp("sizes-drawn"), {"v3.md": DRAWN})


@pytest.mark.parametrize("claim", ["DeepSeek-V3 has 1 shared experts.", "DeepSeek-V3 has 2 shared experts."])
def test_a_diagrams_labels_state_no_figure(claim: str, drawn_figure: tuple[Library, PassageIndex]) -> None:
    """The box indices of Figure 2 neither state nor contradict a count (main: "1 shared experts" contradicted by
    "the passage gives 2" on the real library, which p.22's "1 shared expert" states)."""
    assert verify_claim(claim, *drawn_figure, learned=False).verdict is Verdict.INSUFFICIENT


# gshard.pdf p.5 and p.31, under the paper's title; and a sentence of the same paper about another model
GSHARD = """# GShard: Scaling Giant Models with Conditional Computation and Automatic Sharding

## 2.2 Position-wise Mixture-of-Experts Layer

Every expert FFNe applies to xs a fully-connected 2-layer network using ReLU [29] activation function.

## 5 Experiments

We used SentencePiece [89] subword tokenizer with a single multilingual vocabulary for source-side spanning 102 \
languages of size 64000."""


# qwen2.5.pdf § 3.3 (the seed library's claim): a member of the subject's own family is no other model
QWEN = """# Qwen2.5 Technical Report

## 3.3 Long-context Pre-training

Through these innovations, we achieve a four-fold increase in sequence length capacity, enabling Qwen2.5-Turbo to \
handle up to 1 million tokens and other models to process up to 131,072 tokens.
"""


@pytest.fixture(scope="module")
def gshard(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return indexed_library(tmp_path_factory.mktemp("sizes-gshard"), {"gshard.md": GSHARD})


def test_a_family_member_is_no_other_model(tmp_path: Path) -> None:
    """"Qwen2.5-Turbo" beside "other models" under the Qwen2.5 title leaves the sentence about Qwen2.5's models."""
    library = indexed_library(tmp_path, {"qwen.md": QWEN})
    claim = "Other Qwen2.5 models can process up to 131,072 tokens."
    assert verify_claim(claim, *library, learned=False).verdict is Verdict.SUPPORTED


@pytest.mark.parametrize(("claim", "verdict"), [
    ("GShard uses ReLU.", Verdict.SUPPORTED),  # insufficient on main: "using" is no "uses" once stemmed
    ("GShard uses SentencePiece.", Verdict.SUPPORTED),  # insufficient on main
    ("GShard uses GELU.", Verdict.INSUFFICIENT),
])
def test_a_titled_subject_uses_what_its_paper_uses(claim: str, verdict: Verdict,
                                                   gshard: tuple[Library, PassageIndex]) -> None:
    """A sentence naming no model of its own, in a paper whose title names the subject, says what the subject
    uses (synth.verify.usage)."""
    assert verify_claim(claim, *gshard, learned=False).verdict is verdict


# Denials that are another subject's: ngpt_normalized_transformer.pdf p.4 (set against the baseline), p.3 of
# empirical_study_of_mamba_based_lms.pdf (about Mamba-2), and whisper.pdf p.12 (prose run into Figure 10's axis)
DENIALS = {
    "ngpt.md": """# Normalized Transformer with Representation Learning on the Hypersphere

## 2.2 Token Embeddings and Output Logits

In contrast to the baseline Transformer, no additional normalization is required after the final layer, as the \
embeddings are already normalized by the proposed scheme.
""",
    "mamba.md": """# An Empirical Study of Mamba-based Language Models

## 2 Models

As described in Dao and Gu 2024, tensor-parallel support for Mamba layers requires two all-reduces per block \
compared to just one all-reduce for Transformer layers (Figure 1), leading to increased communication overheads for \
training larger-scale Mamba models. Mamba-2 tensor parallel support, on the other hand, requires only one all-reduce \
per layer, but requires the use of GroupNorm rather than LayerNorm for the internal block normalization (see Figure 1).
""",
    "whisper.md": """# Robust Speech Recognition via Large-Scale Weak Supervision

## C. Text Standardization

For example, in CallHome and Switchboard, our standardizer did not penalize differences in common English \
contractions such as “you’re” versus “you are”, and in WSJ, our normalizer standardized the written and spo50 40 30 \
20 10 0 Relative WER reduction compared to FairSpeech's normalizer (%) CORAAL CommonVoice9.en AMI-SDM1 LibriSpeech \
TED-LIUM3 WSJ CallHome Switchboard Open-source models Whisper models Figure 10.
""",
}


@pytest.fixture(scope="module")
def denials(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return indexed_library(tmp_path_factory.mktemp("sizes-denials"), DENIALS)


@pytest.mark.parametrize("claim", [
    "Transformer uses layer normalization.",  # contradicted on main by nGPT's contrast with the baseline
    "Transformer uses LayerNorm.",  # contradicted on main by the Mamba-2 sentence
    "Whisper uses layer normalization.",  # contradicted on main by "did not penalize" beside the axis
])
def test_another_subjects_denial_denies_nothing(claim: str, denials: tuple[Library, PassageIndex]) -> None:
    assert verify_claim(claim, *denials, learned=False).verdict is Verdict.INSUFFICIENT


# pasa_llm_agent_for_paper_search.pdf p.4: the dataset's size, and its date (a year in a date is no figure)
PASA = """# PaSa: An LLM Agent for Comprehensive Academic Paper Search

## 3.2 RealScholarQuery

Ultimately, we collected 50 fine-grained and realistic queries. The query date of all instances in RealScholarQuery \
is 2024-10-01.
"""


@pytest.fixture(scope="module")
def pasa(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return indexed_library(tmp_path_factory.mktemp("plainly-pasa"), {"pasa.md": PASA})


@pytest.mark.parametrize(("claim", "verdict"), [
    ("RealScholarQuery has 50 queries.", Verdict.SUPPORTED),  # contradicted on main: "the passage gives 2024"
    ("RealScholarQuery has 2024 queries.", Verdict.INSUFFICIENT),
])
def test_a_dates_year_is_no_figure(claim: str, verdict: Verdict, pasa: tuple[Library, PassageIndex]) -> None:
    assert verify_claim(claim, *pasa, learned=False).verdict is verdict
    assert [q.raw for q in claimparse.quantities("is 2024-10-01.")] == []


# deepseek_v2.pdf p.12 (DeepSeek-V2) and p.29 (DeepSeek-V2-Lite, whose sentence names DeepSeek-V2 only as a contrast)
V2 = """# DeepSeek-V2: A Strong, Economical, and Efficient Mixture-of-Experts Language Model

## 3.1.2 Model Hyper-Parameters

In MLA, we set the number of attention heads 𝑛ℎ to 128 and the per-head dimension 𝑑ℎ to 128.

## B.1 DeepSeek-V2-Lite

Its KV compression dimension is 512, but slightly different from DeepSeek-V2, it does not compress the queries. For \
the decoupled queries and key, it has a per-head dimension of 64.
"""


@pytest.fixture(scope="module")
def v2(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return indexed_library(tmp_path_factory.mktemp("plainly-v2"), {"v2.md": V2})


@pytest.mark.parametrize(("claim", "verdict"), [
    ("DeepSeek-V2 has 128 per-head dimension.", Verdict.SUPPORTED),  # contradicted on main: "the passage gives 64"
    # supported on main by Lite's 64 (under "B.1 DeepSeek-V2-Lite", the title's DeepSeek-V2 bound to "it")
    ("DeepSeek-V2 has 64 per-head dimension.", Verdict.INSUFFICIENT),
])
def test_a_window_naming_the_subject_only_as_a_contrast_is_anothers(claim: str, verdict: Verdict,
                                                                   v2: tuple[Library, PassageIndex]) -> None:
    assert verify_claim(claim, *v2, learned=False).verdict is verdict
