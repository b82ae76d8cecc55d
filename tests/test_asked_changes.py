"""Changes a question asks of several things at once, and the ways a paper says each: "By how much does DeepSeek-V2
reduce training costs and KV cache …, and how much faster is its generation throughput?" read only "reduction" and
"faster", all 'not stated'; p.1 says "saves 42.5% of training costs, reduces the KV cache by 93.3%, and boosts the
maximum generation throughput to 5.76 times"."""

from __future__ import annotations

import pytest

from synth.models import AttributeKind, PlanAttribute
from synth.plan.changes import asked_change
from synth.retrieve.asks.change import change_values

S = "\u27e8S\u27e9"
SENTENCE = ("Compared with DeepSeek 67B, DeepSeek-V2 achieves significantly stronger performance, and meanwhile saves "
            "42.5% of training costs, reduces the KV cache by 93.3%, and boosts the maximum generation throughput to "
            "5.76 times.")


@pytest.mark.parametrize(("clause", "asked"), [
    (f"By how much does {S} reduce training costs and KV cache compared with DeepSeek 67B",
     ["training costs reduction", "KV cache reduction"]),
    (f"By how much does {S} reduce the KV cache compared with DeepSeek 67B", ["KV cache reduction"]),
    ("how much faster is its generation throughput", ["generation throughput increase"]),
    (f"How much does {S} improve", ["improvement"]),
    (f"What does {S} reduce", []),
])
def test_each_thing_changed_is_asked(clause: str, asked: list[str]) -> None:
    assert [name for name, _ in asked_change(clause)] == asked


@pytest.mark.parametrize(("name", "value"), [
    ("training costs reduction", "42.5%"), ("KV cache reduction", "93.3%"), ("generation throughput increase", "5.76×"),
])
def test_each_change_is_read_in_its_own_words(name: str, value: str) -> None:
    attribute = PlanAttribute(name, AttributeKind.QUANTITY, (name,), "test")
    assert [raw for raw, *_ in change_values(SENTENCE, attribute)] == [value]
