"""The SciFact train split of bench/verify_sets.py: deterministic, claims about one abstract kept in
one part, and bench/verify_eval.py never lists a held-out claim (SciFact has no held-out part of its
own, so this split is what keeps its report half unseen)."""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from synth.models import Verdict, Verification

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bench() -> Iterator[tuple[ModuleType, ModuleType]]:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        yield importlib.import_module("verify_sets"), importlib.import_module("verify_eval")
    finally:
        sys.path.remove(str(ROOT / "bench"))


def test_the_part_is_a_hash_of_the_lowest_cited_abstract(bench: tuple[ModuleType, ModuleType]) -> None:
    sets, _ = bench
    parts = {sets.scifact_part([doc]) for doc in range(1, 41)}
    assert parts == {"tune", "held_out"}
    for doc in range(1, 41):
        assert sets.scifact_part([doc]) == sets.scifact_part([doc + 10_000_000, doc])  # lowest id decides


def test_claims_about_one_abstract_share_a_part(bench: tuple[ModuleType, ModuleType], tmp_path: Path) -> None:
    sets, _ = bench
    rows = [
        {"id": 1, "claim": "A raises B.", "evidence": {"7": [{"sentences": [0], "label": "SUPPORT"}]},
         "cited_doc_ids": [7]},
        {"id": 2, "claim": "A lowers B.", "evidence": {"7": [{"sentences": [0], "label": "CONTRADICT"}]},
         "cited_doc_ids": [7]},
        {"id": 3, "claim": "C is D.", "evidence": {}, "cited_doc_ids": [7, 9]},
    ]
    path = tmp_path / "claims.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    part = sets.scifact_part([7])
    other = "tune" if part == "held_out" else "held_out"
    assert [c.gold for c in sets.scifact_claims(path, None, part)] == [
        Verdict.SUPPORTED, Verdict.CONTRADICTED, Verdict.INSUFFICIENT]
    assert sets.scifact_claims(path, None, other) == []


def test_the_real_split_is_disjoint_and_complete(bench: tuple[ModuleType, ModuleType]) -> None:
    sets, _ = bench
    path = sets.SCIFACT / "claims_train.jsonl"
    if not path.is_file():
        pytest.skip("../shared/scifact not present")
    tune = sets.scifact_claims(path, None, "tune")
    held = sets.scifact_claims(path, None, "held_out")
    assert len(tune) == 408 and len(held) == 401
    assert {c.part for c in tune} == {"tune"} and {c.part for c in held} == {"held_out"}
    assert not {c.claim for c in tune} & {c.claim for c in held}


def test_failures_never_list_a_held_out_claim(bench: tuple[ModuleType, ModuleType],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    sets, evaluate = bench
    wrong = Verification("x", Verdict.INSUFFICIENT, 0.5, (), (), "nothing found")
    outcomes = [evaluate.Outcome(sets.Labelled("tuning claim", Verdict.SUPPORTED, part="tune"), wrong),
                evaluate.Outcome(sets.Labelled("secret claim", Verdict.SUPPORTED, part="held_out"), wrong)]
    evaluate.failures(outcomes, 10)
    shown = capsys.readouterr().out
    assert "tuning claim" in shown and "secret claim" not in shown


def test_miss_kinds(bench: tuple[ModuleType, ModuleType]) -> None:
    sets, evaluate = bench

    def kind(gold: Verdict, got: Verdict, retrieved: list[str]) -> str:
        item = sets.Labelled("c", gold, part="tune", gold_docs=frozenset({"7"}))
        return str(evaluate.miss_kind(evaluate.Outcome(item, Verification("c", got, 0.5, (), (), "")), retrieved))

    assert kind(Verdict.SUPPORTED, Verdict.INSUFFICIENT, ["3", "7"]) == (
        "supported: cited abstract retrieved, judged insufficient")
    assert kind(Verdict.CONTRADICTED, Verdict.INSUFFICIENT, ["3"]) == "contradicted: cited abstract not retrieved"
    assert kind(Verdict.CONTRADICTED, Verdict.SUPPORTED, ["7"]) == "contradicted claim judged supported"
    assert kind(Verdict.INSUFFICIENT, Verdict.SUPPORTED, []) == "no-evidence claim judged supported"
