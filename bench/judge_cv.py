"""How bench/judge_train.py chooses the learned judge's penalty and thresholds, and how it measures
that choice honestly (nested cross-validation, every fold grouped by cited abstract).

The first judge picked its thresholds on the same out-of-fold probabilities it was then scored on,
so the score was that of the best threshold in hindsight, not of the procedure: on claims it never
saw, its supported precision fell from 0.912 to 0.842. Here the whole choice (penalty, thresholds)
is a function of a training set alone (`choose`), and `nested` runs it on four fifths of the tune
claims and scores it on the fifth it never saw, five times over.

A supported threshold must keep the judge's own upgrades precise with a margin: the lower bound of
the Wilson interval of their out-of-fold precision must reach 0.9 (`Rule.WILSON`). The rules'
verdicts are not the judge's to vouch for: they are about 0.9 precise already, so an upgrade less
precise than that lowers the whole. `Rule.POOLED` is the first judge's rule (pooled precision of
rules and judge together >= 0.9), kept to measure what it did.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

import numpy as np

from synth.models import Verdict

FOLDS = 5
INNER_FOLDS = 4
PENALTIES = (0.3, 1.0, 3.0, 10.0, 30.0, 100.0)  # L2 penalties on standardised weights, tried by inner CV
NEWTON_STEPS = 50
MIN_SUPPORTED_PRECISION = 0.9
MIN_CONTRADICTED_PRECISION = 0.5  # a contradicted upgrade must be likelier right than wrong, with the margin
WILSON_Z = 1.645  # one-sided 95%: 25 right upgrades of 25 reach the bound, 24 of 24 do not
NEVER = 1.01  # a threshold no probability reaches: that gate stays shut
GRID = (*(round(0.5 + 0.01 * i, 2) for i in range(50)), NEVER)  # thresholds 0.50 ... 0.99, and never
VERDICTS = tuple(v.value for v in Verdict)
SUPPORTED, CONTRADICTED, INSUFFICIENT = (VERDICTS.index(v.value) for v in
                                         (Verdict.SUPPORTED, Verdict.CONTRADICTED, Verdict.INSUFFICIENT))


class Rule(Enum):
    """Which supported thresholds may be chosen (module docstring)."""

    WILSON = "wilson"
    POOLED = "pooled"


@dataclass(frozen=True)
class Data:
    """Rows as arrays: gold and rule verdicts (indices into VERDICTS), features, which rows the
    judge can read (a prose reading, no figures, no table), and each row's group (cited abstracts)."""

    gold: np.ndarray
    rules: np.ndarray
    x: np.ndarray
    readable: np.ndarray
    groups: tuple[str, ...]

    @property
    def trainable(self) -> np.ndarray:
        """The rows the judge may upgrade (and is trained on): readable, left insufficient by the rules."""
        return self.readable & (self.rules == INSUFFICIENT)

    @property
    def ruled_supported(self) -> np.ndarray:
        """The rows a downgrade could act on: readable, supported by the rules."""
        return self.readable & (self.rules == SUPPORTED)

    def subset(self, keep: np.ndarray) -> Data:
        return Data(self.gold[keep], self.rules[keep], self.x[keep], self.readable[keep],
                    tuple(g for g, k in zip(self.groups, keep, strict=True) if k))


