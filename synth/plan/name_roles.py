"""The roles a question's wording takes from names written like subjects: the baseline of a difference, the model
a setting clause puts the subjects in, the far end of a span, and the setting written after "for". Apart from
synth.plan.subjects so that module reads names and this one reads what the sentence around them does to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from synth.names import size_of
from synth.vocabulary import Vocabulary

FOR_BEFORE = re.compile(r"\bfor\s+(?:the\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Raw:
    """A name as first found in the question, before the question's wording gives it a role."""

    text: str
    start: int
    end: int
    role: str | None  # the library's: entity | attribute | None
    member: str | None = None


_DIFFERENCE = re.compile(r"^\s*(?:by\s+how\s+much|how\s+much|by\s+what\s+(?:factor|margin)|how\s+many\s+times)\b",
                         re.IGNORECASE)
_BASELINE_BEFORE = re.compile(r"\b(?:compared\s+(?:with|to)|relative\s+to|in\s+comparison\s+(?:with|to))\s+"
                              r"(?:the\s+)?$", re.IGNORECASE)
_SETTING_CLAUSE = re.compile(r"\b(?:when|while|where|if)\b[^,;?]*\b(?:in|with|inside|within|into)\s+"
                             r"(?:the\s+|an?\s+)?$", re.IGNORECASE)
_SPAN_FROM = re.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)
_SPAN_TO = re.compile(r"\s+to\s+(?:the\s+)?")


def _subject(role: str | None) -> bool:
    """A name read as a subject so far: by the library (an entity), by the question, or by neither yet."""
    return (role or "subject") in ("subject", "entity")


def demote_baselines_and_spans(text: str, raw: list[Raw], roles: list[str | None]) -> None:
    """Names that are not what is measured, though written like subjects: the baseline of a difference ("by how
    much does X speed up training compared with Y": the speed-up is X's), the model a setting clause puts the
    subjects in ("… when both are used in the Transformer"), and the far end of a span ("from GSM8K to
    GSM-Symbolic": two benchmarks, not a benchmark and a subject)."""
    for i, item in enumerate(raw):
        before = text[:item.start]
        others = _subject(roles[i]) and any(_subject(roles[k]) for k in range(len(raw)) if k != i)
        baseline = others and _DIFFERENCE.match(text) is not None and _BASELINE_BEFORE.search(before) is not None
        if baseline or (roles[i] != "setting" and i > 0 and _SETTING_CLAUSE.search(before)):
            roles[i] = "modifier"
        elif i > 0 and "metric" in (roles[i - 1], roles[i]) and _SPAN_TO.fullmatch(text[raw[i - 1].end:item.start]) \
                and _SPAN_FROM.search(text[:raw[i - 1].start]):
            roles[i - 1] = roles[i] = "metric"


_CLAUSE_END = re.compile(r"^\s*(?:[?,;.]|$|(?:and|or)\b)")


def for_settings(text: str, raw: list[Raw], roles: list[str | None], vocab: Vocabulary) -> list[int]:
    """"how big was the vocabulary of the base Transformer for English-French": a name the library knows neither as
    a model nor as a label, written after "for" at the end of a clause while the question names its model, is the
    setting the value is asked in (a language pair, a task), never a subject of its own."""
    out = []
    for i, item in enumerate(raw):
        if not _subject(roles[i]) or item.role is not None or item.member or size_of(item.text) \
                or vocab.home_sources((item.text,)):
            continue
        if FOR_BEFORE.search(text[:item.start]) and _CLAUSE_END.match(text[item.end:]) \
                and any(_subject(roles[k]) for k in range(len(raw)) if k != i):
            out.append(i)
    return out
