"""What a paper says of the baseline, of common practice or of a thought experiment is not what its own model uses
(issue 9, the paraphrase tuning part): "Which norm layer is used in nGPT?" was answered RMSNorm, from the section on
the baseline Transformer ("The input hidden state h of the MLP block is first normalized using RMSNorm"), from "The
block typically starts with a normalization … using RMSNorm", and from "One might attempt to approximate nGPT's
update in GPT by applying RMSNorm"; then QK from "closely resembles the QK normalization by Henry et al."."""

from __future__ import annotations

from pathlib import Path

import pytest
from libraries import answered

from synth.retrieve.asks.kinds import denied_where_stated

SPHERE = """# Sphere: a transformer on the hypersphere

We introduce Sphere, a transformer whose hidden states all have unit norm.

## 2.1 Baseline Transformer

The input hidden state h of the MLP block is first normalized using RMSNorm and then projected twice.

## 2.2 The Sphere block

The block typically starts with a normalization of the input hidden state h using LayerNorm to deal with
fluctuating norms. One might attempt to approximate the Sphere update by applying BatchNorm at both ends of the
block. The normalization of queries and keys closely resembles the GroupNorm of Henry et al. (2020).
"""


def test_the_baseline_common_practice_and_a_thought_experiment_give_no_norm_layer(tmp_path: Path) -> None:
    answer = answered(tmp_path, {"sphere.md": SPHERE}, "Which norm layer is used in Sphere?")
    assert answer.cells == ()


@pytest.mark.parametrize(("sentence", "term", "denied"), [
    ("The normalization in equations 15 and 16 closely resembles the QK normalization by Henry et al.", "QK", True),
    ("Our attention is similar to the sliding window attention of Longformer.", "Longformer", True),
    ("We normalize q and k with RMSNorm.", "RMSNorm", False),
])
def test_a_term_the_choice_is_likened_to_is_not_the_choice(sentence: str, term: str, denied: bool) -> None:
    assert denied_where_stated(sentence, term) is denied
