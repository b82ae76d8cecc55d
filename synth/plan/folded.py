"""Attributes read from the question's words that are no column of their own: the measure the asked benchmarks
report ("compression rates … on enwik9 and ImageNet"), and the model a "which model" question asks for."""

from __future__ import annotations

import re

from synth.models import AttributeKind, PlanAttribute
from synth.names import canonical, same_word, words_of
from synth.vocabulary import Vocabulary

_MEASURE = re.compile(r"^(?:\w+\s+)?(?:rates?|accuracy|accuracies|scores?|perplexity|perplexities|error rates?|"
                      r"results?|performance)$", re.IGNORECASE)


def measures_folded(unique: dict[str, PlanAttribute], notes: list[str]) -> dict[str, PlanAttribute]:
    """"What compression rates do A and B achieve on enwik9 and ImageNet": the benchmarks are the columns and the
    asked measure is what each of them reports, not a column of its own (it had no benchmark to be read on)."""
    metrics = [a.name for a in unique.values() if a.kind is AttributeKind.METRIC]
    measures = [k for k, a in unique.items() if a.kind in (AttributeKind.QUANTITY, AttributeKind.TEXT)
                and a.origin.startswith('read from "wh') and _MEASURE.match(a.name)]
    if not metrics or len(measures) != 1:
        return unique
    notes.append(f"{unique[measures[0]].name}: read as what {', '.join(metrics)} report, not a column of its own.")
    return {k: a for k, a in unique.items() if k != measures[0]}


_WHICH_ONE = frozenset(canonical(w) for w in ("model", "models", "system", "systems", "method", "methods", "one"))


def without_which_one(unique: dict[str, PlanAttribute]) -> dict[str, PlanAttribute]:
    """"Which model scores highest on MATH-500 among A, B and C?": the model asked for is one of the subjects, no
    text to read of each."""
    return {k: a for k, a in unique.items() if a.kind is not AttributeKind.TEXT or k not in _WHICH_ONE}


_SUMMARY = frozenset(canonical(w) for w in ("average", "overall", "mean", "avg"))


def without_summary_words(unique: dict[str, PlanAttribute]) -> dict[str, PlanAttribute]:
    """"the higher average GLUE score": "average" says which of the benchmark's scores (its overall one), no column
    of its own beside the benchmark."""
    if not any(a.kind is AttributeKind.METRIC for a in unique.values()):
        return unique
    return {k: a for k, a in unique.items() if a.kind is AttributeKind.METRIC or k not in _SUMMARY}


def without_benchmark_settings(unique: dict[str, PlanAttribute], vocab: Vocabulary,
                               notes: list[str]) -> dict[str, PlanAttribute]:
    """"Which percentile and Elo rating does DeepSeek-R1 reach on Codeforces": the library labels Codeforces' columns
    "Codeforces (Percentile)" and "Codeforces (Rating)", so the asked percentile and rating are the benchmark's
    settings, each shown apart under it, not columns of their own (which would read "not stated" beside the value)."""
    settings = {word for a in unique.values() if a.kind is AttributeKind.METRIC
                for m in vocab.attribute_matches(a.spellings) if m.setting for word in words_of(m.setting)}
    if not settings:
        return unique
    folded = [k for k, a in unique.items() if a.kind is AttributeKind.TEXT and len(a.name.split()) <= 2
              and a.origin.startswith('read from "wh') and any(same_word(w, s) for s in settings
                                                              for w in words_of(a.name.split()[-1]))]
    for k in folded:
        notes.append(f"{unique[k].name}: read as a setting the library's tables give the asked benchmark.")
    return {k: a for k, a in unique.items() if k not in folded}
