"""Corroboration, not circularity: a finding taken from one source is checked against the rest of
the library too.

A finding quoted from a passage is, of course, stated by that passage: its verdict (against the
whole library) checks that the sentence or cell was read right, but says nothing about whether
anyone else agrees. So the same findings are resolved again without the finding's own source:

* corroborated: another source states every atom of it — in a passage that says the finding itself
  (SUPPORT_COVERAGE of its words, figures or not): a shared figure in a passage about something else
  ("W = 3" beside a section "3.2.3" of another paper) is no agreement;
* disputed: another source says otherwise about the same subject, attribute and setting (both
  quotes are kept: the finding's own and the other source's) — a disagreement between sources,
  never a "contradicted" verdict for a claim its own source states;
* single-source: no other source states or disputes it.

`corroboration_label` is the short text shown next to each finding on the page.
"""

from __future__ import annotations

from collections.abc import Sequence

from synth.models import Corroboration, CorroborationCheck, Verdict
from synth.verify.atoms import ClaimAtoms
from synth.verify.combine import assemble, resolve, verdict_of
from synth.verify.findings import Finding
from synth.verify.passages import SUPPORT_COVERAGE

MAX_QUOTES = 3


def corroborate(atoms: ClaimAtoms, findings: Sequence[Finding], origin: str) -> CorroborationCheck:
    """What the library, without the finding's own source `origin`, says of the finding."""
    others = [f for f in findings if f.source and f.source != origin and (
        f.kind == "table" or f.status is not Verdict.SUPPORTED or f.coverage >= SUPPORT_COVERAGE)]
    resolved = resolve(atoms, others)
    verdict = verdict_of([r.status for r in resolved])
    if verdict is Verdict.SUPPORTED:
        evidence, _, _ = assemble(resolved)
        sources = sorted({e.source for e in evidence})
        return CorroborationCheck(Corroboration.CORROBORATED, tuple(evidence[:MAX_QUOTES]),
                                  f"also stated by {', '.join(sources)}")
    if verdict is Verdict.CONTRADICTED:
        quotes = [e for r in resolved if r.status is Verdict.CONTRADICTED for f in r.chosen for e in f.evidence]
        sources = sorted({e.source for e in quotes})
        return CorroborationCheck(Corroboration.DISPUTED, tuple(quotes[:MAX_QUOTES]),
                                  f"{', '.join(sources)} say(s) otherwise about the same subject")
    return CorroborationCheck(Corroboration.SINGLE_SOURCE, (), "no other source states or disputes it")


def corroboration_label(check: CorroborationCheck | None) -> str:
    """The short label shown next to a finding: "corroborated by X", "disputed by X", "single source"
    ("" for a claim that comes from no source, such as the question author's)."""
    if check is None:
        return ""
    sources = ", ".join(sorted({e.source for e in check.evidence}))
    if check.status is Corroboration.CORROBORATED:
        return f"corroborated by {sources}" if sources else "corroborated"
    if check.status is Corroboration.DISPUTED:
        return f"disputed by {sources}" if sources else "disputed"
    return "single source"
