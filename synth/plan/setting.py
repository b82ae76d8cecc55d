"""The setting a question fixes for every value it asks, read apart from the attributes: the training stage a value
must come from ("used to pre-train", "in their reinforcement-learning stage") and the mode ("in thinking mode",
"with thinking turned off", "the short-CoT version of Kimi k1.5"). The phrases are removed from the question so the
attribute reader (synth.plan.wording) never takes them for asked nouns."""

from __future__ import annotations

import re
from dataclasses import dataclass

_STAGES = (
    ("pre-training", re.compile(r"\bpre-?train\w*|\bpretrain\w*", re.IGNORECASE)),
    ("fine-tuning", re.compile(r"\bfine-?tun\w*|\bsupervised fine|\bSFT\b", re.IGNORECASE)),
    ("RL", re.compile(r"\breinforcement[- ]learning\b|\bRL\b|\bRLHF\b", re.IGNORECASE)),
    ("post-training", re.compile(r"\bpost-?train\w*", re.IGNORECASE)),
)
_STAGE_PHRASE = re.compile(
    r"\s*,?\s*\b(?:(?:that\s+(?:was|were)\s+)?used\s+)?(?:to|for|in|during|when|at|while)\s+(?:the\s+|their\s+|its\s+)?"
    # "for BERT pre-training", "during DeepSeek-V3's pre-training": the stage of the model named before it
    r"(?:(?!(?:RL|SFT|RLHF|DPO)\s)(?-i:[A-Z])[\w\-.]*(?:\s+(?-i:[A-Z0-9])[\w\-.]*){0,2}?(?:['’]s)?\s+)?"
    r"(?P<stage>pre-?train\w*|pretrain\w*|fine-?tun\w*|post-?train\w*|train\w*|reinforcement[- ]learning|RL|SFT)"
    r"(?:\s+(?:stage|phase|step))?\b",
    re.IGNORECASE,
)
# "In ⟨S⟩'s pre-training, …" once names are slotted: the stage is read and its words removed, the slot kept (the
# plan binds each slot to its name in order)
_SLOT_STAGE = re.compile(r"(?P<lead>\b(?:in|during|for|throughout)\s+\u27e8S\u27e9)['’]s\s+(?P<stage>pre-?train\w*|"
                         r"pretrain\w*|fine-?tun\w*|post-?train\w*|train\w*|reinforcement[- ]learning|RL|SFT)"
                         r"(?:\s+(?:stage|phase|step))?(?=\s*[,;?]|\s*$)", re.IGNORECASE)
_MODE_PHRASE = re.compile(r"\s*,?\s*\b(?:in|with|under|using)\s+(?:the\s+|their\s+|its\s+)?"
                          r"(?:(?P<both>(?:non-?)?thinking\s+and\s+(?:in\s+)?(?:non-?)?thinking)|(?P<mode>non-?thinking|thinking|non-?reasoning|"
                          r"reasoning|long-?CoT|short-?CoT))\s+(?:mode|setting)s?\b", re.IGNORECASE)

# A mode said as a switch or as a version of the model: "with thinking turned off", "without thinking", "thinking
# disabled", "the short-CoT version of Kimi k1.5", "Kimi k1.5 long-CoT" (the subject stays, its mode is read apart).
_MODE_SWITCH = re.compile(
    r"\s*,?\s*\b(?:(?:with|having)\s+(?:the\s+)?(?:thinking|reasoning)(?:\s+mode)?\s+(?:turned|switched|set)\s+"
    r"(?P<state>off|on)|(?P<without>without)\s+(?:thinking|reasoning)(?:\s+mode)?|(?:with\s+)?(?:thinking|reasoning)"
    r"(?:\s+mode)?\s+(?P<toggled>disabled|enabled))\b(?P<comma>\s*,)?"
    r"|\bthe\s+(?P<version>non-?thinking|thinking|long-?CoT|short-?CoT)\s+(?:version|variant|model)\s+of\s+"
    r"|(?<=[\w.])\s+(?P<suffix>long-?CoT|short-?CoT)\b(?!\s+(?:version|variant|model|mode|setting)s?\b)",
    re.IGNORECASE)