@dataclass(frozen=True)
class Fitted:
    """Both logistic regressions on standardised features, with the standardisation."""

    mean: np.ndarray
    scale: np.ndarray
    supported: np.ndarray  # bias, then weights
    contradicted: np.ndarray

    def probabilities(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        design = np.hstack([np.ones((len(x), 1)), (x - self.mean) / self.scale])
        return _sigmoid(design @ self.supported), _sigmoid(design @ self.contradicted)


@dataclass(frozen=True)
class Choice:
    """What `choose` picks from a training set; `downgrade`: a rule's supported verdict whose
    P(supported) is below it becomes insufficient (0.0: never)."""

    penalty: float
    supported: float
    contradicted: float
    downgrade: float = 0.0


@dataclass(frozen=True)
class Figures:
    """Accuracy, macro-F1 and supported precision of a set of verdicts against gold; `upgrades` are
    the judge's own supported verdicts (the rules said insufficient), `wrong_upgrades` those gold
    denies, and `contradictions`, `wrong_contradictions` the same of its contradicted verdicts."""

    accuracy: float
    macro_f1: float
    supported_precision: float
    supported: int
    false_supported: int
    upgrades: int
    wrong_upgrades: int
    contradictions: int
    wrong_contradictions: int


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def fold_of(groups: Sequence[str], folds: int = FOLDS) -> dict[str, int]:
    """Groups (cited abstracts) dealt round-robin to folds in the order of their SHA-256."""
    ordered = sorted(set(groups), key=lambda g: hashlib.sha256(g.encode()).hexdigest())
    return {group: i % folds for i, group in enumerate(ordered)}


def fold_array(groups: Sequence[str], folds: int) -> np.ndarray:
    where = fold_of(groups, folds)
    return np.array([where[g] for g in groups], dtype=int)


def fit_logistic(z: np.ndarray, y: np.ndarray, penalty: float) -> np.ndarray:
    """L2-regularised logistic regression by Newton's method from zero: bias, then weights."""
    design = np.hstack([np.ones((len(z), 1)), z])
    theta = np.zeros(design.shape[1])
    ridge = penalty * np.eye(design.shape[1])
    ridge[0, 0] = 0.0
    for _ in range(NEWTON_STEPS):
        p = _sigmoid(design @ theta)
        gradient = design.T @ (p - y) + ridge @ theta
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + ridge
        theta = theta - np.linalg.solve(hessian, gradient)
    return theta


def fit(data: Data, penalty: float) -> Fitted:
    """Both models on the trainable rows of `data`."""
    x, gold = data.x[data.trainable], data.gold[data.trainable]
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (x - mean) / scale
    return Fitted(mean, scale, fit_logistic(z, (gold == SUPPORTED).astype(float), penalty),
                  fit_logistic(z, (gold == CONTRADICTED).astype(float), penalty))


def scored(data: Data, model: Fitted, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """P(supported), P(contradicted) of the readable `rows` (NaN elsewhere)."""
    supported, contradicted = np.full(len(data.gold), np.nan), np.full(len(data.gold), np.nan)
    rows = rows & data.readable
    supported[rows], contradicted[rows] = model.probabilities(data.x[rows])
    return supported, contradicted


def out_of_fold(data: Data, folds: np.ndarray, penalty: float) -> tuple[np.ndarray, np.ndarray]:
    """P(supported), P(contradicted) of every readable row from the models fitted without its fold
    (NaN for rows the judge cannot read)."""
    supported, contradicted = np.full(len(data.gold), np.nan), np.full(len(data.gold), np.nan)
    for k in sorted(set(folds.tolist())):
        held = folds == k
        ps, pc = scored(data, fit(data.subset(~held), penalty), held)
        supported[held], contradicted[held] = ps[held], pc[held]
    return supported, contradicted


def predict(data: Data, supported: np.ndarray, contradicted: np.ndarray, supported_threshold: float,
            contradicted_threshold: float, downgrade: float = 0.0) -> np.ndarray:
    """Every row's verdict with the judge gated at these thresholds (synth.verify.judge.gate), and
    the rules' supported verdicts below `downgrade` made insufficient."""
    acting = data.trainable & ~np.isnan(supported)
    ps, pc = np.nan_to_num(supported, nan=1.0), np.nan_to_num(contradicted, nan=0.0)
    up = acting & (ps >= supported_threshold) & (ps >= pc)
    down = acting & ~up & (pc >= contradicted_threshold)
    doubted = data.ruled_supported & (ps < downgrade)
    return np.where(up, SUPPORTED, np.where(down, CONTRADICTED, np.where(doubted, INSUFFICIENT, data.rules)))


def figures(data: Data, predicted: np.ndarray) -> Figures:
    f1s = []
    for verdict in range(len(VERDICTS)):
        right = int(np.sum((data.gold == verdict) & (predicted == verdict)))
        said, true = int(np.sum(predicted == verdict)), int(np.sum(data.gold == verdict))
        precision, recall = (right / said if said else 0.0), (right / true if true else 0.0)
        if true:
            f1s.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    said = predicted == SUPPORTED
    right = int(np.sum(said & (data.gold == SUPPORTED)))
    upgraded = said & (data.rules != SUPPORTED)
    contradicting = (predicted == CONTRADICTED) & (data.rules != CONTRADICTED)
    return Figures(round(float(np.mean(data.gold == predicted)), 4), round(sum(f1s) / len(f1s), 4),
                   round(right / int(np.sum(said)), 4) if said.any() else 0.0, int(np.sum(said)),
                   int(np.sum(said)) - right, int(np.sum(upgraded)),
                   int(np.sum(upgraded & (data.gold != SUPPORTED))), int(np.sum(contradicting)),
                   int(np.sum(contradicting & (data.gold != CONTRADICTED))))


def wilson_lower(right: int, total: int, z: float = WILSON_Z) -> float:
    """The lower bound of the Wilson score interval of a proportion right/total (1.0 when total is 0:
    no upgrade, nothing to doubt)."""
    if total == 0:
        return 1.0
    p = right / total
    centre = p + z * z / (2 * total)
    spread = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total))
    return (centre - spread) / (1 + z * z / total)


