"""The learned judge (synth.verify.judge): its gating rule (it only ever upgrades an `insufficient`
verdict of a figure-less claim, and only past its thresholds), what an upgraded verification looks
like (its verdict follows from its atoms, its confidence from its signals), the committed weights
(they load, and match the features), and the training script (same rows, same weights file)."""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest
from libraries import bench_module

from synth.index import PassageIndex
from synth.models import (
    Atom,
    AtomKind,
    Document,
    Evidence,
    Library,
    Passage,
    PassageKind,
    Source,
    Verdict,
    Verification,
)
from synth.verify import CONFIDENCE_WEIGHTS, decide, verdict_of, verify_claim, verify_claims
from synth.verify.judge import JudgeModel, Logistic, Reading, judge, judged_verdict, load_model
from synth.verify.judge_features import Features

ROOT = Path(__file__).resolve().parents[1]
NAMES = Features.names()


def _features(**values: float) -> Features:
    return Features(**{name: values.get(name, 0.0) for name in NAMES})


def _model(supported: float = 0.8, contradicted: float = 0.7) -> JudgeModel:
    """P(supported) rises with coverage, P(contradicted) with polarity_differs; nothing else counts."""
    zeros = [0.0] * len(NAMES)
    on_coverage, on_polarity = list(zeros), list(zeros)
    on_coverage[NAMES.index("coverage")] = 8.0
    on_polarity[NAMES.index("polarity_differs")] = 8.0
    return JudgeModel(NAMES, tuple(zeros), tuple([1.0] * len(NAMES)), Logistic(-4.0, tuple(on_coverage)),
                      Logistic(-4.0, tuple(on_polarity)), supported, contradicted)


def _evidence() -> Evidence:
    return Evidence("src", "doc", "Aspirin lowers the risk of stroke.", 0, 34, None, "abstract", PassageKind.TEXT)


def _insufficient(claim: str = "Aspirin reduces stroke risk.") -> Verification:
    atom = Atom(AtomKind.STATEMENT, claim, Verdict.INSUFFICIENT, "not found")
    return Verification(claim, Verdict.INSUFFICIENT, 0.3, (), (), "not stated", (), (atom,))


def test_the_gate_opens_only_past_a_threshold() -> None:
    model = _model()
    # coverage 1.0: P(supported) = sigmoid(4) = 0.98; coverage 0.5: sigmoid(0) = 0.5
    assert judged_verdict(_features(coverage=1.0), False, model)[0] is Verdict.SUPPORTED
    assert judged_verdict(_features(coverage=0.5), False, model)[0] is Verdict.INSUFFICIENT
    assert judged_verdict(_features(polarity_differs=1.0), False, model)[0] is Verdict.CONTRADICTED
    # both past their thresholds: the larger probability decides
    both = _features(coverage=1.0, polarity_differs=0.9)
    assert judged_verdict(both, False, model)[0] is Verdict.SUPPORTED
    both = _features(coverage=0.9, polarity_differs=1.0)
    assert judged_verdict(both, False, model)[0] is Verdict.CONTRADICTED
    # a threshold above every probability keeps the gate shut
    assert judged_verdict(_features(coverage=1.0), False, _model(supported=0.99))[0] is Verdict.INSUFFICIENT


def test_claims_with_figures_are_left_to_the_rules() -> None:
    reading = _features(coverage=1.0, polarity_differs=1.0)
    assert judged_verdict(reading, True, _model())[0] is Verdict.INSUFFICIENT
    verification = _insufficient("Aspirin reduces stroke risk by 20%.")
    assert judge(verification, Reading(reading, _evidence(), True), _model()) is verification


def test_a_rule_verdict_is_never_overturned() -> None:
    reading = Reading(_features(polarity_differs=1.0), _evidence(), False)
    for verdict in (Verdict.SUPPORTED, Verdict.CONTRADICTED):
        ruled = Verification("c", verdict, 0.8, (_evidence(),), (), "ruled",
                             (), (Atom(AtomKind.STATEMENT, "c", verdict),))
        assert judge(ruled, reading, _model()) is ruled
    assert judge(_insufficient(), None, _model()).verdict is Verdict.INSUFFICIENT
    assert judge(_insufficient(), reading, None).verdict is Verdict.INSUFFICIENT


def test_an_upgraded_verdict_follows_from_its_atoms_and_its_signals() -> None:
    reading = Reading(_features(coverage=1.0, entities=1.0, relevance=1.0), _evidence(), False)
    result = judge(_insufficient(), reading, _model())
    assert result.verdict is Verdict.SUPPORTED
    assert result.verdict is verdict_of([a.status for a in result.atoms])
    assert result.evidence == (reading.evidence,)
    assert all(a.evidence == (0,) for a in result.atoms)
    assert "learned judge" in result.explanation
    assert [s.name for s in result.signals] == list(CONFIDENCE_WEIGHTS)
    expected = sum(CONFIDENCE_WEIGHTS[s.name] * s.value for s in result.signals)
    assert abs(result.confidence - round(expected, 2)) < 1e-9


