"""Candidates that state the asked variant of a label, not its neighbour.

An attribute such as "activated experts per token" or "maximum learning rate" carries a qualifier that
tells it apart from other variants of the same label (the total experts, the final learning rate). A
value stated under a label that lacks the qualifier is another variant's: giving it is the worst failure
the product can have (a neighbour's value), so such a candidate is dropped and the cell is declared not
stated rather than filled. A qualifier is read from English structure only: a participle or an
adjective in -ive before the noun ("activated", "routed", "shared", "active"), a word of degree
("maximum", "peak", "initial", "final", "default"), or a distributive phrase after it ("per token").

A table label written as a pair ("# Experts (Total / Activated)" over cells "128 / 8") states each
variant in its own part: the part named by the qualifier is the candidate's value.
"""

from __future__ import annotations

import re
from dataclasses import replace

from synth import claimparse
from synth.labelcodes import has_word, label_words, pair_names, pair_part
from synth.models import AttributeKind, PlanAttribute
from synth.names import key
from synth.retrieve.asks.candidates import Candidate
from synth.retrieve.asks.lexicon import peak_word
from synth.retrieve.asks.schedules import peak_stated

_DEGREE = frozenset({"maximum", "max", "minimum", "min", "peak", "initial", "final", "default"})
_DISTRIBUTIVE = re.compile(r"\b(?:per|in\s+each|for\s+each|at\s+each)\s+([a-z][\w\-]*)", re.IGNORECASE)
_NOT_QUALIFIERS = frozenset({"embed", "need", "speed", "seed", "feed", "bed", "red", "used", "based"})
_WORD = re.compile(r"[A-Za-z][A-Za-z\-]*")
_NUMBER = re.compile(r"\d")


def qualifiers(attribute: PlanAttribute) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The attribute's qualifiers as (modifiers, distributive nouns): "activated experts per token" →
    (activated,), (token,)."""
    if attribute.kind is not AttributeKind.QUANTITY:
        return (), ()
    name = attribute.name
    per = tuple(key(m.group(1)) for m in _DISTRIBUTIVE.finditer(name))
    head = _DISTRIBUTIVE.split(name)[0]
    words = _WORD.findall(head)
    modifiers = tuple(key(w) for w in words[:-1] if _qualifying(w))
    return modifiers, per


def _qualifying(word: str) -> bool:
    lowered = word.lower()
    if lowered in _DEGREE:
        return True
    if lowered in _NOT_QUALIFIERS or "-" in lowered or len(lowered) < 5:
        return False
    return lowered.endswith(("ed", "ive"))


def _pair_value(candidate: Candidate, label: str, asked: str, modifiers: tuple[str, ...]) -> Candidate | None:
    """"# Experts (Total / Activated)" over "128 / 8", "Heads (Q / KV)" over "32 / 8": the part of the value
    the attribute names (by its qualifier, its words or their initials: synth.labelcodes)."""
    names = pair_names(label)
    values = [v.strip() for v in candidate.value.split("/")]
    if not names or len(names) != len(values):
        return None
    part = pair_part(names, asked, modifiers)
    if part is None:
        return None
    value = values[part]
    number = claimparse.quantities(value)
    parsed = number[0].value if number else None
    if parsed is None:
        try:
            parsed = float(value.replace(",", ""))
        except ValueError:
            return None
    variant = "; ".join(p for p in (candidate.variant or "").split("; ") if p and "/" not in p) or None
    return replace(candidate, value=value, number=parsed, variant=variant)


_TOP_K = re.compile(r"(?<![a-z])top[_\-]?k[_\-]", re.IGNORECASE)


def _table_keeps(candidate: Candidate, attribute: PlanAttribute, modifiers: tuple[str, ...], per: tuple[str, ...]
                 ) -> Candidate | None:
    label = candidate.evidence.quote.rsplit("|", 1)[0]  # the row label and headers, not the value
    if "/" in candidate.value:
        return _pair_value(candidate, label, attribute.name, modifiers) if modifiers else None
    words = label_words(label) + label_words(candidate.entity)
    if _TOP_K.search(label):  # "top_k_experts": the experts each token is routed to, the selected ones
        words += label_words("activated active selected routed per token")
    wanted = modifiers or per
    return candidate if all(has_word(words, m) for m in wanted) else None


def _window(text: str, at: int, end: int) -> list[str]:
    """Words next to a value, up to another number or a clause mark on either side."""
    left = re.split(r"[\d;:()]|,\s", text[max(0, at - 80):at])[-1]
    right = re.split(r"[\d;:()]|,\s|\.\s", text[end:end + 80])[0]
    return label_words(" ".join(_WORD.findall(left)[-6:] + _WORD.findall(right)[:6]))


_PREDICATE = re.compile(r"^\s*(?:[A-Za-z][\w\-]*\s+){0,3}?(?:will\s+be|would\s+be|are|is|were|was|get|gets|being)\s+"
                        r"(?:only\s+)?([a-z]+(?:ed|ive))\b")
_ATTRIBUTIVE = re.compile(r"^\s*([a-z]+(?:ed|ive))\s+([a-z][\w\-]*)")


def _another_variant(text: str, end: int, asked: list[str], modifiers: tuple[str, ...]) -> bool:
    """Whether the words after a value make it another variant's count than the one asked: "8 routed experts will
    be activated for each token" counts the activated experts, not the routed experts of a layer; "13B active
    parameters" is not the total. A participle the asked attribute has is its own variant."""
    right = re.split(r"[;:()]|,\s|\.\s", text[end:end + 80])[0]
    found = _PREDICATE.match(right)
    if found is None and not modifiers:
        found = _ATTRIBUTIVE.match(right)
        # "1000 rectified linear hidden units": a participle opening a compound ("rectified linear") says what kind
        # the counted things are, not which of them are counted ("13B active parameters")
        if found is not None and not has_word(asked, key(found.group(2))):
            return False
    if found is None or found.group(1).lower() in _NOT_QUALIFIERS:
        return False
    return not has_word(asked, key(found.group(1)))


