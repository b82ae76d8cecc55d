"""Every evaluation set of bench/verify_eval.py (the parts one may tune on, and the first SciFact
claims), run through the verifier: a verdict never disagrees with its own atoms or explanation,
and every quote is the source's text at its offsets. Skipped when ../shared is absent."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from synth.index import PassageIndex
from synth.models import Library, Verdict, Verification
from synth.verify import verdict_of, verify_claim

ROOT = Path(__file__).resolve().parents[1]
SCIFACT_CLAIMS = 25
_WORDS = {Verdict.SUPPORTED: "supported", Verdict.CONTRADICTED: "contradicted", Verdict.INSUFFICIENT: "not stated"}


@pytest.fixture(scope="module")
def sets() -> Iterator[object]:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        yield importlib.import_module("verify_sets")
    finally:
        sys.path.remove(str(ROOT / "bench"))


def check(claims: Sequence[str], library: Library, index: PassageIndex) -> None:
    texts = {d.doc_id: d.text for d in library.documents}
    for claim in claims:
        result: Verification = verify_claim(claim, library, index)
        assert result.atoms, claim
        assert result.verdict is verdict_of([a.status for a in result.atoms]), claim
        for atom in result.atoms:
            assert f"{atom.text} — {_WORDS[atom.status]}" in result.explanation, claim
            assert all(0 <= i < len(result.evidence) for i in atom.evidence), claim
        for evidence in (*result.evidence, *result.counter_evidence):
            assert " ".join(texts[evidence.doc_id][evidence.start:evidence.end].split()) == evidence.quote, claim


def test_seed_set(sets: object, tmp_path: Path) -> None:
    if not sets.SEED_LIBRARY.is_dir():  # type: ignore[attr-defined]
        pytest.skip("../shared/seed-library not present")
    library, index = sets.seed_library(tmp_path)  # type: ignore[attr-defined]
    check([c.claim for c in sets.seed_claims()], library, index)  # type: ignore[attr-defined]


def test_scitab_tune_part(sets: object, tmp_path: Path) -> None:
    if not sets.SCITAB.is_file():  # type: ignore[attr-defined]
        pytest.skip("../shared/scitab not present")
    entries = sets.scitab_entries()  # type: ignore[attr-defined]
    (tmp_path / "scitab").mkdir()
    sets.write_scitab_library(entries, tmp_path / "scitab")  # type: ignore[attr-defined]
    library, index = sets.prepare_library(tmp_path / "scitab", tmp_path / "cache")  # type: ignore[attr-defined]
    check([c.claim for c in sets.scitab_claims(entries, "tune")], library, index)  # type: ignore[attr-defined]


def test_corpus_tune_part(sets: object, tmp_path: Path) -> None:
    claims = [c.claim for c in sets.corpus_claims("tune")]  # type: ignore[attr-defined]
    if not sets.CORPUS.is_dir() or not claims:  # type: ignore[attr-defined]
        pytest.skip("../shared/corpus/pdfs or bench/data/corpus_claims_tune.yaml not present")
    library, index = sets.prepare_library(sets.CORPUS, tmp_path / "cache")  # type: ignore[attr-defined]
    check(claims, library, index)


def test_scifact_first_claims(sets: object) -> None:
    corpus = sets.SCIFACT / "corpus.jsonl"  # type: ignore[attr-defined]
    if not corpus.is_file():
        pytest.skip("../shared/scifact not present")
    library, index = sets.scifact_library(corpus)  # type: ignore[attr-defined]
    claims = sets.scifact_claims(sets.SCIFACT / "claims_train.jsonl", SCIFACT_CLAIMS)  # type: ignore[attr-defined]
    check([c.claim for c in claims], library, index)
