"""Percentages that state a quantity attribute (issue 9, read23: questions written before any build). No reader of
counts took a percentage, so "how often do the training labelers agree with each other" (stated "72.6 ± 1.5% of the
time") and "what capacity does the best MoD variant give its routing blocks" (stated "12.5% capacity blocks") were
"not stated in the library". A frequency is a share of the time said with the asked words; a percentage is the asked
noun's value only written against it, never a bound of a range swept."""

from __future__ import annotations

import pytest

from synth.models import AttributeKind, PlanAttribute
from synth.retrieve.asks.percents import asks_frequency, percent_values
from synth.retrieve.asks.quantities import quantity_values

AGREEMENT = ("Despite the complexity of the task, we find that inter-annotator agreement rates are quite high: "
             "training labelers agree with each-other 72.6 ± 1.5% of the time, while for held-out labelers this "
             "number is 77.3 ± 1.3%.")


def _asked(name: str, cue: str = "what") -> PlanAttribute:
    return PlanAttribute(name, AttributeKind.QUANTITY, (name,), f'read from "{cue} …"')


@pytest.mark.parametrize(("sentence", "attribute", "cue", "values"), [
    (AGREEMENT, "training labelers agree", "how often", ["72.6 ± 1.5%"]),
    (AGREEMENT, "held-out labelers agree", "how often", []),  # the held-out rate is no share "of the time" it says
    ("Labelers prefer the outputs of the large model 85% of the time.", "labelers prefer", "how often", ["85%"]),
    ("In 85% of the time the model is idle; labelers prefer shorter outputs.", "labelers prefer", "how often", []),
    ("We found that it is best to use 12.5% capacity blocks, every other block.", "capacity", "what", ["12.5%"]),
    ("We reduce the capacity to 12.5%.", "capacity", "what", ["12.5%"]),
    ("We tested routing every block or every other block, using capacities from 12.5% to 95% of the total sequence.",
     "capacity", "what", []),
    ("The capacity was reduced down to 12.5% of the total sequence.", "capacity", "what", []),
    ("We use a dropout of 10%.", "dropout", "what", ["10%"]),
    ("We use 10% of the data for validation.", "capacity", "what", []),
])
def test_a_percentage_states_the_asked_attribute_only_as_its_value(sentence: str, attribute: str, cue: str,
                                                                   values: list[str]) -> None:
    asked = _asked(attribute, cue)
    assert [raw for raw, *_ in percent_values(sentence, asked)] == values
    assert [raw for raw, *_ in quantity_values(sentence, asked, frozenset())] == values


def test_only_how_often_asks_a_frequency() -> None:
    assert asks_frequency(_asked("labelers agree", "how often"))
    assert not asks_frequency(_asked("labelers", "how many"))
