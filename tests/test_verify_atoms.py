"""Atoms: each claim of tests/fixtures/verify/atoms.yaml split into the assertions listed there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from synth.verify.atoms import AtomSpec, atoms_of
from synth.verify.combine import describe

CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "verify" / "atoms.yaml").read_text(encoding="utf-8"))


def _fields(atom: AtomSpec) -> dict[str, Any]:
    return {"kind": atom.kind.value, "text": atom.text, "direction": atom.direction, "aware": atom.aware,
            "negated": atom.negated, "margin": atom.margin.raw if atom.margin else None, "ratio": atom.ratio,
            "quantifier": atom.quantifier}


@pytest.mark.parametrize("case", CASES, ids=[c["claim"][:50] for c in CASES])
def test_claim_atoms(case: dict[str, Any]) -> None:
    found = [_fields(atom) for atom in atoms_of(case["claim"]).atoms]
    assert [{k: atom[k] for k in want} for atom, want in zip(found, case["atoms"], strict=False)] == case["atoms"]
    assert len(found) == len(case["atoms"]), [(a["kind"], a["text"]) for a in found]


def test_atoms_lie_in_their_clauses_in_reading_order() -> None:
    for case in CASES:
        parsed = atoms_of(case["claim"])
        starts = [a.start for a in parsed.atoms]
        assert starts == sorted(starts)
        for atom in parsed.atoms:
            assert atom.clause[0] <= atom.start <= atom.end <= max(atom.clause[1], atom.end)
            assert atom.clause in parsed.clauses or atom.clause[0] >= parsed.clauses[0][0]


@pytest.mark.parametrize(("claim", "said"), [
    ("DeepSeek-V3 surpasses Qwen2.5 72B by 16.4 points on MATH.", "comparison 'surpasses' by 16.4 points"),
    ("A outperforms B with a gap of 2 points on X.", "comparison 'outperforms' with gap of 2 points"),
])
def test_a_margin_is_said_once(claim: str, said: str) -> None:
    """The explanation names a margin in the claim's own words: never "by by 16.4 points"."""
    [atom] = atoms_of(claim).atoms
    assert describe(atom) == said
