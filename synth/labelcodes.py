"""Table labels written the way code and compact tables write them, read by the answer stage and the
verifier alike, so a label one reads as "key-value heads" the other reads the same way.

* A code label (`context_len`, `num_experts`, `n_kv_heads`, `dmodel`) abbreviates the words of a
  property: `abbreviated_property`.
* A pair label ("Heads (Q / KV)" over cells "16 / 8", "# Experts (Total / Activated)" over "128 / 8")
  states one value per part: `pair_names` reads the parts, `pair_part` the one a wording names.
"""

from __future__ import annotations

import re

from synth.names import LabelMatch, key, same_label_word
from synth.text import fold

_COUNTING = frozenset({"n", "num", "no", "number", "numbers", "count", "total", "of", "the", "model", "models"})
_ABBREVIATION_TAIL = re.compile(r"^d(?=[a-z]{2,}$)")
_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+$")
_PAIR = re.compile(r"\(([^()]*/[^()]*)\)")
# A word every value of a label's noun has, so a code label need not write it: heads are attention heads (`n_heads`
# answers "attention heads"; `n_kv_heads` still does not, its `kv` being no asked word).
_IMPLIED = {"heads": frozenset({"attention"})}
_WORD = re.compile(r"[A-Za-z][A-Za-z\-]*")


def code_label(label: str) -> bool:
    """A label written as an identifier (`context_len`, `n_kv_heads`): its words are abbreviations
    that only `abbreviated_property` reads."""
    return bool(_CODE.match(label.strip()))


def _label_tokens(label: str, asked: list[str]) -> list[str]:
    """A label's words as written in code or a formula: `n_kv_heads` → n, kv, heads; `dmodel` → d, model
    (a dimension written d with its subscript run in)."""
    tokens = []
    for token in re.findall(r"[a-z][a-z0-9]*", fold(label).replace("_", " ")):
        rest = token[1:]
        if _ABBREVIATION_TAIL.match(token) and not _abbreviates(token, asked) and (rest in asked or len(rest) <= 3):
            tokens += ["d", rest]
        else:
            tokens.append(token)
    return tokens


def abbreviated_property(asked_name: str, label: str, every_word: bool = False) -> LabelMatch | None:
    """A label abbreviating the asked property as code and formulas do: every word of the label is an asked
    word, its start (`dim`, `len`, `vocab`, `d` before a subscript) or the initials of asked words in a row
    (`kv` for key-value, `ff` for feed-forward); every asked word but one is in the label, and two are
    when one is left out (`hidden_dim` for the feed-forward hidden dimension, never `dim` alone).
    `every_word`: no asked word may be left out and none may be a counting word at either end (a
    claim's words naming the label, where a word left out would be a qualifier it does not state)."""
    ends = fold(asked_name).split()[:1] + fold(asked_name).split()[-1:]
    if every_word and any(w in _COUNTING for w in ends):
        return None  # "context length of": the phrase is the words the label states, not a word around them
    units = [u for u in fold(asked_name).split() if u not in _COUNTING]
    words = [w for u in units for w in re.findall(r"[a-z][a-z0-9]*", u)]
    unit_of = [k for k, u in enumerate(units) for _ in re.findall(r"[a-z][a-z0-9]*", u)]
    if not words or re.search(r"[(×^]|\d", label):
        return None
    everything = re.findall(r"[a-z][a-z0-9]*", fold(asked_name))
    split = _label_tokens(label, everything)
    tokens = [t for t in split if t not in _COUNTING or t == "d"]
    if not tokens or split == ["d"]:
        return None
    covered: set[int] = set()
    for token in tokens:
        hit = _abbreviates(token, words)
        if not hit:
            return None
        covered.update(unit_of[k] for k in hit)
    if not every_word:
        implied = {word for k in covered for word in _IMPLIED.get(units[k], ())}
        covered.update(k for k, unit in enumerate(units) if unit in implied)
    left = len(units) - len(covered)
    if left > 1 or (left == 1 and (len(covered) < 2 or every_word)):
        return None
    return LabelMatch(label, None, abbreviated=True)


def _abbreviates(token: str, words: list[str]) -> set[int]:
    """Indexes of the asked words a label token stands for."""
    for k, word in enumerate(words):
        if token == word or token.rstrip("s") == word.rstrip("s") or (word.startswith(token) and
                                                                        (len(token) >= 3 or token == "d")):
            return {k}
    if 2 <= len(token) <= 3:
        for k in range(len(words) - len(token) + 1):
            if all(words[k + m].startswith(token[m]) for m in range(len(token))):
                return set(range(k, k + len(token)))
    return set()


def pair_names(label: str) -> list[str]:
    """The parts a pair label names, in order ("Heads (Q / KV)" → Q, KV); [] for any other label."""
    pair = _PAIR.search(label)
    return [n.strip() for n in pair.group(1).split("/")] if pair else []


def label_words(text: str) -> list[str]:
    """A label's words as stems (`Activated` → activ), compared with `has_word`."""
    return [key(w) for w in _WORD.findall(text)]


def has_word(words: list[str], wanted: str) -> bool:
    """Whether a stem is among the words, or shares its first five letters with one (`activates` ~ `activated`); a
    peak word stands for any other (`Max Learning Rate` has the asked `maximum`)."""
    return any(same_label_word(w, wanted) or (len(w) >= 5 and len(wanted) >= 5 and w[:5] == wanted[:5]) for w in words)


def _initials(part: str, asked: str) -> bool:
    """"KV" for "key-value heads": a short upper-case part spelling the initials of asked words in a row."""
    letters = part.lower()
    initials = "".join(w[0] for w in re.split(r"[\s\-]+", asked.lower()) if w)
    return part.isupper() and 1 < len(letters) <= 3 and letters in initials


def pair_part(names: list[str], asked: str, modifiers: tuple[str, ...] = ()) -> int | None:
    """Which part of a pair the asked wording names: by its qualifiers (`modifiers`, "activated"), else
    by its words or their initials ("key-value heads" names KV); None unless exactly one part."""
    asked_words = label_words(asked)
    hits = [k for k, n in enumerate(names)
            if (modifiers and all(has_word(label_words(n), m) for m in modifiers))
            or (not modifiers and (_initials(n, asked) or (label_words(n) and all(has_word(asked_words, w)
                                                                              for w in label_words(n)))))]
    return hits[0] if len(hits) == 1 else None
