"""Which figure of a sentence a claim's figure is set against: the words that lead into a figure ("the hidden
dimension *to* 5120", "L2 weight decay *of* 0.01") are that figure's, never the figure's before them; and a
sibling of the claim's model (DeepSeek-V2-Lite beside DeepSeek-V2) owns its own figures, which neither state nor
contradict the claim's."""

from __future__ import annotations

import pytest
from libraries import indexed_library

from synth.index import PassageIndex
from synth.models import Library, Verdict
from synth.verify import verify_claim

PAPER = """# Wren-2: an efficient mixture-of-experts language model

Wren-2 is a mixture-of-experts language model.

Model hyper-parameters. We set the number of Transformer layers of Wren-2 to 60 and the hidden dimension to 5120.
Wren-2 is trained with AdamW, β1 = 0.9, β2 = 0.95, L2 weight decay of 0.1, and gradient clipping of 1.0.

Wren-2-Lite. Wren-2-Lite has 27 layers, 16 attention heads and a hidden dimension of 2048.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return indexed_library(tmp_path_factory.mktemp("figure-context"), {"wren.txt": PAPER})


@pytest.mark.parametrize(("claim", "verdict"), [
    ("Wren-2 has 5120 hidden dimension.", Verdict.SUPPORTED),  # was contradicted by the layers' 60
    ("Wren-2 has 0.1 weight decay.", Verdict.SUPPORTED),  # was contradicted by β2's 0.95
    ("Wren-2 has 4096 hidden dimension.", Verdict.CONTRADICTED),
    ("Wren-2-Lite has 27 layers.", Verdict.SUPPORTED),
    ("Wren-2 has 27 layers.", Verdict.CONTRADICTED),  # its own 60, not the sibling's 27
    ("Wren-2 has 16 attention heads.", Verdict.INSUFFICIENT),  # the sibling's figure: was supported
])
def test_a_figure_is_set_against_the_figure_its_words_lead_into(claim: str, verdict: Verdict,
                                                               library: tuple[Library, PassageIndex]) -> None:
    assert verify_claim(claim, *library, learned=False).verdict is verdict
