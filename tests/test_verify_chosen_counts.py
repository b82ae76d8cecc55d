"""A count a choosing verb governs is how many members one input uses, not the pool's size (synth.verify.chosen):
"DeepSeek-V3 selects only 8 routed experts" (deepseek_v3.pdf p.13) neither contradicts "DeepSeek-V3 has 256
routed experts" nor supports "DeepSeek-V3 has 8 routed experts", and a count of the pool never states how many
each token activates."""

from __future__ import annotations

import pytest
from libraries import indexed_library

from synth import claimparse
from synth.index import PassageIndex
from synth.models import Library, Verdict
from synth.verify import verify_claim
from synth.verify.chosen import per_input

# The sentence of deepseek_v3.pdf p.13, alone in its paper
SELECTS = """# DeepSeek-V3 Technical Report

DeepSeek-V3 is a mixture-of-experts language model.

Efficient Implementation of Cross-Node All-to-All Communication. This implies that, although DeepSeek-V3 selects \
only 8 routed experts in practice, it can scale up this number to a maximum of 13 experts (4 nodes × 3.2 \
experts/node) while preserving the same communication cost.
"""

# The sentences of deepseek_v3.pdf p.22: the pool and the chosen count side by side
POOL = """# DeepSeek-V3 Technical Report

DeepSeek-V3 is a mixture-of-experts language model.

Model Hyper-Parameters. Each MoE layer consists of 1 shared expert and 256 routed experts, where the intermediate \
hidden dimension of each expert is 2048. Among the routed experts, 8 experts will be activated for each token, and \
each token will be ensured to be sent to at most 4 nodes.
"""


@pytest.fixture(scope="module")
def selects(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return indexed_library(tmp_path_factory.mktemp("chosen-selects"), {"v3.md": SELECTS})


@pytest.fixture(scope="module")
def pool(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return indexed_library(tmp_path_factory.mktemp("chosen-pool"), {"v3.md": POOL})


@pytest.mark.parametrize(("claim", "verdict"), [
    ("DeepSeek-V3 has 256 routed experts.", Verdict.INSUFFICIENT),  # was contradicted by "selects only 8"
    ("DeepSeek-V3 has 8 routed experts.", Verdict.INSUFFICIENT),  # was supported by it
    # what "this number" is scaled up to is a chosen count too: with "selects only 8" set aside as chosen, "13
    # experts" read as a pool supported a wrong pool size (Tenth session's audit; contradicted by 8 before the rule)
    ("DeepSeek-V3 has 13 experts.", Verdict.INSUFFICIENT),
    ("In DeepSeek-V3, each token activates 13 routed experts.", Verdict.INSUFFICIENT),
])
def test_a_chosen_count_is_no_pool_size(claim: str, verdict: Verdict,
                                        selects: tuple[Library, PassageIndex]) -> None:
    assert verify_claim(claim, *selects, learned=False).verdict is verdict


@pytest.mark.parametrize(("claim", "verdict"), [
    ("DeepSeek-V3 has 256 routed experts.", Verdict.SUPPORTED),
    ("In DeepSeek-V3, each token activates 256 routed experts.", Verdict.CONTRADICTED),  # was supported by the pool
    ("In DeepSeek-V3, each token activates 8 routed experts.", Verdict.SUPPORTED),
    ("DeepSeek-V3 has 8 routed experts.", Verdict.CONTRADICTED),
])
def test_a_pool_size_is_no_chosen_count(claim: str, verdict: Verdict, pool: tuple[Library, PassageIndex]) -> None:
    assert verify_claim(claim, *pool, learned=False).verdict is verdict


@pytest.mark.parametrize(("text", "figure", "expected"), [
    ("DeepSeek-V3 selects only 8 routed experts in practice", "8", True),
    ("8 experts will be activated for each token", "8", True),
    ("each token will be ensured to be sent to at most 4 nodes", "4", True),
    ("the router routes each token to 2 experts", "2", True),
    ("a router picks two of the eight feed-forward experts at each layer for every token", "two", True),
    ("a router picks two of the eight feed-forward experts at each layer for every token", "eight", False),
    ("it has 8 activated experts", "8", True),
    ("it uses 2 experts per token", "2", True),
    ("4 nodes × 3.2 experts/node", "3.2", True),
    ("Each MoE layer consists of 1 shared expert and 256 routed experts", "256", False),
    ("although DeepSeek-V3 selects only 8 routed experts in practice, it can scale up this number to a maximum of 13 "
     "experts", "13", True),
    ("this number grows to 13 experts", "13", False),  # no count chosen before it
    ("It has a total of 15.7B parameters", "15.7B", None),
    ("It scores 43.4% on the benchmark", "43.4%", None),
])
def test_per_input_counts(text: str, figure: str, expected: bool | None) -> None:
    [quantity] = [q for q in claimparse.parse(text).quantities if q.raw == figure]
    assert per_input(text, quantity) is expected
