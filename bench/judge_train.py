"""Train the learned judge (synth.verify.judge) on the SciFact `tune` part only, and write
synth/verify/judge_weights.json.

    .venv/bin/python bench/judge_train.py [--rows /tmp/judge_rows.json] [--check]

Every tune claim is examined by the verifier (`examine_claim`: the rules' verdict and the judge's
reading of the closest prose window). The judge is trained on the claims the rules leave
`insufficient` whose reading it may act on (no figures, no table named): one L2-regularised logistic regression
for "gold is supported", one for "gold is contradicted", fitted by Newton's method from zero
(deterministic: same rows, same weights). Five folds grouped by cited abstract give out-of-fold
probabilities; the thresholds are those that maximise out-of-fold accuracy over the whole tune part
while supported precision stays >= 0.9. `--rows` keeps the examined rows in a file so a second run
skips the verifier; `--check` fails when the committed weights differ from what this run writes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import verify_sets as sets  # noqa: E402

from synth.models import Verdict  # noqa: E402
from synth.verify.decide import examine_claim  # noqa: E402
from synth.verify.judge import WEIGHTS, gate, model_from  # noqa: E402
from synth.verify.judge_features import Features  # noqa: E402

FOLDS = 5
PENALTY = 1.0  # L2 penalty on the standardised weights (not on the bias)
NEWTON_STEPS = 50
MIN_SUPPORTED_PRECISION = 0.9
GRID = tuple(round(0.5 + 0.01 * i, 2) for i in range(50))  # thresholds 0.50 … 0.99
DIGITS = 6


@dataclass(frozen=True)
class Row:
    """One tune claim as the verifier saw it: gold, the rules' verdict, the judge's reading."""

    claim: str
    group: str
    gold: str
    rules: str
    features: tuple[float, ...] | None
    left_to_rules: bool

    @property
    def trainable(self) -> bool:
        """A claim the judge may act on: left insufficient, with a prose reading, not left to the rules."""
        return self.rules == Verdict.INSUFFICIENT.value and self.features is not None and not self.left_to_rules


def examine_tune() -> list[Row]:
    """Every SciFact tune claim through the verifier (never the held-out part)."""
    library, index = sets.scifact_library(sets.SCIFACT / "corpus.jsonl")
    rows = []
    for item in sets.scifact_claims(sets.SCIFACT / "claims_train.jsonl", None, "tune"):
        verification, reading = examine_claim(item.claim, library, index)
        rows.append(Row(item.claim, item.group, item.gold.value, verification.verdict.value,
                        reading.features.vector() if reading is not None else None,
                        bool(reading.left_to_rules) if reading is not None else False))
    return rows


def fold_of(groups: Sequence[str]) -> dict[str, int]:
    """Groups (cited abstracts) dealt round-robin to folds in the order of their SHA-256."""
    ordered = sorted(set(groups), key=lambda g: hashlib.sha256(g.encode()).hexdigest())
    return {group: i % FOLDS for i, group in enumerate(ordered)}


def fit(x: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """L2-regularised logistic regression by Newton's method from zero: (bias, weights)."""
    design = np.hstack([np.ones((len(x), 1)), x])
    theta = np.zeros(design.shape[1])
    ridge = PENALTY * np.eye(design.shape[1])
    ridge[0, 0] = 0.0
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-(design @ theta)))
        gradient = design.T @ (p - y) + ridge @ theta
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + ridge
        theta = theta - np.linalg.solve(hessian, gradient)
    return float(theta[0]), theta[1:]


def train(rows: Sequence[Row]) -> dict:
    """Both models on these rows, in the JSON form `synth.verify.judge.model_from` reads (thresholds
    left at 1.0: `build` sets them)."""
    x = np.array([r.features for r in rows], dtype=float)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (x - mean) / scale
    out: dict = {"features": list(Features.names()), "mean": _rounded(mean), "scale": _rounded(scale)}
    for name, verdict in (("supported", Verdict.SUPPORTED), ("contradicted", Verdict.CONTRADICTED)):
        bias, weights = fit(z, np.array([r.gold == verdict.value for r in rows], dtype=float))
        out[name] = {"bias": round(bias, DIGITS), "weights": _rounded(weights)}
    out["supported_threshold"] = out["contradicted_threshold"] = 1.0
    return out


def _rounded(values: np.ndarray) -> list[float]:
    return [round(float(v), DIGITS) for v in values]


