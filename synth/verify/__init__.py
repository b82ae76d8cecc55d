"""Verification: every claim gets a verdict backed by quoted evidence, or `insufficient`.

The package is laid out by the parts of a claim it checks, read top to bottom:

* `atoms`: the claim split into atomic assertions (figures, comparisons, extremes, polarity and
  scope words, statements), each checked on its own;
* `words`, `claim`: the claim parsed once for text matching (content words, names, figures, cues);
* `names`, `figures`, `negation`, `comparisons`: how one part of a claim is found in a passage;
* `windows`, `passages`: text passages cut into sentence windows, each judged against the claim;
* `labels`, `cells`: table cells addressed by header paths, and the labels a claim names exactly
  (variants included; code labels such as `n_kv_heads` read as the answer stage reads them,
  synth.labelcodes), found through one lookup (`cells.tables_named`);
* `parameters`: a "Parameter | Value" table gives the values of the model its source is about;
* `findings`, `reasoning`, `cell_comparisons`, `measures`, `rivals`, `parity`, `trends`, `sweeps`:
  what evidence says of each atom, and deterministic reasoning over cells (figures; higher / lower,
  best / worst, differences and ratios, all / most; a rival the claim leaves unnamed; "comparable
  to" read on the size of the gaps; what a setting swept down a table does to a measure);
* `facts`: per-library lookups built once;
* `combine`: every atom's status from its findings, and the verdict they imply (`verdict_of`);
* `decide`, `confidence`, `corroboration`: the verdict with its evidence, its explained
  confidence, and what the rest of the library says of a finding taken from one source.
* `judge_features`, `judge`: the learned judge, which may upgrade an `insufficient` verdict of a
  figure-less prose claim when a logistic regression over the rules' own measurements is confident.

The public API is `verify_claim`, `verify_claims` and `read_back` (a claim against the one place it was
read from); `CONFIDENCE_WEIGHTS` and
`corroboration_label` are shown on pages.
"""

from synth.verify.combine import verdict_of
from synth.verify.confidence import CONFIDENCE_WEIGHTS
from synth.verify.corroboration import corroboration_label
from synth.verify.decide import others_note, read_back, verify_claim, verify_claims
from synth.verify.passages import other_than_claimed

__all__ = ["CONFIDENCE_WEIGHTS", "corroboration_label", "other_than_claimed", "others_note", "read_back",
           "verdict_of", "verify_claim", "verify_claims"]
