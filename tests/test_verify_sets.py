"""Every evaluation set of bench/verify_eval.py (the parts one may tune on, and the first SciFact
claims), run through the verifier once per module, then checked for what a reader must be able to
trust whatever the claim:

* a verdict never disagrees with its own atoms or explanation, and a supported atom never rests
  on a note that says otherwise ("the cell says 89.32, not 15%", "the passage denies …");
* every supported atom is quoted, and a supported figure is stated by its own quotes (the cell or
  sentence it cites carries that figure: one matching figure never carries another);
* every quote is the source's text at its offsets;
* a finding taken from a source is never corroborated by that same source (no circularity);
* on the tuning parts: no false 'supported' on the seed and corpus sets, negated or scoped corpus
  claims that gold contradicts are never supported, SciTab 'supported' precision stays >= 0.95.

Skipped when ../shared is absent. Held-out parts are never read here."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import ModuleType

import pytest
from libraries import bench_module

from synth import claimparse
from synth.index import PassageIndex
from synth.models import AtomKind, Evidence, Library, PassageKind, Verdict, Verification
from synth.verify import verdict_of, verify_claim
from synth.verify.findings import agrees

ROOT = Path(__file__).resolve().parents[1]
SCIFACT_CLAIMS = 25
MIN_SCITAB_SUPPORTED_PRECISION = 0.95
_WORDS = {Verdict.SUPPORTED: "supported", Verdict.CONTRADICTED: "contradicted", Verdict.INSUFFICIENT: "not stated"}
# How contradicting findings word their notes (synth.verify.reasoning, passages): never a supported atom's.
_DENIAL_NOTE = re.compile(r"\bsay .*, not \b|\bgives \S+ where the claim says\b|\bsays this of .*, not\b|"
                          r"\bpassage (?:denies|affirms) what\b|\bopposite (?:comparison|direction)\b")

Run = list[tuple[object, Verification]]


@pytest.fixture(scope="module")
def sets() -> Iterator[ModuleType]:
    with bench_module("verify_sets") as module:
        yield module


def _stated_by(value: str, quotes: Sequence[Evidence]) -> bool:
    """Whether one of the quotes states the figure: a cited cell's value, or a figure of the text."""
    claimed = claimparse.quantities(value)
    if not claimed:
        return True  # a number word ("twice") the parser reads differently: nothing to compare
    figure = claimed[0]
    for quote in quotes:
        if quote.passage_kind is PassageKind.TABLE_ROW:
            texts = [cell.rsplit(": ", 1)[-1] for cell in quote.cells]
        else:
            texts = [quote.quote]
        for text in texts:
            if any(agrees(figure, q.value) or figure.agrees(q) for q in claimparse.quantities(text)):
                return True
    return False


def check(claim: str, result: Verification, texts: dict[str, str]) -> None:
    assert result.atoms, claim
    assert result.verdict is verdict_of([a.status for a in result.atoms]), claim
    for atom in result.atoms:
        assert f"{atom.text} — {_WORDS[atom.status]}" in result.explanation, claim
        assert all(0 <= i < len(result.evidence) for i in atom.evidence), claim
        if atom.status is Verdict.SUPPORTED:
            quotes = [result.evidence[i] for i in atom.evidence]
            assert quotes, f"supported atom without a quote: {atom.text!r} in {claim!r}"
            assert not _DENIAL_NOTE.search(atom.note), f"supported with a denial: {atom.note!r} in {claim!r}"
            if atom.kind is AtomKind.FIGURE and atom.value:
                assert _stated_by(atom.value, quotes), f"{atom.value} not in its quotes for {claim!r}"
    if result.verdict is Verdict.SUPPORTED:
        assert result.evidence, claim
    for evidence in (*result.evidence, *result.counter_evidence):
        assert " ".join(texts[evidence.doc_id][evidence.start:evidence.end].split()) == evidence.quote, claim


def _run(claims: Sequence[object], library: Library, index: PassageIndex, origins: bool = False) -> Run:
    keys = {s.document.doc_id: s.key for s in library.sources if s.document is not None}
    out = []
    for item in claims:
        origin = keys.get(item.group) if origins else None  # type: ignore[attr-defined]
        out.append((item, verify_claim(item.claim, library, index, origin=origin)))  # type: ignore[attr-defined]
    return out


def _check_all(run: Run, library: Library) -> None:
    texts = {d.doc_id: d.text for d in library.documents}
    for item, result in run:
        check(item.claim, result, texts)  # type: ignore[attr-defined]


