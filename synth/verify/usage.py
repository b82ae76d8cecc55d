"""A claim that a subject uses a named thing ("Qwen3 uses SwiGLU.", the answer stage's wording of a text cell),
stated by a sentence that names the subject and puts the thing to use: after a verb of use or as an item of
the list such a verb governs ("… including using Grouped Query Attention (…), SwiGLU (…), …"). Word overlap
alone misses it: "using" shares no word with "uses" once stemmed, and the names carry the claim."""

from __future__ import annotations

import re

from synth import claimparse
from synth.retrieve.asks.hardware import is_hardware
from synth.retrieve.asks.kinds import used_terms
from synth.text import fold
from synth.verify.claim import ClaimInfo
from synth.verify.names import mentioned
from synth.verify.words import model_like

_USE_CLAIM = re.compile(r"^(?P<subject>.+?)\s+uses\s+(?P<thing>.+?)\.?$")
# A sentence that sets the subject against another ("Unlike Qwen3, we use …") says nothing of what it uses.
_CONTRAST = re.compile(r"\b(?:unlike|instead\s+of|rather\s+than|whereas|in\s+contrast|compared\s+(?:to|with))\b",
                       re.IGNORECASE)


# A sentence about a system the paper sets beside its own ("The feed-forward blocks of the baseline apply SwishNorm")
# says nothing of the model its title names.
_OTHER_SYSTEM = re.compile(r"\b(?:baselines?|prior|previous(?:ly)?|existing|competing|vanilla|conventional|original|"
                           r"standard)\b", re.IGNORECASE)


def _plain(text: str) -> str:
    return " ".join(fold(text).lower().split())


def stated_use(info: ClaimInfo, sentences: list[str], titled: bool = False,
               measures: frozenset[str] = frozenset()) -> str | None:
    """The sentence stating that the claim's subject uses its thing, or None. With `titled` (the window's heading or
    its document's title names the subject: "GShard: Scaling Giant Models …"), a sentence that names no model of
    its own, nor a baseline or prior system, is the subject's ("Every expert FFNe applies … a 2-layer network using
    ReLU"), as the title binds the words of any claim (synth.verify.names.entity_found)."""
    claim = _USE_CLAIM.match(info.text.strip())
    if claim is None:
        return None
    subject, thing = claim.group("subject"), claim.group("thing")
    for sentence in sentences:
        if _CONTRAST.search(sentence) or claimparse.negated(sentence) or claimparse.hedged(sentence):
            continue
        if not mentioned(fold(sentence), sentence, subject, None) and not (
                titled and not names_a_model(sentence, (thing,), measures) and not _OTHER_SYSTEM.search(sentence)):
            continue
        if any(_plain(t) == _plain(thing) for t in used_terms(sentence, (thing,))) or run_on(sentence, thing):
            return sentence
    return None


def run_on(sentence: str, thing: str) -> bool:
    """Hardware is put to use by running on it, with no verb of use: "speeds up training times (less than two hours
    each on one Google TPU v2)", "each training step took 0.15 seconds on a 32-core TPUv2 cluster"."""
    if not is_hardware(thing):
        return False
    spelled = re.escape(" ".join(thing.split())).replace(r"\ ", r"\s+")
    return re.search(rf"\bon\s+(?:an?\s+|the\s+)?{spelled}(?![\w-])", sentence, re.IGNORECASE) is not None


def names_a_model(sentence: str, names: tuple[str, ...], measures: frozenset[str] = frozenset()) -> bool:
    """Whether a sentence names a model (a capitalised name with a digit, "GPT-2", "T5-XXL"; not "a 2-layer
    network", nor a benchmark of the library's tables or an edition of one, "CNMO 2024") other than the given names
    and their own members ("Qwen2.5-Turbo" beside "the other Qwen2.5 models"): what it says is then that model's,
    never the subject a title names."""
    folded = [fold(n) for n in names]
    return any(model_like(name, measures) and name != name.lower() and not _EDITION.search(name)
               and not any(fold(name) in f or fold(name).startswith(f) for f in folded)
               for name in claimparse.entities(sentence))


_EDITION = re.compile(r"\s(?:19|20)\d{2}$")  # "AIME 2024", "CNMO 2024": a benchmark's year, no model
