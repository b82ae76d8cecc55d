"""A measure asked on a dataset ("BLEU on WMT 2014 English-German") is one attribute with the dataset as its setting,
not two benchmarks: the measure is a label the library's tables print, the dataset a name they do not."""

from __future__ import annotations

import re

from synth.plan.binding import slotted_order
from synth.plan.subjects import Name
from synth.plan.wording import METRIC
from synth.vocabulary import Vocabulary

_ON = re.compile(r"\s+(?:on|in)\s+(?:the\s+)?")


def measured_on(slotted_text: str, names: list[Name], vocab: Vocabulary) -> dict[str, str]:
    """Each measure's dataset, by the measure's text, when the question writes "<measure> on <dataset>"."""
    slots = slotted_order(names, "metric")
    at = [m.end() for m in re.finditer(re.escape(METRIC), slotted_text)]
    starts = [m.start() for m in re.finditer(re.escape(METRIC), slotted_text)]
    if len(at) != len(slots):
        return {}
    out = {}
    for k in range(len(slots) - 1):
        if len(slots[k]) != 1 or len(slots[k + 1]) != 1 or not _ON.fullmatch(slotted_text[at[k]:starts[k + 1]]):
            continue
        measure, dataset = slots[k][0], slots[k + 1][0]
        if vocab.role(measure) == "attribute" and vocab.role(dataset) is None:
            out[measure] = dataset
    return out
