"""A value asked at a stage of training the question names ("on how many tokens … is the reasoning stage (S2)
trained"): Qwen3's report gives each stage its own figures ("(1) General Stage (S1): … over 30 trillion tokens",
"(2) Reasoning Stage (S2): … about 5T higher-quality tokens"). The cell says which stage its value is of, and a
figure the library gives for another named stage contradicts nothing: it is that stage's (issue 10: a conflict
only between passages about the same subject, attribute and setting)."""

from __future__ import annotations

import re
from dataclasses import replace

from synth.models import Evidence, Verdict, Verification
from synth.retrieve.asks.candidates import Candidate
from synth.text import fold

# "General Stage (S1)", "the reasoning stage", "the long-context phase": the word naming a stage before its noun
_STAGE = re.compile(r"\b(?P<word>[a-z][\w\-]*)\s+(?:stage|phase)s?\b", re.IGNORECASE)
# Words before "stage" that count or place a stage, never name one ("the first stage", "a three-stage process")
_UNNAMED = frozenset("""a an the this that these those each every its their our first second third fourth fifth final
    last next later early earlier same other one two three four pre-training pretraining training post-training
    three-stage two-stage multi-stage different""".split())


def stage_names(text: str) -> set[str]:
    """The stages a text names by a word of their own (folded): {"general"} for "(1) General Stage (S1): …"."""
    return {fold(found.group("word")) for found in _STAGE.finditer(text)} - _UNNAMED


def at_asked_stage(candidate: Candidate, wanted: str) -> Candidate:
    """A value read where its evidence names the asked stage, labelled with that stage when it carries no variant of
    its own: the page says "5T (reasoning)", and the cell is checked as the reasoning stage's."""
    if candidate.variant or not stage_names(candidate.evidence.quote) & set(fold(wanted).split()):
        return candidate
    return replace(candidate, variant=wanted)


def of_another_stage(verification: Verification, variant: str | None) -> Verification:
    """A contradiction found only in passages that name another stage than the cell's is no contradiction of the
    cell: the verdict is insufficient, saying which stage the other figure is of."""
    wanted = set(fold(variant or "").split())
    if verification.verdict is not Verdict.CONTRADICTED or not wanted:
        return verification
    contradicted = [a for a in verification.atoms if a.status is Verdict.CONTRADICTED]
    places: list[Evidence] = [verification.evidence[i] for a in contradicted for i in a.evidence
                              if 0 <= i < len(verification.evidence)]
    named = [stage_names(e.quote) for e in places]
    if not places or not all(n and not n & wanted for n in named):
        return verification
    others = ", ".join(sorted({s for n in named for s in n}))
    atoms = tuple(replace(a, status=Verdict.INSUFFICIENT) if a.status is Verdict.CONTRADICTED else a
                  for a in verification.atoms)
    return replace(verification, verdict=Verdict.INSUFFICIENT, atoms=atoms,
                   explanation=f"no passage states or contradicts it for this cell's stage ({variant}); the figure "
                               f"set against it is the {others} stage's")
