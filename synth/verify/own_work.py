"""A paper's own work described without its name: "In all experiments we train for 10,000 steps using a batch size
of 512 …" (the RoPE study, of its Gemma 2B models), "This causes our results to be slightly worse, but significantly
speeds up training times (less than two hours each on one Google TPU v2)" (Adafactor's translation runs), "All models
are quantized on a single GPU, with up to 48GB of memory" (QuIP). A paper says what it did in the first person or of
"the models" / "all experiments", never repeating the name of what it trains.

Such a sentence states its values for the claim's subject only where the caller knows the sentence's paper is that
subject's own (an answer cell read back in the one paper the question makes its subject's; `Window.own_subject`),
only in a section of that paper that names the subject (a paper of many experiments says "We finetune all models
for 2 epochs using a batch size of 32" of its language models, in a section that never names the vision models a
question asks about), and only when nothing in the sentence, its heading or the
sentence before it names another model, a baseline or a cited work: wrong support is worse than none."""

from __future__ import annotations

import re
from functools import lru_cache

from synth import claimparse
from synth.models import Document, Evidence
from synth.retrieve.asks.roles import section_heading
from synth.text import fold, sentence_spans
from synth.verify.windows import Window
from synth.verify.words import model_like

# The authors speaking of their own work: "we train", "our results", "In all experiments", "All models are …".
_OWN_WORK = re.compile(r"\b(?:we|our|us)\b|^\s*(?:in\s+)?(?:all|both|these|the|our)\s+(?:experiments?|models?|runs?)\b",
                       re.IGNORECASE)
# A baseline: what the sentence after one may go on about.
_BASELINE = re.compile(r"\bbaselines?\b", re.IGNORECASE)
# What sets the sentence itself on another's work: a baseline, a cited work, a contrast.
_OTHERS_WORK = re.compile(r"\bbaselines?\b|\bet\s+al\b|\[\d+(?:\s*[,–-]\s*\d+)*\]|\b(?:prior|previous|unlike|"
                          r"compared\s+(?:to|with)|in\s+contrast)\b", re.IGNORECASE)


def describes_own_work(window: Window, names: tuple[str, ...]) -> bool:
    """Whether the window is the authors describing their own models or experiments and names nothing but the claim's
    names: every name it prints is one of the claim's (the value "one Google TPU v2" is), and neither its heading nor
    the sentence before it names another model or a baseline ("For the Gemma 7B runs we change the schedule. We train
    for 30,000 steps …" is the 7B's). A work the sentence before cites ("… smaller than the ones used by Vaswani et al.
    (2017). This causes our results to be slightly worse …") is what the authors set theirs against, not whose the
    sentence is."""
    text = window.text
    if not _OWN_WORK.search(text) or _OTHERS_WORK.search(text):
        return False
    if _others(text, names):
        return False
    return not any(_others(said, names, models_only=True) or _BASELINE.search(said)
                   for said in (window.passage.section or "", _sentence_before(window)) if said)


def _others(text: str, names: tuple[str, ...], models_only: bool = False) -> bool:
    """Whether the text prints a name that is none of the claim's (with `models_only`, a model's: a name with a
    digit, "Gemma 7B", not a cited author or a dataset's word)."""
    claimed = [fold(n) for n in names]
    return any(not any(fold(name) in c or c in fold(name) for c in claimed)
               for name in claimparse.entities(text) if not models_only or model_like(name, frozenset()))


def _sentence_before(window: Window) -> str:
    """The sentence of the window's passage right before it ("" when the window opens the passage)."""
    before = window.passage.text[:max(0, window.start - window.passage.start)]
    spans = sentence_spans(before)
    return before[spans[-1][0]:spans[-1][1]] if spans else ""


def named_in_section(name: str, place: Evidence, document: Document | None) -> bool:
    """Whether the numbered section the place sits in (from the last numbered heading before it to the next one)
    names the subject: the authors' unnamed account of their work is about what its section is about ("9.
    Experimental Setup … the Transformer machine translation model …"; Appendix C's "We use the standard Gemma 2B
    architecture" after its "In all experiments we train …")."""
    if document is None:
        return False
    starts = _heading_starts(document.text)
    before = [s for s in starts if s <= place.start]
    after = [s for s in starts if s >= place.end]
    section = document.text[before[-1] if before else 0:after[0] if after else len(document.text)]
    return claimparse.mentions(fold(section), name)


@lru_cache(maxsize=64)
def _heading_starts(text: str) -> tuple[int, ...]:
    """Where each numbered section heading line of a document's text starts ("9. Experimental Setup", "D.1
    SELF-SUPERVISED VISION MODELS")."""
    return tuple(m.start() for m in re.finditer(r"(?m)^[^\n]+$", text) if section_heading(m.group(0).strip()))
