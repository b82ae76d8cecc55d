"""Yes/no questions of use: "Does Qwen3 use RMSNorm? Does Mistral 7B?" asks of each subject whether it uses the
named thing, so the thing is the attribute (a short text: the name itself where a source says the subject uses it),
never a subject of its own; a subject whose sources never say so is "not stated", not "no"."""

from __future__ import annotations

import re

from synth.models import AttributeKind, PlanAttribute
from synth.plan.subjects import Name
from synth.plan.wording import SUBJECT

USED_ORIGIN = 'read from "does … use …"'
_USE_BEFORE = re.compile(r"(?:^|[?.!;]\s*|,\s*(?:and|or|but)\s+)(?:does|do|did)\s+[^?.;]*?\b(?:use|employ|adopt|apply|"
                         r"rely\s+on|make\s+use\s+of|include)\s+(?:an?\s+|the\s+)?$", re.IGNORECASE)


_PASSIVE_BEFORE = re.compile(r"(?:^|[?.!;]\s*)(?:is|are|was|were)\s+(?:the\s+|an?\s+)?$", re.IGNORECASE)
_PASSIVE_AFTER = re.compile(r"^\s+(?:used|employed|adopted|applied|included)\s+(?:in|by)\s+(?:the\s+)?",
                            re.IGNORECASE)


def used_names(text: str, names: list[Name]) -> list[Name]:
    """The names a yes/no question asks the subjects to use: the object of "does <subject> use …" opening a
    sentence (not "how does X use Y", a mechanism), or the subject of "is <name> used in <subject>"."""
    out = []
    for name in names:
        if name.role != "subject":
            continue
        found = _USE_BEFORE.search(text[:name.start])
        if found and any(other.role == "subject" and found.start() < other.start < name.start for other in names):
            out.append(name)
            continue
        after = _PASSIVE_AFTER.match(text[name.end:])
        if after and _PASSIVE_BEFORE.search(text[:name.start]) and any(
                other.role == "subject" and other.start == name.end + after.end() for other in names):
            out.append(name)
    return out


_USED_PHRASE = re.compile(rf"(?:^|[?.!;]\s*)(?:does|do|did)\s+{SUBJECT}(?:\s*(?:,|and|or)\s*{SUBJECT})*\s+"
                          rf"(?:use|employ|adopt|apply|rely\s+on|make\s+use\s+of|include|support|have)\s+"
                          rf"(?:an?\s+|the\s+)?"
                          rf"(?P<thing>[^,?.;\u27e8]+?)\s*(?=[,?.;]|\band\b|\bor\b|$)", re.IGNORECASE)


_VALUED = re.compile(r"^(?P<attribute>.+?)\s+of\s+(?:about\s+|around\s+|over\s+|at\s+least\s+|up\s+to\s+)?"
                     r"[\d][\d.,]*\s*[KMBT]?\b", re.IGNORECASE)


def used_phrases(slotted_text: str) -> list[str]:
    """The things a yes/no question asks the subjects to use that are no name of the library ("does ⟨S⟩ use
    multi-token prediction"); not a value it checks ("a context length of 128K": `checked_quantities`)."""
    things = [" ".join(m.group("thing").split()) for m in _USED_PHRASE.finditer(slotted_text)]
    return [t for t in things if not _VALUED.match(t)]


def checked_quantities(slotted_text: str) -> list[str]:
    """"Does ⟨S⟩ support a context length of 128K?" checks a value: the quantity is asked, so the page shows the
    value the library states (or that it states none), never a bare yes."""
    things = [" ".join(m.group("thing").split()) for m in _USED_PHRASE.finditer(slotted_text)]
    return [found.group("attribute") for t in things if (found := _VALUED.match(t))]


def used_attribute(name: str) -> PlanAttribute:
    """The thing asked about as a text attribute named by itself."""
    return PlanAttribute(name, AttributeKind.TEXT, (name,), USED_ORIGIN)


def uses_term(text: str, attribute: PlanAttribute) -> list[str]:
    """The asked thing itself where a sentence names it: the value of a yes/no question of use."""
    if attribute.origin != USED_ORIGIN:
        return []
    return [attribute.name] if re.search(rf"(?<![\w\-]){re.escape(attribute.name)}(?![\w\-])", text,
                                         re.IGNORECASE) else []
