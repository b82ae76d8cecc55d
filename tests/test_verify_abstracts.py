"""Prose rules on short biomedical abstracts (tests/fixtures/verify/abstracts.yaml): the kind of
claim SciFact asks about, each case naming the rule it pins."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
import yaml

from synth import claimparse
from synth.index import PassageIndex
from synth.models import Document, Library, Passage, Source, Verdict
from synth.verify import verify_claim
from synth.verify.claim import claim_info, defined_aliases
from synth.verify.names import prefix_antonym
from synth.verify.passages import tabular

FIXTURE = yaml.safe_load((Path(__file__).parent / "fixtures" / "verify" / "abstracts.yaml").read_text(encoding="utf-8"))


def _library() -> tuple[Library, PassageIndex]:
    sources = []
    for number, item in enumerate(FIXTURE["abstracts"]):
        doc_id, title, abstract = f"a{number}", item["title"], " ".join(item["text"].split())
        text = f"{title}\n\n{abstract}"
        passages = (Passage(doc_id, 0, title, 0, len(title), section="title"),
                    Passage(doc_id, 1, abstract, len(title) + 2, len(text), section="abstract"))
        document = Document(doc_id, doc_id, hashlib.sha256(text.encode()).hexdigest(), "abstract", "test", title,
                            text, passages)
        sources.append(Source(f"abstract-{number}", None, document, "test"))
    library = Library("abstracts", tuple(sources), (), (), "a" * 64)
    return library, PassageIndex(library, None)


@pytest.fixture(scope="module")
def library() -> tuple[Library, PassageIndex]:
    return _library()


@pytest.mark.parametrize("case", FIXTURE["cases"], ids=[c["claim"][:60] for c in FIXTURE["cases"]])
def test_abstract_claims(case: dict[str, Any], library: tuple[Library, PassageIndex]) -> None:
    result = verify_claim(case["claim"], *library)
    assert result.verdict is Verdict(case["verdict"]), (case["rule"], result.explanation)


def test_a_short_form_is_an_alias_only_after_the_words_it_abbreviates() -> None:
    claim = "Diastolic blood pressure (DBP) and the GAVI programme (WHO) matter."
    assert defined_aliases(claim, claimparse.name_spans(claim)) == {"DBP"}
    assert "DBP" not in claim_info(claim, frozenset()).entities
    assert not defined_aliases("T helper 2 (Th2) cells", claimparse.name_spans("T helper 2 (Th2) cells"))


def test_hyphen_joined_conditions_say_no_direction() -> None:
    assert claimparse.directions("BRCA2-deficient cells on a diet-induced model") == (False, False)
    assert claimparse.directions("the drug increases fragility in BRCA2-deficient cells") == (True, False)
    assert claimparse.direction_count("up-regulated genes were reduced") == 2


def test_bracketed_statistics_are_not_a_table() -> None:
    prose = ("Carriers had a 50% higher risk (odds ratio 1.75, 95% CI 1.20-2.54, p=0.004; "
             "hazard ratio 1.45, 95% CI 1.08-1.95, p=0.012).")
    assert not tabular(prose)
    assert tabular("Model A 45.3 46.1 47.0 Model B 44.2 45.9 46.6 Model C 40.1 41.2 42.3")


def test_prefix_antonyms() -> None:
    assert prefix_antonym("UCP1-dependent", "a ucp1-independent mechanism")
    assert prefix_antonym("PKC-independent", "a pkc-dependent route")
    assert not prefix_antonym("UCP1-dependent", "a ucp1-dependent mechanism")
