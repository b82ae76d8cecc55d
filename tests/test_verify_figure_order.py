"""In a two-sentence window that names the claim's model only in its second sentence, an unowned figure of a
first sentence opening on a back-reference is said of what came before ("This model comprises … 63 routed
experts." then "… HeronMoE still outperforms OspreyMoE."), never of the model named after it; named first, the
next sentence's figure is its own."""

from __future__ import annotations

import pytest

from synth import claimparse
from synth.models import Passage
from synth.text import sentence_spans
from synth.verify.claim import claim_info
from synth.verify.figures import FigureCheck, check_figures
from synth.verify.windows import Window

LATER = ("This model comprises 1 shared expert and 63 routed experts, where only 3 routed experts are activated. "
         "The results in Figure 6 show that, with half the activated parameters, HeronMoE still outperforms OspreyMoE.")
FIRST = "OspreyMoE is a mixture-of-experts model trained on web text. It comprises 63 routed experts in every layer."


def _check(claim: str, text: str) -> FigureCheck:
    window = Window(Passage("d", 0, text, 0, len(text), 1), text, 0, len(text), 1.0, split=sentence_spans(text)[1][0])
    return check_figures(claim_info(claim, frozenset()), window, claimparse.parse(text), frozenset())


@pytest.mark.parametrize("claim", ["OspreyMoE has 63 experts.", "OspreyMoE has 32 experts."])
def test_a_figure_before_the_name_is_not_its(claim: str) -> None:
    checked = _check(claim, LATER)
    assert checked.matched == 0 and (checked.conflict is None or checked.conflict.raw != "63")


def test_a_sentence_without_back_reference_keeps_its_figure() -> None:
    # "Assuming causality, 10% of kidney cancers … . In the UK, …": no pronoun points back, the figure may be the UK's
    text = ("Assuming causality, 63 routed experts could be attributable to the router design. "
            "The results in Figure 6 show that, with half the parameters, HeronMoE still outperforms OspreyMoE.")
    assert _check("OspreyMoE has 63 routed experts.", text).matched == 1


def test_a_figure_after_the_name_is_its() -> None:
    assert _check("OspreyMoE has 63 routed experts.", FIRST).matched == 1
