"""A name the clause sets its statement against is not its subject ("Unlike Orion-1, Orion-70B …";
"…, but slightly different from Heron-2, it does not compress the queries"), and a clause that does
not name it ("Its KV compression dimension is 512") is untouched (synth.verify.passages.contrasted)."""

from __future__ import annotations

import pytest

from synth.verify.claim import claim_info
from synth.verify.negation import best_clause
from synth.verify.passages import contrasted

SENTENCE = "Its KV compression dimension is 512, but slightly different from Heron-2, it does not compress the queries."


@pytest.mark.parametrize(("claim", "sentence", "expected"), [
    ("Heron-2 does not compress the queries.", SENTENCE, "Heron-2"),
    ("Heron-2 has a KV compression dimension of 512.", SENTENCE, None),
    ("Orion-1 does not drop any tokens during training.",
     "Unlike Orion-1, Orion-70B does not drop any tokens during training.", "Orion-1"),
    ("Orion-70B does not drop any tokens during training.",
     "Unlike Orion-1, Orion-70B does not drop any tokens during training.", None),
    ("Heron-2 does not compress the queries.",
     "Unlike Heron-2-Lite, Heron-2 does not compress the queries.", None),
])
def test_a_contrasted_name_is_not_the_subject(claim: str, sentence: str, expected: str | None) -> None:
    info = claim_info(claim, frozenset())
    assert contrasted(info, best_clause(info, sentence)) == expected
