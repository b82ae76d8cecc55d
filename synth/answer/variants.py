"""Which model variant a subject names, and which candidates are values of that variant.

A subject named with its variant ("Mixtral 8x7B – Instruct", "DeepSeek-V2 Chat (RL)") takes only values of that
variant: the base model's score is not the instruct model's, and a Chat (SFT) column is not the Chat (RL) one. A
subject named without one ("DeepSeek-V2") takes every variant, each a cell of its own under its variant's label.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from synth.models import Library, Plan
from synth.retrieve.asks import AskEvidence, Candidate
from synth.text import fold

_EQUIVALENT = {"instruct": {"instruct", "chat", "inst"}, "chat": {"chat", "instruct", "inst"}, "base": {"base"},
               "sft": {"sft"}, "rl": {"rl", "rlhf"}}
_SUBJECT_VARIANT = re.compile(r"(?:^|[\s\-–—])(instruct|chat|base)\s*$|\((sft|rl)\)\s*$", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")


def subject_variant(name: str) -> str | None:
    """The variant a subject's own name gives: `Mixtral 8x7B – Instruct` → instruct, `DeepSeek-V2-Lite
    Chat` → chat, `DeepSeek-V2 Chat (RL)` → rl (the training stage names the variant more closely than 'chat')."""
    match = _SUBJECT_VARIANT.search(name.strip())
    if not match:
        return None
    return (match.group(1) or match.group(2)).lower()


def _words(text: str) -> set[str]:
    return set(_WORD.findall(fold(text)))


def _candidate_words(candidate: Candidate) -> set[str]:
    """The words of a candidate's model label: its row or column entity and its variant's model part."""
    model = (candidate.variant or "").split(";")[0]
    return _words(candidate.entity) | _words(model)


def subject_variant_fits(ask: AskEvidence, candidate: Candidate) -> bool:
    """The candidate is a value of the model variant the subject names (see the module docstring)."""
    wanted = subject_variant(ask.subject.name)
    return not wanted or bool(_candidate_words(candidate) & _EQUIVALENT.get(wanted, {wanted}))


def in_named_papers(candidates: Sequence[Candidate], papers: Sequence[str]) -> Sequence[Candidate]:
    """"In the Mistral 7B paper, …": when the paper the question names states the value, only its values answer;
    another paper's evaluation of the same model (another prompt, another test set) is not what was asked. When the
    named paper states nothing for the cell, the other sources still answer it."""
    if not papers:
        return candidates
    named = [c for c in candidates if c.source in papers]
    return named or candidates


# The modes a question may ask a value in: a model that has none is asked of no mode.
_MODES = re.compile(r"\b(?:non-?)?thinking\b|\b(?:long|short)-?cot\b", re.IGNORECASE)


# A paper naming the modes its model runs in: "thinking mode", "non-thinking", "long-CoT" (not the "thinking process"
# of any reasoning model)
_MODE_NAMED = re.compile(r"\bthinking\s+mode|\bnon-?thinking\b|\b(?:long|short)-?cot\b", re.IGNORECASE)


def names_modes(text: str) -> bool:
    """Whether a text names a mode a model may be run in ("thinking mode", "non-thinking", "long-CoT")."""
    return _MODE_NAMED.search(text) is not None


def without_absent_mode(wanted: str | None, candidates: Sequence[Candidate], moded: bool) -> str | None:
    """"Which of DeepSeek-R1, Kimi k1.5 and Qwen3-235B-A22B in thinking mode …": the mode is the setting of models
    the library gives values in modes for; a subject whose own paper names no mode (`moded` False) and none of whose
    values names one (DeepSeek-R1's table has no thinking column) has no such setting, and filtering its values by
    the mode would declare a printed score not stated. The wanted variant is kept whole otherwise: a model with modes
    asked in one keeps only that mode's values."""
    if not wanted or not _MODES.search(wanted) or moded:
        return wanted
    if any(_MODES.search(f"{c.variant or ''} {c.entity} {c.evidence.quote.rsplit(' | ', 1)[0] if c.table else ''}")
           for c in candidates):
        return wanted
    rest = " ".join(_MODES.sub(" ", wanted).replace(";", " ").split())
    return rest or None


def moded_subjects(plan: Plan, library: Library) -> set[str]:
    """The subjects whose own paper names a mode they can be run in (all of them when a subject has no paper)."""
    homes = {s.key: s.document for s in library.sources if s.document is not None}
    return {s.name for s in plan.subjects
            if any(names_modes(homes[h].text) for h in s.home_sources if h in homes) or not s.home_sources}
