"""The members a subject of the question stands for: a family asked for values is the one sized member its own
sources are about; "the X distilled models" are the models its sources' tables list as made from X; "the models
that use X" are those whose own sources say so. Each member keeps the reason it was taken, shown on the page.
"""

from __future__ import annotations

from synth.models import PlanSubject
from synth.names import canonical, family, size_of
from synth.plan.classes import UsageClass, resolve_usage
from synth.plan.derived import Derived, derived_members
from synth.plan.families import is_family
from synth.vocabulary import Vocabulary


def own_members(subjects: list[PlanSubject], vocab: Vocabulary) -> list[PlanSubject]:
    """A family name asked for values is the one sized member its own sources are about ("Mixtral" → "Mixtral
    8x7B": the Mixtral paper is about it, while other papers' tables also list Mixtral 8x22B, whose values would be
    a neighbour's); a family whose sources name no or several members stays a family."""
    out, seen = [], {canonical(s.name) for s in subjects}
    for subject in subjects:
        members = {canonical(about): about for home in subject.home_sources for about in vocab.about.get(home, ())
                   if canonical(family(about)) == canonical(subject.name) and size_of(about)}
        member = next(iter(members.values())) if len(members) == 1 else None
        if member is None or canonical(member) in seen or subject.origin != "named in the question" \
                or not is_family(subject.spellings, vocab):
            out.append(subject)
            continue
        seen.add(canonical(member))
        out.append(PlanSubject(member, (member,), f"named in the question as {subject.name}, the family whose own "
                               f"source ({', '.join(subject.home_sources)}) is about {member}", subject.home_sources))
    return out


def class_members(derived: Derived, homes: list[str], vocab: Vocabulary, seen: set[str],
                     notes: list[str]) -> list[PlanSubject]:
    """"The X distilled models": the models its sources' tables list as made from X, never X itself."""
    members = [m for m in derived_members(derived, homes, vocab) if canonical(m) not in seen]
    if not members:
        notes.append(f"No table of the library names a model {derived.how} from {derived.name}; "
                     f"{derived.name} itself is not what is asked.")
        return []
    notes.append(f"The models {derived.how} from {derived.name}: the labels of its sources' tables that name one "
                 f"({', '.join(members)}).")
    seen.update(canonical(m) for m in members)
    return [PlanSubject(m, (m,), f"{derived.how} from {derived.name}: a row of its sources' tables",
                        tuple(vocab.home_sources((m,)) or homes)) for m in members]


def usage_members(usage: UsageClass, vocab: Vocabulary, seen: set[str], notes: list[str]) -> list[PlanSubject]:
    """The members of "the models that use X", each with the sentence of its own source that says so."""
    members = [(m, why) for m, why in resolve_usage(usage.thing, vocab) if canonical(m) not in seen]
    if not members:
        notes.append(f"No source in the library says that a model it is about uses {usage.thing}.")
        return []
    notes.append(f"The {usage.noun} that use {usage.thing}: resolved as the models whose own sources say they use it "
                 f"({', '.join(m for m, _ in members)}); each subject shows the sentence.")
    out = []
    for member, why in members:
        seen.add(canonical(member))
        out.append(PlanSubject(member, (member,), f"uses {usage.thing}: {why}", tuple(vocab.home_sources((member,)))))
    return out
