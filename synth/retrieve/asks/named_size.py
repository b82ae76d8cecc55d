"""A size in a subject's name fixes its parameter count.

"Byte Latent Transformer 8B" has about 8 billion parameters: a sentence in its paper that gives 1B
("MegaByte can match tokenizer-based models at a 1B parameter scale", "from 1B up to 8B parameters")
speaks of another model or of a family, and taking it is the worst failure the product can have (a
neighbour's value). A count of parameters far from the size the name prints is dropped, so the cell is
declared not stated rather than filled. Names print rounded sizes (Mistral 7B has 7.3B parameters,
Llama 2 7B 6.7B), so only a value outside a factor of 1.5 of the printed size is another model's; an
expert layout ("8x7B") or an activated size ("235B-A22B") does not say the total, so it fixes nothing.
"""

from __future__ import annotations

import re

from synth.models import AttributeKind, PlanAttribute, PlanSubject
from synth.names import key, size_of
from synth.retrieve.asks.candidates import Candidate

_SCALE = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}
_PLAIN_SIZE = re.compile(r"^(\d+(?:\.\d+)?)\s*([KMBT])$", re.IGNORECASE)
_PARAMETER_WORDS = frozenset(key(w) for w in ("parameters", "params", "parameter", "weights"))
_SIZE_NAMES = frozenset({"size", "model size", "parameter count", "parameter size"})
_SUBSET_WORDS = frozenset(key(w) for w in ("activated", "active", "shared", "routed", "embedding", "non-embedding",
                                           "expert", "experts", "trainable", "per"))
_TOLERANCE = 1.5


def named_size(subject: PlanSubject) -> float | None:
    """The parameter count a subject's name prints ("8B" → 8e9), or None when it prints none or a layout."""
    size = size_of(subject.name)
    match = _PLAIN_SIZE.match(size or "")
    return float(match.group(1)) * _SCALE[match.group(2).upper()] if match else None


def _asks_total_parameters(attribute: PlanAttribute) -> bool:
    """Total parameters or the model's size, not a part ("activated parameters") nor another size ("batch size")."""
    words = {key(w) for w in re.findall(r"[A-Za-z][A-Za-z\-]*", attribute.name)}
    named = bool(words & _PARAMETER_WORDS) or attribute.name.lower().strip() in _SIZE_NAMES
    return attribute.kind is AttributeKind.QUANTITY and named and not words & _SUBSET_WORDS


def keep_named_size(subject: PlanSubject, attribute: PlanAttribute, found: list[Candidate]) -> list[Candidate]:
    """The candidates that agree with the size the subject's name prints (all of them when it prints none)."""
    size = named_size(subject)
    if size is None or not _asks_total_parameters(attribute):
        return found
    kept = []
    for candidate in found:
        unit = (candidate.unit or "").upper()
        if candidate.number is None or unit not in _SCALE:
            kept.append(candidate)
            continue
        magnitude = candidate.number * _SCALE[unit]
        if size / _TOLERANCE <= magnitude <= size * _TOLERANCE:
            kept.append(candidate)
    return kept
