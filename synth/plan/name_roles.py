"""The roles a question's wording takes from names written like subjects: the baseline of a difference, the model
a setting clause puts the subjects in, the far end of a span, and the setting written after "for". Apart from
synth.plan.subjects so that module reads names and this one reads what the sentence around them does to them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
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


# "the Gemma 2B models trained with NoPE, RoPE and 0.75-RoPE": a plural of runs of one model, then how each was trained
_RUNS_TRAINED_WITH = re.compile(r"^\s+(?:models|networks|variants|runs|versions)\s+(?:that\s+were\s+|which\s+were\s+)?"
                                r"(?:pre-?|post-?)?(?:trained|fine-?tuned|tuned|built|run)\s+(?:with|using)\s+"
                                r"(?:the\s+)?$", re.IGNORECASE)


def training_variants(text: str, raw: list[Raw], roles: list[str | None],
                      groups: list[list[int]]) -> tuple[list[int], list[int]]:
    """(the listed names, the model they share) of "the Gemma 2B models trained with NoPE, RoPE and 0.75-RoPE": the
    listed ways of training are the subjects (the paper reports one row per encoding), the model written before "models
    trained with" the setting they share, no subject of its own. A single name after "trained with" is how the subject
    was trained ("BERT was pre-trained with Adam"), and stays so."""
    for group in groups:
        if len(group) < 2 or group[0] == 0:
            continue
        head = group[0] - 1
        if _RUNS_TRAINED_WITH.match(text[raw[head].end:raw[group[0]].start]) and _subject(roles[head]):
            return group, [head]
    return [], []


# "how long does quantizing OPT-30b take": the name is what the timed work is done on
_TIMED_WORK_BEFORE = re.compile(r"\bhow\s+long\s+(?:does|did|do|would|will)\s+(?P<work>[a-z\-]{3,}ing)\s+"
                                r"(?:the\s+|an?\s+)?$", re.IGNORECASE)


def timed_work_objects(text: str, raw: list[Raw], roles: list[str | None]) -> list[int]:
    """"For QuIP, …, how long does quantizing OPT-30b take": the model a method's work is done on is the setting of the
    asked time (QuIP's run on OPT-30b), no subject, when the question names a subject elsewhere. Training is the
    model's own work: "how long does training GPT2-20-16 … take" asks GPT2-20-16's training time."""
    objects = [i for i, item in enumerate(raw) if _subject(roles[i]) and (work := _TIMED_WORK_BEFORE.search(
        text[:item.start])) and not _TRAINING.search(work.group("work"))]
    others = [i for i in range(len(raw)) if _subject(roles[i]) and i not in objects]
    return objects if others else []


_TRAINING = re.compile(r"train|fine-?tun", re.IGNORECASE)


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


# A performance level named after a model ("at AlexNet-level performance"): how good, no model or benchmark asked.
_LEVEL = re.compile(r"-level$", re.IGNORECASE)
# The amount a clause asks, between its question word and its verb: "by what factor did", "how many epochs were".
_ASKED_AMOUNT = re.compile(r"\b(?:what|which|how\s+many|how\s+much)\s+(?P<np>(?:[\w\-/]+\s+){0,4}?[\w\-/]+)\s+"
                           r"(?:do|does|did|is|are|was|were|has|have|had)\b", re.IGNORECASE)
_SCORE_WORDS = re.compile(r"\b(?:scores?|accuracy|accuracies|performance|perplexity|error|bleu|f1|results?|"
                          r"win\s+rates?|pass@\d+)\b", re.IGNORECASE)
_ON_BEFORE = re.compile(r"\bon\s+(?:the\s+)?$", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[?;]|,\s+(?:and\s+)?(?:what|which|how|over|with|at|in)\b", re.IGNORECASE)
# "what compression rate does X achieve on ImageNet": a result on the benchmark, which the benchmark's column holds
# ("the FLOPs needed to reach the performance of …" reaches nothing itself)
_RESULT_VERB = re.compile(r"(?<!\bto\s)\b(?:achiev|reach|scor|obtain|attain|get|gets|got)\w*", re.IGNORECASE)
_BY_HOW_MUCH = re.compile(r"\bby\s+(?:what\s+(?:factor|margin)|how\s+much)\b", re.IGNORECASE)
_CHANGED_BEFORE = re.compile(r"\b(?:reduc|cut|lower|decreas|shrink|increas|rais|improv)\w*\s+"
                             r"(?:the\s+|its\s+|their\s+)?$", re.IGNORECASE)


def demote_levels_and_places(text: str, raw: list[Raw], roles: list[str | None],
                             amount: Callable[[str], bool]) -> list[int]:
    """Names that qualify the amount a clause asks rather than being asked themselves: a performance level ("at
    AlexNet-level performance"), the quantity a factor is of ("by what factor did X reduce the FLOPs needed …": the
    factor is asked, the FLOPs are what it measures) — both demoted to modifiers here — and the one benchmark written
    after "on" in a clause asking an `amount` that is no score and no result the subject reaches ("by what factor … on
    WMT-14", "how many epochs … on ImageNet"): where that amount was measured. The last are returned: the clause's
    setting, never a score asked."""
    places = []
    for i, item in enumerate(raw):
        if item.role == "entity":
            continue
        before = text[:item.start]
        clause = before[max([0, *(m.start() + 1 for m in _CLAUSE_BREAK.finditer(before))]):]
        if _LEVEL.search(item.text):
            roles[i] = "modifier"
            continue
        measured = roles[i] in ("metric", "attribute")
        if measured and _CHANGED_BEFORE.search(clause) and _BY_HOW_MUCH.search(clause):
            roles[i] = "modifier"
            continue
        asked = list(_ASKED_AMOUNT.finditer(clause))
        start = item.start - len(clause)
        stop = next((item.end + m.start() for m in _CLAUSE_BREAK.finditer(text[item.end:])), len(text))
        alone = not any(k != i and roles[k] in ("metric", "attribute") and start <= raw[k].start < stop
                        for k in range(len(raw)))
        if measured and _ON_BEFORE.search(clause) and asked and alone and amount(asked[-1].group("np")) \
                and not _SCORE_WORDS.search(asked[-1].group("np")) \
                and not _RESULT_VERB.search(clause[asked[-1].end():]):
            places.append(i)
    return places
