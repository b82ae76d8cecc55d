"""Which asking clauses of a question the plan did not read (issue 9: a page never says "Answered" for less).

A question is split by the plan's own clause splitting; a clause that asks something (a wh-word, "how", an imperative
"list/compare/give/name/describe", a yes/no opening) is *not read* when it holds a content word the plan read nowhere
(the plan's own unread words) and either nothing of it was read — no attribute, and no subject unless the clause asks
a yes/no predicate of it — or it asks a part of a noun ("how many of those hours are multilingual … data"), whose
qualifying words are what tell the part from the whole the plan kept. The rule is narrow on purpose: a page that says
"Partly answered" for a fully answered question misleads as much as the converse.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from synth.models import AttributeKind, PlanAttribute, PlanSubject, Relation
from synth.models.plan import UnreadClause
from synth.names import same_word, words_of
from synth.plan.wording import clauses, is_verb
from synth.text import STOPWORDS, fold

_AUXILIARY = r"(?:is|are|was|were|does|do|did|can|could|has|have|had|will|would|should)\b"
_ASKING = re.compile(rf"^(?:(?:and|but|or|also)\s+)?(?:(?:on|with|in|to|for|at|from|by|over|under)\s+)?"
                     rf"(?:(?:wh(?:at|ich|o|om|ose|y|ere|en)|how|list|compare|give|name|describe|explain)\b|{_AUXILIARY})",
                     re.IGNORECASE)
# "When trained on 3.5T tokens, what …": a wh-adverb without the inverted verb of a question opens a condition
_CONDITION = re.compile(rf"^(?:when|where|while)\s+(?!{_AUXILIARY})", re.IGNORECASE)
# "how many of those hours are …", "how many hours are …": a part of a noun, told from the whole by the words that
# follow (the partitive's, or the copula's complement).
_PART_OF = re.compile(r"\bhow\s+(?:many|much)\s+(?:of\s+(?:those|these|them|its|their|this|that)\b|"
                      r"(?P<noun>[\w\-]+)\s+(?:is|are|was|were)\s+(?P<complement>[\w\-]+))", re.IGNORECASE)
_YES_NO = re.compile(rf"^(?:(?:and|but|or|also)\s+)?{_AUXILIARY}", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:it|they|them|each|this|these|those)\b", re.IGNORECASE)
_PASSIVE = re.compile(r"[a-z\-]+(?:ed|en)", re.IGNORECASE)  # "were distributed", "were chosen": a participle
_WORD = re.compile(r"[A-Za-z][A-Za-z\-]+")


def unread_clauses(question: str, unread_words: Iterable[str], attributes: Iterable[PlanAttribute],
                   subjects: Iterable[PlanSubject], relation: Relation) -> tuple[int, tuple[UnreadClause, ...]]:
    """How many asking clauses `question` has, and those the plan did not read, each with the words of it the plan
    read nowhere."""
    left = {fold(w) for w in unread_words}
    asking = [(c, m.group(0)) for c in clauses(" ".join(question.split()))
              if (m := _ASKING.match(c)) and not _CONDITION.match(c)]
    attributes = list(attributes)
    # a mechanism ask holds every "how/why …" phrase it read among its spellings: those clauses are read by it
    held = words_of(" ".join(spelling for a in attributes
                             for spelling in (a.spellings if a.kind is AttributeKind.MECHANISM else (a.name,))))
    named = words_of(" ".join(spelling for s in subjects for spelling in (s.name, *s.spellings)))
    out = []
    for clause, opening in asking:  # "Give both models' scores": the asking word is no content word
        missing = tuple(dict.fromkeys(w for w in _WORD.findall(clause[len(opening):]) if fold(w) in left
                                      and not _held(w, held | named)))
        if not missing:
            continue
        if relation is Relation.MECHANISM and _of_the_named(clause[len(opening):], missing):
            continue  # "why were they chosen": the how and why of what the question names is the mechanism ask's
        # "how many did the original Transformer use": a subject named asks the other clauses' attributes of it; a
        # yes/no clause ("is Whisper trained on translation data") asks its predicate, which no subject reads
        reading = held if _YES_NO.match(opening) else held | named
        read_here = any(_held(w, reading) for w in words_of(clause))
        if not read_here or _part_of(clause):
            out.append(UnreadClause(clause, missing))
    return len(asking), tuple(out)


def _part_of(clause: str) -> bool:
    """A clause asking a part of a noun: a partitive ("how many of those hours are …") or a copula whose complement
    qualifies the noun ("how many hours are multilingual …"), not a passive ("how many GPUs were used") or a question
    inverted on its subject ("over how many GPUs are they distributed")."""
    found = _PART_OF.search(clause)
    if found is None:
        return False
    complement = found.group("complement")
    # "how many GPUs are they distributed over": the copula's own subject, not a complement
    return complement is None or not (is_verb(complement) or _PASSIVE.fullmatch(complement)
                                      or fold(complement) in STOPWORDS)


def _of_the_named(rest: str, missing: tuple[str, ...]) -> bool:
    """A clause that names nothing of its own ("how does each work", "why were they chosen"): a pronoun and one verb,
    asking about what another clause named."""
    pronoun = _PRONOUN.search(rest)
    return len(missing) == 1 and pronoun is not None and not words_of(_PRONOUN.sub(" ", rest)) - words_of(missing[0])


def _held(word: str, have: frozenset[str]) -> bool:
    """Whether every stem of `word` is one of `have` (`hours` ~ `hour`, `param` ~ `parameters`)."""
    stems = words_of(word)
    return bool(stems) and all(any(same_word(s, h) for h in have) for s in stems)


def without_wholes(attributes: list[PlanAttribute], question: str,
                   unread: tuple[UnreadClause, ...]) -> list[PlanAttribute]:
    """A part asked but not read is not its whole: the bare noun a clause such as "how many hours are multilingual
    speech recognition and translation data" gave as an attribute ("hours") would be filled with the total (680,000
    hours), so it is dropped, unless another asking clause asks that noun and no other attribute holds it."""
    nouns = {fold(found.group("noun")) for clause in unread if (found := _PART_OF.search(clause.text))
             and found.group("noun") and _part_of(clause.text)}
    if not nouns:
        return attributes
    others = [c for c in clauses(" ".join(question.split())) if _ASKING.match(c)
              and c not in {u.text for u in unread}]
    kept = []
    for attribute in attributes:
        name = fold(attribute.name)
        if name in nouns:
            holders = [a for a in attributes if a is not attribute and words_of(name) <= words_of(a.name)]
            if holders or not any(_held(name, words_of(c)) for c in others):
                continue
        kept.append(attribute)
    return kept
