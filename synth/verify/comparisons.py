"""Comparisons in prose: "A outperforms B" is contradicted by "B outperforms A" or "A trails B";
"X is more effective than Y" by "Y is more effective than X", for unnamed things too.
"""

from __future__ import annotations

import re

from synth import claimparse
from synth.verify.claim import ClaimInfo, object_of, subject_of
from synth.verify.names import same_name
from synth.verify.windows import Window
from synth.verify.words import model_like, shared_words, word_tokens


def comparison_conflict(info: ClaimInfo, window: Window, measures: frozenset[str]) -> bool | None:
    """True when the window compares the claim's names the other way round, False when the same way,
    None when it does not compare them."""
    subject, obj = info.order
    if subject is None or not info.cues:
        return _phrase_comparison_conflict(info, window)
    claim_cue = next(c for c in info.cues if c.group != "amount")
    cues = [c for c in claimparse.comparatives(window.text) if c.group == claim_cue.group]
    if not cues:
        return None
    spans = claimparse.name_spans(window.text)
    models = [(name, start) for name, start, _ in spans if model_like(name, measures)]
    for cue in cues:
        said_of, against = subject_of(window.text, models, cue), object_of(window.text, models, cue)
        if said_of is None:
            continue
        same_subject = same_name(said_of, subject) and (against is None or obj is None or same_name(against, obj))
        reversed_subject = (obj is not None and same_name(said_of, obj)
                            and (against is None or same_name(against, subject)))
        if not same_subject and not reversed_subject:
            continue
        flipped = (cue.lower != claim_cue.lower) != reversed_subject
        return flipped
    return None


_CUE = re.compile(r"\b(outperform\w*|surpass\w*|beats?|better|superior|stronger|worse|inferior|weaker|"
                  r"underperform\w*|more|less|higher|lower|greater|fewer|larger|smaller|faster|slower)\b",
                  re.IGNORECASE)
_CUE_LOWER = re.compile(r"worse|inferior|weaker|underperform|less|lower|fewer|smaller|slower", re.IGNORECASE)
_PHRASE_END = re.compile(r"[,;:.]|\b(?:in|for|at|on|among|during|when|with|after|before|because|by|as|while|"
                         r"whereas|but|thanks|due)\b", re.IGNORECASE)
_SIDE_GENERIC = frozenset({"perform", "performance", "show", "result", "model", "approach", "method", "system"})


_THAN = re.compile(r"\b(more|less|better|worse|higher|lower|greater|fewer|larger|smaller|faster|slower)\b[^.;:]{0,40}?"
                   r"\bthan\b", re.IGNORECASE)


_COMPARING = re.compile(r"\b(?:than|compared|comparison|comparable|versus|vs|relative\s+to|superior|inferior|"
                        r"outperform\w*|over|beyond|exceed\w*|surpass\w*)\b", re.IGNORECASE)


def comparison_unstated(claim_clause: str, sentence: str) -> bool:
    """A claim that ranks two things ("A is more effective than B") against a sentence that ranks
    nothing ("A is effective"): the sentence cannot state it, however many words they share."""
    return bool(_THAN.search(claim_clause)) and not _COMPARING.search(sentence) and not _CUE.search(sentence)


def _sides(text: str) -> tuple[frozenset[str], frozenset[str], bool, bool] | None:
    """For "X performs better than Y in Z" or "X shows better performance on Z": (words of X, words
    of what follows the cue up to the end of its phrase, whether it says worse / lower, whether it
    says "than"). A cue with "than" is preferred to the first cue."""
    than = _THAN.search(text)
    match = than or _CUE.search(text)
    if match is None:
        return None
    start = max(text.rfind(". ", 0, match.start()), text.rfind("; ", 0, match.start()), text.rfind(", ", 0,
                match.start()), 0)
    left = word_tokens(text[start:match.start()]).bag - _SIDE_GENERIC
    after = match.end()
    end = _PHRASE_END.search(text, after)
    right = word_tokens(text[after:end.start() if end else len(text)]).bag - _SIDE_GENERIC
    return left - right, right - left, bool(_CUE_LOWER.match(match.group(1))), than is not None


def _phrase_comparison_conflict(info: ClaimInfo, window: Window) -> bool | None:
    """"X is better than Y" against "Y is better than X", for unnamed things: True when the window
    compares the same things the other way round, False when the same way, None when it does not
    compare them."""
    claim = _sides(info.text)
    if claim is None:
        return None
    names = _name_words(info)
    for sentence in window.sentences():
        found = _sides(sentence)
        if found is None:
            continue
        same, swapped = _overlap(claim, found, names)
        if same == swapped:
            same, swapped = _overlap(claim, found, None)
        if max(same, swapped) < 1 or same == swapped:
            continue
        flipped = (claim[2] != found[2]) != (swapped > same)
        if flipped or found[3]:  # a comparison without "than" may refute one, never confirm it
            return flipped
    return None


def _name_words(info: ClaimInfo) -> frozenset[str]:
    """The words of the claim's names: when both sides of a comparison are named things, the names say
    which side is which ("BLT … 16x less data than Llama 3.1" is not "Llama 3.1 … 16x less data than BLT"),
    however many other words the sides share."""
    return frozenset(w for name in info.owners for w in word_tokens(name).words)


def _overlap(claim: tuple[frozenset[str], frozenset[str], bool, bool],
             found: tuple[frozenset[str], frozenset[str], bool, bool], only: frozenset[str] | None) -> tuple[int, int]:
    """How many words the claim's sides share with the sentence's sides kept in place, and swapped (only
    the words in `only`, when given)."""
    left, right = (claim[0] & only, claim[1] & only) if only is not None else (claim[0], claim[1])
    same = len(shared_words(left, found[0])) + len(shared_words(right, found[1]))
    swapped = len(shared_words(left, found[1])) + len(shared_words(right, found[0]))
    return same, swapped
