"""Subjects derived from a named model: "the DeepSeek-R1 distilled models", "models distilled from X".

Such a phrase names a model but asks about others: the models made from it, which its sources' tables
list under their own names ("DeepSeek-R1-Distill-Qwen-32B"). Answering for the named model itself would
answer a question about one model with values of another, so the phrase resolves to the table labels that
carry both the name and the derivation's word, or to no subject at all (the page then says none was read).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from synth.names import canonical
from synth.text import fold
from synth.vocabulary import Vocabulary

_DERIVATION = r"(?P<how>distill(?:ed|ation)?|fine-?tuned|quantized|pruned)"
_KIND = r"(?:models?|variants?|versions?|checkpoints?|students?)"
_AFTER = re.compile(rf"^[\s\-]+{_DERIVATION}\s+{_KIND}\b", re.IGNORECASE)
_BEFORE = re.compile(rf"\b{_DERIVATION}\s+(?:the\s+)?$", re.IGNORECASE)
_BEFORE_KIND = re.compile(rf"^\s+{_KIND}\b", re.IGNORECASE)
_FROM = re.compile(rf"\b{_KIND}\s+{_DERIVATION}\s+(?:from|on|of)\s+(?:the\s+)?$", re.IGNORECASE)
_MOST = 16


@dataclass(frozen=True)
class Derived:
    """A named model's derived models the question asks about, and the word that derives them."""

    name: str
    how: str


def derived_from(text: str, name: str, start: int, end: int) -> Derived | None:
    """Whether the question asks for the models derived from the name at text[start:end]."""
    after = _AFTER.match(text[end:])
    if after:
        return Derived(name, after.group("how"))
    before = _BEFORE.search(text[:start])
    if before and _BEFORE_KIND.match(text[end:]):
        return Derived(name, before.group("how"))
    origin = _FROM.search(text[:start])
    return Derived(name, origin.group("how")) if origin else None


def derived_members(derived: Derived, homes: list[str], vocab: Vocabulary) -> list[str]:
    """The table labels naming a model derived from the name: they start with it and carry the
    derivation's word ("DeepSeek-R1-Distill-Llama-70B" for "distilled"), in library order."""
    stem = fold(derived.how).replace("-", "")[:6]
    start = canonical(derived.name)
    labels = dict.fromkeys(" ".join(r.record.entity.split()) for r in vocab.records_for((derived.name,), (), homes))
    found: dict[str, str] = {}
    for label in labels:
        if canonical(label).startswith(start) and stem in fold(label).replace("-", ""):
            found.setdefault(canonical(label), label)
    return list(found.values())[:_MOST]
