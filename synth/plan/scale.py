"""A size written as the question's setting ("At 7B scale, how does Mistral compare with Llama 2?"): the size is
neither a subject nor an asked value but the member of every family the question names, so "Mistral" and "Llama 2"
are read as the library's "Mistral 7B" and "LLaMA 2 7B". Only a member the library names is taken; a family with no
member of that size stays the family."""

from __future__ import annotations

import re

from synth.models import PlanSubject
from synth.names import canonical, size_of
from synth.vocabulary import Vocabulary

_AT_SCALE = re.compile(r"\b(?:at|for|in)\s+(?:the\s+)?(?P<size>\d+(?:\.\d+)?\s?[MBT])(?:[\s\-]+param\w*)?[\s\-]+"
                       r"(?:scale|size|model\s+size)\b\s*,?\s*", re.IGNORECASE)


def at_scale(text: str) -> tuple[str, str | None]:
    """The question without its scale phrase, and the size it names (None without one)."""
    found = _AT_SCALE.search(text)
    if found is None:
        return text, None
    rest = (text[:found.start()] + text[found.end():]).strip()
    return rest[:1].upper() + rest[1:], found.group("size").replace(" ", "").upper()


def scaled(subjects: list[PlanSubject], size: str | None, vocab: Vocabulary) -> list[PlanSubject]:
    """Each unsized subject as its member of that size, when the library names one."""
    if size is None:
        return subjects
    out = []
    for subject in subjects:
        member = f"{subject.name} {size}"
        if size_of(subject.name) or vocab.role(member) != "entity":
            out.append(subject)
            continue
        out.append(PlanSubject(member, (member,), f"named in the question as {subject.name}, at the {size} scale it "
                               "names", tuple(vocab.home_sources((member,))) or subject.home_sources))
    return out


_SIZED_NAME = re.compile(r"^(?:the\s+)?(?P<number>\d+(?:\.\d+)?)[\s\-]*"
                         r"(?P<scale>thousand|million|billion|trillion|[KMBT])[\s\-]+param(?:eter)?s?[\s\-]+(?P<name>\S.*)$",
                         re.IGNORECASE)
_LETTER = {"thousand": "K", "million": "M", "billion": "B", "trillion": "T"}
_BILLIONS = {"k": 1e-6, "thousand": 1e-6, "m": 1e-3, "million": 1e-3, "b": 1.0, "billion": 1.0, "t": 1e3,
             "trillion": 1e3}


def sized(subjects: list[PlanSubject], vocab: Vocabulary) -> list[PlanSubject]:
    """"The 1.6-trillion-parameter Switch Transformer" is the member of that size: the one entity of the family's own
    tables whose parameter count rounds to the size as written (Switch-C, 1571B); none or several, it stays as named."""
    out = []
    for subject in subjects:
        found = _SIZED_NAME.match(subject.name)
        if found is None:
            out.append(subject)
            continue
        name, scale = found.group("name"), _BILLIONS[found.group("scale").lower()]
        homes = tuple(vocab.home_sources((name,))) or subject.home_sources
        number = found.group("number")
        digits = len(number.partition(".")[2])
        first = canonical(re.split(r"[\s\-]+", name)[0])
        members = {r.record.entity for r in vocab.records_for([], [], homes)
                   if r.record.parameters and r.record.parameters.total_b
                   and canonical(re.split(r"[\s\-]+", r.record.entity)[0]) == first
                   and round(r.record.parameters.total_b / scale, digits) == float(number)}
        if not members:  # "the 800K-parameter Transformer": the row its table names by the size ("Transformer 800K")
            written = canonical(f"{name} {number}{_LETTER.get(found.group('scale').lower(), found.group('scale'))}")
            members = {r.record.entity for r in vocab.records_for([], [], subject.home_sources or homes)
                       if canonical(r.record.entity) == written}
            homes = subject.home_sources or homes
        if len(members) == 1:
            member = members.pop()
            out.append(PlanSubject(member, (member,), f"named in the question as {subject.name}: the member its "
                                   "tables give that many parameters", homes))
        else:
            out.append(subject)
    return out
