"""A measure asked on a dataset ("BLEU on WMT 2014 English-German") is one attribute with the dataset as its setting,
not two benchmarks: the measure is a label the library's tables print, the dataset a name they do not.

"What BLEU did the base Transformer get on WMT14 en-de and en-fr?" asks the same of each dataset of the list: two
attributes, BLEU on each. Read apart, "BLEU" alone took any BLEU the library gives the model (a dev-set
ablation row)."""

from __future__ import annotations

import re

from synth.plan.binding import slotted_order
from synth.plan.subjects import Name
from synth.plan.wording import METRIC, SUBJECT
from synth.vocabulary import Vocabulary

_ON = re.compile(r"\s+(?:on|in)\s+(?:the\s+)?")
# "what ⟨A⟩ did the ⟨S⟩ get on ⟨A⟩": the asked measure, its subject, then where it was measured
_GOT_ON = re.compile(r"\s+(?:do|does|did)\s+(?:the\s+)?" + re.escape(SUBJECT) + r"(?:\s+models?)?\s+(?:get|score|"
                     r"achieve|reach|obtain|attain)\s+(?:on|in)\s+(?:the\s+)?", re.IGNORECASE)
# "the ⟨A⟩ score of the ⟨S⟩ on ⟨A⟩": the measure, whose it is, then where it was measured
_OF_ON = re.compile(r"(?:\s+(?:scores?|results?|accuracy|performance))?\s+(?:of|for)\s+(?:the\s+)?" + re.escape(SUBJECT)
                    + r"(?:\s+models?)?\s+(?:on|in)\s+(?:the\s+)?", re.IGNORECASE)
_AND = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:on\s+|in\s+)?(?:the\s+)?", re.IGNORECASE)


def measured_on(slotted_text: str, names: list[Name], vocab: Vocabulary) -> dict[str, tuple[str, ...]]:
    """Each measure's datasets, by the measure's text, when the question writes "<measure> on <dataset>" or
    "what <measure> does <subject> get on <dataset>[ and <dataset>]"."""
    slots = slotted_order(names, "metric")
    at = [m.end() for m in re.finditer(re.escape(METRIC), slotted_text)]
    starts = [m.start() for m in re.finditer(re.escape(METRIC), slotted_text)]
    if len(at) != len(slots):
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for k in range(len(slots) - 1):
        if len(slots[k]) != 1 or len(slots[k + 1]) != 1 or slots[k][0] in out:
            continue
        between = slotted_text[at[k]:starts[k + 1]]
        measure = slots[k][0]
        if _ON.fullmatch(between):
            if vocab.role(measure) == "attribute" and vocab.role(slots[k + 1][0]) is None:
                out[measure] = slots[k + 1]
            continue
        if not (_GOT_ON.fullmatch(between) or _OF_ON.fullmatch(between)) or vocab.role(measure) != "attribute":
            continue
        datasets = [slots[k + 1][0]]
        for j in range(k + 2, len(slots)):
            if len(slots[j]) != 1 or not _AND.fullmatch(slotted_text[at[j - 1]:starts[j]]):
                break
            datasets.append(slots[j][0])
        if all(vocab.role(d) != "entity" for d in datasets):
            out[measure] = tuple(datasets)
    return out
