"""Accelerators by their kind or model: "how many accelerators" is answered by "2048 H800 GPUs", "64 A100s" or "32
TPUv3 cores", which never write the word "accelerators" (fresh9, fresh10: each was declared not stated)."""

from __future__ import annotations

from synth.names import key

ACCELERATOR = key("accelerators")
# Right after a plain figure: "2048 H800 GPUs", "2048 NVIDIA H800 GPUs", "64 A100s", "32 TPUv3 cores", "320 GPUs".
HARDWARE_AFTER = (r"^\s+(?:NVIDIA\s+|Nvidia\s+|Google\s+)?(?:(?:(?-i:[A-Z]{1,2}\d{2,4})|TPU\s?v\d+)s?\b"
                  r"(?:\s+(?:GPU|TPU|core|chip)s\b)?|(?:GPU|TPU|NPU)s\b|cores\b|chips\b)"
                  # "2.788M H800 GPU hours", "22 TPU v3 core-years": time on the hardware, not how much of it
                  r"(?![\s-]+(?:(?:GPU|TPU|core)[\s-]+)?(?:hours?|days?|years?|seconds?)\b)")
