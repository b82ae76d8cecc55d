"""Counts a sentence states without writing the figure before its noun: after a verb ("covering up to 119
languages"), as the members chosen for each input ("selects only 8 routed experts") or in words ("two experts").
quantities.py reads these after the figures written with their noun."""

from __future__ import annotations

import re

from synth.names import key
from synth.retrieve.asks.lexicon import PLAIN, has_word
from synth.retrieve.asks.spaced import where_not_how_many
from synth.text import CARDINALS, cardinal_pattern, chosen_count

# Words that make a count the part of a set used for one input: "selects only 8 routed experts" is not the number of
# routed experts, it is how many are activated per token.
SUBSET_WORDS = frozenset(key(w) for w in ("activated", "active", "selected", "chosen", "activates", "selects"))
_NUMBER_WORDS = {**CARDINALS, "single": 1.0}
_SPELLED = re.compile(r"(?<![\w-])(" + cardinal_pattern(_NUMBER_WORDS) + r")(?![\w-])(?!\s+of\b)", re.IGNORECASE)
# "one … the other": "one" picks one of a pair, it counts nothing
_THE_OTHER = re.compile(r"\b(?:the\s+other|another)\b", re.IGNORECASE)

_NEXT_WORD = re.compile(r"\s+([A-Za-z][A-Za-z\-]*)")


def counts_other(after: str, asked: frozenset[str]) -> bool:
    """The figure counts the plural noun written right after it, not an asked noun further on: "36 trillion tokens
    covering up to 119 languages" gives no count of languages."""
    found = _NEXT_WORD.match(after)
    if not found:
        return False
    word = found.group(1)
    plural = len(word) > 3 and word.lower().endswith("s") and not word.lower().endswith(("ss", "us", "is"))
    # "a smaller 124M parameter model with 12 layers": a count of parameters written attributively, no layers
    attributive = word.lower().split("-")[0] in _ATTRIBUTIVE_COUNTS
    return (plural or attributive) and not has_word(asked, key(word))


_ATTRIBUTIVE_COUNTS = frozenset(("parameter", "param", "token"))


def verb_values(text: str, words: list[str], taken: set[int]) -> list[tuple[str, float, str, int]]:
    """"How many languages do they cover" asks the covered languages: "… tokens covering up to 119 languages" states
    them with the verb before the figure and the noun after it; "predicts the next 2 tokens", "we averaged the last
    20 checkpoints" with the ordinal that picks them between (fresh11)."""
    if len(words) != 2 or not words[0].lower().endswith("ed") or len(words[0]) < 6:
        return []
    verb = re.escape(words[0].lower()[:-2].rstrip("e"))
    noun = re.escape(singular(words[1]))
    pattern = re.compile(rf"\b{verb}\w*\s+(?:up\s+to\s+|about\s+|over\s+|nearly\s+|more\s+than\s+|"
                         rf"the\s+(?:next|last|final|first|top)\s+)?"
                         rf"(\d{{1,3}}(?:,\d{{3}})+|\d+)\s+{noun}\w*\b", re.IGNORECASE)
    out = []
    for found in pattern.finditer(text):
        if found.start(1) not in taken:
            taken.add(found.start(1))
            out.append((found.group(1), float(found.group(1).replace(",", "")), "", found.start(1)))
    return out


def singular(word: str) -> str:
    """"experts" → "expert", so "1 shared expert" is read for "shared experts"."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def subset_values(text: str, words: list[str], taken: set[int]) -> list[tuple[str, float, str, int]]:
    """Counts of the chosen members for an attribute that asks for them ("activated experts per token"): the
    number names the attribute's noun and a selection verb binds it, before or after ("Among the routed
    experts, 8 experts will be activated for each token", "selects only 8 routed experts")."""
    noun = next((w for w in reversed(words) if key(w) not in SUBSET_WORDS), None)
    if noun is None:
        return []
    noun_after = re.compile(rf"^\s+(?:[a-z]+\s+)?{re.escape(singular(noun))}\w*\b", re.IGNORECASE)
    # "6 out of 64 routed experts": the count before "out of" is the part chosen, whatever the verb.
    out_of = re.compile(rf"^\s+out\s+of\s+(?:the\s+)?[\d,]+\s+(?:[a-z]+\s+)?{re.escape(singular(noun))}\w*\b",
                        re.IGNORECASE)
    out: list[tuple[str, float, str, int]] = []
    for number in PLAIN.finditer(text):
        if number.start() in taken or number.group(2):
            continue
        if out_of.match(text[number.end():]) or (noun_after.match(text[number.end():])
                                                 and chosen_count(text, number.start(), number.end())):
            taken.add(number.start())
            out.append((number.group(0), float(number.group(1).replace(",", "")), "", number.start()))
    return out


_PLURAL_NOUN = re.compile(r"[a-z][a-z\-]{2,}(?<![su])s", re.IGNORECASE)


def spelled_values(text: str, words: list[str], taken: set[int], subset: bool = False
                    ) -> list[tuple[str, float, str, int]]:
    """"a single epoch", "two experts": a number written as a word counts only right before the asked
    noun itself, in its own number ("three patching functions" are no patch size); a count of the members chosen
    for each input ("selects two experts") only when those are asked (`subset`)."""
    # the asked noun in the asked number: "Three factors drive …" counts factors, it is no "factor" of change
    exact = r"[\s-]+".join(re.escape(w[:-1]) + "s?" if w.lower().endswith("s")
                            else re.escape(w) + ("" if k == len(words) - 1 else "s?") for k, w in enumerate(words))
    noun = next((w for w in reversed(words) if key(w) not in SUBSET_WORDS), None)
    out = []
    for number in _SPELLED.finditer(text):
        if not subset and chosen_count(text, number.start(), number.end()):
            continue  # "each token dispatched to at most two experts": experts per token, not the model's experts
        chosen = subset and noun is not None and chosen_count(text, number.start(), number.end()) and re.match(
            rf"\s+{re.escape(singular(noun))}\w*\b", text[number.end():], re.IGNORECASE)
        # "two fully connected hidden layers"; "one ReLU-activated hidden layer of size 4096": the noun's own measure
        said = chosen or re.match(rf"\s+(?:(?!and\b|or\b|of\b)[a-z][a-z\-]*\s+){{0,2}}?{exact}(?![\w-])"
                                  rf"(?!\s+of\b(?!\s+(?:size|width|dimension|depth)\b))", text[number.end():],
                                  re.IGNORECASE)
        if number.start() in taken or not said or where_not_how_many(text, number.start()):
            continue  # "in a single training step" places the mixing, it counts no steps
        if not chosen and counts_other(text[number.end() + said.end():], frozenset()):
            continue  # "three pre-training stages" counts stages, no "pre-training"
        if not chosen and any(_PLURAL_NOUN.fullmatch(w) for w in said.group(0).split()[:-len(words)]):
            continue  # "We vary the two hyperparameters batch size and learning rate": two hyperparameters
        if number.group(1).lower() == "one" and _THE_OTHER.search(text[number.end():number.end() + 120]):
            continue  # "if one output is much more helpful than the other": a pronoun's pair, no count
        out.append((number.group(0), float(_NUMBER_WORDS[number.group(1).lower()]), "", number.start()))
    return out
