"""Verdicts over a small library of five markdown sources (tests/fixtures/verify/library): figures
bound to their cells, comparisons with margins, extremes, negation scope and corroboration, each
claim with the status of every atom (tests/fixtures/verify/claims.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from synth.build import find_contradictions, prepare_library
from synth.index import PassageIndex
from synth.models import CheckedClaim, Claim, Library, PassageKind, Verdict
from synth.verify import corroboration_label, verdict_of, verify_claim, verify_claims

FIXTURES = Path(__file__).parent / "fixtures" / "verify"
CASES = yaml.safe_load((FIXTURES / "claims.yaml").read_text(encoding="utf-8"))
STATUS = {"s": Verdict.SUPPORTED, "c": Verdict.CONTRADICTED, "i": Verdict.INSUFFICIENT}


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, PassageIndex]:
    return prepare_library(FIXTURES / "library", tmp_path_factory.mktemp("cache"))


@pytest.mark.parametrize("case", CASES, ids=[f"{c['claim'][:45]}|{c.get('origin', '')}" for c in CASES])
def test_golden_verdict(case: dict[str, Any], library: tuple[Library, PassageIndex]) -> None:
    result = verify_claim(case["claim"], *library, origin=case.get("origin"))
    assert result.verdict is Verdict(case["verdict"]), result.explanation
    if "atoms" in case:
        assert [a.status for a in result.atoms] == [STATUS[s] for s in case["atoms"]], result.explanation
    if "corroboration" in case:
        assert result.corroboration is not None
        assert result.corroboration.status.value == case["corroboration"], result.corroboration.note
    assert result.verdict is verdict_of([a.status for a in result.atoms])


def test_table_evidence_quotes_the_row_and_names_the_cells(library: tuple[Library, PassageIndex]) -> None:
    lib, _ = library
    result = verify_claim("Orion-70B-Lite scores 81.1% on HumanEval.", *library)
    [evidence] = result.evidence
    assert evidence.passage_kind is PassageKind.TABLE_ROW
    document = lib.source(evidence.source).document
    assert document is not None
    assert " ".join(document.text[evidence.start:evidence.end].split()) == evidence.quote
    assert evidence.cells == ("Orion-70B-Lite | HumanEval: 75.3%",)
    assert evidence.conflicting_value == "75.3%"


def test_a_figure_of_another_model_is_no_conflict(library: tuple[Library, PassageIndex]) -> None:
    """'we train a baseline model comprising 15.7B total parameters …, with the same recipe as
    Orion-70B' is about the baseline: not a passage pointing the other way (DeepSeek-V3's 671B
    was shown against the 16B / 230B models of its ablations)."""
    result = verify_claim("Orion-70B comprises 70B total parameters.", *library)
    assert result.verdict is Verdict.SUPPORTED, result.explanation
    assert result.counter_evidence == ()


def test_a_disputed_finding_is_a_disagreement_not_a_contradiction(library: tuple[Library, PassageIndex]) -> None:
    claim = Claim("Orion-70B scores 61.8% on MATH.", "table cell", source="orion")
    [verification] = verify_claims([claim.text], *library, origins=[claim.source])
    assert verification.verdict is Verdict.SUPPORTED
    assert corroboration_label(verification.corroboration) == "disputed by review"
    [conflict] = find_contradictions([CheckedClaim(claim, verification)])
    assert {conflict.first.source, conflict.second.source} == {"orion", "review"}
    assert "sources disagree" in conflict.explanation


def test_corroboration_labels(library: tuple[Library, PassageIndex]) -> None:
    texts = ["Orion-70B scores 81.1% on HumanEval.", "Orion-70B was pre-trained on 12 trillion tokens."]
    corroborated, single = verify_claims(texts, *library, origins=["orion", "orion"])
    assert corroboration_label(corroborated.corroboration) == "corroborated by review"
    assert corroboration_label(single.corroboration) == "single source"
    assert verify_claims(texts[:1], *library)[0].corroboration is None
    assert corroboration_label(None) == ""


def test_atoms_and_corroboration_round_trip_through_report_json(library: tuple[Library, PassageIndex]) -> None:
    from synth.models import Verification
    from synth.serialize import from_data, to_data

    [verification] = verify_claims(["Orion-70B scores 61.8% on MATH."], *library, origins=["orion"])
    data = to_data(verification)
    assert data["atoms"][0]["kind"] == "figure" and data["atoms"][0]["status"] == "supported"
    assert data["corroboration"]["status"] == "disputed"
    assert data["evidence"][0]["cells"] == ["Orion-70B | MATH: 61.8%"]
    assert from_data(Verification, data) == verification


def test_two_atoms_on_one_row_name_both_cells(library: tuple[Library, PassageIndex]) -> None:
    """The row is quoted once, with every cell the atoms rest on named and marked."""
    result = verify_claim("Orion-70B-Lite reaches 75.3% on HumanEval and 44.4% on MATH.", *library)
    assert result.verdict is Verdict.SUPPORTED, result.explanation
    [evidence] = result.evidence
    assert evidence.cells == ("Orion-70B-Lite | HumanEval: 75.3%", "Orion-70B-Lite | MATH: 44.4%")
    assert evidence.table_row is not None
    assert [evidence.table_row.cells[i] for i in evidence.table_row.marked] == ["75.3%", "44.4%"]


def test_a_denial_of_something_else_is_no_conflict_for_a_figure(library: tuple[Library, PassageIndex]) -> None:
    """'Instead of predicting just the next single token, Cygnus-14B predicts the next 2 tokens' was
    listed against '… pre-trained on 14.8T tokens' (DeepSeek-V3's report): a denial speaks to what a
    claim denies, states in words or compares, never to its figures."""
    result = verify_claim("Cygnus-14B was pre-trained on 14.8T tokens.", *library)
    assert result.verdict is Verdict.SUPPORTED, result.explanation
    assert result.counter_evidence == ()


def test_a_shared_figure_in_a_passage_about_something_else_corroborates_nothing() -> None:
    """Mistral 7B's "(here, W = 3)" had been 'corroborated by transformer' from a passage of the Transformer
    paper sharing half its words and a "3" (section 3.2.3): another source corroborates a finding only by
    stating it (SUPPORT_COVERAGE of its words); a table cell about the same subject and attribute still does."""
    from synth.models import Corroboration, Evidence
    from synth.verify.atoms import atoms_of
    from synth.verify.corroboration import corroborate
    from synth.verify.findings import Finding

    claim = "Each token attends to at most W tokens from the previous layer (here, W = 3)."
    atoms = atoms_of(claim)

    def finding(source: str, coverage: float, kind: str = "text") -> Finding:
        evidence = Evidence(source, f"{source}.pdf", "…", 0, 1, 1, None,
                            PassageKind.TABLE_ROW if kind == "table" else PassageKind.TEXT)
        return Finding(0, Verdict.SUPPORTED, (evidence,), "the passage states it", 2.0, kind, coverage=coverage)

    own = finding("mistral", 1.0)
    assert corroborate(atoms, [own, finding("transformer", 0.5)], "mistral").status is Corroboration.SINGLE_SOURCE
    assert corroborate(atoms, [own, finding("review", 0.9)], "mistral").status is Corroboration.CORROBORATED
    assert corroborate(atoms, [own, finding("review", 1.0, "table")], "mistral").status is Corroboration.CORROBORATED
