"""The learned judge: a small logistic regression that may turn an `insufficient` verdict into
supported or contradicted when the rules' own measurements (synth.verify.judge_features) make it
very likely.

The rules decide a claim only when every check passes, so paraphrased findings stay unread. The
judge weighs the same checks against each other, but only where that is safe:

* only a claim the rules left `insufficient` (it never overturns a rule's verdict);
* only a claim without figures that names no table's labels, read against prose (figures and
  tables are checked by the figure rules and table cells, which a word-overlap model cannot do);
* only when its probability reaches its threshold. bench/judge_cv.py chooses the thresholds (and the
  penalty) by cross-validation grouped by abstract: a supported threshold must keep the judge's own
  upgrades at least 0.9 precise out of fold with a margin (the lower bound of their Wilson interval),
  and a threshold above 1 keeps that gate shut. `bench/judge_train.py` writes both models, the
  thresholds and the nested cross-validated figures of that choice to `judge_weights.json`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from synth.models import Atom, AtomKind, Evidence, Verdict, Verification
from synth.verify.combine import explain
from synth.verify.confidence import as_signals, signals_for, weighted_confidence
from synth.verify.judge_features import Features

WEIGHTS = Path(__file__).with_name("judge_weights.json")


@dataclass(frozen=True)
class Logistic:
    """P(label) = 1 / (1 + exp(-(bias + weights · standardised features)))."""

    bias: float
    weights: tuple[float, ...]

    def probability(self, x: tuple[float, ...]) -> float:
        z = self.bias + sum(w * v for w, v in zip(self.weights, x, strict=True))
        return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


@dataclass(frozen=True)
class JudgeModel:
    """Both models, the standardisation they were trained with and the thresholds that gate them."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    supported: Logistic
    contradicted: Logistic
    supported_threshold: float
    contradicted_threshold: float

    @property
    def acts(self) -> bool:
        """Whether either gate can open (a threshold above 1 keeps it shut): when neither can, no
        claim needs a reading."""
        return min(self.supported_threshold, self.contradicted_threshold) <= 1.0

    def standardised(self, features: Features) -> tuple[float, ...]:
        return tuple((v - m) / s for v, m, s in zip(features.vector(), self.mean, self.scale, strict=True))

    def probabilities(self, features: Features) -> tuple[float, float]:
        """(P(supported), P(contradicted)) for one reading."""
        x = self.standardised(features)
        return self.supported.probability(x), self.contradicted.probability(x)


def model_from(data: dict) -> JudgeModel:
    """A model from its JSON form; refuses weights written for other features (rebuild them)."""
    names = tuple(data["features"])
    if names != Features.names():
        raise ValueError(f"{WEIGHTS.name} was trained on other features: run bench/judge_train.py")
    return JudgeModel(names, tuple(data["mean"]), tuple(data["scale"]),
                      Logistic(data["supported"]["bias"], tuple(data["supported"]["weights"])),
                      Logistic(data["contradicted"]["bias"], tuple(data["contradicted"]["weights"])),
                      float(data["supported_threshold"]), float(data["contradicted_threshold"]))


@lru_cache(maxsize=1)
def load_model() -> JudgeModel | None:
    """The committed model, or None when no weights ship (the rules alone decide)."""
    if not WEIGHTS.is_file():
        return None
    return model_from(json.loads(WEIGHTS.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Reading:
    """What the judge is shown: the claim's closest prose window, measured, and whether the rules
    alone decide it (the claim states figures, has figure atoms or names a table's labels)."""

    features: Features
    evidence: Evidence
    left_to_rules: bool


def judged_verdict(features: Features, left_to_rules: bool, model: JudgeModel) -> tuple[Verdict, float]:
    """The gating rule: supported when P(supported) reaches its threshold and is the larger
    probability, contradicted when P(contradicted) reaches its own, else insufficient; with the
    probability that decided (or the larger one)."""
    if left_to_rules:
        return Verdict.INSUFFICIENT, 0.0
    supported, contradicted = model.probabilities(features)
    return gate(supported, contradicted, model.supported_threshold, model.contradicted_threshold)


def gate(supported: float, contradicted: float, supported_threshold: float,
         contradicted_threshold: float) -> tuple[Verdict, float]:
    """`judged_verdict` on the two probabilities (bench/judge_train.py chooses thresholds with it)."""
    if supported >= supported_threshold and supported >= contradicted:
        return Verdict.SUPPORTED, supported
    if contradicted >= contradicted_threshold:
        return Verdict.CONTRADICTED, contradicted
    return Verdict.INSUFFICIENT, max(supported, contradicted)


@dataclass(frozen=True)
class _Scored:
    """The reading in the shape confidence signals are computed from (synth.verify.confidence)."""

    coverage: float
    numeric: float
    entity: float
    relevance: float
    conflicting: bool = False


def judge(verification: Verification, reading: Reading | None, model: JudgeModel | None) -> Verification:
    """The verification, upgraded from `insufficient` when the judge's gate opens (module
    docstring); every other verification is returned unchanged."""
    if verification.verdict is not Verdict.INSUFFICIENT or reading is None or model is None:
        return verification
    verdict, probability = judged_verdict(reading.features, reading.left_to_rules, model)
    if verdict is Verdict.INSUFFICIENT:
        return verification
    word = "states" if verdict is Verdict.SUPPORTED else "contradicts"
    note = f"the learned judge reads the quoted passage as one that {word} it (probability {probability:.2f})"
    atoms = tuple(replace(a, status=verdict, note=note, evidence=(0,)) for a in verification.atoms) or (
        Atom(AtomKind.STATEMENT, verification.claim, verdict, note, evidence=(0,)),)
    features = reading.features
    scored = _Scored(features.coverage, 1.0, features.entities, features.relevance)
    parts, notes = signals_for(verdict, scored, 1, False, 0)
    explanation = f"the rules alone found it not stated; {explain(atoms)}"
    return Verification(verification.claim, verdict, weighted_confidence(parts), (reading.evidence,),
                        as_signals(parts, notes), explanation, (), atoms, verification.corroboration)

