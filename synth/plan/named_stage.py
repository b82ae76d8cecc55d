"""A stage of training named by its method: "For the PPO stage of training PaSa's Crawler, how many H100 GPUs and
what learning rate were used …" asks the counts of the PPO stage, not of the imitation-learning stage before it.

The stages a question names by their kind ("pre-training", "fine-tuning", "the RL stage") are read by
synth.plan.setting.read_setting. A stage named by the method it runs ("the PPO stage", "the DPO phase") is no model
either: read as a name it became a subject of its own, and unread it let the other stage's "learning rate of 1e-5"
answer. It is read here as the setting of every count and text asked, so a value is taken only where its evidence
names the stage (synth.answer's `_stated_for`), and the question goes on without it ("For PaSa's Crawler, …")."""

from __future__ import annotations

import re
from dataclasses import replace

from synth.models import AttributeKind, PlanAttribute
from synth.plan.setting import stage_of

# "the PPO stage of training", "the DPO phase": a capitalised method name before the word for a stage
# "the reasoning stage (S2)": a stage named by its purpose with the label the paper numbers it by
_NAMED_STAGE = re.compile(r"\bthe\s+(?:(?P<name>(?-i:[A-Z])[\w\-]*)\s+(?:stage|phase)\b|(?P<purpose>[a-z][\w\-]*)\s+"
                          r"(?:stage|phase)\s*\((?-i:[A-Z]{0,3}\d{1,2}|[IVX]{1,4})\))"
                          r"(?:\s+of\s+(?:pre-?|post-?)?(?:training|fine-?tuning)\b)?\s*", re.IGNORECASE)


def named_stage(text: str) -> tuple[str | None, str]:
    """The method a stage phrase names ("PPO") and the question without the phrase; (None, text) when it names a
    stage by its kind ("the RL stage": read_setting's) or names none."""
    found = _NAMED_STAGE.search(text)
    name = found.group("name") or found.group("purpose") if found else None
    if found is None or stage_of(name) is not None:
        return None, text
    return name, text[:found.start()] + text[found.end():]


def at_stage(attributes: list[PlanAttribute], stage: str | None) -> list[PlanAttribute]:
    """Every count and text asked, with the named stage as its setting; a benchmark's score keeps its own."""
    if stage is None:
        return attributes
    return [replace(a, variant="; ".join(v for v in (a.variant, stage) if v),
                    origin=f"{a.origin}; at the {stage} stage the question names")
            if a.kind in (AttributeKind.QUANTITY, AttributeKind.TEXT) else a for a in attributes]
