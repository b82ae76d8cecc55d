"""Qualifiers a question writes after its asked noun: they tell variants of one label apart.

"How many experts are active per token?" does not ask for the experts of a layer (8 in Mixtral) but for
the active ones (2): the predicate ("are active", "are activated", "does each activate") and the
distributive phrase ("per token", "in each layer") belong to the attribute. `asked_phrases` reads the
noun phrase in the asked position and stops at the auxiliary; this module reads what follows it and
puts it back on the attribute ("active experts per token", "activated parameters per token"), so that
the retrieval stage can refuse a label that lacks the qualifier (the total count is a neighbour's
value, the product's worst failure).

Only English structure is read here: an auxiliary and an adjective or participle after "how many
<noun>", an open-class verb after "how many <noun> do(es) <subject>", and "per/in each/for each
<noun>". The closed list of question verbs (use, report, train, …) is never a qualifier ("how many
tokens were used" asks for tokens).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from synth.models import AttributeKind, PlanAttribute
from synth.plan.wording import METRIC, SUBJECT, Asked, is_verb
from synth.tableheads import EVAL_SETS
from synth.text import STOPWORDS

_NOUN = r"(?P<noun>[A-Za-z][\w\-]*(?:\s+[A-Za-z][\w\-]*){0,3}?)"
_PER = (r"(?P<per>\s+(?:per|in\s+each|for\s+each|at\s+each)\s+(?!" + SUBJECT
        + r")[a-z][\w\-]*(?:\s+(?!per\b)[a-z][\w\-]*)?)?")
# "how many experts are activated per token", "how many heads are shared"
_PREDICATE = re.compile(r"\bhow\s+many\s+" + _NOUN + r"\s+(?:are|is|were|was|get|gets|got)\s+(?P<word>[a-z][\w\-]*)"
                        + _PER + r"(?=\s*(?:[,;?.]|$|\band\b|\bin\b|\bof\b|\bfor\b))", re.IGNORECASE)
# "how many parameters does each activate per token", "how many experts does ⟨S⟩ select per token", "how many tokens
# may each model output" (a modal is an auxiliary too: read without it, the training tokens answered the output's)
_VERB = re.compile(r"\bhow\s+many\s+" + _NOUN + r"\s+(?:do|does|did|may|might|can|could|must|will|would|should)\s+"
                   r"(?:" + SUBJECT + r"|(?:each|every)(?:\s+" + SUBJECT + r"|\s+model)?|it|they|these\s+models|"
                   r"this\s+model|the\s+models?)\s+(?P<word>[a-z][\w\-]*)" + _PER
                   + r"(?=\s*(?:[,;?.]|$|\band\b|\bin\b|\bof\b|\bfor\b|\bwith\b|\bthrough\b|\busing\b|\bby\b))",
                   re.IGNORECASE)
# Verbs whose participle is the verb itself: "output tokens", not "outputed tokens"
_SAME_PARTICIPLE = re.compile(r"(?:put|set|cut|hit|let|cast|read|spread)$")
_EACH_TO = re.compile(r"\b(?:each|every)\s+(token|input|example|sequence|position)\s+to\b", re.IGNORECASE)
_NOT_QUALIFIERS = frozenset("there here have has had be been being used needed required run performed conducted done "
                             "carried hold holds held contain contains include includes comprise comprises".split())
_PREPOSITIONS = frozenset("of in on for with by from to at into about per".split())


def participle(verb: str) -> str:
    """`activate` → `activated`, `select` → `selected`: the verb written as the attribute's modifier."""
    lowered = verb.lower()
    if lowered.endswith("ed") or _SAME_PARTICIPLE.search(lowered):
        return lowered
    if lowered.endswith("e"):
        return lowered + "d"
    if lowered.endswith("s") and not lowered.endswith("ss"):
        return participle(lowered[:-1])
    return lowered + "ed"


def _qualifier(word: str, verb_form: bool) -> str | None:
    """The word as a modifier of the noun, or None when it is no qualifier (a question verb, a function word)."""
    lowered = word.lower()
    if lowered in STOPWORDS or lowered in _NOT_QUALIFIERS or lowered in _PREPOSITIONS or is_verb(word):
        return None
    if SUBJECT in word or METRIC in word:
        return None
    return participle(lowered) if verb_form else lowered