def _false_supported(run: Run) -> list[str]:
    return [item.claim for item, result in run  # type: ignore[attr-defined]
            if result.verdict is Verdict.SUPPORTED and item.gold is not Verdict.SUPPORTED]  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def seed_run(sets: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> tuple[Run, Library]:
    if not sets.SEED_LIBRARY.is_dir():
        pytest.skip("../shared/seed-library not present")
    library, index = sets.seed_library(tmp_path_factory.mktemp("seed"))
    return _run(sets.seed_claims(), library, index), library


@pytest.fixture(scope="module")
def scitab_run(sets: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> tuple[Run, Library]:
    if not sets.SCITAB.is_file():
        pytest.skip("../shared/scitab not present")
    entries = sets.scitab_entries()
    folder = tmp_path_factory.mktemp("scitab")
    (folder / "papers").mkdir()
    sets.write_scitab_library(entries, folder / "papers")
    library, index = sets.prepare_library(folder / "papers", folder / "cache")
    return _run(sets.scitab_claims(entries, "tune"), library, index), library


@pytest.fixture(scope="module")
def corpus_run(sets: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> tuple[Run, Library]:
    claims = list(sets.corpus_claims("tune"))
    if not sets.CORPUS.is_dir() or not claims:
        pytest.skip("../shared/corpus/pdfs or bench/data/corpus_claims_tune.yaml not present")
    library, index = sets.prepare_library(sets.CORPUS, tmp_path_factory.mktemp("corpus"))
    return _run(claims, library, index, origins=True), library


def test_seed_set_invariants(seed_run: tuple[Run, Library]) -> None:
    _check_all(*seed_run)


def test_seed_set_has_no_false_supported(seed_run: tuple[Run, Library]) -> None:
    assert _false_supported(seed_run[0]) == []


def test_scitab_tune_part_invariants(scitab_run: tuple[Run, Library]) -> None:
    _check_all(*scitab_run)


def test_scitab_tune_part_supported_precision(scitab_run: tuple[Run, Library]) -> None:
    supported = [item for item, result in scitab_run[0] if result.verdict is Verdict.SUPPORTED]
    assert supported, "no claim of the SciTab tuning part is supported"
    false = _false_supported(scitab_run[0])
    assert 1 - len(false) / len(supported) >= MIN_SCITAB_SUPPORTED_PRECISION, false


def test_corpus_tune_part_invariants(corpus_run: tuple[Run, Library]) -> None:
    _check_all(*corpus_run)


def test_corpus_tune_part_has_no_false_supported(corpus_run: tuple[Run, Library]) -> None:
    assert _false_supported(corpus_run[0]) == []


def test_corpus_negated_claims_are_never_supported(corpus_run: tuple[Run, Library]) -> None:
    """'without relying on X' never supports 'relies on X': a scoped claim gold contradicts is
    contradicted or, at worst, left insufficient, never supported."""
    scoped = [(item, result) for item, result in corpus_run[0] if item.kind == "negation/scope"]  # type: ignore[attr-defined]
    assert scoped
    for item, result in scoped:
        if item.gold is Verdict.CONTRADICTED:  # type: ignore[attr-defined]
            assert result.verdict is not Verdict.SUPPORTED, item.claim  # type: ignore[attr-defined]


def test_a_finding_is_never_corroborated_by_its_own_source(corpus_run: tuple[Run, Library]) -> None:
    """Each corpus claim read as a finding of the PDF it was taken from: what corroborates or
    disputes it comes from another source, never the source it was extracted from."""
    run, library = corpus_run
    keys = {s.document.doc_id: s.key for s in library.sources if s.document is not None}
    checked = 0
    for item, result in run:
        origin = keys.get(item.group)  # type: ignore[attr-defined]
        if origin is None:
            continue
        assert result.corroboration is not None, result.claim
        assert all(e.source != origin for e in result.corroboration.evidence), result.claim
        checked += 1
    assert checked


def test_scifact_first_claims(sets: ModuleType) -> None:
    corpus = sets.SCIFACT / "corpus.jsonl"
    if not corpus.is_file():
        pytest.skip("../shared/scifact not present")
    library, index = sets.scifact_library(corpus)
    claims = sets.scifact_claims(sets.SCIFACT / "claims_train.jsonl", SCIFACT_CLAIMS)
    _check_all(_run(claims, library, index), library)
