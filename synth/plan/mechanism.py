"""How-questions: the mechanism a question asks about, read from its "how/why" clauses.

"How do A and B keep the load balanced across their experts?" asks for the mechanism named by the words after the
subjects. A question may word its mechanism again in clauses of its own ("— how are bytes grouped into patches, and
how are tokens chosen for a block —"): each is another spelling of the same ask, its participle put first so the
retrieval reads it as the verb ("grouped bytes into patches"). "…, and how does the algorithm work?" asks how the
asked thing whose head noun it repeats works ("which policy-optimization algorithm … use"): that attribute's name
is a spelling, so the answer can explain the very value given in its cell.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from synth.names import canonical
from synth.plan.wording import METRIC, SUBJECT, clauses

_HOW = re.compile(r"\bhow\s+(?:do|does|did|can|could|is|are|was|were)\s", re.IGNORECASE)
_WHY = re.compile(r"\bwhy\s+(?:do|does|did|is|are|was|were)\s", re.IGNORECASE)
_VALUE_VERBS = re.compile(r"^(?:compare|score|perform|fare|rank|stack|measure|do\b|differ(?!en)|scale|grow|change|"
                          r"vary)", re.IGNORECASE)
_VALUE_WORDS = re.compile(r"\b(?:compare|score|perform\w*|fare|rank|change|scale|vary|grow|differ)\b", re.IGNORECASE)
_LIGHT_VERBS = re.compile(r"^(?:keep|keeps|make|makes|get|gets|achieve|achieves|ensure|ensures|handle|handles|"
                          r"manage|manages)\s+", re.IGNORECASE)
# Participles ending in neither -ed nor -en ("how is the parameter count kept constant", "how are the pairs built").
_IRREGULAR = "kept|built|made|set|split|found|held|done|run|read|sent|spent|put|cut|fed|bound|brought|taught|dealt"
_PASSIVE = re.compile(r"^how\s+(?:is|are|was|were)\s+(?P<np>(?:[\w\-]+\s+){0,4}?[\w\-]+)\s+"
                      rf"(?P<verb>[a-z]+(?:ed|en)|{_IRREGULAR})\b(?P<rest>.*)$", re.IGNORECASE)
_WORKS = re.compile(r"^how\s+(?:does|do|did)\s+(?:the|this|that|each|their|its)\s+(?P<np>[\w\- ]+?)\s+"
                    r"(?:work|operate|function)s?\b", re.IGNORECASE)
# "which methods does it use, and how does each work": how the asked things just named work.
_EACH_WORKS = re.compile(r"^how\s+(?:does|do|did)\s+(?:each(?:\s+(?:one|of\s+them))?|it|they|these|both)\s+"
                         r"(?:work|operate|function)s?\b", re.IGNORECASE)
# The value word of a request for values, unless it is a transitive verb of the mechanism ("change the feed-forward
# layer") or the goal of it ("tell its decoder which task to perform").
_VALUE_USE = re.compile(_VALUE_WORDS.pattern + r"(?!\s+(?:the|its|their|a|an|each|every)\b)", re.IGNORECASE)
_SLOT_PHRASE = re.compile(r"\s*\b(?:in|of|for|by)\s+(?:the\s+)?" + SUBJECT + r"|\s*" + SUBJECT)


@dataclass(frozen=True)
class MechanismAsk:
    """The mechanism a question asks about: its name and every wording of it (the name first)."""

    name: str
    spellings: tuple[str, ...]


def _main(slotted: str) -> str | None:
    """The verb phrase of "how does A <do something>" or "why does A …", when it is not a request for values
    ("how do A and B compare", "… score on MMLU"): the words after the last subject."""
    for pattern in (_HOW, _WHY):
        match = pattern.search(slotted)
        if not match:
            continue
        clause = clauses(slotted[match.start():])[0]
        clause = re.sub(r"^(how\s+\w+\s+)(?:it|they|these models|this model)\b", r"\1" + SUBJECT, clause,
                        flags=re.IGNORECASE)
        if SUBJECT not in clause or trend(clause) or _asks_values(clause):
            continue
        phrase = _after_subject(clause.rsplit(SUBJECT, 1)[1])
        first = _after_subject(clause.split(SUBJECT, 1)[1])
        if _verb_first(first, phrase):  # "how does A transfer reasoning to B models": B is inside the phrase
            phrase = " ".join(re.sub(r"\s*['’]s\b", "", _SLOT_PHRASE.sub(" ", first)).split()).strip(" ,;:")
        if not phrase or _VALUE_VERBS.match(phrase) or _VALUE_VERBS.match(first) or not _content(phrase):
            continue  # "how does A stack up against B on MMLU": values, whatever follows the last name
        return _cleaned(phrase) or None
    return None


# What may sit between the subject and the verb of its mechanism: a possessive ("the ⟨S⟩'s differential attention
# compute …"), the close of an appositive ("the normalized ⟨S⟩ (⟨S⟩) keep …") or the paper it is from ("the ⟨S⟩ of
# the paper give …"), none of them words of the mechanism.
_LEAD = re.compile(r"^(?:['’]s\b|[)\]]|(?:of|in|from)\s+the\s+(?:paper|work|report|article)\b|[\s,;:])+",
                   re.IGNORECASE)


def _after_subject(rest: str) -> str:
    return _LEAD.sub("", " ".join(rest.split())).strip(" ,;:")


# Another how/why clause of the question that asks the same mechanism in other words: "… and why does it correct
# the bias of its moment estimates", "how do its attention and MLP blocks update the hidden state".
_OTHER_HOW = re.compile(r"^(?:how|why)\s+(?:do|does|did)\s+(?:(?P<pronoun>it|they)\b|(?:its|their|the)\s+(?=\w))",
                        re.IGNORECASE)


def _other_wording(clause: str) -> str | None:
    """The mechanism a further how/why clause words: its words after the subject (or the pronoun standing for it),
    or, when it asks about a part of the subject ("its attention and MLP blocks"), that part and what it does."""
    match = _OTHER_HOW.match(clause)
    if not match or _asks_values(clause) or trend(clause):
        return None
    rest = clause[match.end():]
    if SUBJECT in rest:
        rest = rest.rsplit(SUBJECT, 1)[1]
    phrase = _cleaned(_after_subject(rest))
    if len(phrase.split()) < 2 or not _content(phrase) or _VALUE_VERBS.match(phrase):
        return None
    return phrase


_POSSESSIVE = re.compile(r"\b(?:their|its|his|her)\s+")


def _cleaned(phrase: str) -> str:
    """The mechanism's words: no light verb ("keep"), no possessive but one marking the verb before it."""
    return _without_possessives(re.sub(r"^" + _POSSESSIVE.pattern, "", _LIGHT_VERBS.sub("", phrase)))


