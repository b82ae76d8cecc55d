"""How a claim spells a header's words other than letter for letter (used by synth.verify.labels).

* A one-word header cut short ("Recur", "Fold", "Mono") names the claim word it begins
  ("recursive", "folding", "monolingual"), not a whole word with an ending ("Small" is not "smaller").
* A word a header cuts short and closes with a period ("Hier. Right Branch.", "Val. Accuracy",
  "Dropout Prob.") abbreviates the longer claim word it begins: "hierarchical right branching",
  "validation accuracy", "dropout probability". Only a word of three letters or more before the
  period, and only in a label with a word written whole that is no function word ("% of Perf." is
  not "of performance"; the caller checks that, synth.verify.labels).
"""

from __future__ import annotations

import re
from typing import Protocol

# A header cut short ("Recur", "Fold", "Mono") names the word it begins: at least this many letters.
MIN_TRUNCATED = 4
# What follows a whole word rather than the rest of a cut one: a comparative or superlative
# ("Small" is not "smaller"), an inflection, an adverb, or the compound "baseline" ("Base").
_WHOLE_WORD_ENDING = re.compile(r"^(?:e?rs?|e?st|ly|ed|es|line|lines)$")
# A word a header cuts short with a period: at least this many letters before it.
MIN_ABBREVIATION = 3
_CUT_WORD = re.compile(rf"(?<![\w.])([A-Za-z]{{{MIN_ABBREVIATION},}})\.(?=\s|$)")
_CAMEL = re.compile(r"[A-Z][a-z]+|[A-Z]+(?![a-z])|\d+")


class Word(Protocol):
    """A claim word as synth.verify.labels tokenises it: folded form, spelling and offsets."""

    norm: str
    raw: str
    start: int
    end: int


def initials(raw: str) -> str:
    """The initials of a CamelCase word ("DeepSeek" → "ds")."""
    return "".join(part[0] for part in _CAMEL.findall(raw)).lower()


def truncated(claim: Word, label_raw: str) -> bool:
    """Whether a capitalised one-word header is a claim word cut short (`Recur` ~ "recursive",
    `Fold` ~ "folding", `Mono` ~ "monolingual"), as tables abbreviate what the text spells out."""
    return (len(label_raw) >= MIN_TRUNCATED and label_raw.isalpha() and label_raw[0].isupper()
            and label_raw[1:].islower() and claim.raw.isalpha() and claim.raw[1:].islower()
            and len(claim.norm) >= len(label_raw) + 2 and claim.norm.startswith(label_raw.lower())
            and not _WHOLE_WORD_ENDING.match(claim.norm[len(label_raw):]))


def cut_words(label: str) -> frozenset[str]:
    """The words a header writes cut short with a period ("Hier", "Branch" of "Hier. Right Branch.")."""
    return frozenset(m.group(1) for m in _CUT_WORD.finditer(label))


def abbreviates(claim: Word, label_norm: str) -> bool:
    """Whether a claim word spells out a header's cut word ("hierarchical" for "Hier.")."""
    return claim.raw.isalpha() and len(claim.norm) > len(label_norm) and claim.norm.startswith(label_norm)
