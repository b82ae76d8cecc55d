"""A size written as the question's setting ("At 7B scale, how does Mistral compare with Llama 2?"): the size is
neither a subject nor an asked value but the member of every family the question names, so "Mistral" and "Llama 2"
are read as the library's "Mistral 7B" and "LLaMA 2 7B". Only a member the library names is taken; a family with no
member of that size stays the family."""

from __future__ import annotations

import re

from synth.models import PlanSubject
from synth.names import size_of
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
