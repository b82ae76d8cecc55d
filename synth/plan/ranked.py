"""A ranking asked over named subjects: "Which of A, B and C has the most Transformer layers?", "Which was trained
with the highest peak learning rate — A, B or C?".

The superlative says how the subjects are ranked; what is ranked is the noun after it, which every subject's cell
must give so the ranking can be read off the answer table. Read as nothing (the superlative taken for a word of the
clause), the question asked no attribute and no cell was built. Only English structure is read: the subjects are
slots (named before the verb, or listed in a clause of their own), never a list of model names.
"""

from __future__ import annotations

import re

from synth.models import AttributeKind
from synth.plan.qualifiers import verb_qualifier
from synth.plan.wording import METRIC, SUBJECT, Asked, clean_words

_SUPERLATIVES = ("most", "fewest", "least", "largest", "biggest", "smallest", "greatest", "widest", "deepest",
                 "longest", "shortest", "highest", "lowest")
# A superlative that names a magnitude of the noun: "the longest context" ranks the context length.
_MAGNITUDE = {"largest": "size", "biggest": "size", "smallest": "size", "greatest": "size", "widest": "width",
              "deepest": "depth", "longest": "length", "shortest": "length"}
_MAGNITUDES = frozenset("size sizes length lengths width depth count number dimension dimensions window".split())
_NAMED = rf"of\s+(?:the\s+)?{SUBJECT}(?:[^,;?\u27e8]*?)(?:\s*,?\s*(?:or|and)?\s*(?:the\s+)?{SUBJECT}[^,;?\u27e8]*?)+"
_RANKED = re.compile(
    rf"^(?:which|who)(?:\s+{_NAMED})?"
    r"\s+(?:(?:is|are|was|were|has|have|had|does|do|did)\s+)?"
    # the clause's verb, with the preposition its object takes ("trained with", "activates", "uses")
    r"(?:(?P<verb>[a-z\-]+)(?P<prep>\s+(?:on|with|for|at|in|by))?\s+)?"
    rf"the\s+(?P<adj>{'|'.join(_SUPERLATIVES)})\b"
    r"(?P<noun>(?:\s+(?!or\b|and\b|on\b|in\b|of\b|at\b|for\b|among\b|than\b)[a-z\u0370-\u03ff][\w\-]*){1,4})"
    r"(?P<rest>.*)$", re.IGNORECASE)


def ranked(clause: str) -> Asked | None:
    """The attribute a superlative over named subjects ranks them by, or None when the clause has no such shape
    (a benchmark named after the noun is what is ranked, and is read where the clause names it)."""
    # "which model has the most …" never matches: a class described, read by synth.plan.described
    found = _RANKED.match(clause.strip(" ?.,"))
    if not found or METRIC in found.group("rest"):
        return None
    noun = clean_words(found.group("noun").split())
    if not noun:
        return None
    # "activates the most parameters per token" ranks the activated parameters, as "how many parameters does each
    # activate" asks them (synth.plan.qualifiers); a question verb ("has", "uses") qualifies nothing
    modifier = verb_qualifier(found.group("verb")) if found.group("verb") and not found.group("prep") else None
    if modifier:
        noun = f"{modifier} {noun}"
    adjective = found.group("adj").lower()
    magnitude = _MAGNITUDE.get(adjective)
    if magnitude and noun.split()[-1].lower() not in _MAGNITUDES:
        noun = f"{noun} {magnitude}"
    return Asked(noun, AttributeKind.QUANTITY, f'read from "which … the {adjective}"')
