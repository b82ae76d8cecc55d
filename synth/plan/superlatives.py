"""A superlative member of a family: "the smallest and the largest Qwen3 models", "the largest Janus-Pro model",
"the second-largest GPT-2 model".

The phrase names a family but asks about one member of it at each end of its sizes. Showing every member
leaves the reader to find the two asked, and answering for the family name would pool them; so the phrase
resolves to the members the library's tables name with a parameter count ("Qwen3-0.6B" … "Qwen3-235B-A22B"),
or to the rows named by size alone in a table of the family's own paper ("830M" … "13.1B" in the DIFF
Transformer paper), ordered by that count. An ordinal before the superlative ("second-smallest", "third largest")
counts from that end: read as the end itself, it would answer for another member.
"""

from __future__ import annotations

import re

from synth.names import canonical
from synth.tables import parameter_count
from synth.vocabulary import Vocabulary

_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5}
_WORD = rf"((?:(?:{'|'.join(_ORDINALS)})[\s-])?(?:smallest|largest|biggest))"
_BEFORE = re.compile(rf"(?<![\w-]){_WORD}(?:\s*(?:,|and|or)\s+(?:the\s+)?{_WORD})?\s+(?:of\s+the\s+)?$",
                     re.IGNORECASE)
_SIZE_LABEL = re.compile(r"^\d+(?:\.\d+)?\s*[MB]$")


def superlatives(text: str, start: int) -> tuple[str, ...]:
    """The superlative words written right before a name: ("smallest", "largest") for "the smallest and the
    largest Qwen3 models", ("second-smallest",) for "the second smallest of the R1 models"; () when there are none."""
    found = _BEFORE.search(text[max(0, start - 50):start])
    if not found:
        return ()
    return tuple(dict.fromkeys(re.sub(r"\s", "-", w.lower()).replace("biggest", "largest") for w in found.groups()
                               if w))


def _place(word: str) -> tuple[int, str]:
    """("second-largest") -> (2, "largest"): how far from which end of the sizes the word counts."""
    ordinal, _, end = word.rpartition("-")
    return _ORDINALS.get(ordinal, 1), end


def superlative_members(name: str, spellings: tuple[str, ...], homes: list[str], vocab: Vocabulary,
                        wanted: tuple[str, ...]) -> list[tuple[str, str]]:
    """The family's members at the asked ends of its sizes, each with where its size was read; [] when the
    library names fewer than two sized members (then there is no smallest or largest to tell)."""
    sized: dict[str, tuple[float, str]] = {}
    for match in vocab.entity_matches(spellings):
        count = parameter_count(match.member) if match.member else None
        if count is not None:
            sized.setdefault(canonical(match.member), (count, match.member))
    why = "the sizes the library's tables name its members with"
    if len(sized) < 2:
        sized = _prefixed(spellings, vocab)
    if len(sized) < 2:
        sized, why = _size_rows(name, homes, vocab), f"the rows named by size in {', '.join(homes)}"
    if len(sized) < 2:
        return []
    ordered = sorted(sized.values())
    members = []
    for word in wanted:
        place, end = _place(word)
        if place <= len(ordered):
            member = ordered[place - 1 if end == "smallest" else -place][1]
            members.append((member, f"the {word} {name}: {why} ({ordered[0][1]} … {ordered[-1][1]})"))
    return members


def _prefixed(spellings: tuple[str, ...], vocab: Vocabulary) -> dict[str, tuple[float, str]]:
    """Members the tables name with the family's name, a hyphen, a base model and a size ("DeepSeek-R1-Distill" ->
    "DeepSeek-R1-Distill-Qwen-7B"), which the family name alone does not match as one of its sized members."""
    heads = tuple(f"{spelling.lower()}-" for spelling in spellings)
    sized: dict[str, tuple[float, str]] = {}
    for label in sorted(vocab.entity_labels):
        count = parameter_count(label) if label.lower().startswith(heads) else None
        if count is not None:
            sized.setdefault(canonical(label), (count, label))
    return sized


def _size_rows(name: str, homes: list[str], vocab: Vocabulary) -> dict[str, tuple[float, str]]:
    """Members named by a size alone in a table of the family's own paper: "830M" there is `name 830M`."""
    sized: dict[str, tuple[float, str]] = {}
    for item in vocab.records_for((), (), homes):
        label = item.record.entity.strip()
        if _SIZE_LABEL.match(label):
            count = parameter_count(label)
            if count is not None:
                sized.setdefault(canonical(label), (count, f"{name} {label}"))
    return sized
