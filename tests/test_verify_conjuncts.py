"""Clauses joined under one subject are verified one by one, the subject carried into each."""

from __future__ import annotations

import pytest

from synth.verify.conjuncts import conjuncts


@pytest.mark.parametrize(("claim", "parts"), [
    ("DeepSeek-V2 supports a context length of 128K tokens and was pre-trained on 8.1T tokens.",
     ["DeepSeek-V2 supports a context length of 128K tokens.", "DeepSeek-V2 was pre-trained on 8.1T tokens."]),
    ("Mixtral 8x7B has 47B parameters in total but uses only 13B per token.",
     ["Mixtral 8x7B has 47B parameters in total.", "Mixtral 8x7B uses only 13B per token."]),
    # one clause: figures joined by "and", objects joined by "and", no name opening the claim
    ("DeepSeek-R1 scores 79.8% on AIME 2024 and 97.3% on MATH-500.",
     ["DeepSeek-R1 scores 79.8% on AIME 2024 and 97.3% on MATH-500."]),
    ("BERT uses masked LM and next sentence prediction.", ["BERT uses masked LM and next sentence prediction."]),
    ("The model is trained on books and uses a large vocabulary.",
     ["The model is trained on books and uses a large vocabulary."]),
])
def test_a_claim_is_split_only_at_a_clause_with_its_own_verb(claim: str, parts: list[str]) -> None:
    assert conjuncts(claim) == parts
