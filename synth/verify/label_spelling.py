"""How a claim spells a header's words other than letter for letter (used by synth.verify.labels).

* A one-word header cut short ("Recur", "Fold", "Mono") names the claim word it begins
  ("recursive", "folding", "monolingual"), not a whole word with an ending ("Small" is not "smaller").
* A word a header cuts short and closes with a period ("Hier. Right Branch.", "Val. Accuracy",
  "Dropout Prob.") abbreviates the longer claim word it begins: "hierarchical right branching",
  "validation accuracy", "dropout probability". Only a word of three letters or more before the
  period, and only in a label with a word written whole that is no function word ("% of Perf." is
  not "of performance"; the caller checks that, synth.verify.labels).
* Words a claim joins with a slash are alternatives in one place ("the hierarchical right/left
  branching baselines"): the phrase names the label with either word there, "Hier. Right Branch."
  and "Hier. Left Branch." (one mention of both rows, said of each: synth.verify.cells). Only words
  of two letters or more ("w/o" is no pair of alternatives).
* A claim's variant in words ("Qwen2.5-7B (instruction-tuned)", "Transformer (base model)") reads as a name
  suffix ("Instruct", "Base"), and so does a header's (`variants_spelled`).
* A one-word plural header of a count ("Layers", "Parameters", "Heads") is also named by its noun and
  "count", as an attribute is worded ("layer count", "parameter count": `counted_spelling`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
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
_VARIANT_WORDS = (
    (re.compile(r"\s*\(\s*instruction[- ]tuned\s*\)", re.IGNORECASE), " Instruct"),
    (re.compile(r"\s*\(\s*base(?: model)?\s*\)", re.IGNORECASE), " Base"),
)


def variants_spelled(text: str) -> str:
    """The claim with variants written as name suffixes, offsets kept ("Qwen2.5-7B
    (instruction-tuned)" reads "Qwen2.5-7B Instruct" padded with spaces), and an ablation's code
    pair "(A3−A5)" as two codes ("(A3 A5)")."""
    for pattern, suffix in _VARIANT_WORDS:
        text = pattern.sub(lambda m, s=suffix: s.ljust(len(m.group(0))), text)
    return CODE_PAIR.sub(lambda m: f"({m.group(1)}{' ' * len(m.group(2))}{m.group(3)})", text)


# "(A3−A5)": the ablation rows a change goes from and to, by the codes their labels open with.
CODE_PAIR = re.compile(r"\(([A-Z]\d{1,2})(\s*[−–-]\s*)([A-Z]\d{1,2})\)")


# A one-word plural header: a regular plural of four letters or more before its "s" ("Heads", not "Loss", "Basis").
_PLURAL = re.compile(r"^([A-Za-z]{3,}[^iIsSuU'])s$")


def counted_spelling(label: str) -> str | None:
    """"layer count" for a header "Layers": a count's header is the plural of what it counts, and an attribute
    names it by the noun and "count" ("Whisper base has 6 layer count."); None for any other header."""
    match = _PLURAL.match(label.strip())
    return f"{match.group(1)} count" if match else None


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


def slash_joined(text: str, words: Sequence[Word]) -> frozenset[int]:
    """Indices of claim words a slash joins to the next word as alternatives ("right/left")."""
    return frozenset(i for i in range(len(words) - 1)
                     if text[words[i].end:words[i + 1].start] == "/" and len(words[i].raw) >= 2
                     and len(words[i + 1].raw) >= 2 and words[i].raw.isalpha() and words[i + 1].raw.isalpha())


def slot_match(words: Sequence[Word], i: int, size: int, joined: frozenset[int],
               fits: Callable[[Word, int], bool]) -> int:
    """How many claim words from `i` spell a label of `size` words when slash-joined words are one
    place with alternatives (0: none); `fits(word, k)` says whether a word is the label's k-th."""
    j = i
    for k in range(size):
        if j >= len(words):
            return 0
        end = j
        while end in joined:
            end += 1
        if not any(fits(words[a], k) for a in range(j, end + 1)):
            return 0
        j = end + 1
    return j - i