def _prose_keeps(candidate: Candidate, modifiers: tuple[str, ...], per: tuple[str, ...],
                 asked: list[str] | None = None) -> bool:
    text = candidate.evidence.quote
    places = list(re.finditer(r"(?<![\w.])" + re.escape(candidate.value) + r"(?![\w]|\.\d)", text))
    if not places:
        return True  # the value was reworded; the retrieval's own checks stand
    if asked is not None:
        places = [p for p in places if not _another_variant(text, p.end(), asked, modifiers)]
        if not modifiers and not per:
            return bool(places)
    for place in places:
        near = _window(text, place.start(), place.end())
        if modifiers and all(has_word(near, m) for m in modifiers):
            return True
        if modifiers and all(peak_word(m) for m in modifiers) and peak_stated(text, place.start()):
            return True
        if not modifiers and all(has_word(near, p) or has_word(label_words(text), p) for p in per):
            return True
    return False


def keep_qualified(attribute: PlanAttribute, candidates: list[Candidate]) -> list[Candidate]:
    """The candidates that state the attribute's own variant (its qualifier next to the value or in the
    label); the others are another variant's values."""
    modifiers, per = qualifiers(attribute)
    asked = label_words(attribute.name) if attribute.kind is AttributeKind.QUANTITY else None
    if not modifiers and not per:
        return [_split_pair(attribute, c) for c in candidates
                if c.table or asked is None or _prose_keeps(c, modifiers, per, asked)]
    out = []
    for candidate in candidates:
        if candidate.table:
            kept = _table_keeps(candidate, attribute, modifiers, per)
            if kept is not None:
                out.append(kept)
        elif _prose_keeps(candidate, modifiers, per, asked):
            out.append(candidate)
    return out


def _split_pair(attribute: PlanAttribute, candidate: Candidate) -> Candidate:
    """An unqualified count read from a pair label keeps only the part its words name ("key-value heads"
    from "Heads (Q / KV)"), or the whole pair when no part is named."""
    if not candidate.table or "/" not in candidate.value or attribute.kind is not AttributeKind.QUANTITY:
        return candidate
    return _pair_value(candidate, candidate.evidence.quote.rsplit("|", 1)[0], attribute.name, ()) or candidate
