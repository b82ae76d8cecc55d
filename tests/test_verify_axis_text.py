"""A figure among an axis's ticks and legend is bound to nothing a claim says: it neither states nor contradicts
one (DeepSeekMoE's Figure 6, flattened into text, gave "GShard has 2048 experts" the tick "0" as a rival)."""

from __future__ import annotations

import pytest

from synth import claimparse
from synth.models import Passage
from synth.verify.claim import claim_info
from synth.verify.figures import check_figures
from synth.verify.windows import Window

LEGEND = ("Metrics 0 10 20 30 40 50 60 70 80 Performance 0 shared expert + 2 out of 16 routed experts (Osprey) "
          "1 shared expert + 3 out of 63 routed experts (Heron) Figure 6 | Comparison between Osprey and Heron.")
PROSE = "Osprey uses 16 routed experts in every other layer."


def _window(text: str) -> Window:
    return Window(Passage("d", 0, text, 0, len(text), 1), text, 0, len(text), 1.0)


@pytest.mark.parametrize("claim", ["Osprey has 63 routed experts.", "Osprey has 16 routed experts.",
                                   "Osprey has 32 routed experts."])
def test_a_legend_figure_neither_states_nor_contradicts(claim: str) -> None:
    checked = check_figures(claim_info(claim, frozenset()), _window(LEGEND), claimparse.parse(LEGEND), frozenset())
    assert checked.matched == 0 and checked.conflict is None


def test_a_sentence_still_states_and_contradicts() -> None:
    parsed = claimparse.parse(PROSE)
    assert check_figures(claim_info("Osprey has 16 routed experts.", frozenset()), _window(PROSE), parsed,
                         frozenset()).matched == 1
    rival = check_figures(claim_info("Osprey has 32 routed experts.", frozenset()), _window(PROSE), parsed, frozenset())
    assert rival.conflict is not None and rival.conflict.raw == "16"
