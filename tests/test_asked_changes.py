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


MISTRAL = ("In practice, for a sequence length of 16K and W = 4096, changes made to FlashAttention [11] and xFormers "
           "[18] yield a 2x speed improvement over a vanilla attention baseline.")


def test_a_change_written_before_its_noun_is_read() -> None:
    """read23: Mistral 7B's "2x speed improvement" (p.2) was not stated: the change was read only as a verb's amount or
    "an improvement of"."""
    attribute = PlanAttribute("speed improvement", AttributeKind.QUANTITY, ("speed improvement",), "test")
    assert [raw for raw, *_ in change_values(MISTRAL, attribute)] == ["2×"]
    other = PlanAttribute("memory reduction", AttributeKind.QUANTITY, ("memory reduction",), "test")
    assert change_values(MISTRAL, other) == []


def test_tools_and_the_baseline_a_change_is_measured_against_leave_the_sentence_to_its_paper() -> None:
    """The sentence sits in Mistral 7B's paper and names no other model: the tools its changes are made to (one named
    after the other with their citations), the multiple "2x" and the baseline the speed-up is measured over are none."""
    from synth.retrieve.asks.scope import _not_the_model

    assert not _not_the_model(MISTRAL)
    assert _not_the_model("The baseline model reaches a 2x speed improvement.")
    assert _not_the_model("In the ablation, the speed improves by 2x over the full model.")