def allowed(result: Figures, rule: Rule) -> bool:
    """Whether thresholds giving these out-of-fold figures may be chosen (module docstring)."""
    if rule is Rule.POOLED:
        return result.supported_precision >= MIN_SUPPORTED_PRECISION or result.supported == 0
    right = result.contradictions - result.wrong_contradictions
    return (wilson_lower(result.upgrades - result.wrong_upgrades, result.upgrades) >= MIN_SUPPORTED_PRECISION
            and wilson_lower(right, result.contradictions) >= MIN_CONTRADICTED_PRECISION)


def thresholds(data: Data, supported: np.ndarray, contradicted: np.ndarray, rule: Rule) -> tuple[float, float]:
    """The allowed pair with the best out-of-fold accuracy (then macro-F1, then the higher
    thresholds); both gates shut (NEVER) always qualifies under the Wilson rule."""
    best: tuple[float, float, float, float] | None = None
    for s in GRID:
        for c in GRID:
            result = figures(data, predict(data, supported, contradicted, s, c))
            if not allowed(result, rule):
                continue
            key = (result.accuracy, result.macro_f1, s, c)
            if best is None or key > best:
                best = key
    if best is None:
        return NEVER, NEVER
    return best[2], best[3]


DOWNGRADES = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)  # downgrade thresholds tried (0.0: never)


def downgrade_threshold(data: Data, supported: np.ndarray, contradicted: np.ndarray) -> float:
    """The downgrade threshold with the best out-of-fold accuracy, then supported precision, then
    the lower threshold (it acts on rows the gates never touch, so it is chosen on its own)."""
    def key(d: float) -> tuple[float, float, float]:
        result = figures(data, predict(data, supported, contradicted, NEVER, NEVER, d))
        return result.accuracy, result.supported_precision, -d

    return max(DOWNGRADES, key=key)


def log_loss(data: Data, supported: np.ndarray, contradicted: np.ndarray) -> float:
    """Mean log-loss of both models on the rows they were scored on out of fold."""
    rows = data.trainable & ~np.isnan(supported)
    eps = 1e-12
    loss = 0.0
    for p, label in ((supported[rows], SUPPORTED), (contradicted[rows], CONTRADICTED)):
        y = data.gold[rows] == label
        loss -= float(np.mean(np.where(y, np.log(p + eps), np.log(1 - p + eps))))
    return loss


def choose(data: Data, rule: Rule = Rule.WILSON, penalties: Sequence[float] = PENALTIES,
           downgrade: bool = False) -> Choice:
    """The penalty with the lowest inner out-of-fold log-loss (ties: the larger), then the thresholds
    `thresholds` picks on that penalty's inner out-of-fold probabilities (and, when `downgrade`, the
    downgrade threshold); a function of `data` alone."""
    folds = fold_array(data.groups, INNER_FOLDS)
    scored = []
    for penalty in penalties:
        supported, contradicted = out_of_fold(data, folds, penalty)
        scored.append((round(log_loss(data, supported, contradicted), 9), -penalty, supported, contradicted))
    _, negative, supported, contradicted = min(scored, key=lambda t: (t[0], t[1]))
    return Choice(-negative, *thresholds(data, supported, contradicted, rule),
                  downgrade_threshold(data, supported, contradicted) if downgrade else 0.0)


@dataclass(frozen=True)
class Nested:
    """The procedure's figures on claims it never saw (pooled over outer folds), the supported
    precision of each outer fold, and what each outer fold chose."""

    pooled: Figures
    fold_precision: tuple[float, ...]
    choices: tuple[Choice, ...]


def nested(data: Data, rule: Rule = Rule.WILSON, penalties: Sequence[float] = PENALTIES,
           downgrade: bool = False) -> Nested:
    """Nested cross-validation: `choose` on four outer folds, the judge it picks scored on the fifth."""
    folds = fold_array(data.groups, FOLDS)
    predicted = data.rules.copy()
    precisions, choices = [], []
    for k in range(FOLDS):
        held = folds == k
        training = data.subset(~held)
        choice = choose(training, rule, penalties, downgrade)
        supported, contradicted = scored(data, fit(training, choice.penalty), held)
        verdicts = predict(data, supported, contradicted, choice.supported, choice.contradicted, choice.downgrade)
        predicted[held] = verdicts[held]
        precisions.append(figures(data.subset(held), verdicts[held]).supported_precision)
        choices.append(choice)
    return Nested(figures(data, predicted), tuple(precisions), tuple(choices))
