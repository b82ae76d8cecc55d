"""Verification: every claim gets a verdict backed by quoted evidence, or `insufficient`.

The package is laid out by the parts of a claim it checks, read top to bottom:

* `words`, `claim`: the claim parsed once (content words, names, figures, polarity, cues);
* `names`, `figures`, `negation`, `comparisons`: how one part of a claim is found in a passage;
* `windows`, `passages`: text passages cut into sentence windows, each judged against the claim;
* `facts`, `tables`: the library's table cells and how a claim is checked against them;
* `decide`, `confidence`: the verdict, its evidence and its explained confidence.

The public API is `verify_claim` and `verify_claims`; `CONFIDENCE_WEIGHTS` is shown on pages.
"""

from synth.verify.confidence import CONFIDENCE_WEIGHTS
from synth.verify.decide import verify_claim, verify_claims

__all__ = ["CONFIDENCE_WEIGHTS", "verify_claim", "verify_claims"]