def out_of_fold(rows: Sequence[Row], folds: dict[str, int]) -> list[tuple[float, float] | None]:
    """(P(supported), P(contradicted)) of each trainable row from the model trained without its
    fold; None for a row the judge may not act on."""
    trainable = [r for r in rows if r.trainable]
    models = {k: model_from(train([r for r in trainable if folds[r.group] != k])) for k in range(FOLDS)}
    return [models[folds[r.group]].probabilities(Features(*r.features)) if r.trainable and r.features else None
            for r in rows]


def predictions(rows: Sequence[Row], probabilities: Sequence[tuple[float, float] | None],
                supported: float, contradicted: float) -> list[str]:
    """Every tune claim's verdict with the judge gated at these thresholds."""
    return [row.rules if p is None else gate(*p, supported, contradicted)[0].value
            for row, p in zip(rows, probabilities, strict=True)]


@dataclass(frozen=True)
class Figures:
    """Accuracy, macro-F1 and supported precision of a set of verdicts against gold."""

    accuracy: float
    macro_f1: float
    supported_precision: float
    supported: int
    false_supported: int


def figures(gold: Sequence[str], predicted: Sequence[str]) -> Figures:
    f1s = []
    for verdict in (v.value for v in Verdict):
        right = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == verdict)
        said, true = predicted.count(verdict), list(gold).count(verdict)
        precision, recall = (right / said if said else 0.0), (right / true if true else 0.0)
        if true:
            f1s.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    said = [g for g, p in zip(gold, predicted, strict=True) if p == Verdict.SUPPORTED.value]
    right = said.count(Verdict.SUPPORTED.value)
    return Figures(round(sum(1 for g, p in zip(gold, predicted, strict=True) if g == p) / max(1, len(gold)), 4),
                   round(sum(f1s) / len(f1s), 4), round(right / len(said), 4) if said else 0.0,
                   len(said), len(said) - right)


def build(rows: Sequence[Row]) -> dict:
    """The weights file: the final models on every trainable tune row, the thresholds chosen on
    out-of-fold probabilities, and the cross-validated figures at those thresholds."""
    trainable = [r for r in rows if r.trainable]
    probabilities = out_of_fold(rows, fold_of([r.group for r in rows]))
    gold = [r.gold for r in rows]
    best: tuple[float, float, float, float] | None = None
    for supported in GRID:
        for contradicted in GRID:
            result = figures(gold, predictions(rows, probabilities, supported, contradicted))
            if result.supported_precision < MIN_SUPPORTED_PRECISION:
                continue
            key = (result.accuracy, result.macro_f1, supported, contradicted)
            if best is None or key > best:
                best = key
    assert best is not None, "no threshold keeps supported precision at 0.9"
    _, _, supported, contradicted = best
    out = train(trainable)
    out["supported_threshold"], out["contradicted_threshold"] = supported, contradicted
    final = model_from(out)
    fitted = [final.probabilities(Features(*r.features)) if r.trainable and r.features else None for r in rows]
    out["cross_validation"] = {
        "data": "SciFact train, tune part (bench/verify_sets.py)", "claims": len(rows),
        "trained_on": len(trainable), "folds": FOLDS, "grouped_by": "cited abstracts",
        "rules_alone": asdict(figures(gold, [r.rules for r in rows])),
        "with_judge_out_of_fold": asdict(figures(gold, predictions(rows, probabilities, supported, contradicted))),
        "with_judge_in_sample": asdict(figures(gold, predictions(rows, fitted, supported, contradicted)))}
    return out


def write(rows: Sequence[Row]) -> str:
    return json.dumps(build(rows), indent=1) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=Path, help="examined rows: read when present, else written")
    parser.add_argument("--check", action="store_true", help="fail when the committed weights differ")
    args = parser.parse_args(argv)
    if args.rows is not None and args.rows.is_file():
        rows = [Row(**{**r, "features": tuple(r["features"]) if r["features"] is not None else None})
                for r in json.loads(args.rows.read_text(encoding="utf-8"))]
    else:
        rows = examine_tune()
        if args.rows is not None:
            args.rows.write_text(json.dumps([asdict(r) for r in rows]), encoding="utf-8")
    text = write(rows)
    print(json.dumps(json.loads(text)["cross_validation"], indent=1))
    if args.check:
        same = WEIGHTS.is_file() and WEIGHTS.read_text(encoding="utf-8") == text
        print("committed weights are " + ("what this run writes" if same else "NOT what this run writes"))
        return 0 if same else 1
    WEIGHTS.write_text(text, encoding="utf-8")
    print(f"wrote {WEIGHTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
