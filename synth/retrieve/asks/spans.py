"""Values a question asks as a span of figures: "over what range of model sizes" is answered by "from 60M to 3B
parameters", and "for which total FLOP budgets" by the list "6e18, 2e19, and 1e20 total FLOPs". Elsewhere such
figures are left out (bounds.py): a bound of a range or the last of a list is no one model's value. Here the span
itself is the value, kept whole so that no one figure of it stands for the rest."""

from __future__ import annotations

import re

from synth.models import PlanAttribute
from synth.names import key, words_of
from synth.retrieve.asks.lexicon import has_word

_FIGURE = r"\d[\d,]*(?:\.\d+)?(?:e[+-]?\d+)?(?:\s?[KMBT]\b)?"
_NOUNS = r"(?P<after>(?:\s+[A-Za-z][\w\-]*){0,2})"
_FROM_TO = rf"{_FIGURE}\s+(?:(?:up\s+)?to|and)\s+{_FIGURE}"
_RANGE = re.compile(rf"\b(?:from|between)\s+(?P<span>{_FROM_TO}){_NOUNS}")
_LIST = re.compile(rf"(?<![\w.,\-])(?P<span>{_FIGURE}(?:\s*,\s*{_FIGURE})+\s*,?\s*(?:and|or)\s+{_FIGURE}){_NOUNS}")
# Words of a span's question that ask for it, not what it counts: "what range of model sizes".
_SPAN_WORDS = frozenset(key(w) for w in ("range", "ranges", "span"))
# Plural nouns asked of one subject that a list of figures answers whole: "which total FLOP budgets", "what
# model sizes"; a list of learning rates or batch sizes is a sweep, whose one value is asked of a model.
_LISTED = frozenset(key(w) for w in ("budgets", "sizes", "scales"))


def asks_span(attribute: PlanAttribute) -> bool:
    """Whether the attribute asks for a range ("range of model sizes") or a list ("FLOP budgets")."""
    words = attribute.name.lower().split()
    return any(key(w) in _SPAN_WORDS for w in words) or (bool(words) and words[-1].endswith("s")
                                                           and key(words[-1]) in _LISTED)


def span_values(text: str, attribute: PlanAttribute) -> list[tuple[str, None, str, int]]:
    """(span as written, no number, "", offset) of each range or list of figures in the sentence that measures a
    word of the asked attribute, named right after the span ("1e20 total FLOPs") or in the words before it
    ("varying in size from 60M to 3B parameters")."""
    if not asks_span(attribute):
        return []
    asked = {w for w in words_of(attribute.name) if w not in _SPAN_WORDS}
    out: list[tuple[str, None, str, int]] = []
    for pattern in (_RANGE, _LIST):
        for match in pattern.finditer(text):
            after = [key(w) for w in match.group("after").split()]
            preceding = text[max(0, match.start() - 40):match.start()]
            before = [key(w) for w in re.findall(r"[A-Za-z][\w\-]*", preceding)][-4:]
            if not any(has_word(after, w) or has_word(before, w) for w in asked):
                continue
            if any(position <= match.start("span") < position + len(shown) for shown, _, _, position in out):
                continue
            shown = (match.group("span") + match.group("after")).strip()
            out.append((shown, None, "", match.start("span")))
    return out


_RANGE_VALUE = re.compile(rf"^{_FROM_TO}\b")


def span_claims(entity: str, value: str, attribute: str) -> list[str]:
    """A range as sources word it, for the verification stage: "Mixture-of-Depths has model sizes from 60M to 3B
    parameters" (a bare "uses 60M to 3B parameters" reads as two figures, neither of them stated alone)."""
    if not _RANGE_VALUE.match(value):
        return []
    asked = " ".join(w for w in attribute.split() if key(w) not in _SPAN_WORDS and w.lower() not in ("of", "the"))
    return [f"{entity} has {asked} from {value}."] if asked else []
