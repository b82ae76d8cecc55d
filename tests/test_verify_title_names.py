"""Names bound to what a window states: a name the document's title extends into its own model's ("Normalized
Transformer") is not the plain name a claim is about, and a name only the rest of the paragraph gives is bound to
nothing the window says."""

from __future__ import annotations

import pytest
from libraries import indexed_library

from synth.index import PassageIndex
from synth.models import Library, Verdict
from synth.verify import verify_claim

KESTREL = """# Pruned KestrelNet: Fewer Weights on a Sphere

The pruned KestrelNet performs a multi-step optimization (two steps per layer) on a sphere.

## Baselines

We compare with the dense models of the same size. The plain KestrelNet has 12 encoder layers.
"""

FALCON = """# Falcon: a small language model

In Falcon, for any trainable vector of scales we use two scalars. Each scalar is stored apart. The optimizer
sees only their ratio. The feed-forward blocks of the baseline apply SwishNorm before each projection.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return indexed_library(tmp_path_factory.mktemp("titles"), {"kestrel.md": KESTREL, "falcon.md": FALCON,
                                                               "other.md": "# Notes\n\nLarge models are costly.\n"})


@pytest.mark.parametrize(("claim", "verdict"), [
    ("KestrelNet performs two steps per layer.", Verdict.INSUFFICIENT),  # the title's Pruned KestrelNet does
    ("The pruned KestrelNet performs two steps per layer.", Verdict.SUPPORTED),
    ("KestrelNet has 12 encoder layers.", Verdict.SUPPORTED),  # named plainly
])
def test_a_name_the_title_extends_is_the_title_s_model(claim: str, verdict: Verdict,
                                                        library: tuple[Library, PassageIndex]) -> None:
    assert verify_claim(claim, *library, learned=False).verdict is verdict


def test_a_name_only_the_paragraph_gives_is_bound_to_nothing(library: tuple[Library, PassageIndex]) -> None:
    assert verify_claim("Falcon uses SwishNorm.", *library, learned=False).verdict is not Verdict.SUPPORTED
