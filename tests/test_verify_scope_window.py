"""Scope over a whole window: a sentence beside the best one that denies what the claim asserts keeps the
window from supporting it; "instead of" replaces a thing in the same role; a denial stops at a participle
clause; a window whose heading denies the claim's words says nothing of another subject. Verdicts over a small
library (synthetic text)."""

from __future__ import annotations

import pytest
from libraries import indexed_library

from synth.index import PassageIndex
from synth.models import Library, Passage, Verdict
from synth.verify import verify_claim
from synth.verify.claim import claim_info
from synth.verify.passages import denied_beside
from synth.verify.windows import Window

PAPER = """Osprey-9B: Aligned Assistants From Playground Prompts

Data sources. Users of the playground were told that their prompts could help train later Osprey-9B models. \
In this work we do not use prompts from users of the production API.

Sandboxes. The Osprey-9B code sandbox uses gVisor as the container runtime instead of Docker, greatly \
reducing sandbox startup times.

Length. Osprey-9B extrapolates to longer contexts without requiring any changes to its position encoding, \
giving it an edge over the baseline models.
"""

OTHER = """Heron-7B: Balanced Experts

No Token-Dropping. Thanks to its balancing strategy, Heron-7B keeps the expert load even during its full training.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return indexed_library(tmp_path_factory.mktemp("scope_window"), {"osprey.txt": PAPER, "heron.txt": OTHER})


@pytest.mark.parametrize(("claim", "verdict"), [
    ("Osprey-9B is trained on prompts from users of the production API.", Verdict.CONTRADICTED),
    ("The Osprey-9B code sandbox uses Docker as its container runtime.", Verdict.CONTRADICTED),
    ("The Osprey-9B code sandbox uses gVisor instead of Docker as its container runtime.", Verdict.SUPPORTED),
    ("Osprey-9B requires changes to its position encoding to extrapolate to longer contexts.", Verdict.CONTRADICTED),
    ("Osprey-9B extrapolates to longer contexts without requiring changes to its position encoding.",
     Verdict.SUPPORTED),
    ("Osprey-9B employs a token-dropping strategy during training.", Verdict.INSUFFICIENT),
])
def test_scope_is_read_over_the_window(claim: str, verdict: Verdict, library: tuple[Library, PassageIndex]) -> None:
    assert verify_claim(claim, *library).verdict is verdict


def _window(first: str, second: str, section: str | None = None) -> Window:
    text = f"{first} {second}"
    passage = Passage("heron", 0, text, 0, len(text), page=1, section=section)
    return Window(passage, text, 0, len(text), 1.0, split=len(first) + 1)


@pytest.mark.parametrize(("window", "denied"), [
    (_window("No Token-Dropping.", "Owing to its balancing strategy, Heron-7B keeps a good balance during training."),
     True),
    (_window("Owing to its balancing strategy, Heron-7B keeps a good balance during training.", "It is fast.",
             section="No Token-Dropping"), True),
    (_window("Owing to its balancing strategy, Heron-7B keeps a good balance during training.", "It is fast."), False),
    (_window("Heron-7B employs a token-dropping strategy.", "It is not slow at inference."), False),
])
def test_a_window_denying_the_claim_beside_its_best_sentence_says_nothing_of_another_subject(
        window: Window, denied: bool) -> None:
    """The subject swap ("the passage says this of Heron-7B") is never read from a window whose heading or
    other sentence denies the claim's words."""
    info = claim_info("Osprey-9B employs a token-dropping strategy during training.", frozenset())
    assert denied_beside(info, window) is denied
