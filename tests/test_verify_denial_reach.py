"""What a denial reaches: "Transformer uses layer normalization, LayerNorm." was contradicted by two denials of other
things (the eleventh session's read, VERIFY_RESULTS.md): the Mamba study's "As for the Transformer, we do not use bias
weights for linear layers or Dropout and we use untied embeddings." (empirical_study_of_mamba_based_lms.pdf p.5),
whose "layers" the word matcher took for "LayerNorm" (a compound's first part), and the RMSNorm paper's "We treat
Transformer with no normalization as our Baseline, and compare RMSNorm-enhanced Transformer with LayerNorm-equipped
Transformer." (rmsnorm.pdf p.6), whose "no" reached "LayerNorm-equipped" the same way. The Mamba study's "we do not
use any explicit position encoding and for normalization we use RMSNorm" denied RMSNorm: a denial's scope ends where
"and … we" opens a clause of its own. A denial the scope reader finds not to carry the claim no longer contradicts it
through the plain polarity of its clause either."""

from __future__ import annotations

import pytest
from libraries import indexed_library

from synth.index import PassageIndex
from synth.models import Library, Verdict
from synth.verify import verify_claim
from synth.verify.negation import flipped_words

MAMBA_P5 = ("Following (Gu and Dao 2023), we do not use any explicit position encoding and for normalization we use "
            "RMSNorm (B. Zhang and Sennrich 2019).")
MAMBA_TRANSFORMER = ("As for the Transformer, we do not use bias weights for linear layers or Dropout and we use "
                     "untied embeddings.")
RMSNORM_P6 = ("We treat Transformer with no normalization as our Baseline, and compare RMSNorm-enhanced Transformer "
              "with LayerNorm-equipped Transformer.")
LAYERNORM = "Transformer uses layer normalization, LayerNorm."

MAMBA = f"""# An Empirical Study of Mamba-based Language Models

## 3 Models

Mamba. We train an 8B-parameter Mamba model with hidden dimension 4096 and 56 layers. The state dimension for each \
Mamba layer is set to 128 and we use GELU (Hendrycks and Gimpel 2016) activation. {MAMBA_P5} {MAMBA_TRANSFORMER}
"""


@pytest.mark.parametrize(("claim", "sentence", "flipped"), [
    (LAYERNORM, MAMBA_TRANSFORMER, {"layer"}),  # {layer, layernorm} before: "layers" began "LayerNorm"
    (LAYERNORM, RMSNORM_P6, {"normaliz"}),  # "LayerNorm-equipped" is no LayerNorm denied
    ("Mamba uses RMSNorm for normalization.", MAMBA_P5, set()),  # the denial ends at "and for normalization we"
    ("Mamba uses explicit position encoding.", MAMBA_P5, {"explicit", "position", "encod"}),
    ("Transformer uses Dropout.", MAMBA_TRANSFORMER, {"dropout"}),
])
def test_what_a_denial_flips(claim: str, sentence: str, flipped: set[str]) -> None:
    assert flipped_words(claim, sentence) == flipped


@pytest.fixture(scope="module")
def mamba(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return indexed_library(tmp_path_factory.mktemp("denial-reach"), {"mamba.md": MAMBA})


@pytest.mark.parametrize(("claim", "verdict"), [
    ("Mamba uses RMSNorm.", Verdict.SUPPORTED),  # contradicted before: "do not use" reached "we use RMSNorm"
    ("Mamba uses explicit position encoding.", Verdict.CONTRADICTED),  # what the denial does reach
    ("Transformer uses Dropout.", Verdict.CONTRADICTED),
    ("Transformer uses bias weights for linear layers.", Verdict.CONTRADICTED),
    (LAYERNORM, Verdict.INSUFFICIENT),  # the study's Transformer is denied bias weights and Dropout, not LayerNorm
])
def test_a_denial_contradicts_what_it_reaches(claim: str, verdict: Verdict,
                                              mamba: tuple[Library, PassageIndex]) -> None:
    assert verify_claim(claim, *mamba, learned=False).verdict is verdict


def test_the_real_denials_leave_layer_normalization(corpus: tuple[Library, PassageIndex]) -> None:
    """Over the shared corpus: contradicted before by the Mamba study's and the RMSNorm paper's sentences (the first
    through the plain polarity of "we do not use …", once the scope reader had found it not to carry the claim);
    supported by the Transformer paper's "followed by layer normalization" (p.3)."""
    assert verify_claim(LAYERNORM, *corpus, learned=False).verdict is Verdict.SUPPORTED
