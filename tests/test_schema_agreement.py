"""`synth check` (the pydantic model) and the committed JSON Schema (what editors validate against)
accept and reject the same question files: one source of truth, checked on a set of cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from synth.config import parse_question

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is a dev dependency (pip install -e '.[dev]')")

ROOT = Path(__file__).resolve().parents[1]
BASE = "title: A title\nquestion: What does the library say about this?\n"
CASES = {
    "minimal": (BASE, True),
    "every field": (BASE + "keywords: [LCB]\naliases: {LCB: [LiveCodeBench]}\nlibrary: library\ninclude: [a*]\n"
                    "exclude: [b]\nmax_sources: 3\nmax_findings: 10\nclaims: [X scores 3.]\ntags: [code]\n"
                    "analysis: [{kind: scaling, metric: M, by: parameters, entities: '*'}]\n", True),
    "quoted integer": (BASE + "max_findings: '25'\n", False),
    "float integer": (BASE + "max_sources: 2.5\n", False),
    "boolean as integer": (BASE + "max_sources: true\n", False),
    "empty claim": (BASE + "claims: ['']\n", False),
    "blank claim": (BASE + "claims: ['   ']\n", False),
    "empty keyword": (BASE + "keywords: ['']\n", False),
    "empty tag": (BASE + "tags: ['']\n", False),
    "blank alias": (BASE + "aliases: {LCB: [' ']}\n", False),
    "number as claim": (BASE + "claims: [3]\n", False),
    "number as title": ("title: 123\nquestion: What does the library say about this?\n", False),
    "short title": ("title: ab\nquestion: What does the library say about this?\n", False),
    "short question": ("title: A title\nquestion: Why?\n", False),
    "missing question": ("title: A title\n", False),
    "unknown key": (BASE + "colour: red\n", False),
    "too many sources": (BASE + "max_sources: 201\n", False),
    "zero findings": (BASE + "max_findings: 0\n", False),
    "unknown analysis kind": (BASE + "analysis: [{kind: trend, metric: M}]\n", False),
    "unknown analysis key": (BASE + "analysis: [{metric: M, colour: red}]\n", False),
    "keywords not a list": (BASE + "keywords: LCB\n", False),
    "aliases not a mapping": (BASE + "aliases: [LCB]\n", False),
    "null library": (BASE + "library: null\n", False),
    "subjects and columns": (BASE + "subjects: [Mixtral 8x7B, {name: Heron-7B, aliases: [Heron]}]\n"
                             "columns: [MMLU, {name: active parameters, kind: quantity, unit: B}]\n"
                             "relation: compare\n", True),
    "number as subject": (BASE + "subjects: [3]\n", False),
    "empty subject": (BASE + "subjects: ['']\n", False),
    "unknown subject key": (BASE + "subjects: [{name: X, colour: red}]\n", False),
    "unknown column kind": (BASE + "columns: [{name: MMLU, kind: bogus}]\n", False),
    "unknown relation": (BASE + "relation: guess\n", False),
}


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = json.loads((ROOT / "schemas" / "question.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


@pytest.mark.parametrize(("text", "valid"), list(CASES.values()), ids=list(CASES))
def test_check_and_schema_agree(text: str, valid: bool, validator: jsonschema.Draft7Validator) -> None:
    question, problems = parse_question(text, Path("reports/x.yaml"))
    schema_errors = [e.message for e in validator.iter_errors(yaml.safe_load(text))]
    assert (question is not None) is valid, problems
    assert (not schema_errors) is valid, schema_errors


def test_a_blank_item_gets_a_readable_message() -> None:
    _, problems = parse_question(BASE + "claims:\n  - ok claim\n  - ''\n", Path("reports/x.yaml"))
    assert [str(p) for p in problems] == ["reports/x.yaml:5:5: claims[1]: must not be empty or blank"]
