"""Scope over a whole window: a sentence beside the best one that denies what the claim asserts keeps the
window from supporting it; "instead of" replaces a thing in the same role; a denial stops at a participle
clause. Verdicts over a small library (synthetic text)."""

from __future__ import annotations

import pytest
from libraries import indexed_library

from synth.index import PassageIndex
from synth.models import Library, Verdict
from synth.verify import verify_claim

PAPER = """Osprey-9B: Aligned Assistants From Playground Prompts

Data sources. Users of the playground were told that their prompts could help train later Osprey-9B models. \
In this work we do not use prompts from users of the production API.

Sandboxes. The Osprey-9B code sandbox uses gVisor as the container runtime instead of Docker, greatly \
reducing sandbox startup times.

Length. Osprey-9B extrapolates to longer contexts without requiring any changes to its position encoding, \
giving it an edge over the baseline models.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return indexed_library(tmp_path_factory.mktemp("scope_window"), {"osprey.txt": PAPER})


@pytest.mark.parametrize(("claim", "verdict"), [
    ("Osprey-9B is trained on prompts from users of the production API.", Verdict.CONTRADICTED),
    ("The Osprey-9B code sandbox uses Docker as its container runtime.", Verdict.CONTRADICTED),
    ("The Osprey-9B code sandbox uses gVisor instead of Docker as its container runtime.", Verdict.SUPPORTED),
    ("Osprey-9B requires changes to its position encoding to extrapolate to longer contexts.", Verdict.CONTRADICTED),
    ("Osprey-9B extrapolates to longer contexts without requiring changes to its position encoding.",
     Verdict.SUPPORTED),
])
def test_scope_is_read_over_the_window(claim: str, verdict: Verdict, library: tuple[Library, PassageIndex]) -> None:
    assert verify_claim(claim, *library).verdict is verdict
