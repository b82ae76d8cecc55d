"""Polarity and scope: which sentence and clause of a passage carries the claim, so a contrast
elsewhere in the sentence ("X rose, whereas Y fell") does not flip it; and exclusive words
("only", "solely") that narrow a claim.
"""

from __future__ import annotations

import re

from synth import claimparse
from synth.verify.claim import ClaimInfo
from synth.verify.windows import Window
from synth.verify.words import shared_words, word_tokens

_CLAUSE_BREAK = re.compile(r";|:|,\s*(?=(?:whereas|while|but|although|though|yet|however|which|who|and)\b)"
                           r"|\b(?:whereas|but)\b")


def best_sentence(info: ClaimInfo, window: Window) -> str:
    """The sentence of a two-sentence window that carries the claim, for polarity checks."""
    return max(window.sentences(), key=lambda s: len(shared_words(info.words, word_tokens(s).bag)))


def matching_clause(claim: str, clause: str) -> str:
    """The clause of a compound claim that a window clause speaks to, so "A, but not B" is compared
    part by part rather than as one denial."""
    parts = [c for c in _CLAUSE_BREAK.split(claim) if c and c.strip()]
    if len(parts) <= 1:
        return claim
    target = word_tokens(clause).bag
    return max(parts, key=lambda c: len(shared_words(word_tokens(c).bag, target)))


def best_clause(info: ClaimInfo, sentence: str) -> str:
    """The clause of a sentence that carries the claim ("X increased A, whereas Y decreased B"),
    so a contrast elsewhere in the sentence does not flip its direction."""
    clauses = [c for c in _CLAUSE_BREAK.split(sentence) if c and c.strip()]
    if len(clauses) <= 1:
        return sentence

    def weight(clause: str) -> float:
        says_change = info.direction != 0 and any(claimparse.directions(clause))
        return len(shared_words(info.words, word_tokens(clause).bag)) + (0.5 if says_change else 0.0)

    return max(clauses, key=weight)


# "only", "solely", "exclusively" narrow a claim: a passage that does not say so does not state it.
EXCLUSIVE = re.compile(r"\b(only|solely|exclusively|entirely|alone)\b", re.IGNORECASE)
