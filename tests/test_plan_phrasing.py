"""Questions phrased as a researcher types them (issue 9, the phrasing part): a paper named by its title, "the base
Transformer", a metric with its dataset and language pair, a benchmark with its split in its name, a setting phrase
in front, "which of X and Y", "does X beat Y on Z", a size written in words. Each golden plan
(tests/fixtures/plan_phrasing/plans.yaml) is read over the shared corpus, where these phrasings meet real labels."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from synth.build import prepare_library
from synth.config import Question
from synth.models import Library
from synth.plan import make_plan

CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "plan_phrasing" / "plans.yaml").read_text("utf-8"))
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pdfs"


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.casefold()).strip()


@pytest.fixture(scope="module")
def corpus() -> Library:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/pdfs is absent")
    library, index = prepare_library(CORPUS, Path(".synth-cache"))
    index.close()
    return library


def _matches(expected: list[str], name: str, spellings: tuple[str, ...]) -> bool:
    read = {_norm(name), *(_norm(s) for s in spellings)}
    return any(_norm(e) in read for e in expected)


@pytest.mark.parametrize("case", CASES, ids=[c["question"][:48] for c in CASES])
def test_a_researchers_phrasing_is_read_into_the_golden_plan(case: dict, corpus: Library) -> None:
    plan = make_plan(Question(title="A question", question=case["question"]), corpus)
    subjects = [(s.name, s.spellings) for s in plan.subjects]
    attributes = [(a.name, a.spellings) for a in plan.attributes]
    assert len(subjects) == len(case["subjects"]), subjects
    assert all(_matches(e, *s) for e, s in zip(case["subjects"], subjects, strict=True)), subjects
    assert len(attributes) == len(case["attributes"]), attributes
    assert all(_matches(e, *a) for e, a in zip(case["attributes"], attributes, strict=True)), attributes
    for setting in case.get("settings", []):
        assert any(_norm(setting) in _norm(a.variant or "") for a in plan.attributes), [a.variant for a in
                                                                                         plan.attributes]
        assert not any(_norm(setting) in _norm(s.name) for s in plan.subjects), subjects
