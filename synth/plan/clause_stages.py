"""Each clause's own training stage, when a question asks of two: "for how many steps were the models pre-trained and
with how many examples per batch, what dropout rate was used during pre-training, and for how many steps, at what
learning rate and with what dropout rate were they fine-tuned?" asks three values of pre-training and three of
fine-tuning (read31 glu-training-dropout). Read as one setting, the whole question was pre-training's, and the two
dropout rates one attribute.

The question is cut before every asked phrase that opens on a question word ("…, and for how many steps", "at what
learning rate"); a part takes the stage its words name ("pre-trained", "during pre-training"). A part naming none has
no verb of its own: it shares the verb at the end of the parts that follow ("for how many steps, at what learning rate
and with what dropout rate were they fine-tuned"), else the stage of the part before ("were the models pre-trained and
with how many examples per batch")."""

from __future__ import annotations

import re

from synth.plan.setting import read_setting, stage_of

_ASKING = r"(?:(?:for|with|at|on|in|to|over|after|by|during)\s+)?(?:how|what|which)\b"
_BREAK = re.compile(rf"\s*[?;]\s*|,?\s+and\s+(?={_ASKING})|\s*,\s*(?:and\s+)?(?={_ASKING})", re.IGNORECASE)
_STAGE_WORD = re.compile(r"\b(?:pre-?train\w*|pretrain\w*|fine-?tun\w*|post-?train\w*|reinforcement[- ]learning|"
                         r"RLHF|SFT)\b", re.IGNORECASE)
# "… were they fine-tuned": the part's verb, at its end, which the verbless parts before it share
_TRAILING_VERB = re.compile(r"\b(?:were|was|are|is|been)\s+(?:\S+\s+){0,3}?(?P<stage>pre-?trained|pretrained|"
                            r"fine-?tuned|post-?trained)\s*[?.]?\s*$", re.IGNORECASE)


def _named_stage(part: str) -> str | None:
    found = _STAGE_WORD.search(part)
    return stage_of(found.group(0)) if found else None


def clause_stages(text: str) -> list[tuple[str, str | None]] | None:
    """The question's parts (stage phrases removed, as `read_setting` removes them) with the stage each asks at;
    None when the question names fewer than two stages (its one stage, if any, is every value's)."""
    parts = [p.strip(" ,.") for p in _BREAK.split(text) if p and p.strip(" ,.")]
    named = [_named_stage(p) for p in parts]
    if len({stage for stage in named if stage}) < 2:
        return None
    stages: list[str | None] = list(named)
    for index in range(len(parts)):
        if named[index]:
            continue
        following = next((k for k in range(index + 1, len(parts)) if named[k]), None)
        if following is not None and _TRAILING_VERB.search(parts[following]):
            stages[index] = named[following]
        else:
            stages[index] = next((stages[k] for k in range(index - 1, -1, -1) if stages[k]), None)
    return [(read_setting(part)[1], stage) for part, stage in zip(parts, stages, strict=True)]
