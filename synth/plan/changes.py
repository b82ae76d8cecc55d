"""A change a question asks: "by how much does ⟨S⟩ reduce the KV cache" asks the KV cache reduction, "by how much does
⟨S⟩ speed up training" the speed-up, "how much higher is its maximum generation throughput" the throughput's increase.
The change is asked as a noun (its nominal), with what it changes when the question names it."""

from __future__ import annotations

import re

_SUBJECT = "\u27e8S\u27e9"  # synth.plan.wording.SUBJECT: the slot a subject's name is replaced by
_SLOT = "\u27e8"  # every slot (a subject's, a benchmark's) opens with it

_CHANGE = re.compile(rf"^\s*(?:by\s+)?how\s+much\s+(?:do|does|did|would|will)\s+(?:the\s+)?{_SUBJECT}\s+"
                     r"(?P<verb>[a-z]+)(?:\s+(?P<particle>up|down|out))?\b", re.IGNORECASE)
# The noun a verb of change is asked as: "by how much does X improve" asks for the improvement.
_NOMINALS = {"improve": "improvement", "reduce": "reduction", "cut": "reduction", "lower": "reduction",
             "decrease": "decrease", "increase": "increase", "gain": "gain", "lose": "loss", "raise": "increase",
             "accelerate": "speed-up", "outperform": "margin", "beat": "margin", "exceed": "margin"}


# What a verb of change changes, after a determiner ("reduce the KV cache compared with …", "cut its training cost?"),
# or a list of things, each with a determiner or none ("reduce training costs and KV cache"); one bare noun ("improve
# BLEU", "speed up training") is the measure the change is counted in, not a thing changed.
_THING = r"[A-Za-z][\w\-]*(?:\s+(?!and\b)[A-Za-z][\w\-]*){0,2}?"
_DET = r"(?:the\s+|its\s+|their\s+)"
_CHANGED = re.compile(rf"\s+(?P<object>{_DET}{_THING}(?:\s+and\s+{_DET}?{_THING})?|"
                      rf"{_DET}?{_THING}\s+and\s+{_DET}?{_THING})"
                      r"(?=\s+(?:compared|relative|over|than|versus|vs\.?|from|by|on|in|at|for|when|while|with)\b|"
                      r"\s*[,?;.]|\s*$)", re.IGNORECASE)
_DETERMINER = re.compile(rf"^{_DET}", re.IGNORECASE)


_HOW_MUCH_MORE = re.compile(r"^\s*(?:and\s+)?how\s+much\s+(?P<cmp>higher|larger|greater|bigger|lower|smaller|faster)\s+"
                            r"(?:is|are|was|were)\s+(?:its|their|the)\s+"
                            r"(?P<object>[A-Za-z][\w\-]*(?:\s+[A-Za-z][\w\-]*){0,3}?)(?=\s+(?:compared|relative|than|"
                            r"over|with)\b|\s*[,?;.]|\s*$)", re.IGNORECASE)
_COMPARED_NOMINALS = {"higher": "increase", "larger": "increase", "greater": "increase", "bigger": "increase",
                      "lower": "reduction", "smaller": "reduction", "faster": "increase"}


def _nominal(verb: str, particle: str | None) -> str:
    """"speed up" → "speed-up", "improves" → "improvement": the change as a noun, never the verb itself."""
    lowered = verb.lower()
    if particle:
        return f"{lowered}-{particle.lower()}"
    for form in (lowered, lowered[:-1], lowered[:-2], lowered[:-1] + "e" if lowered.endswith("ed") else ""):
        if form in _NOMINALS:
            return _NOMINALS[form]
    return lowered[:-1] if lowered.endswith("s") and len(lowered) > 3 else lowered


def asked_change(clause: str) -> list[tuple[str, str]]:
    """The changes a clause asks (each one's name, how it was read): one per object of its verb ("reduce training
    costs and KV cache": the training costs reduction and the KV cache reduction); none when it asks no change."""
    change = _CHANGE.match(clause)
    if change:
        nominal = _nominal(change.group("verb"), change.group("particle"))
        how = f'read from "by how much … {change.group("verb")}"'
        changed = _CHANGED.match(clause[change.end():])
        if changed and _SLOT not in changed.group("object") and nominal in _NOMINALS.values():
            # "reduce the KV cache": the KV cache reduction
            objects = [_DETERMINER.sub("", o.strip()) for o in re.split(r"\s+and\s+", changed.group("object"))]
            return [(f"{o} {nominal}", how) for o in objects]
        return [(nominal, how)]
    compared = _HOW_MUCH_MORE.match(clause)
    if compared and _SLOT not in compared.group("object"):
        nominal = _COMPARED_NOMINALS[compared.group("cmp").lower()]
        return [(f"{compared.group('object')} {nominal}", f'read from "how much {compared.group("cmp").lower()} is …"')]
    return []
