"""A setting's default and the value others changed it to (issue 9, the fresh2 tuning part): "What base wavelength
does RoPE use by default, and what did Llama 3 increase it to?" was read as a text attribute (the library writes
the phrase before its symbol, "base wavelength θ to 500,000"), the default "which by default is 10,000" was never
read, and "Follow up works have used this claim to justify … increasing the base wavelength θ to 500,000", joined
to the sentence naming RoPE before it, gave RoPE the modified value."""

from __future__ import annotations

from pathlib import Path

from libraries import answered

from synth.retrieve.asks.scope import cites_other_work

SPIRAL = """# Round Trips: what rotary encodings do

We study RoPE, the rotary position encoding, in decoder-only language models.

## Background

RoPE rotates each pair of query and key dimensions by an angle that grows with the position. The parameter θ is
called the base wavelength, which by default is 10,000 (Su et al., 2024), although works have explored increasing
it to, for instance, 500,000.

Importantly, a decay of attention with distance was first argued by the authors of RoPE (Su et al., 2024) as a
justification for the encoding. Follow up works have used this claim to justify modifications, such as increasing
the base wavelength θ to 500,000. We therefore find it important to point out when this decay does not occur.

We believe this is why works such as Llama 3 have found it useful to increase the base wavelength to 500,000 for
long contexts. We set the base wavelength θ to 10,000 in all our experiments.
"""


def test_the_default_and_the_value_another_model_changed_it_to(tmp_path: Path) -> None:
    answer = answered(tmp_path, {"spiral.md": SPIRAL}, "What base wavelength does RoPE use by default, and what did "
                      "Llama 3 increase it to?")
    cells = {c.subject: c.value for c in answer.cells}
    assert cells == {"RoPE": "10,000", "Llama 3": "500,000"}


def test_unnamed_other_works_acting_are_cited_work() -> None:
    assert cites_other_work("Follow up works have used this claim to justify modifications, such as increasing the "
                            "base wavelength θ to 500,000.")
    assert cites_other_work("Previous studies showed a gain of 2 points.")
    assert not cites_other_work("We follow up on works that used 500,000.")
