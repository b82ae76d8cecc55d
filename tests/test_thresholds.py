"""A threshold stated by the comparison that trips it (issue 9, fresh3): "above which gzip compression rate does
Whisper raise the temperature" is answered by "the generated text has a gzip compression rate higher than 2.4", a
sentence that never says "threshold"; the temperature step 0.2 and the log-probability bound −1 are no such
value."""

from __future__ import annotations

from pathlib import Path

import pytest
from libraries import answered

from synth.models import AttributeKind, PlanAttribute
from synth.retrieve.asks.thresholds import threshold_values

FALLBACK = ("We increase the temperature of Hark by 0.2 up to 1.0 when either the average log probability over the "
            "generated tokens is lower than −1 or the generated text has a gzip compression rate higher than 2.4.")


@pytest.mark.parametrize(("name", "values"), [
    ("gzip compression rate threshold", ["2.4"]),
    ("average log probability threshold", ["−1"]),
    ("gzip compression rate", []),  # no threshold asked
    ("temperature threshold", []),
])
def test_a_threshold_is_the_figure_the_thing_is_compared_against(name: str, values: list[str]) -> None:
    asked = PlanAttribute(name, AttributeKind.QUANTITY, (name,), "test")
    assert [raw for raw, *_ in threshold_values(FALLBACK, asked)] == values


def test_above_which_rate_is_answered(tmp_path: Path) -> None:
    text = f"# Hark: speech recognition\n\nWe introduce Hark, a recognizer. Hark decodes with beams. {FALLBACK}\n"
    answer = answered(tmp_path, {"hark.md": text}, "Above which gzip compression rate does Hark raise the temperature?")
    assert [c.value for c in answer.cells] == ["2.4"]
