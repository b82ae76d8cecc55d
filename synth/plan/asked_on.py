"""The dataset several measures are asked on: "What recall and precision does PaSa-7b achieve on RealScholarQuery?"
asks recall and precision *on* RealScholarQuery, not a third column "RealScholarQuery" beside them.

The library's tables may report one measure on several datasets in same-shaped tables told apart only by their
captions ("Results on AutoScholarQuery" and "Results on RealScholarQuery"). Read as a column of its own, the
dataset left both tables' values as candidates for the measures and the first one (the other dataset's) was
answered. Here the dataset becomes the setting (`variant`) of every measure the clause asks, so a value is taken only
where its evidence names the dataset. A dataset the library's tables print as a column label (a benchmark, "MMLU")
is left as it is: there, the benchmark's own column is the asked value (synth.plan.labels, synth.plan.folded)."""

from __future__ import annotations

import re
from dataclasses import replace

from synth.models import AttributeKind, PlanAttribute
from synth.plan.wording import METRIC, clauses
from synth.text import fold
from synth.vocabulary import Vocabulary

# "… does ⟨S⟩ achieve on ⟨A⟩", "… did they get in ⟨A⟩": the verb of scoring right before the dataset
_ON = re.compile(r"\b(?:get|gets|got|score|scores|scored|achieve|achieves|achieved|reach|reaches|reached|obtain|"
                 r"obtains|obtained|attain|attains|attained)\s+(?:on|in)\s+(?:the\s+)?" + re.escape(METRIC) + r"\s*$",
                 re.IGNORECASE)


def on_dataset(unique: dict[str, PlanAttribute], slotted_text: str, notes: list[str],
               vocab: Vocabulary) -> dict[str, PlanAttribute]:
    """The asked measures with the one dataset their clause asks them on as their setting, the dataset's own column
    dropped; unchanged unless one clause asks every measure and ends on "<scoring verb> on <dataset>", and every
    measure is a count asked by "what" (a "BLEU score" read as a text keeps its benchmark's column)."""
    metrics = [k for k, a in unique.items() if a.kind is AttributeKind.METRIC]
    measures = [k for k, a in unique.items() if a.kind is not AttributeKind.METRIC]
    if len(metrics) != 1 or not measures or slotted_text.count(METRIC) != 1 or any(
            unique[k].kind is not AttributeKind.QUANTITY or not unique[k].origin.startswith('read from "wh')
            for k in measures):
        return unique
    dataset = unique[metrics[0]]
    if dataset.variant or vocab.role(dataset.name) == "attribute":
        return unique
    clause = next((c for c in clauses(slotted_text) if METRIC in c), "")
    if not _ON.search(clause.rstrip(" ?.")):
        return unique
    said = fold(clause)
    if not all(fold(unique[k].name) in said for k in measures):
        return unique
    notes.append(f"{dataset.name}: the dataset {', '.join(unique[k].name for k in measures)} are asked on, "
                 f"not a column of its own: values are taken only where their evidence names it.")
    out = {}
    for k, attribute in unique.items():
        if k == metrics[0]:
            continue
        if k in measures:
            variant = "; ".join(v for v in (attribute.variant, dataset.name) if v)
            attribute = replace(attribute, variant=variant, origin=f"{attribute.origin}; asked on {dataset.name}")
        out[k] = attribute
    return out