def verb_qualifier(verb: str) -> str | None:
    """The clause's open-class verb as a modifier of the noun it takes ("activates" → "activated"), or None."""
    return _qualifier(verb, True)


def qualified(clause: str, asked: list[Asked]) -> list[Asked]:
    """The asked phrases of a clause with the qualifiers written after them put back on them."""
    found: dict[str, list[tuple[int, str, str]]] = {}
    clause = _EACH_TO.sub(r"per \1", clause)  # "route each token to": per token
    for pattern, verb_form in ((_PREDICATE, False), (_VERB, True)):
        for match in pattern.finditer(clause):
            noun = " ".join(match.group("noun").split())
            if re.match(r"\s+of\b", clause[match.end("word"):]) and not match.group("per"):
                continue  # "how many heads does each layer of X have": "layer" is a noun, not a verb
            modifier = _qualifier(match.group("word"), verb_form)
            per = " ".join((match.group("per") or "").split())
            if modifier is None and not per:
                continue
            found.setdefault(noun.lower(), []).append((match.start(), " ".join(w for w in (modifier, noun, per) if w),
                                                       match.group(0).strip()))
    if not found:
        return asked
    # Each qualifier belongs to the one asked phrase it follows: "how many experts does X activate per token, out
    # of how many experts in each layer" asks the activated experts and then the experts of a layer.
    pending = {noun: sorted(rewrites) for noun, rewrites in found.items()}
    out = []
    for item in asked:
        rewrites = pending.get(item.text.lower())
        if not rewrites:
            out.append(item)
            continue
        _, text, said = rewrites.pop(0)
        out.append(replace(item, text=text, how=f'{item.how}; qualified by "{said}"'))
    return out


# "after 65,536 training steps": the point of training the asked values are stated at
# ("after one epoch": the count in words, said as tables label it, "1 epoch")
_COUNT_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
                "eight": "8", "nine": "9", "ten": "10"}
_TRAINED_AT = re.compile(r"\b(?:after|at)\s+(?P<count>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s*[KMB]?|"
                         rf"{'|'.join(_COUNT_WORDS)})\s+(?:training\s+)?"
                         r"(?P<unit>steps?|epochs?|iterations?|updates?)\b", re.IGNORECASE)


def trained_at(clause: str) -> str | None:
    """The setting "after N steps" fixes ("65,536 steps", "after one epoch" → "1 epoch"), or None."""
    found = _TRAINED_AT.search(clause)
    if not found:
        return None
    return f"{_COUNT_WORDS.get(found.group('count').lower(), found.group('count'))} {found.group('unit')}"


# "held-out log-perplexity": the set a measure is taken on, which tables print as a setting ("log-perplexity
# (Heldout-set; …)") or in their caption
_EVAL_SET = re.compile(rf"^(?:{EVAL_SETS})(?:[-\s]set)?\s+(?=\S)", re.IGNORECASE)


def without_eval_set(asked: Asked, is_quantity: Callable[[str], bool]) -> Asked:
    """The measure asked on an evaluation set, read as the measure when only the measure is a label of the library's
    tables (its values are shown with the set their table names)."""
    head = _EVAL_SET.sub("", asked.text)
    if asked.kind is not None or head == asked.text or is_quantity(asked.text) or not is_quantity(head):
        return asked
    return replace(asked, text=head)


def owned_by_names(unique: dict[str, PlanAttribute], owners: list[str], text: str) -> dict[str, PlanAttribute]:
    """"Which frequencies of RoPE does Gemma 7B use": the asked noun is RoPE's frequencies, so the name it is "of"
    is kept as a spelling of the attribute ("RoPE frequencies"), where a value that only repeats it is seen as an
    echo; the attribute keeps its own name, which is what sentences state ("the low frequencies of RoPE")."""
    out = dict(unique)
    for owner in owners:
        found = re.search(rf"\b([A-Za-z][\w\-]*)\s+of\s+(?:the\s+)?{re.escape(owner)}\b", text)
        if not found:
            continue
        for k, attribute in unique.items():
            if attribute.kind is AttributeKind.TEXT and attribute.name.split()[-1].lower() == found.group(1).lower():
                out[k] = replace(attribute, spellings=(*attribute.spellings, f"{owner} {attribute.name}"))
    return out
