"""Accelerators by their kind or model: "how many accelerators" is answered by "2048 H800 GPUs", "64 A100s" or "32
TPUv3 cores", which never write the word "accelerators" (fresh9, fresh10: each was declared not stated); "on what
GPUs" by the hardware as printed ("8 NVIDIA P100 GPUs")."""

from __future__ import annotations

import re

from synth.models import PlanAttribute
from synth.names import key

ACCELERATOR = key("accelerators")
# Right after a plain figure: "2048 H800 GPUs", "2048 NVIDIA H800 GPUs", "64 A100s", "32 TPUv3 cores", "320 GPUs".
HARDWARE_AFTER = (r"^\s+(?:NVIDIA\s+|Nvidia\s+|Google\s+)?(?:(?:(?-i:[A-Z]{1,2}\d{2,4})|TPU\s?v\d+)s?\b"
                  r"(?:\s+(?:GPU|TPU|core|chip)s\b)?|(?:GPU|TPU|NPU)s\b|cores\b|chips\b)"
                  # "2.788M H800 GPU hours", "22 TPU v3 core-years": time on the hardware, not how much of it
                  r"(?![\s-]+(?:(?:GPU|TPU|core)[\s-]+)?(?:hours?|days?|years?|seconds?)\b)")


HARDWARE_ASKED = re.compile(r"\b(?:[GTN]PUs?|hardware|accelerators?)$", re.IGNORECASE)
ACCELERATORS = re.compile(r"\baccelerators$", re.IGNORECASE)
_HARDWARE_PHRASE = re.compile(r"(?:\b\d[\d,]*\s+|\b(?:one|two|four|eight|sixteen)\s+)?(?:\d+-core\s+)?"
                              r"(?:(?:[A-Z][\w\-]*\s+){1,3}[GTN]PUs?\b(?:\s?v\d+[a-z]?\b)?|\b[GTN]PU\s?v\d+[a-z]?\b)"
                              r"(?:\s+(?:clusters?|pods?|slices?)\b)?")
# The hardware nouns of a sentence naming the hardware without the word "hardware" ("on a 32-core TPUv2 cluster").
HARDWARE_QUERY = '"gpu" * OR "tpu" * OR "npu" * OR "accelerators"'


def is_hardware(text: str) -> bool:
    """Whether the text is a piece of hardware as printed ("one Google TPU v2", "a 32-core TPUv2 cluster")."""
    return _HARDWARE_PHRASE.fullmatch(" ".join(re.sub(r"^(?:an?|the)\s+", "", text.strip()).split())) is not None


def hardware_phrase(text: str, attribute: PlanAttribute) -> str | None:
    """"On what GPUs": the hardware as printed, with its count and version ("8 NVIDIA P100 GPUs", "one Google TPU
    v2"), not its names listed apart."""
    if not HARDWARE_ASKED.search(attribute.name):
        return None
    found = _HARDWARE_PHRASE.search(text)
    return " ".join(found.group(0).split()) if found else None
