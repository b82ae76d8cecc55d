"""Sentences about something other than what is asked, though they name nothing else: another training stage,
another sized member of the subject's family, a sibling model of the source's own, data used for no training."""

from __future__ import annotations

import re
from collections.abc import Sequence

from synth.models import PlanSubject
from synth.names import canonical, family, match_entity
from synth.plan.setting import stage_of
from synth.text import STOPWORDS, fold

_SIZE_WORD = re.compile(r"^[\s\-]*(?:tiny|small|medium|base|large|big|huge|giant|xl|xxl|\d[\w.\-]*)\b", re.IGNORECASE)
_STAGE_WORD = re.compile(r"\bpre-?train\w*|\bpretrain\w*|\bfine-?tun\w*|\bpost-?train\w*|\bSFT\b|"
                         r"\breinforcement[- ]learning\b|\bRL\b", re.IGNORECASE)


DATA_ASKED = re.compile(r"\b(?:datasets?|data|corpus|corpora)$", re.IGNORECASE)
TRAINING = re.compile(r"\b(?:pre-?|post-?)?train\w*|\bfine-?tun\w*|\bSFT\b|\bRL\b", re.IGNORECASE)


def purpose_said(name: str, text: str) -> bool:
    """The data asked for a named purpose ("calibration dataset") is stated where the sentence says that purpose ("Our
    calibration set is … segments from the C4 dataset"), training or not."""
    purpose = [w for w in re.findall(r"[a-z][\w\-]*", DATA_ASKED.sub("", name).lower()) if w not in STOPWORDS]
    return bool(purpose) and all(re.search(rf"\b{re.escape(w)}", text, re.IGNORECASE) for w in purpose)


def _stages_in(text: str) -> set[str | None]:
    """The training stages a text's stage words name."""
    return {stage_of(m.group(0)) for m in _STAGE_WORD.finditer(text)}


def other_stage(text: str, stage: str) -> bool:
    """The sentence is about another training stage than the asked one, and not about the asked one."""
    stages = _stages_in(text)
    return bool(stages) and stage not in stages


def stage_named(text: str, stage: str) -> bool:
    """The text names the asked training stage."""
    return stage in _stages_in(text)


def other_stage_section(heading: str, stage: str) -> bool:
    """The section heading names a stage on the other side of pre-training from the asked one ("3.3 Fine-Tuning" for
    a pre-training value, "Pre-Training" for a fine-tuning one). Fine-tuning, RL and post-training sections are not
    told apart: "2.2. Fine-tuning details" holds the RL policy's settings."""
    stages = _stages_in(heading)
    return bool(stages) and stage not in stages and (stage == "pre-training" or "pre-training" in stages)


_MEMBER_MODEL = re.compile(r"\b(?:the|our|a|its)\s+(tiny|small|base|medium|large|big|huge|giant|xl|xxl)\s+models?\b",
                           re.IGNORECASE)


def other_member(text: str, subject: PlanSubject) -> bool:
    """An unnamed sentence about another sized member of the family ("the base model") when the subject is
    a member named by its size word ("Transformer big")."""
    own = {w.lower() for s in subject.spellings for w in re.findall(r"[A-Za-z]+", s)}
    said = {m.group(1).lower() for m in _MEMBER_MODEL.finditer(text)}
    return bool(said) and not (said & own)


def is_sibling(subject: PlanSubject, about: tuple[str, ...]) -> bool:
    """The subject's name extends the name its source is about, but not by a size: DeepSeek-V2-Lite in the
    DeepSeek-V2 paper, AdaMax in the Adam paper, whose unnamed sentences are about the main model; Qwen3-32B
    in the Qwen3 report and Whisper large in the Whisper paper are sized members of it."""
    for spelling in subject.spellings:
        for main in about:
            head = fold(family(main))
            name = fold(spelling)
            if len(name) > len(head) and name.startswith(head) and canonical(family(spelling)) != canonical(head) \
                    and not _SIZE_WORD.match(spelling[len(head):]):
                return True
    return False


def of_family(subject: PlanSubject, about: tuple[str, ...]) -> bool:
    """The subject is a member of the family its source is about ("Transformer (big)" in the Transformer paper): the
    source's unnamed sentences may be its own."""
    return any(fold(spelling).startswith(fold(family(main))) for spelling in subject.spellings for main in about)


def sole_member(subject: PlanSubject, asked: Sequence[PlanSubject], source: str, about: tuple[str, ...]) -> bool:
    """The subject is the one asked member of the family its source is about: the source's unnamed sentences may be
    its own. With two members asked there ("Transformer base" and "Transformer big" in the Transformer paper), an
    unnamed sentence is neither's in particular, unless its paragraph opened on one of them."""
    return of_family(subject, about) and not any(
        other is not subject and source in other.home_sources and of_family(other, about)
        and match_entity(subject.spellings, other.name) is None for other in asked)  # not itself, spelt apart
