"""Which table headers name a measure, and which is the table's summary measure.

A comparison says what is higher or better in: a header that names a measure (F1, BLEU, accuracy
…) is what the cells are compared in, not what is compared. "Performance" or "results" with no
measure named is read on the summary measure (F1, accuracy, overall) where the table has one.
"""

from __future__ import annotations

import re

from synth.verify.atoms import AtomSpec
from synth.verify.findings import Named
from synth.verify.labels import clean_label, plain

# Header labels that name a measure (what "higher" is higher in), as header abbreviations read.
_MEASURE = re.compile(r"^(?:P|R|F|F1|Prec\.?|Rec\.?|Acc\.?|precision|recall|f1|f-?measure|f-?score|accuracy|"
                      r"BLEU|METEOR|ROUGE(?:-\w+)?|AUC|MAP|MRR|EM)$", re.IGNORECASE)
_PERFORMANCE = re.compile(r"\bperform(?:s|ed|ing|ance)?\b|\bresults?\b", re.IGNORECASE)
_SUMMARY = re.compile(r"^(?:f1|f-?measure|f-?score|acc\.?|accuracy|overall|avg\.?|average)$", re.IGNORECASE)
_QUALIFIER = re.compile(r"\s*[.(].*$|\s+(?:with|on|in|at|for|of)\b.*$", re.IGNORECASE)


def is_measure(label: str) -> bool:
    """Whether a header label is a measure's name or abbreviation (F1, BLEU, Prec.)."""
    return bool(_MEASURE.search(plain(label)))


def names_measure(label: str) -> bool:
    """Whether a header label names a measure (F1, BLEU, accuracy …) rather than what is measured."""
    return is_measure(label) or bool(_SUMMARY.search(plain(label)))


def means_performance(atom: AtomSpec, text: str, attributes: Named) -> bool:
    """Whether the clause speaks of performance or results and names no measure: it then means the
    table's summary measure (F1, accuracy, overall), not every column."""
    clause = text[atom.clause[0]:atom.clause[1]]
    return bool(_PERFORMANCE.search(clause)) and not any(names_measure(m.label) for m, _ in attributes)


def _measure_name(label: str) -> str:
    """A header's measure without what qualifies it ("F1.(avg. in 5-fold) with optimal values" is
    an F1 column), so "performance" finds the summary measure however the header dresses it."""
    name = clean_label(label).strip()
    return _QUALIFIER.sub("", name) or name


def summary_columns(positions: list[int], paths: tuple[tuple[str, ...], ...], performance: bool) -> list[int]:
    """The summary-measure columns among `positions` when the claim means performance (else all)."""
    if not performance:
        return positions
    kept = [p for p in positions if any(_SUMMARY.match(_measure_name(level)) for level in paths[p])]
    return kept or positions
