"""Whether a figure is a change ("+3.3", "improves BLEU by 2.1", "a gain of 4 points") rather than the value
itself: a change is never the asked value, unless the ask is for a change (an improvement, a speed-up)."""

from __future__ import annotations

import re
from functools import lru_cache

from synth.models import PlanAttribute

_HEDGE = r"(?:about|around|roughly|nearly|almost|over|up\s+to|more\s+than|at\s+least|approximately|~|≈)?\s*"
_SIGNED = re.compile(r"(?:^|[\s(\[/,:])[+±]\s*$")
_BY = re.compile(r"\b(?:improv\w*|increas\w*|gain\w*|boost\w*|rais\w*|reduc\w*|decreas\w*|lower\w*|cut\w*|"
                 r"drop\w*|outperform\w*|surpass\w*|exceed\w*|beat\w*|lead\w*|trail\w*|lag\w*|speed\w*\s+up)"
                 r"\b[^.;:]{0,60}?\bby\s+" + _HEDGE + "$", re.IGNORECASE)
_OF = re.compile(r"\b(?:absolute\s+|relative\s+|average\s+)?(?:gain|improvement|increase|boost|reduction|"
                 r"decrease|drop|margin|speed-?up|difference)s?\s+of\s+" + _HEDGE + "$", re.IGNORECASE)
_AFTER = re.compile(r"\S*\s*(?:%|points?|pp|percentage\s+points?|x|×)?\s*(?:absolute\s+|relative\s+)?"
                    r"(?:higher|lower|better|worse|more|less|fewer|faster|slower|improvement|gain|increase|"
                    r"reduction|decrease|drop|speed-?up)\b", re.IGNORECASE)
_CHANGE_ASKED = re.compile(r"\b(?:improve\w*|gain|gains|reduction|reduce\w*|decrease\w*|increase\w*|speed-?ups?|"
                           r"faster|slower|margin|difference|drop|delta|savings?|boost)\b", re.IGNORECASE)


def states_change(text: str, position: int) -> bool:
    """Whether the figure starting at `position` is stated as a change: signed ("+3.3 BLEU"), the amount of a
    verb of change ("improves … by 2.1"), "a gain of 4", or followed by a comparative ("3.3 points higher")."""
    before = text[max(0, position - 90):position]
    return bool(_SIGNED.search(before) or _BY.search(before) or _OF.search(before)
                or _AFTER.match(text[position:position + 40]))


@lru_cache(maxsize=256)
def asks_change(attribute: PlanAttribute) -> bool:
    """Whether the ask itself is for a change (an improvement, a speed-up, a margin), whose value is one."""
    return any(_CHANGE_ASKED.search(s) for s in (attribute.name, *attribute.spellings))
