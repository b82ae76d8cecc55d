"""A part named through its owner: "PaSa's Crawler" is the Crawler of PaSa, one subject, not PaSa and the Crawler.

Read as two names, the owner became a subject of its own (a family whose every member was asked the Crawler's
training settings). The owner is dropped when the part's sources are all the owner's (the paper that presents the
system presents its part) and the part ends the phrase ("For PaSa's Crawler, …", "… of PaSa's Crawler?"), so
"DeepSeek-V3's MTP depth", where the name after "'s" qualifies the asked noun, keeps its owner as the subject."""

from __future__ import annotations

import re
from itertools import pairwise

from synth.plan.subjects import Name
from synth.vocabulary import Vocabulary

_POSSESSIVE = re.compile(r"['’]s\s+(?:own\s+)?")
_PHRASE_END = re.compile(r"\s*(?:(?:dataset|benchmark|corpus)\s+)?(?:[,;?.)]|$|\b(?:and|or|use|uses|used|have|has|"
                         r"had|do|does|did|is|are|was|were|get|gets|got|score|scores|reach|reaches|achieve|achieves|"
                         r"hold|holds|contain|contains|comprise|comprises)\b)")


def without_owners(text: str, names: list[Name], vocab: Vocabulary) -> list[Name]:
    """The question's names with each owner of a possessed part left out ("PaSa's Crawler" → the Crawler)."""
    subjects = [n for n in names if n.role == "subject"]
    owners: set[int] = set()
    for owner, part in pairwise(subjects):
        if not _POSSESSIVE.fullmatch(text[owner.end:part.start]) or not _PHRASE_END.match(text, part.end):
            continue
        homes, owned = set(vocab.home_sources((part.text,))), set(vocab.home_sources((owner.text,)))
        if homes and homes <= owned:
            owners.add(id(owner))
    return [n for n in names if id(n) not in owners]


# "the FlashAttention and xFormers changes": names written before the common noun they modify
# ("the Gemma 2B models", "the 7B and 13B Llama 2 models" name the models themselves)
_MODIFIED_NOUN = re.compile(r"(?:\s+and\s+[\w\-.]+)?\s+(?!(?:models|variants|versions|checkpoints|baselines|networks|"
                            r"systems|runs|experiments|families|sizes)\b)(?-i:[a-z][a-z\-]*s)\b(?!\s+of\b)")
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)


def without_tools(text: str, names: list[Name], vocab: Vocabulary) -> list[Name]:
    """The question's names but those used as a modifier of a common plural noun ("what speed improvement do the
    FlashAttention and xFormers changes give"), when no source of the library is about them: the changes, kernels or
    libraries of another work that the subject's paper uses are no subject of their own (read as one, FlashAttention
    was asked the speed-up and answered nothing, and the subject was never asked it); nor is the kind of a named
    model's part ("how many units do the LSTM layers of MoE-34M … have")."""
    starts = {n.start for n in names if n.role == "subject"}
    return [n for n in names if not (n.role == "subject" and _THE_BEFORE.search(text[:n.start])
                                     and not vocab.home_sources((n.text,)) and (
                                         _MODIFIED_NOUN.match(text, n.end) or _part_of_named(text, n.end, starts)))]


# "the LSTM layers of MoE-34M and MoE-143M": the kind of a named model's part, not a model asked of its own
_PART_OF = re.compile(r"\s+(?:layers?|cells?|blocks?|units?|encoders?|decoders?|modules?|networks?)\s+of\s+"
                      r"(?:the\s+|each\s+|every\s+)?")


def _part_of_named(text: str, end: int, starts: set[int]) -> bool:
    found = _PART_OF.match(text, end)
    return found is not None and found.end() in starts