def _switched_mode(found: re.Match[str]) -> str:
    """"thinking turned off" / "without thinking" / "thinking disabled" → non-thinking; the version's own word else."""
    if found.group("version") or found.group("suffix"):
        return _mode((found.group("version") or found.group("suffix")).lower())
    off = found.group("without") or (found.group("state") or found.group("toggled") or "").lower() in ("off",
                                                                                                       "disabled")
    return "non-thinking" if off else "thinking"


# "the long-CoT and the short-CoT Kimi k1.5 models", "the thinking and non-thinking Qwen3-32B": both modes asked
_MODE_WORD = r"(?:non-?)?thinking|(?:non-?)?reasoning|long-?CoT|short-?CoT"
_BOTH_MODES_BEFORE = re.compile(rf"\b(?P<the>the\s+)?(?:{_MODE_WORD})\s+and\s+(?:the\s+)?(?:{_MODE_WORD})\s+"
                                rf"(?=[A-Z0-9])", re.IGNORECASE)


def _without_both_modes(text: str) -> str:
    both = _BOTH_MODES_BEFORE.search(text)
    return text[:both.start()] + (both.group("the") or "") + text[both.end():] if both else text


def unversioned(text: str) -> str:
    """"For the short-CoT version of Kimi k1.5, …" → "For Kimi k1.5, …": the mode word names no model of its own
    (`read_setting` reads it as the mode), so the subject is the model the phrase is a version of. "The long-CoT and
    the short-CoT Kimi k1.5 models" asks both modes of one model: the model, each mode's values kept apart."""
    text = _without_both_modes(text)
    found = _MODE_SWITCH.search(text)
    return text[:found.start()] + text[found.end():] if found and (found.group("version") or found.group("suffix")) \
        else text


@dataclass(frozen=True)
class Setting:
    """What the question says every value must come from: a training stage, a mode."""

    stage: str | None = None
    mode: str | None = None


def stage_of(word: str) -> str | None:
    """The training stage a word names ("pre-trained", "SFT", "RLHF"); a bare "train…" is pre-training."""
    for stage, pattern in _STAGES:
        if pattern.search(word):
            return stage
    return "pre-training" if re.match(r"train", word, re.IGNORECASE) else None


def _mode(word: str) -> str:
    """The variant a mode phrase's word names: "non-reasoning" → non-thinking, "longCoT" → long-CoT."""
    if word.startswith("non"):
        return "non-thinking"
    if word.endswith("cot"):
        return f"{word[:-3].rstrip('-')}-CoT"
    return "thinking"


def read_setting(text: str) -> tuple[Setting, str]:
    """The stage and mode a question fixes, and the question without those phrases ("What learning
    rate was used to pre-train BERT" → stage pre-training; "… in thinking mode" → mode thinking)."""
    stage = mode = None
    text = _without_both_modes(text)  # "the long-CoT and the short-CoT ⟨S⟩ models": no one mode
    switched = _MODE_SWITCH.search(text)  # first: "with thinking mode enabled" is no "with thinking mode"
    found = None if switched else _MODE_PHRASE.search(text)
    if switched:
        mode = _switched_mode(switched)
        opening = not text[:switched.start()].strip()  # "With thinking turned off, what …": its comma goes too
        kept = "" if opening else switched.group("comma") or ""
        text = (text[:switched.start()] + kept + text[switched.end():]).lstrip()
    elif found:
        if found.group("mode"):  # "in thinking and in non-thinking mode" asks for both, kept apart
            mode = _mode(found.group("mode").lower())
        text = text[:found.start()] + text[found.end():]
    found = _STAGE_PHRASE.search(text) or _SLOT_STAGE.search(text)
    if found:
        stage = stage_of(found.group("stage"))
        kept = found.group("lead") if "lead" in found.groupdict() else ""
        text = text[:found.start()] + kept + text[found.end():]
    else:
        participle = re.search(r"\b(?:were|was|are|is|been|get|got)\s+(?:\S+\s+){0,6}?(pre-?trained|fine-?tuned|"
                               r"post-?trained)\b", text, re.IGNORECASE)
        if participle:
            stage = stage_of(participle.group(1))
    return Setting(stage, mode), text
