"""Table values under the condition a question puts on its subjects ("When OPT-30b is quantized to 2 bits per weight,
what WikiText2 perplexity do QuIP and OPTQ reach"): a table prints each subject at several settings of a variable
("WBits 4 | 3 | 2"), and a value at a setting whose figures the condition never states (4 bits, 3 bits) is another
setting's value, never the asked one. Sentences are held to the condition where they are read (synth.retrieve.asks.
roles); a table's variant is its setting, checked here."""

from __future__ import annotations

import re

from synth.models import PlanSubject
from synth.retrieve.asks.candidates import Candidate

_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?")


def _numbers(text: str) -> set[float]:
    return {float(n) for n in _NUMBER.findall(text.replace("-", " "))}


def keep_conditioned(subject: PlanSubject, found: list[Candidate]) -> list[Candidate]:
    """The candidates without the table values whose variant states figures the subject's condition does not, nor
    those of a table with no variant whose caption and row state none of the condition's figures (Table 9's learning
    rate, for the run extended to a 64K context: another run's)."""
    if not subject.setting or subject.role is not None:
        return found
    stated = _numbers(subject.setting)
    if not stated:
        return found
    return [c for c in found if not (c.table and (
        (c.variant and _numbers(c.variant) and not _numbers(c.variant) & stated)
        or (not c.variant and not _numbers(f"{c.evidence.table_caption or ''} {c.evidence.quote}") & stated)))]
