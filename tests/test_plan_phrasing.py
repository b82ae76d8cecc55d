"""Questions phrased as a researcher types them (issue 9, the phrasing part): a paper named by its title, "the base
Transformer", a metric with its dataset and language pair, a benchmark with its split in its name, a setting phrase
in front, "which of X and Y", "does X beat Y on Z", a size written in words. Each golden plan
(tests/fixtures/plan_phrasing/plans.yaml) is read over the shared corpus, where these phrasings meet real labels."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from libraries import written_library

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


@pytest.mark.parametrize("case", [pytest.param(c, marks=pytest.mark.xfail(reason=c["pending"], strict=True))
                                  if c.get("pending") else c for c in CASES], ids=[c["question"][:48] for c in CASES])
def test_a_researchers_phrasing_is_read_into_the_golden_plan(case: dict, corpus: Library) -> None:
    plan = make_plan(Question(title="A question", question=case["question"]), corpus)
    subjects = [(s.name, s.spellings) for s in plan.subjects]
    attributes = [(a.name, a.spellings) for a in plan.attributes]
    assert len(subjects) == len(case["subjects"]), subjects
    assert all(_matches(e, *s) for e, s in zip(case["subjects"], subjects, strict=True)), subjects
    assert len(attributes) == len(case["attributes"]), attributes
    unmatched = list(attributes)  # in any order: the plan lists the phrases asked before the benchmarks named
    for expected in case["attributes"]:
        found = next((a for a in unmatched if _matches(expected, *a)), None)
        assert found is not None, (expected, attributes)
        unmatched.remove(found)
    for setting in case.get("settings", []):
        assert any(_norm(setting) in _norm(a.variant or "") for a in plan.attributes), [a.variant for a in
                                                                                         plan.attributes]
        assert not any(_norm(setting) in _norm(s.name) for s in plan.subjects), subjects
    if "unread" in case:  # the asking clauses the plan must name as not read, and no other
        assert [clause.text for clause in plan.unread] == case["unread"], plan.unread
    if "kinds" in case:  # in the order the plan lists its attributes
        assert [a.kind.value for a in plan.attributes] == case["kinds"], attributes
    if "cells" in case:
        cells = [(s.name, s.spellings, a.name, a.spellings) for s, a in plan.cells]
        assert len(cells) == len(case["cells"]), cells
        assert all(any(_matches([subject], *cell[:2]) and _matches([attribute], *cell[2:]) for cell in cells)
                   for subject, attribute in case["cells"]), cells


OWL = """# Owl: Small Models at Every Scale

Ada Quill, Bo Renn

## Abstract

We train the Owl models and compare them with the Wren models.

## Results

**Table 1: Results of the base models.**

| Model | MATH | SWE-Bench Lite |
| --- | --- | --- |
| Owl 7B | 13.1 | 20.1 |
| Owl 13B | 18.0 | 24.3 |
| Wren 7B | 3.9 | 10.2 |
| Wren 13B | 6.0 | 12.5 |

**Table 2: The two configurations of the Heron model.**

| Model | Layers | Heads | Params |
| --- | --- | --- | --- |
| Heron (base model) | 6 | 8 | 65M |
| Heron (big) | 6 | 16 | 213M |

The GPU hours of every run are listed in the appendix.
"""


@pytest.fixture(scope="module")
def owl_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    return written_library(tmp_path_factory.mktemp("owl"), {"owl.md": OWL})


def _read(question: str, library: Library) -> tuple[list[str], list[str]]:
    plan = make_plan(Question(title="Phrasing probe", question=question), library)
    return [s.name for s in plan.subjects], [a.name for a in plan.attributes]


def test_a_size_said_as_the_scale_is_the_member_of_each_family(owl_library: Library) -> None:
    assert _read("At 7B scale, how does Owl compare with Wren on MATH?", owl_library) == (
        ["Owl 7B", "Wren 7B"], ["MATH"])
    assert _read("At the 13B scale, how does Owl compare with Wren on MATH?", owl_library)[0] == ["Owl 13B", "Wren 13B"]


def test_a_hyphenated_benchmark_the_library_prints_stays_one_name(owl_library: Library) -> None:
    names, asked = _read("What does Owl 7B score on SWE-bench Lite?", owl_library)
    assert names == ["Owl 7B"] and asked == ["SWE-bench Lite"]
    assert _read("How many GPU-hours did Owl 7B take?", owl_library)[1] == ["GPU hours"]


def test_the_benchmark_compared_is_asked_never_a_subject(owl_library: Library) -> None:
    assert _read("Which of Owl 7B and Wren 7B has the lower SWE-bench Lite?", owl_library) == (
        ["Owl 7B", "Wren 7B"], ["SWE-bench Lite"])
    assert _read("Is Owl 7B's MATH score higher than Wren 7B's?", owl_library) == (["Owl 7B", "Wren 7B"], ["MATH"])


def _cells(question: str, library: Library) -> list[tuple[str, str]]:
    plan = make_plan(Question(title="Phrasing probe", question=question), library)
    return [(s.name, a.name) for s, a in plan.cells]


def test_a_clause_asks_its_attributes_of_the_subject_it_names(owl_library: Library) -> None:
    assert _cells("What does Owl 7B score on MATH, and what does Wren 7B score on SWE-bench Lite?", owl_library) == [
        ("Owl 7B", "MATH"), ("Wren 7B", "SWE-bench Lite")]
    assert _cells("What is Owl 7B's MATH score, and what are Wren 7B's MATH and SWE-bench Lite?", owl_library) == [
        ("Owl 7B", "MATH"), ("Wren 7B", "MATH"), ("Wren 7B", "SWE-bench Lite")]


def test_a_subject_its_clause_asks_nothing_of_is_asked_everything(owl_library: Library) -> None:
    assert _cells("What does Owl 7B score on MATH, and how does Wren 7B compare?", owl_library) == [
        ("Owl 7B", "MATH"), ("Wren 7B", "MATH")]
    assert _cells("What do Owl 7B and Wren 7B score on MATH and SWE-bench Lite?", owl_library) == [
        ("Owl 7B", "MATH"), ("Owl 7B", "SWE-bench Lite"), ("Wren 7B", "MATH"), ("Wren 7B", "SWE-bench Lite")]


def test_a_size_in_words_names_the_member_its_tables_give_that_many_parameters(owl_library: Library) -> None:
    assert _read("How many heads does the 213-million-parameter Heron have?", owl_library)[0] == ["Heron (big)"]
    assert _read("How many heads does the 0.07-billion-parameter Heron have?", owl_library)[0] == [
        "Heron (base model)"]
