"""Figures that bound something rather than state one model's value: the ends of a range ("from 1B to 34B
parameters"), the last of a list of alternatives ("1, 2, and 4 shared experts"), the largest size a study spans
("models up to 8B parameters") and how far a method can scale ("scale to over 1 trillion parameters")."""

from __future__ import annotations

import re

_RANGE_START = re.compile(r"\b(?:from|between)\s+$", re.IGNORECASE)
_RANGE_END = re.compile(r"^\s*(?:(?:up\s+)?to|and|-|–)\s*\d", re.IGNORECASE)
ALTERNATIVES = re.compile(r"\d(?:[\d.]*)\s*,\s*(?:\d[\d.]*\s*,\s*)*(?:and|or)\s+$")
# the largest of the models studied, no one model's size
_FAMILY_UP_TO = re.compile(r"\b(?:models|scales|sizes|variants)\s+(?:of\s+)?(?:from\s+\S+\s+)?up\s+to\s+$",
                           re.IGNORECASE)


# "allowing us to scale to over 1 trillion parameters", "scaling translation models beyond 1 trillion parameters": how
# far a method can go, no model's size
_SCALED_BEYOND = re.compile(r"\bscal\w*\s+(?:[\w\-]+\s+){0,5}?(?:(?:up\s+)?to\s+)?(?:over|beyond|more\s+than)\s+$",
                            re.IGNORECASE)


def family_bound(text: str, start: int) -> bool:
    """The figure is the largest size of the models a study spans ("models up to 8B parameters")."""
    return _FAMILY_UP_TO.search(text[max(0, start - 40):start]) is not None


def in_range(text: str, start: int, end: int) -> bool:
    """A bound of a range ("from 1B to 34B parameters", "models up to 8B parameters") or the last of a list of
    alternatives ("1, 2, and 4 shared experts") describes a family or an ablation, not one model."""
    before, after = text[max(0, start - 10):start], text[end:end + 11]
    if _RANGE_START.search(before) and _RANGE_END.match(after):
        return True
    if ALTERNATIVES.search(text[max(0, start - 30):start]) or family_bound(text, start) \
            or _SCALED_BEYOND.search(text[max(0, start - 80):start]):
        return True  # "1, 2, and 4 shared experts": settings compared, not one model's value
    preceding = text[max(0, start - 40):start]
    return bool(re.search(r"\b(?:to|and)\s+$", before)) and bool(
        re.search(r"\b(?:from|between)\s+\S+\s+(?:(?:up\s+)?to|and)\s+$", preceding))
