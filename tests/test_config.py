"""Question files: validation errors point at file:line:col, all at once; the schema is committed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from synth.config import ConfigError, load_questions, parse_question, question_schema

FIXTURES = Path(__file__).parent / "fixtures" / "config"
ROOT = Path(__file__).resolve().parents[1]


def test_valid_question_loads_with_defaults() -> None:
    [loaded] = load_questions([FIXTURES / "valid.yaml"])
    assert loaded.report_id == "valid"
    assert loaded.question.max_sources == 3
    assert loaded.question.library == "library"
    assert loaded.question.terms() == [("LiveCodeBench", ["LiveCodeBench", "LCB"])]


def test_every_error_of_every_file_is_reported_once_with_its_position() -> None:
    bad = sorted(p for p in FIXTURES.glob("*.yaml") if p.name != "valid.yaml")
    with pytest.raises(ConfigError) as caught:
        load_questions([FIXTURES / "valid.yaml", *bad])
    shown = [str(problem).removeprefix(f"{FIXTURES}/") for problem in caught.value.problems]
    expected = (FIXTURES / "expected_errors.txt").read_text(encoding="utf-8").splitlines()
    assert shown == expected


@pytest.mark.parametrize(
    ("text", "field", "line", "column"),
    [
        ("title: Title\nquestion: what is this about?\nmax_sources: 0\n", "max_sources", 3, 14),
        ("title: Title\nquestion: what is this about?\naliases:\n  X: 3\n", "aliases.X", 4, 6),
        ("title: Title\nquestion: what is this about?\nanalysis:\n  - metric: M\n    extra: 1\n",
         "analysis[0].extra", 5, 5),
    ],
)
def test_nested_locations_map_to_yaml_marks(text: str, field: str, line: int, column: int) -> None:
    question, problems = parse_question(text, Path("reports/x.yaml"))
    assert question is None
    assert [(p.field, p.line, p.column) for p in problems] == [(field, line, column)]
    assert str(problems[0]).startswith(f"reports/x.yaml:{line}:{column}: {field}: ")


def test_committed_schema_equals_generated_schema() -> None:
    committed = (ROOT / "schemas" / "question.schema.json").read_text(encoding="utf-8")
    assert committed == question_schema(), "run `synth schema` and commit schemas/question.schema.json"


def test_schema_is_draft7_with_described_fields() -> None:
    schema = json.loads(question_schema())
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["additionalProperties"] is False
    assert all("description" in spec for spec in schema["properties"].values())
    assert "$defs" not in schema and "Analysis" in schema["definitions"]


def test_example_questions_are_valid_and_point_at_the_schema() -> None:
    paths = sorted((ROOT / "reports").glob("*.yaml"))
    assert paths, "the project ships example questions"
    load_questions(paths)
    for path in paths:
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
