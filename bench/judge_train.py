"""Train the learned judge (synth.verify.judge) on the SciFact `tune` part only, and write
synth/verify/judge_weights.json.

    .venv/bin/python bench/judge_train.py [--rows /tmp/judge_rows.json] [--check]

Every tune claim is examined by the verifier (`examine_claim`: the rules' verdict and the judge's
reading of the closest prose window). The judge is trained on the claims the rules leave
`insufficient` whose reading it may act on (no figures, no table named): one L2-regularised logistic
regression for "gold is supported", one for "gold is contradicted", fitted by Newton's method from
zero (deterministic: same rows, same weights). The penalty and the thresholds are chosen by
bench/judge_cv.py on folds grouped by cited abstract, and that whole choice is scored by nested
cross-validation (the figures in the weights file). `--rows` keeps the examined rows in a file so a second run
skips the verifier; `--check` fails when the committed weights differ from what this run writes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import judge_cv as cv  # noqa: E402
import verify_sets as sets  # noqa: E402

from synth.models import Verdict  # noqa: E402
from synth.verify.decide import examine_claim  # noqa: E402
from synth.verify.judge import WEIGHTS, model_from  # noqa: E402
from synth.verify.judge_features import Features  # noqa: E402

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


def data_of(rows: Sequence[Row]) -> cv.Data:
    """The rows as the arrays bench/judge_cv.py works on (a row without a reading gets zeros: it is
    never trainable)."""
    width = len(Features.names())
    return cv.Data(np.array([cv.VERDICTS.index(r.gold) for r in rows], dtype=int),
                   np.array([cv.VERDICTS.index(r.rules) for r in rows], dtype=int),
                   np.array([r.features if r.features is not None else (0.0,) * width for r in rows], dtype=float),
                   np.array([r.features is not None and not r.left_to_rules for r in rows], dtype=bool),
                   tuple(r.group for r in rows))


def _rounded(values: np.ndarray) -> list[float]:
    return [round(float(v), DIGITS) for v in values]


def weights_of(fitted: cv.Fitted, choice: cv.Choice) -> dict:
    """The JSON form `synth.verify.judge.model_from` reads."""
    return {"features": list(Features.names()), "mean": _rounded(fitted.mean), "scale": _rounded(fitted.scale),
            "supported": {"bias": round(float(fitted.supported[0]), DIGITS), "weights": _rounded(fitted.supported[1:])},
            "contradicted": {"bias": round(float(fitted.contradicted[0]), DIGITS),
                             "weights": _rounded(fitted.contradicted[1:])},
            "penalty": choice.penalty, "supported_threshold": choice.supported,
            "contradicted_threshold": choice.contradicted}


def _nested(result: cv.Nested) -> dict:
    return {**asdict(result.pooled), "supported_precision_by_fold": list(result.fold_precision),
            "chosen_by_fold": [asdict(c) for c in result.choices]}


def build(rows: Sequence[Row]) -> dict:
    """The weights file: the penalty and thresholds `judge_cv.choose` picks on every tune row (inner
    folds), the final models fitted on every trainable row, the nested cross-validated figures of
    that procedure (also with downgrades allowed, and with the first judge's pooled-precision rule
    and fixed penalty), and the in-sample figures."""
    data = data_of(rows)
    choice = cv.choose(data)
    out = weights_of(cv.fit(data, choice.penalty), choice)
    final = model_from(out)
    fitted = np.array([final.probabilities(Features(*r.features)) if r.trainable and r.features else (np.nan, np.nan)
                       for r in rows], dtype=float)
    in_sample = cv.predict(data, fitted[:, 0], fitted[:, 1], choice.supported, choice.contradicted)
    out["cross_validation"] = {
        "data": "SciFact train, tune part (bench/verify_sets.py)", "claims": len(rows),
        "trained_on": int(data.trainable.sum()), "outer_folds": cv.FOLDS, "inner_folds": cv.INNER_FOLDS,
        "grouped_by": "cited abstracts", "rule": f"Wilson lower bounds (z={cv.WILSON_Z}) of the precision of "
        f"the judge's supported verdicts >= {cv.MIN_SUPPORTED_PRECISION}, of its contradicted verdicts >= "
        f"{cv.MIN_CONTRADICTED_PRECISION}", "penalties": list(cv.PENALTIES),
        "rules_alone": asdict(cv.figures(data, data.rules)),
        "nested": _nested(cv.nested(data)),
        "nested_with_downgrades": _nested(cv.nested(data, downgrade=True)),
        "nested_pooled_rule_penalty_1": _nested(cv.nested(data, cv.Rule.POOLED, (1.0,))),
        "in_sample": asdict(cv.figures(data, in_sample))}
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
