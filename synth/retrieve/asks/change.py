"""Whether a figure is a change ("+3.3", "improves BLEU by 2.1", "a gain of 4 points") or a multiple ("1.5 times
expert parameters") rather than the value itself: neither is ever the asked value, unless the ask is for a
change or a ratio (an improvement, a speed-up, "how many times larger")."""

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
# "1.5 times expert parameters", "4× the compute", "2x more": a multiplier before a word (never "8x7B", "× 10−4").
_MULTIPLE = re.compile(r"[\d.,]+\s*(?:times\b|[×x](?=\s*[A-Za-z]))(?!\s*10\b)", re.IGNORECASE)
_CHANGE_ASKED = re.compile(r"\b(?:improve\w*|gain|gains|reduction|reduce\w*|decrease\w*|increase\w*|speed-?ups?|"
                           r"faster|slower|margin|difference|drop|delta|savings?|boost|ratio|fold|times\s+"
                           r"(?:larger|smaller|more|fewer|bigger|as))\b", re.IGNORECASE)


def states_change(text: str, position: int) -> bool:
    """Whether the figure starting at `position` is stated as a change: signed ("+3.3 BLEU"), the amount of a
    verb of change ("improves … by 2.1"), "a gain of 4", followed by a comparative ("3.3 points higher"), or a
    multiple of something else ("a GShard model containing 1.5 times expert parameters")."""
    before = text[max(0, position - 90):position]
    after = text[position:position + 40]
    return bool(_SIGNED.search(before) or _BY.search(before) or _OF.search(before)
                or _AFTER.match(after) or _MULTIPLE.match(after))


@lru_cache(maxsize=256)
def asks_change(attribute: PlanAttribute) -> bool:
    """Whether the ask itself is for a change (an improvement, a speed-up, a margin), whose value is one."""
    return any(_CHANGE_ASKED.search(s) for s in (attribute.name, *attribute.spellings))
