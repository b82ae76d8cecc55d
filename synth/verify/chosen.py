"""Counts chosen per input: "DeepSeek-V3 selects only 8 routed experts" says how many of its experts each token
uses, not how many it has. A count a choosing verb governs (synth.text.CHOOSING, the words retrieval reads counts
with), or written as the chosen ones ("8 activated experts", "2 experts per token"), is in another role than a
count of the whole pool: neither states nor contradicts the other."""

from __future__ import annotations

import re

from synth.claimparse import Quantity
from synth.text import CHOOSING, chosen_count

# "8 activated experts", "two active experts": the count is of the ones chosen
_CHOSEN_NOUN = re.compile(r"^[\s-]+(?:activated|active|selected|chosen)\b", re.IGNORECASE)
# "2 experts per token", "two experts for every token", "3.2 experts/node": the count is of one input's, or a rate
_PER_INPUT = re.compile(r"^\s+(?:[\w\-]+\s+)?[\w\-]+(?:\s+(?:per|for\s+(?:each|every))\s+|/)(?:token|input|node)s?\b",
                        re.IGNORECASE)


# "… selects only 8 routed experts in practice, it can scale up this number to a maximum of 13 experts": what "this
# number" (a count chosen before it in the sentence) is scaled to is a chosen count too, never the pool's size
_BACK_TO_COUNT = re.compile(r"\b(?:this|that|the\s+same)\s+number\b[^.;]{0,60}$", re.IGNORECASE)


def per_input(text: str, quantity: Quantity) -> bool | None:
    """Whether a count is of the members chosen for one input (True) or of a pool (False); None for a figure that
    is no plain count (a size, a share), which other rules read."""
    if quantity.unit != "plain" or quantity.scientific:
        return None
    after = text[quantity.end:quantity.end + 60]
    return bool(chosen_count(text, quantity.start, quantity.end) or _CHOSEN_NOUN.match(after)
                or _PER_INPUT.match(after) or _chosen_before(text, quantity))


def _chosen_before(text: str, quantity: Quantity) -> bool:
    """Whether the count is what "this number" becomes, and the sentence chose that number before it."""
    start = max(text.rfind(". ", 0, quantity.start), text.rfind("; ", 0, quantity.start), 0)
    back = _BACK_TO_COUNT.search(text[start:quantity.start])
    return back is not None and bool(CHOOSING.search(text[start:start + back.start()]))


def other_role(claim: str, said: Quantity, window: str, written: Quantity) -> bool:
    """Whether one of two whole counts is chosen per input and the other is not ("has 256 routed experts" against
    "selects only 8 routed experts"): the window's count neither states nor contradicts the claim's."""
    mine = per_input(claim, said)
    theirs = per_input(window, written)
    return mine is not None and theirs is not None and mine != theirs
