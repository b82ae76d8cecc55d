"""Table rules over one-table sources (tests/fixtures/verify/table_rules.yaml): each source is its own
library, each claim checked for its verdict and the status of every atom."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from libraries import indexed_library

from synth.models import Verdict
from synth.verify import verify_claim

FIXTURE = Path(__file__).parent / "fixtures" / "verify" / "table_rules.yaml"
SOURCES = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
CASES = [(number, case) for number, source in enumerate(SOURCES) for case in source["claims"]]
STATUS = {"s": Verdict.SUPPORTED, "c": Verdict.CONTRADICTED, "i": Verdict.INSUFFICIENT}


@pytest.fixture(scope="module")
def libraries(tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    return [indexed_library(tmp_path_factory.mktemp(f"source{number}"), {"source.md": source["source"]})
            for number, source in enumerate(SOURCES)]


@pytest.mark.parametrize(("number", "case"), CASES, ids=[case["claim"][:60] for _, case in CASES])
def test_table_rule(number: int, case: dict[str, Any], libraries: list[Any]) -> None:
    result = verify_claim(case["claim"], *libraries[number])
    assert result.verdict is Verdict(case["verdict"]), result.explanation
    if "atoms" in case:
        assert [a.status for a in result.atoms] == [STATUS[s] for s in case["atoms"]], result.explanation
