"""A benchmark the question names in its paper's prose spelling, while that paper's tables label it otherwise.

GSM-Symbolic's text speaks of "GSM-NoOp" and "GSM-P2" while its table's columns read "Symbolic-NoOp" and
"Symbolic-P2": the variant part after the last hyphen is the same, the family prefix differs. A name no table of
the library uses as a label is read as the column of its own source's tables that ends in the same part, so the
retrieval stage can find the cell. Only the sources that write the name are searched, and only a part that is not a
plain word (a code such as "NoOp", "P2", "M1") is trusted to tell the column apart.
"""

from __future__ import annotations

import re
from dataclasses import replace

from synth.models import AttributeKind, PlanAttribute, PlanSubject
from synth.text import STOPWORDS, fold
from synth.vocabulary import Vocabulary

_CODE = re.compile(r"^(?=.*(?:\d|[a-z][A-Z]))[A-Za-z0-9]{2,}$")  # "NoOp", "P2", "M1": not a plain word


def _tail(label: str) -> str | None:
    parts = label.rsplit("-", 1)
    return parts[1] if len(parts) == 2 and parts[0] and _CODE.match(parts[1]) else None


def sibling_labels(name: str, vocab: Vocabulary) -> tuple[str, ...]:
    """The column labels of the name's own sources' tables that end in the name's code part ("GSM-NoOp" →
    "Symbolic-NoOp"); none when the name has no such part or when no source writes the name or the name before its
    code part."""
    tail = _tail(name)
    if tail is None or fold(tail) in STOPWORDS:
        return ()
    found: dict[str, None] = {}
    # "GSM-Symbolic-P1", which no source writes whole: the sources of the name it is a variant of ("GSM-Symbolic")
    for key in vocab.home_sources((name,)) or vocab.home_sources((name.rsplit("-", 1)[0],)):
        document = vocab.library.source(key).document
        for table in document.tables if document is not None else ():
            for label in table.header:
                label = " ".join(label.split())
                if label != name and _tail(label) == tail:
                    found.setdefault(label)
    return tuple(found)


def _abbreviations(measure: str) -> set[str]:
    """"ROUGE-L" → {"rouge-l", "r-l"}: a hyphenated measure is also written with its first part's initial."""
    folded = fold(measure)
    parts = folded.split("-")
    out = {folded}
    if len(parts) == 2 and parts[0] and parts[1]:
        out.add(f"{parts[0][0]}-{parts[1]}")
    return out


def measured_labels(measure: str, benchmark: str, keys: tuple[str, ...], vocab: Vocabulary) -> tuple[str, ...]:
    """The column labels of these sources' tables that join the benchmark with the measure ("ROUGE-L on CNN/Daily
    Mail" → "CNN/Daily Mail R-L"): the benchmark's columns report several measures, and only this one is asked."""
    wanted = _abbreviations(measure)
    found: dict[str, None] = {}
    for key in keys:
        document = vocab.library.source(key).document
        for table in document.tables if document is not None else ():
            for label in table.header:
                label = " ".join(label.split())
                at = fold(label).find(fold(benchmark))
                if at < 0:
                    continue
                rest = (fold(label)[:at] + " " + fold(label)[at + len(benchmark):]).strip(" ()")
                if rest in wanted:
                    found.setdefault(label)
    return tuple(found)


def measured(unique: dict[str, PlanAttribute], subjects: list[PlanSubject], notes: list[str],
              vocab: Vocabulary) -> dict[str, PlanAttribute]:
    """"What ROUGE-L … on CNN/Daily Mail": when the subjects' tables join the benchmark and the asked measure in one
    column ("CNN/Daily Mail R-L"), that column is the one attribute asked, not the benchmark's every column."""
    keys = tuple(dict.fromkeys(key for s in subjects for key in s.home_sources))
    metrics = [k for k, a in unique.items() if a.kind is AttributeKind.METRIC]
    measures = [k for k, a in unique.items()
                if a.kind is not AttributeKind.METRIC and a.origin.startswith('read from "wh')]
    if len(metrics) != 1 or len(measures) != 1 or not keys:
        return unique
    metric, measure = unique[metrics[0]], unique[measures[0]]
    labels = measured_labels(measure.name, metric.name, keys, vocab)
    if not labels:
        return unique
    notes.append(f"{measure.name} on {metric.name}: the column {', '.join(labels)} of the subjects' tables.")
    joined = replace(metric, name=f"{measure.name} on {metric.name}", spellings=labels,
                     origin=f"{metric.origin}; the asked measure's column")
    return {(metrics[0] if k == metrics[0] else k): (joined if k == metrics[0] else a)
            for k, a in unique.items() if k != measures[0]}
