"""Confidence: a weighted sum of named signals, each in [0, 1] and shown on the page:

    confidence = Σ CONFIDENCE_WEIGHTS[name] × signal[name]

The weights were calibrated on the labelled seed-library claims and SciFact train
(bench/verify_eval.py prints the reliability tables): a higher confidence bin is right more often.
"""

from __future__ import annotations

from typing import Protocol

from synth.models import Signal, Verdict


class Scored(Protocol):
    """What a verdict's confidence is computed from: the evidence it rests on, scored."""

    coverage: float
    numeric: float
    entity: float
    relevance: float

    @property
    def conflicting(self) -> bool: ...


# Calibrated on the labelled seed-library claims and SciFact train (bench/verify_eval.py prints the
# reliability tables): among weightings that keep observed accuracy rising from bin to bin on each set
# and on both together, a point in the middle of that region with small calibration error, every
# signal weighted, and alignment kept at 0.30.
CONFIDENCE_WEIGHTS = {
    "alignment": 0.30,
    "numeric_agreement": 0.17,
    "entity_agreement": 0.27,
    "independent_sources": 0.18,
    "passage_relevance": 0.08,
}


def signals_for(verdict: Verdict, best: Scored, sources: int, has_figures: bool,
                 conflicts: int) -> tuple[dict[str, float], dict[str, str]]:
    """The five signals for a supported or contradicted verdict.

    alignment: share of the claim's content words in the quoted passage (1 for a table cell);
    numeric_agreement: 1 when every figure of the claim was checked and agrees (supported) or a
    figure in the same role differs (contradicted), 0.5 when the claim states no figure to check;
    entity_agreement: share of the claim's names in the passage itself (a name found only in the
    heading or title counts 0.75); independent_sources: 0.5 for one source, 1 for two or more,
    halved when other passages point the other way; passage_relevance: BM25 score of the passage
    relative to the best candidate (1 for a table cell).
    """
    if verdict is Verdict.SUPPORTED:
        numeric = (best.numeric if has_figures else 0.5)
    else:
        numeric = 1.0 if best.conflicting else 0.5
    independent = min(1.0, sources / 2) if sources else 0.0
    if conflicts:
        independent /= 2
    parts = {
        "alignment": best.coverage,
        "numeric_agreement": numeric,
        "entity_agreement": best.entity,
        "independent_sources": independent,
        "passage_relevance": best.relevance,
    }
    notes = {
        "alignment": "share of the claim's content words found in the quoted passage (1 for a table cell)",
        "numeric_agreement": ("1 when the claim's figures were checked against the passage, 0.5 when it states none"
                              if verdict is Verdict.SUPPORTED else
                              "1 when a figure in the same role differs, 0.5 for a denial or reversed comparison"),
        "entity_agreement": "share of the claim's named entities present in the passage (0.75 if only in its "
                            "heading or title)",
        "independent_sources": f"{sources} source(s) with evidence; 2 or more count fully; halved when other "
                               f"passages disagree",
        "passage_relevance": "BM25 rank score of the passage relative to the best candidate",
    }
    return parts, notes


def weighted_confidence(parts: dict[str, float]) -> float:
    return round(min(1.0, max(0.0, sum(CONFIDENCE_WEIGHTS[name] * value for name, value in parts.items()))), 2)


def as_signals(parts: dict[str, float], notes: dict[str, str]) -> tuple[Signal, ...]:
    return tuple(Signal(name, round(parts[name], 3), notes[name]) for name in CONFIDENCE_WEIGHTS)