def test_the_committed_weights_load_and_gate_at_high_probability(cv: ModuleType) -> None:
    model = load_model()
    assert model is not None
    assert model.features == NAMES
    assert len(model.supported.weights) == len(model.contradicted.weights) == len(NAMES)
    assert 0.5 <= model.supported_threshold <= cv.NEVER
    assert 0.5 <= model.contradicted_threshold <= cv.NEVER
    data = json.loads((ROOT / "synth" / "verify" / "judge_weights.json").read_text(encoding="utf-8"))
    assert data["penalty"] in cv.PENALTIES
    nested = data["cross_validation"]["nested"]
    assert len(nested["chosen_by_fold"]) == len(nested["supported_precision_by_fold"]) == cv.FOLDS


@pytest.fixture(scope="module")
def trainer() -> Iterator[ModuleType]:
    with bench_module("judge_train") as module:
        yield module


@pytest.fixture(scope="module")
def cv() -> Iterator[ModuleType]:
    with bench_module("judge_cv") as module:
        yield module


def _rows(trainer: ModuleType, count: int = 240) -> list:
    """Synthetic tune rows: gold supported rows have high coverage, contradicted ones a polarity
    difference, with noise; a few rows the rules already decided."""
    generator = random.Random(7)
    rows = []
    for i in range(count):
        gold = ("supported", "contradicted", "insufficient")[i % 3]
        values = {f.name: generator.random() for f in fields(Features)}
        values["coverage"] = min(1.0, values["coverage"] * 0.5 + (0.5 if gold == "supported" else 0.0))
        values["polarity_differs"] = float(gold == "contradicted" and generator.random() < 0.8)
        rules = gold if i % 17 == 0 else "insufficient"
        rows.append(trainer.Row(f"claim {i}", f"abstract {i // 4}", gold, rules,
                                Features(**values).vector(), i % 23 == 0))
    return rows


def test_training_is_deterministic(trainer: ModuleType) -> None:
    rows = _rows(trainer)
    first, second = trainer.write(rows), trainer.write(list(rows))
    assert first == second
    data = json.loads(first)
    assert data["features"] == list(NAMES)
    nested = data["cross_validation"]["nested"]
    assert nested["accuracy"] > data["cross_validation"]["rules_alone"]["accuracy"]
    # the judge learned what separates the synthetic labels
    supported = dict(zip(data["features"], data["supported"]["weights"], strict=True))
    contradicted = dict(zip(data["features"], data["contradicted"]["weights"], strict=True))
    assert supported["coverage"] > 0 and contradicted["polarity_differs"] > 0


def test_folds_keep_an_abstract_together(trainer: ModuleType, cv: ModuleType) -> None:
    rows = _rows(trainer)
    folds = cv.fold_of([r.group for r in rows])
    assert set(folds.values()) == set(range(cv.FOLDS))
    assert folds == cv.fold_of(list(reversed([r.group for r in rows])))


def test_the_wilson_bound_asks_for_a_margin(cv: ModuleType) -> None:
    """25 right upgrades of 25 reach 0.9 at the one-sided 95% bound, 24 of 24 and 27 of 28 do not;
    no upgrade at all is nothing to doubt."""
    assert cv.wilson_lower(25, 25) >= 0.9 > cv.wilson_lower(24, 24)
    assert cv.wilson_lower(27, 28) < 0.9 < 27 / 28
    assert cv.wilson_lower(0, 0) == 1.0
    assert cv.wilson_lower(5, 10, z=0.0) == 0.5


def _data(cv: ModuleType, upgrades_right: int, upgrades_wrong: int) -> tuple:
    """Rows the rules left insufficient: gold supported ones with P(supported) 0.95, gold
    insufficient ones with 0.9, and `upgrades_wrong` gold insufficient ones also at 0.95."""
    gold = ([cv.SUPPORTED] * upgrades_right + [cv.INSUFFICIENT] * upgrades_wrong + [cv.INSUFFICIENT] * 10)
    probability = [0.95] * (upgrades_right + upgrades_wrong) + [0.9] * 10
    size = len(gold)
    data = cv.Data(np.array(gold), np.full(size, cv.INSUFFICIENT), np.zeros((size, 1)), np.ones(size, dtype=bool),
                   tuple(f"g{i}" for i in range(size)))
    return data, np.array(probability), np.zeros(size)