def _without_possessives(phrase: str) -> str:
    """"the load balanced across their experts" → "… across experts"; one right after the first word stays, marking
    that word as the verb ("tell its decoder which task to perform")."""
    verb, _, rest = phrase.partition(" ")
    kept = _POSSESSIVE.match(rest)
    head = kept.group(0) if kept else ""
    return f"{verb} {head}{_POSSESSIVE.sub('', rest[len(head):])}".strip()


def _asks_values(clause: str) -> bool:
    return any(not clause[:m.start()].rstrip().lower().endswith(" to") for m in _VALUE_USE.finditer(clause))


def _verb_first(first: str, last: str) -> bool:
    """Whether the words after the first name already say what is done, the later names sitting inside that phrase
    ("transfer long-CoT reasoning to ⟨S⟩ models"), not in a list of subjects ("⟨S⟩ and ⟨S⟩ keep …")."""
    between = first[:len(first) - len(last)] if first.endswith(last) else ""
    words = re.findall(r"[A-Za-z][\w\-]*", between.replace(SUBJECT, " "))
    return len([w for w in words if w.lower() not in {"and", "or", "the", "both", "as", "well"}]) >= 2


def _content(phrase: str) -> bool:
    """Whether a phrase has a word of its own beyond slots and prepositions ("on ⟨A⟩ and ⟨A⟩" has none)."""
    return bool(re.search(r"[a-z]{3,}", re.sub(r"\b(?:on|in|at|of|for|and|or|with|the)\b", " ",
                                                 _SLOT_PHRASE.sub(" ", phrase).replace(METRIC, " "), flags=re.I)))


def trend(clause: str) -> bool:
    from synth.plan import _TREND  # the trend wording lives with the relation it decides

    return bool(_TREND.search(clause))


def read_mechanism(slotted: str, asked: Sequence[str]) -> MechanismAsk | None:
    """The mechanism of a question (names already slotted) and its other wordings; `asked` are the attributes
    read so far, one of which "how does the <noun> work" may point back to."""
    main = _main(slotted)
    extra: list[str] = []
    for clause in clauses(slotted):
        passive = _PASSIVE.match(clause)
        if passive and not _asks_values(clause):
            np = _SLOT_PHRASE.sub("", passive.group("np")).strip()
            rest = _SLOT_PHRASE.sub("", passive.group("rest")).strip(" ,;:")
            if np and SUBJECT not in np:
                extra.append(" ".join(f"{passive.group('verb')} {np} {rest}".split()))
            continue
        if _EACH_WORKS.match(clause) and asked:
            extra.append(asked[-1])
            continue
        works = _WORKS.match(clause)
        if works:
            head = canonical(works.group("np").split()[-1])
            extra += [name for name in asked if canonical(name.split()[-1]) == head]
            continue
        other = _other_wording(clause)
        if other and other != main:
            extra.append(other)
    if main is None and not extra:
        return None
    spellings = tuple(dict.fromkeys([*( [main] if main else []), *extra]))
    name = main or (f"how the {extra[0]} works" if extra[0] in asked else extra[0])
    return MechanismAsk(name, spellings)
