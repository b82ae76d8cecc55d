"""A claim that a subject uses a named thing ("Qwen3 uses SwiGLU.", the answer stage's wording of a text cell),
stated by a sentence that names the subject and puts the thing to use: after a verb of use or as an item of
the list such a verb governs ("… including using Grouped Query Attention (…), SwiGLU (…), …"). Word overlap
alone misses it: "using" shares no word with "uses" once stemmed, and the names carry the claim."""

from __future__ import annotations

import re

from synth import claimparse
from synth.retrieve.asks.kinds import used_terms
from synth.text import fold
from synth.verify.claim import ClaimInfo
from synth.verify.names import mentioned

_USE_CLAIM = re.compile(r"^(?P<subject>.+?)\s+uses\s+(?P<thing>.+?)\.?$")
# A sentence that sets the subject against another ("Unlike Qwen3, we use …") says nothing of what it uses.
_CONTRAST = re.compile(r"\b(?:unlike|instead\s+of|rather\s+than|whereas|in\s+contrast|compared\s+(?:to|with))\b",
                       re.IGNORECASE)


def _plain(text: str) -> str:
    return " ".join(fold(text).lower().split())


def stated_use(info: ClaimInfo, sentences: list[str]) -> str | None:
    """The sentence stating that the claim's subject uses its thing, or None."""
    claim = _USE_CLAIM.match(info.text.strip())
    if claim is None:
        return None
    subject, thing = claim.group("subject"), claim.group("thing")
    for sentence in sentences:
        if _CONTRAST.search(sentence) or claimparse.negated(sentence) or claimparse.hedged(sentence):
            continue
        if not mentioned(fold(sentence), sentence, subject, None):
            continue
        if any(_plain(t) == _plain(thing) for t in used_terms(sentence, (thing,))):
            return sentence
    return None
