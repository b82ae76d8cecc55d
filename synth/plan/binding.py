"""Which subjects a clause asks its attributes of.

"What is Qwen3-235B-A22B's number of activated parameters, and what vocabulary size and context length does Qwen3
use?" asks three cells, not six: a clause that names subjects binds the attributes it asks to them. A clause that
names none asks of the subject of the clause before it when it says "it"/"its", else of every subject; a bare
question-word phrase with no verb of its own ("how many groups") shares the verb and subject of the clause after it
("how many groups and what head dimension do the Mamba-2 layers have" asks both of Mamba-2, not the groups of every
subject). When the binding would leave a subject with nothing asked ("What does A score on MMLU, and how does B
compare?"), the question is read as the full cross product, as before.
"""

from __future__ import annotations

import re
from dataclasses import replace

from synth.models import PlanAttribute, PlanSubject
from synth.names import canonical, family
from synth.plan.subjects import Name
from synth.plan.wording import METRIC, SUBJECT, is_verb

_PRONOUN = re.compile(r"\b(?:it|its|it's)\b", re.IGNORECASE)
_AUXILIARIES = frozenset("do does did is are was were has have had be been".split())
# A question-word phrase that asks a noun and nothing else: "how many groups", "what head dimension".
_BARE_ASK = re.compile(r"^(?:how\s+many|how\s+much|what|which)\s+[\w\-]+(?:\s+[\w\-]+){0,3}$", re.IGNORECASE)


def shares_next(clause: str) -> bool:
    """A clause that only names what it asks, with no verb and no subject of its own ("how many groups" before "and
    what head dimension do the Mamba-2 layers have"): it is asked with the next clause's verb, of its subjects."""
    return bool(_BARE_ASK.match(clause.strip())) and SUBJECT not in clause and METRIC not in clause and not any(
        is_verb(word) or word.lower() in _AUXILIARIES for word in re.findall(r"[\w\-]+", clause))


def slotted_order(names: list[Name], role: str) -> list[tuple[str, ...]]:
    """The names of a role slot by slot, in the order the slots appear in the slotted question: the names one span
    gives ("the Whisper tiny, base and large models") share a slot, whose role is its first name's (as
    synth.plan.subjects.slotted cuts it); a name inside another's span is cut with it."""
    first: dict[tuple[int, int], str] = {}
    for name in names:
        first.setdefault((name.start, name.end), name.role)
    inside = {(a, b) for a, b in first for c, d in first if (c, d) != (a, b) and c <= a and b <= d}
    slots: dict[tuple[int, int], list[str]] = {}
    for name in names:
        span = (name.start, name.end)
        if span not in inside and first[span] == role and name.role == role:
            slots.setdefault(span, []).append(name.text)
    return [tuple(slots[span]) for span in sorted(slots)]


_QUALIFYING = re.compile(r"\b(?:for|on|in|from|over|of)\s+(?:the\s+)?$", re.IGNORECASE)  # not "than", "against"


def _binds(clause: str, start: int, end: int) -> bool:
    """Whether a subject slot is what its clause asks about ("does ⟨S⟩ use", "⟨S⟩'s number of …", "the context
    length of ⟨S⟩") rather than a qualifier of the asked phrase ("the vocabulary for ⟨S⟩", "what fraction of ⟨S⟩'s
    computations")."""
    if not _QUALIFYING.search(clause[:start]):
        return True
    rest = clause[end:]
    return bool(re.search(r"\bof\s+(?:the\s+)?$", clause[:start], re.IGNORECASE)) and not re.match(r"\s*['’]s\b", rest)


class ClauseSubjects:
    """The subject names each clause of the slotted question binds its attributes to, read slot by slot; `metrics`
    gives the binding of each benchmark named in a clause, by the benchmark's text."""

    def __init__(self, clauses: list[str], names: list[Name]) -> None:
        subjects, metrics = slotted_order(names, "subject"), slotted_order(names, "metric")
        counted = [(c.count(SUBJECT), c.count(METRIC)) for c in clauses]
        self.valid = sum(s for s, _ in counted) == len(subjects) and sum(m for _, m in counted) == len(metrics)
        self.bound: list[tuple[str, ...]] = []
        self.metrics: dict[str, tuple[str, ...]] = {}
        if not self.valid:
            return
        s_at = m_at = 0
        previous: tuple[str, ...] = ()
        for clause, (s_count, m_count) in zip(clauses, counted, strict=True):
            binds = [_binds(clause, at.start(), at.end()) for at in re.finditer(re.escape(SUBJECT), clause)]
            named = tuple(text for slot, kept in zip(subjects[s_at:s_at + s_count], binds, strict=True) if kept
                          for text in slot)
            s_at += s_count
            if not named and _PRONOUN.search(clause) and len(previous) == 1:
                named = previous
            for metric in (text for slot in metrics[m_at:m_at + m_count] for text in slot):
                known = self.metrics.get(canonical(metric))  # a benchmark named in two clauses is asked in both
                self.metrics[canonical(metric)] = named if known is None else (
                    tuple(dict.fromkeys([*known, *named])) if known and named else ())
            m_at += m_count
            self.bound.append(named)
            previous = named or previous
        for i in range(len(clauses) - 2, -1, -1):  # from the end: "how many X, what Y and what Z does S have"
            if not self.bound[i] and self.bound[i + 1] and shares_next(clauses[i]):
                self.bound[i] = self.bound[i + 1]

    def of_clause(self, index: int) -> tuple[str, ...]:
        return self.bound[index] if self.valid else ()

    def of_metric(self, text: str) -> tuple[str, ...]:
        return self.metrics.get(canonical(text), ()) if self.valid else ()


def merged(first: PlanAttribute, second: PlanAttribute) -> PlanAttribute:
    """One attribute asked in two clauses is asked of the subjects of both (of all, when either asks it of all), by the
    symbols either writes for it."""
    symbols = tuple(dict.fromkeys([*first.symbols, *second.symbols]))
    if not first.subjects or not second.subjects:
        return replace(first, subjects=(), symbols=symbols)
    return replace(first, subjects=tuple(dict.fromkeys([*first.subjects, *second.subjects])), symbols=symbols)


def _resolve(written: str, subjects: list[PlanSubject]) -> str | None:
    """The plan subject a name of the question became (itself, a spelling, or a member of the family it names)."""
    wanted = canonical(written)
    exact = [s for s in subjects if wanted in {canonical(x) for x in (s.name, *s.spellings)}]
    if len(exact) == 1:
        return exact[0].name
    members = [s for s in subjects if canonical(family(s.name)) == wanted or f"as {written}," in s.origin]
    return members[0].name if len(members) == 1 else None


def bind(subjects: list[PlanSubject], attributes: list[PlanAttribute]) -> list[PlanAttribute]:
    """The attributes with their bound names resolved to the plan's subjects; unbound (asked of all) when a name is
    not a subject of the plan, when it binds every subject, or when any subject would be asked nothing."""
    out = []
    for attribute in attributes:
        names = [_resolve(n, subjects) for n in attribute.subjects]
        resolved = tuple(dict.fromkeys(n for n in names if n))
        if not resolved or None in names or len(resolved) == len(subjects):
            resolved = ()
        out.append(replace(attribute, subjects=resolved))
    asked = {name for a in out for name in (a.subjects or [s.name for s in subjects])}
    if any(s.name not in asked for s in subjects):
        return [replace(a, subjects=()) for a in out]
    return out