def test_a_supported_threshold_needs_its_upgrades_precise_with_a_margin(cv: ModuleType) -> None:
    """29 right upgrades and 1 wrong one (0.967 precise) is past the pooled rule, not the Wilson one;
    30 right of 30 passes both; the contradicted gate is not bound by the margin."""
    data, supported, contradicted = _data(cv, 29, 1)
    assert cv.thresholds(data, supported, contradicted, cv.Rule.POOLED)[0] <= 0.95
    assert cv.thresholds(data, supported, contradicted, cv.Rule.WILSON)[0] == cv.NEVER
    data, supported, contradicted = _data(cv, 30, 0)
    assert 0.9 < cv.thresholds(data, supported, contradicted, cv.Rule.WILSON)[0] <= 0.95


def test_a_contradicted_threshold_needs_its_verdicts_likelier_right_with_a_margin(cv: ModuleType) -> None:
    """6 right contradictions and 4 wrong ones raise accuracy but are not surely more often right than
    wrong: the gate stays shut; 20 right and 2 wrong open it."""
    for right, wrong, opens in ((6, 4, False), (20, 2, True)):
        gold = [cv.CONTRADICTED] * right + [cv.INSUFFICIENT] * wrong + [cv.INSUFFICIENT] * 10
        size = len(gold)
        data = cv.Data(np.array(gold), np.full(size, cv.INSUFFICIENT), np.zeros((size, 1)),
                       np.ones(size, dtype=bool), tuple(f"g{i}" for i in range(size)))
        contradicted = np.array([0.8] * (right + wrong) + [0.6] * 10)
        chosen = cv.thresholds(data, np.zeros(size), contradicted, cv.Rule.WILSON)[1]
        assert (chosen <= 0.8) is opens


def test_nested_cv_scores_each_fold_with_a_choice_made_without_it(trainer: ModuleType, cv: ModuleType,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    data = trainer.data_of(_rows(trainer))
    folds = cv.fold_of(data.groups)
    seen: list[set[int]] = []
    choose = cv.choose

    def watched(training: Any, *args: object) -> object:
        seen.append({folds[g] for g in training.groups})
        return choose(training, *args)

    monkeypatch.setattr(cv, "choose", watched)
    result = cv.nested(data, cv.Rule.WILSON, (1.0,))
    assert seen == [set(range(cv.FOLDS)) - {k} for k in range(cv.FOLDS)]
    assert len(result.choices) == len(result.fold_precision) == cv.FOLDS


def test_a_judge_with_both_gates_shut_reads_nothing(monkeypatch: pytest.MonkeyPatch, cv: ModuleType) -> None:
    """Thresholds above 1 keep the rules' verdict, and no reading is measured for it."""
    library, index = _prose_library()
    model = _model()
    shut = JudgeModel(model.features, model.mean, model.scale, model.supported, model.contradicted, cv.NEVER, cv.NEVER)
    assert not shut.acts and _model().acts
    reads: list[bool] = []
    examine = decide.examine_claim

    def watched(*args: Any, read: bool = True) -> Any:
        reads.append(read)
        return examine(*args, read=read)

    monkeypatch.setattr(decide, "load_model", lambda: shut)
    monkeypatch.setattr(decide, "examine_claim", watched)
    assert verify_claim("Aspirin protects against stroke.", library, index).verdict is Verdict.INSUFFICIENT
    assert reads == [False]


def _prose_library() -> tuple[Library, PassageIndex]:
    text = "Aspirin use was inversely associated with stroke incidence in adults."
    passage = Passage("a.md", 0, text, 0, len(text), section="Results")
    document = Document("a.md", "a.md", hashlib.sha256(text.encode()).hexdigest(), "markdown", "test",
                        "Aspirin", text, (passage,))
    library = Library("lib", (Source("a", None, document, "file"),), (), (), "f" * 64)
    return library, PassageIndex(library, None)


def test_answer_cells_and_learned_false_keep_the_rules_verdict(monkeypatch: pytest.MonkeyPatch) -> None:
    """A model that would support anything upgrades the claim through `verify_claim`, never with
    `learned=False` (what the answer stage passes: a cell is supported only by the rules)."""
    library, index = _prose_library()
    claim = "Aspirin protects against stroke."
    assert verify_claim(claim, library, index, learned=False).verdict is Verdict.INSUFFICIENT
    eager = _model(supported=0.5, contradicted=0.99)
    eager = JudgeModel(eager.features, eager.mean, eager.scale, Logistic(4.0, eager.supported.weights),
                       eager.contradicted, 0.5, 0.99)
    monkeypatch.setattr(decide, "load_model", lambda: eager)
    upgraded = verify_claim(claim, library, index)
    assert upgraded.verdict is Verdict.SUPPORTED
    assert upgraded.evidence[0].quote.startswith("Aspirin use was inversely associated")
    assert verify_claim(claim, library, index, learned=False).verdict is Verdict.INSUFFICIENT
    assert verify_claims([claim], library, index, learned=False)[0].verdict is Verdict.INSUFFICIENT
