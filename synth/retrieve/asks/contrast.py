"""Modifiers that make a count another count: asked "total parameters", a figure said of "activated parameters"
is another count, whether the question asks that one too or the library's labels use the modifier ("Active
Params")."""

from __future__ import annotations

import re

from synth.models import AttributeKind, Plan, PlanAttribute
from synth.names import default_modifiers, same_word, words_of
from synth.vocabulary import Vocabulary


def contrast_modifiers(attribute: PlanAttribute, plan: Plan, vocab: Vocabulary) -> frozenset[str]:
    """Modifiers that make a count another count: those of the other asked attributes with the same
    noun, and those the library's own labels put before that noun (`Active Params` against total)."""
    if attribute.kind is not AttributeKind.QUANTITY:
        return frozenset()
    asked = words_of(attribute.name)
    mine = asked
    heads = {w for w in asked if w not in default_modifiers(asked)}
    found: set[str] = set()
    for other in plan.attributes:
        if other is not attribute and other.kind is AttributeKind.QUANTITY:
            theirs = words_of(other.name)
            if any(same_word(a, b) for a in theirs for b in heads):
                found |= {w for w in theirs if not any(same_word(w, m) for m in mine)}
    for label in vocab.attribute_labels:
        words = words_of(re.sub(r"\([^)]*\)", " ", label))
        if len(words) >= 2 and any(same_word(a, b) for a in words for b in heads):
            found |= {w for w in words if not any(same_word(w, m) for m in mine) and w.isalpha() and len(w) >= 4}
    return frozenset(found)

