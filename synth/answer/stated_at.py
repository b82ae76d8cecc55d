"""Whether a value is stated at the setting a count is asked at ("for English-French", "on RealScholarQuery", "for
the PPO stage"): the setting's words must be said where the value is, not merely near it."""

from __future__ import annotations

import re

from synth.retrieve.asks.candidates import Candidate
from synth.text import fold

VARIANT_WORD = re.compile(r"(?:non-?)?[a-z0-9@.]+")
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z(])")


def stated_for(candidate: Candidate, wanted: str) -> bool:
    """A count asked "for English-French" is one the evidence states for it: the setting's words are in the
    candidate's variant or in its quote ("For English-French, we used … a 32000 word-piece vocabulary"), never a
    value stated for another setting ("a vocabulary of 16K tokens for the WSJ only setting"). A table's value may be
    told only by its caption: "Results on RealScholarQuery" over a row that repeats another table's shape. A quote's
    sentences after the value's own speak of what comes next ("… a learning rate of 1e-5 … In the second stage, we
    apply PPO training."): they state no setting of it."""
    caption = candidate.evidence.table_caption if candidate.table else None
    quote = candidate.evidence.quote if candidate.table else up_to_value(candidate.evidence.quote, candidate.value)
    numbered = _NUMBERED.fullmatch(fold(wanted).strip())
    if numbered:  # "Stage 2" is said as one label: "Stage 1" under "Table 2" says neither
        label = rf"\b{numbered.group(1)}\s*{numbered.group(2)}\b"
        return re.search(label, fold(f"{candidate.variant or ''} {quote} {caption or ''}")) is not None and not (
            candidate.variant and re.search(rf"\b{numbered.group(1)}\s*\w+", fold(candidate.variant))
            and not re.search(label, fold(candidate.variant)))
    have = set(VARIANT_WORD.findall(fold(f"{candidate.variant or ''} {quote}")))
    have |= {w.rstrip(".") for w in VARIANT_WORD.findall(fold(caption or ""))}  # "Results on RealScholarQuery."
    wanted_words = VARIANT_WORD.findall(fold(wanted))
    modes = have & _MODES
    # a mode asked ("in non-thinking mode") rules out a value stated for another mode, never one stated for none (a
    # model without modes, a setting both modes share)
    return all(part in have or (part in _MODES and not modes) for part in wanted_words)


# A numbered stage or round of training, asked as a setting ("in Stage 2")
_NUMBERED = re.compile(r"(stage|phase|round|step|epoch|iteration)\s*(\d{1,3}|[ivx]{1,4})")
_MODES = frozenset({"thinking", "non-thinking", "nonthinking", "long-cot", "short-cot"})  # as read_setting names them


def up_to_value(quote: str, value: str) -> str:
    """The quote up to the end of the sentence that holds the value (all of it when the value is not found)."""
    at = quote.find(value) if value else -1
    if at < 0:
        return quote
    end = _SENTENCE_END.search(quote, at + len(value))
    return quote[:end.end()] if end else quote
