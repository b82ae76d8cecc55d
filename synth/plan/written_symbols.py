"""A symbol written after the asked noun is the attribute's spelling in its paper, not a word of it: "what clipping
threshold d" asks the clipping threshold, which the paper sets as "d = 1"; "what FFN hidden size d_ff" the hidden size
it sets as "df f = 3072". A plural noun before coordinated symbols asks one attribute per symbol: "what regularization
constants ε1 and ε2" asks the regularization constant ε1 and the regularization constant ε2 (the symbol stays in each
name, which tells the two apart). Only the shape of the words is read: a lowercase noun, then a Greek letter with an
index, a letter with a subscript, or one letter."""

from __future__ import annotations

import re
from dataclasses import replace

from synth.models import AttributeKind
from synth.plan.wording import Asked

_GREEK = r"[\u0370-\u03ff][A-Za-z0-9\u0370-\u03ff]{0,3}"
_SUBSCRIPTED = r"[A-Za-z]_\{?[A-Za-z0-9]{1,8}\}?"
# one letter, not a word of its own ("a", "I") nor a letter that names a thing's kind ("Plan B", "top k" is "top-k")
_LETTER = r"[b-hj-zB-HJ-Z]"
_SYMBOL = rf"(?:{_GREEK}|{_SUBSCRIPTED}|{_LETTER})"
_TRAILING = re.compile(rf"^(?P<noun>(?:[\w\-]+\s+)*[a-z][a-z\-]{{2,}})\s+(?P<symbol>{_SYMBOL})$")
_BARE = re.compile(rf"^{_SYMBOL}$")
# nouns a letter after which names one of several things ("stage B", "type k"), not a symbol for the noun
_LETTERED_NOUNS = frozenset("top bottom pass type types class classes group groups set sets stage stages phase "
                            "phases level levels option options plan version versions part parts step model models "
                            "figure table appendix section".split())


def _letter_of(symbol: str) -> str:
    return symbol[0]


def _plural_head(noun: str) -> str:
    """"regularization constants" → "regularization constant": one of the several the symbols name."""
    words = noun.split()
    last = words[-1]
    if last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith(("ss", "us", "is")) and len(last) > 3:
        last = last[:-1]
    return " ".join([*words[:-1], last])


def _trailing(text: str) -> tuple[str, str] | None:
    """(noun, symbol) of a phrase that ends on a symbol written after a common noun."""
    found = _TRAILING.match(text.strip())
    if not found:
        return None
    noun, symbol = found.group("noun"), found.group("symbol")
    if re.fullmatch(_LETTER, symbol) and noun.split()[-1].lower() in _LETTERED_NOUNS:
        return None
    return noun, symbol


def _as_quantity(asked: Asked, name: str) -> Asked:
    """A symbol is set to a number: the phrase asks a quantity unless its wording fixed another kind."""
    return replace(asked, text=name, kind=asked.kind or AttributeKind.QUANTITY,
                   how=f"{asked.how}; the symbol written after it is its spelling")


def with_symbols(asked: list[Asked]) -> list[tuple[Asked, tuple[str, ...]]]:
    """Each asked phrase with the symbols the question writes for it: "clipping threshold d" → ("clipping
    threshold", ("d",)); "regularization constants ε1", "ε2" (a bare symbol coordinated with one of the same letter)
    → "regularization constant ε1" (ε1), "regularization constant ε2" (ε2)."""
    out: list[tuple[Asked, tuple[str, ...]]] = []
    index = 0
    while index < len(asked):
        item = asked[index]
        trailing = _trailing(item.text)
        if trailing is None:
            out.append((item, ()))
            index += 1
            continue
        noun, symbol = trailing
        listed = [symbol]
        following = index + 1
        while following < len(asked) and _BARE.match(asked[following].text) \
                and _letter_of(asked[following].text) == _letter_of(symbol) and asked[following].text not in listed:
            listed.append(asked[following].text)
            following += 1
        if len(listed) == 1:
            out.append((_as_quantity(item, noun), (symbol,)))
        else:
            head = _plural_head(noun)
            out += [(_as_quantity(item, f"{head} {each}"), (each,)) for each in listed]
        index = following
    return out
