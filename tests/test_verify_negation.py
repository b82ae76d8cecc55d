"""Negation scope: what "without", "removes", "does not", "instead of" deny, against what a claim
asserts (tests/fixtures/verify/negation.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from synth.verify.negation import opposite_extreme, scope_conflict

CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "verify" / "negation.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["claim"][:50] for c in CASES])
def test_scope_conflict(case: dict[str, Any]) -> None:
    assert scope_conflict(case["claim"], case["sentence"]) is case["conflict"]


EXTREMES = yaml.safe_load((Path(__file__).parent / "fixtures" / "verify" / "extremes.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", EXTREMES, ids=[f"{c['claim'][:40]}|{c['sentence'][:30]}" for c in EXTREMES])
def test_opposite_extreme(case: dict[str, Any]) -> None:
    expected = tuple(case["opposite"]) if case["opposite"] else None
    assert opposite_extreme(case["claim"], case["sentence"]) == expected
