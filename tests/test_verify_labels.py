"""Table labels a claim names, exactly and with variants (tests/fixtures/verify/labels.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from synth.verify.labels import find_mentions, index_forms, keyed, plain

CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "verify" / "labels.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["claim"][:50] for c in CASES])
def test_labels_named_by_a_claim(case: dict[str, Any]) -> None:
    found = find_mentions(case["claim"], index_forms(case["labels"]))
    assert [[case["claim"][m.start:m.end], plain(m.label)] for m in found] == case["mentions"]


def test_a_caption_variant_and_family_become_part_of_a_header() -> None:
    index = index_forms([keyed("Qwen2.5-72B", "instruct"), keyed("72B", None, "Qwen2.5"),
                         keyed("Gemma2-9B", "instruct")])

    def named(text: str) -> list[str]:
        return [plain(m.label) for m in find_mentions(text, index)]

    assert named("Qwen2.5-72B-Instruct scores 55.5 on LiveCodeBench.") == ["Qwen2.5-72B"]
    assert named("Qwen2.5-72B (instruction-tuned) scores 55.5.") == ["Qwen2.5-72B"]
    assert named("Qwen2.5-72B scores 55.5 on LiveCodeBench.") == ["72B"], "the base model is the bare size's row"
    assert named("Gemma2-9B-IT scores 44.3 on MATH.") == ["Gemma2-9B"]
