"""Benchmark scores a sentence states next to the benchmark's name ("90.2% on HumanEval")."""

from __future__ import annotations

import re

from synth.models import PlanAttribute
from synth.names import name_regex
from synth.retrieve.asks.quantities import sentence_quantities

_OTHER_BENCHMARK = re.compile(r"^(?:[\-+][A-Za-z0-9]|\+)")
# "79.2 on the multimodal understanding benchmark MMBench": the benchmark may be introduced by what it measures
_VALUE_BEFORE = re.compile(r"\s*(?:(?:points?|score|accuracy|pass@\d+|success rate)\s+)?(?:on|in|at|for)\s+(?:the\s+)?"
                           r"(?:(?:[a-z][\w\-]*\s+){0,3}(?:benchmark|dataset|test\s+set)\s+)?", re.IGNORECASE)
_CITATION_AFTER = re.compile(r"^\s*\([^()]*(?:et al\.|\d{4}[a-z]?)\)")
_SETTING_AFTER = re.compile(r"^\s*\(([^()]{3,60})\)")
_VALUE_AFTER = re.compile(r"\s*(?:\(([^)]{1,20})\))?\s*(?:score|accuracy|pass@\d+|result)?\s*"
                          r"(?:of|:|=|at|reaching|with)\s*", re.IGNORECASE)


def _setting_after(text: str, end: int) -> str | None:
    """A parenthesis right after a benchmark's name, citations skipped: "LiveCodeBench (Jain et al.,
    2024) (questions from Dec. 2023 to June. 2024)" → the question window."""
    rest = text[end:]
    citation = _CITATION_AFTER.match(rest)
    if citation:
        rest = rest[citation.end():]
    setting = _SETTING_AFTER.match(rest)
    if setting and not re.search(r"et al\.|^[A-Z][\w\-]+,?\s+(?:19|20)\d{2}[a-z]?$", setting.group(1)):
        return " ".join(setting.group(1).split())
    return None


def metric_values(text: str, attribute: PlanAttribute) -> list[tuple[str, float, str | None, str | None, int]]:
    """(value, number, unit, setting, offset) a sentence gives for a benchmark: "90.2% on HumanEval",
    "HumanEval score of 90.2", "LiveCodeBench (Pass@1) of 43.4"."""
    lowered = text.lower()
    out = []
    quantities = [q for q in sentence_quantities(text) if q.unit in ("%", "plain")]
    for spelling in attribute.spellings:
        for mention in name_regex(spelling).finditer(lowered):
            if _OTHER_BENCHMARK.match(text[mention.end():]):
                continue
            for q in quantities:
                unit = "%" if q.unit == "%" else None
                if q.end <= mention.start() and _VALUE_BEFORE.fullmatch(text[q.end:mention.start()]):
                    out.append((q.raw, q.value, unit, _setting_after(text, mention.end()), q.start))
                elif q.start >= mention.end():
                    after = _VALUE_AFTER.fullmatch(text[mention.end():q.start])
                    if after:
                        out.append((q.raw, q.value, unit, after.group(1), q.start))
    return out

