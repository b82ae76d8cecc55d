"""A text value that only repeats the question's own names answers nothing.

Asked "What word error rate does Whisper large-v2 achieve on LibriSpeech test-clean and test-other?", a
sentence "WER on LibriSpeech test-clean as a function of SNR" names "LibriSpeech" next to "test-clean": as a
text value it would fill the cell with a word of the question. A value that is one of the plan's own subject
or attribute names (any spelling) is dropped, so the cell says *not stated* instead of echoing the question.
"""

from __future__ import annotations

import re

from synth.models import AttributeKind, Plan
from synth.retrieve.asks.candidates import Candidate
from synth.text import fold


def _plain(text: str) -> str:
    """Lower case, punctuation as spaces, each word singular ("positional encodings" echoes "positional encoding")."""
    words = re.sub(r"[^a-z0-9]+", " ", fold(text).lower()).split()
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words)


def asked_names(plan: Plan) -> frozenset[str]:
    """Every spelling of the plan's subjects and attributes, lower-cased, punctuation as spaces. A subject named by
    its role ("the weak supervisor") is spelled by the question only as that role: the model its paper's tables have
    play it ("AlexNet (weak supervisor)") is what "which model acts as …" asks, no echo."""
    names = [name for s in plan.subjects for name in ((s.name,) if s.role else (s.name, *s.spellings))]
    names += [name for a in plan.attributes for name in (a.name, *a.spellings)]
    # a word of the asked phrase itself ("RoPE" of "RoPE frequencies") says whose the asked thing is, not which one
    names += [word for a in plan.attributes for spelling in (a.name, *a.spellings) if len(spelling.split()) > 1
              for word in spelling.split()[:-1]]
    return frozenset(_plain(n) for n in names if n)


def drop_echoes(candidates: list[Candidate], kind: AttributeKind, names: frozenset[str]) -> list[Candidate]:
    """The text candidates whose value is more than a name the question already gives."""
    if kind is not AttributeKind.TEXT:
        return candidates
    return [c for c in candidates if not all(_plain(part) in names for part in c.value.split(",") if part.strip())]
