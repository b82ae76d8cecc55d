"""A count stated per unit of something else is no total: "each training batch contains 18M tokens" is the batch,
not the tokens a model was trained on; "on each trillion tokens requires only 180K GPU hours" is a rate, not the
GPU hours of the whole training; "4M tokens per batch", "0.72 steps per second" likewise. Such a figure answers an
attribute only when the attribute asks for that unit ("batch size", "tokens per batch", "GPU hours per trillion
tokens"). Counts per token ("37B activated for each token") are read by the per-token rules, not here.
"""

from __future__ import annotations

import re

from synth.text import CARDINALS, cardinal_pattern

_UNIT = (r"(?:training\s+|global\s+|mini-?)?(?:batch(?:es)?|steps?|iterations?|GPUs?|devices?|nodes?|seconds?|"
         r"sequences?|examples?|samples?|epochs?|(?:trillion|billion|million)\s+tokens?)")
# "each training batch contains 18M tokens", "on each trillion tokens requires only 180K H800 GPU hours"
_BEFORE = re.compile(rf"\b(?:each|every|per)\s+{_UNIT}\b[^.;]{{0,45}}$", re.IGNORECASE)
# "4M tokens per batch", "172.8K GPU hours per trillion tokens", "50K tokens per second"
_AFTER = re.compile(rf"^\s*(?:[A-Za-z0-9\-]+\s+){{0,3}}?(?:per|each|every|/)\s*{_UNIT}\b", re.IGNORECASE)
_ASKS_UNIT = re.compile(r"\b(?:per|each|every|batch|throughput|rate|speed)\b", re.IGNORECASE)


def asks_per_unit(attribute: str) -> bool:
    """The attribute itself asks a figure per unit ("batch size", "tokens per second", "GPU hours per trillion
    tokens"): a per-unit figure may answer it."""
    return bool(_ASKS_UNIT.search(attribute))


def per_unit(text: str, start: int, end: int) -> bool:
    """The figure at text[start:end] counts something per batch, step, second, device or trillion tokens."""
    return bool(_BEFORE.search(text[max(0, start - 80):start]) or _AFTER.match(text[end:end + 60]))


_TIME_PER = re.compile(r"^\s*(?:(?:wall[\s-]?clock|training|compute)\s+)?(?:time|duration)\s+"
                       r"(?:per|of\s+(?:a|an|each|one))\s+(?:training\s+)?(step|iteration|update|epoch|batch|run)s?\s*$",
                       re.IGNORECASE)
_TIME_UNIT = r"(?:milliseconds?|ms|seconds?|secs?|s|minutes?|mins?|hours?|days?)"
_FIGURE = r"(\d+(?:\.\d+)?)\s*"
# "speeds up training times (less than two hours each on one Google TPU v2)": a run's time said of each run
_EACH_RUN = re.compile(rf"\b(?:training|run)\s+times?\b[^.;]{{0,30}}?\b(?P<bound>(?:less\s+than|under|about|around|"
                       rf"approximately|roughly|more\s+than|over)\s+)?(\d+(?:\.\d+)?|{cardinal_pattern(CARDINALS)})\s+"
                       rf"({_TIME_UNIT})\s+each\b", re.IGNORECASE)


def time_per_unit_values(text: str, attribute: str) -> list[tuple[str, float, str, int]]:
    """"time per training step": a duration said of each step ("Each training step took approximately 0.15
    seconds", "0.4 s per step", "a step time of 1.2 s"), shown with its unit; a footnote's mark may be glued to
    the sentence's first word ("2Each"). A duration the sentence does not tie
    to the asked unit ("we train for 3 days over 300k steps") is the whole training's, never the step's."""
    asked = _TIME_PER.match(attribute)
    if not asked:
        return []
    unit = asked.group(1)
    patterns = (rf"(?<![A-Za-z])(?:each|every|one|a|per)\s+(?:training\s+)?{unit}s?\b[^.;]{{0,40}}?\b"
                rf"(?:took|takes|take|lasts?|lasted|requires?|required|is|was)\s+(?:about\s+|around\s+|approximately\s+|roughly\s+|only\s+)?"
                rf"{_FIGURE}({_TIME_UNIT})\b",
                rf"{_FIGURE}({_TIME_UNIT})\s+(?:per|each|every|/)\s*(?:training\s+)?{unit}\b",
                rf"\b{unit}\s+time\s+(?:of|is|was|=|:)\s*(?:about\s+|around\s+|approximately\s+)?{_FIGURE}({_TIME_UNIT})\b")
    out = []
    if unit == "run":
        for found in _EACH_RUN.finditer(text):
            figure = found.group(2).lower()
            number = CARDINALS.get(figure) or float(figure)
            bound = " ".join((found.group("bound") or "").split())  # "less than two hours": the bound is said
            out.append((f"{bound} {found.group(2)} {found.group(3)}".strip(), number, "", found.start(2)))
    for pattern in patterns:
        for found in re.finditer(pattern, text, re.IGNORECASE):
            shown = f"{found.group(1)} {found.group(2)}"
            out.append((shown, float(found.group(1)), "", found.start(1)))
    return sorted(set(out), key=lambda value: value[3])
