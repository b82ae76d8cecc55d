"""A direction of change is read from the sentence naming the claim's subject, never from a definition beside
it: "outliers … higher magnitude than the median. Osprey-9B mitigates outliers" says Osprey-9B lowers them."""

from __future__ import annotations

import pytest
from libraries import indexed_library

from synth import claimparse
from synth.index import PassageIndex
from synth.models import Library, Verdict
from synth.verify import verify_claim

PAPER = """Osprey-9B: An Open Decoder Model

Activation Outliers Analysis. Top activation values are considered as activation outliers, due to their \
significantly higher magnitude than the median. Osprey-9B mitigates outliers compared to Heron-7B.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return indexed_library(tmp_path_factory.mktemp("directions"), {"osprey.txt": PAPER})


def test_mitigating_is_a_fall() -> None:
    assert claimparse.direction("Osprey-9B mitigates outliers.") == -1


@pytest.mark.parametrize(("claim", "verdict"), [
    ("Osprey-9B increases activation outliers.", Verdict.CONTRADICTED),
    ("Osprey-9B reduces activation outliers.", Verdict.SUPPORTED),
])
def test_the_change_is_the_one_said_of_the_subject(claim: str, verdict: Verdict,
                                                   library: tuple[Library, PassageIndex]) -> None:
    assert verify_claim(claim, *library).verdict is verdict
