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
                    r"reduction|decrease|drop|speed-?up)\b(?!-)", re.IGNORECASE)  # not "5T higher-quality tokens"
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


# The verbs that make each asked change ("KV cache reduction" is said "reduces the KV cache by 93.3%")
_CHANGE_VERBS = {"reduction": r"(?:reduc|cut|lower|decreas|sav|shrink|compress)\w*",
                 "decrease": r"(?:reduc|cut|lower|decreas|shrink)\w*",
                 "increase": r"(?:increas|boost|rais|grow|grew|expand)\w*",
                 "improvement": r"(?:improv|boost|increas|rais)\w*", "gain": r"(?:improv|boost|increas|gain)\w*"}
_CHANGE_FIGURE = r"(?P<value>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>%|×|x\b|times\b)?"


@lru_cache(maxsize=256)
def _change_patterns(name: str) -> tuple[str, ...]:
    words = name.split()
    if len(words) < 2 or words[-1].lower() not in _CHANGE_VERBS:
        return ()
    thing = r"[\s-]+".join(re.escape(w) for w in words[:-1])
    verb = _CHANGE_VERBS[words[-1].lower()]
    patterns = (rf"\b{verb}\s+(?:the\s+|its\s+|their\s+)?{thing}\s+by\s+{_HEDGE}{_CHANGE_FIGURE}",
                rf"\b{thing}\s+{re.escape(words[-1])}s?\s+of\s+{_HEDGE}{_CHANGE_FIGURE}",
                # "boosts the maximum generation throughput to 5.76 times": a rise said as a multiple
                rf"\b{verb}\s+(?:the\s+|its\s+|their\s+)?(?:maximum\s+|peak\s+|average\s+)?{thing}\s+to\s+{_HEDGE}"
                r"(?P<value>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>×|x\b|times\b)",
                # "yield a 2x speed improvement", "a 93.3% KV cache reduction": the change written before its noun
                rf"(?<![\w.]){_CHANGE_FIGURE}\s+{thing}[\s-]+{re.escape(words[-1])}s?\b",
                # "saves 42.5% of training costs": the share of the thing a reduction takes away
                rf"\b{verb}\s+{_HEDGE}(?P<value>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>%)\s+of\s+(?:the\s+|its\s+|their\s+)?"
                rf"{thing}\b")
    return patterns


def change_values(text: str, attribute: PlanAttribute) -> list[tuple[str, float, str, int]]:
    """(value as written, number, unit, offset) of the asked change of a thing, said with its verb: "reduces the KV
    cache by 93.3%" for "KV cache reduction", "a KV cache reduction of 93.3%"."""
    out = []
    for pattern in _change_patterns(attribute.name):
        for found in re.finditer(pattern, text, re.IGNORECASE):
            unit = (found.group("unit") or "").replace("times", "×").replace("x", "×")
            raw = f"{found.group('value')}{'%' if unit == '%' else ''}{'×' if unit == '×' else ''}"
            out.append((raw, float(found.group("value").replace(",", "")), unit, found.start("value")))
    return out


def change_clause(text: str, attribute: str, number: float) -> str | None:
    """The words that state the asked change of value `number` ("reduces the KV cache by 93.3%"): a cell is checked
    as its source says it, not as "X has 93.3% KV cache reduction"."""
    for pattern in _change_patterns(attribute):
        for found in re.finditer(pattern, text, re.IGNORECASE):
            if float(found.group("value").replace(",", "")) == number:
                return found.group(0)
    return None
