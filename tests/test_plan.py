"""The plan stage: a question read into subjects × attributes and a relation, against a library's own
vocabulary (golden cases in tests/fixtures/asks/plans.yaml), and corrected by the question file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from synth.build import prepare_library
from synth.config import Question, parse_question
from synth.models import AttributeKind, Library, Relation
from synth.plan import describe, make_plan, split_coordination

ASKS = Path(__file__).parent / "fixtures" / "asks"
CASES = yaml.safe_load((ASKS / "plans.yaml").read_text(encoding="utf-8"))
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pdfs"


@pytest.fixture(scope="module")
def asks_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    library, index = prepare_library(ASKS / "library", tmp_path_factory.mktemp("cache"))
    index.close()
    return library


@pytest.mark.parametrize("case", CASES, ids=[c["question"][:40] for c in CASES])
def test_questions_are_read_into_the_golden_plan(case: dict, asks_library: Library) -> None:
    plan = make_plan(Question(title="A question", question=case["question"]), asks_library)
    assert plan.relation is Relation(case["relation"])
    assert [s.name for s in plan.subjects] == case["subjects"]
    assert [f"{a.name} ({a.kind.value})" for a in plan.attributes] == case["attributes"]


def test_a_subject_is_tied_to_the_sources_about_it(asks_library: Library) -> None:
    plan = make_plan(Question(title="A question", question="What does Kestrel 8x2B score on CodeBench?"), asks_library)
    assert plan.subjects[0].home_sources == ("kestrel",)
    class_plan = make_plan(Question(title="A question", question=CASES[5]["question"]), asks_library)
    assert "mixture-of-experts" in class_plan.subjects[0].origin and "kestrel" in class_plan.subjects[0].origin


def test_property_attributes_list_the_library_labels_they_match(asks_library: Library) -> None:
    plan = make_plan(Question(title="A question", question=CASES[0]["question"]), asks_library)
    assert plan.attributes[1].spellings == ("activated parameters", "Active Params")


def test_the_question_file_states_or_corrects_the_plan(asks_library: Library) -> None:
    text = """title: Kestrel
question: Tell me about Kestrel.
subjects: [Kestrel 8x2B, {name: Heron-7B, aliases: [Heron 7B]}]
columns:
  - CodeBench
  - {name: total parameters, kind: quantity, unit: B}
relation: rank
"""
    question, problems = parse_question(text, Path("reports/k.yaml"))
    assert question is not None and not problems
    plan = make_plan(question, asks_library)
    assert [s.name for s in plan.subjects] == ["Kestrel 8x2B", "Heron-7B"]
    assert plan.subjects[1].spellings == ("Heron-7B", "Heron 7B")
    assert [(a.name, a.kind) for a in plan.attributes] == [("CodeBench", AttributeKind.METRIC),
                                                            ("total parameters", AttributeKind.QUANTITY)]
    assert plan.attributes[1].unit == "B" and plan.relation is Relation.RANK


def test_an_unknown_column_key_points_at_its_line() -> None:
    text = "title: Kestrel\nquestion: Tell me about Kestrel.\ncolumns:\n  - {name: x, units: B}\n"
    question, problems = parse_question(text, Path("reports/k.yaml"))
    assert question is None
    assert [str(p) for p in problems] == ["reports/k.yaml:4:15: columns[0].units: unknown key"]


def test_what_the_plan_cannot_read_is_said(asks_library: Library) -> None:
    plan = make_plan(Question(title="A question", question="Is it any good at all, really?"), asks_library)
    assert not plan.subjects and any("No subject was read" in n for n in plan.notes)
    assert "cells asked: 0 × 0 = 0" in describe(plan)


@pytest.mark.parametrize(("phrase", "parts"), [
    ("total and activated parameter counts", ["total parameter counts", "activated parameter counts"]),
    ("parameter count and context length", ["parameter count", "context length"]),
    ("normalization layer", ["normalization layer"]),
])
def test_coordinated_modifiers_are_distributed(phrase: str, parts: list[str]) -> None:
    assert split_coordination(phrase) == parts


def test_synth_plan_prints_how_a_question_was_read(tmp_path: Path) -> None:
    question = tmp_path / "q.yaml"
    question.write_text(f"title: Kestrel\nquestion: {CASES[0]['question']}\n")
    done = subprocess.run([sys.executable, "-m", "synth", "--cache", str(tmp_path / "cache"), "plan", str(question),
                           "--library", str(ASKS / "library")], capture_output=True, text=True, check=True)
    assert "subjects (2):" in done.stdout and "activated parameters (quantity)" in done.stdout
    assert "cells asked: 2 × 3 = 6" in done.stdout


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/pdfs is absent")
def test_the_moe_question_of_issue_9_is_read_over_the_corpus(tmp_path: Path) -> None:
    library, index = prepare_library(CORPUS, Path(".synth-cache"))
    index.close()
    question = Question(title="MoE", question="What are the total and activated parameter counts of Mixtral 8x7B, "
                        "DeepSeekMoE 16B, DeepSeek-V2, DeepSeek-V3 and Qwen3-235B-A22B, and how do they score on "
                        "MMLU and HumanEval?")
    plan = make_plan(question, library)
    assert [s.name for s in plan.subjects] == ["Mixtral 8x7B", "DeepSeekMoE 16B", "DeepSeek-V2", "DeepSeek-V3",
                                               "Qwen3-235B-A22B"]
    assert [a.name for a in plan.attributes] == ["total parameter counts", "activated parameter counts", "MMLU",
                                                 "HumanEval"]
    assert plan.subjects[0].home_sources == ("mixtral-of-experts",)
