"""Which of a cell's candidates is its value, and which disagree with it: the best-ranked place (a source about the
subject, a table, the subject named) stating the value most often wins; a disagreement comes from another source or
another table, never from the subject's own paper's sentences (a stage, an ablation) nor from another configuration
in the same table."""

from __future__ import annotations

import re
from collections.abc import Sequence

from synth.names import canonical
from synth.retrieve.asks import Candidate

_AGREE_ABS = 0.05
_AGREE_REL = 0.005


def agree(a: float, b: float) -> bool:
    return abs(a - b) <= max(_AGREE_ABS, _AGREE_REL * max(abs(a), abs(b)))


def rank(candidate: Candidate) -> tuple:
    """Best first: a source about the subject, a table, the subject named, a sure grid, a full header."""
    return (not candidate.home, not candidate.table, not candidate.named, candidate.low_confidence,
            candidate.abbreviated, candidate.evidence.page or 0, candidate.source, candidate.evidence.start)


def decimals(value: str) -> int:
    match = re.search(r"\d+(?:\.(\d+))?", value)
    return len(match.group(1)) if match and match.group(1) else 0


def same_value(a: Candidate, b: Candidate) -> bool:
    """Equal at the coarser of the two printed precisions: 87.19 and 87.2 agree, 78.5 and 78.4 do not."""
    if a.number is not None and b.number is not None:
        if (a.unit or "") != (b.unit or "") and {a.unit, b.unit} - {None, "%"}:
            return False
        places = min(decimals(a.value), decimals(b.value))
        return abs(round(a.number, places) - round(b.number, places)) < 10 ** -places / 2 + 1e-9
    return canonical(a.value) == canonical(b.value)


def support(candidate: Candidate, others: Sequence[Candidate]) -> int:
    """How many places state the same value (a sentence that names the subject counts twice)."""
    return sum((2 if o.named or o.table else 1) for o in others if same_value(candidate, o))


def choose(candidates: list[Candidate]) -> tuple[Candidate, list[Candidate]]:
    """The cell's value and the candidates that disagree with it. Among the best-ranked tier, the
    value stated most often wins; disagreements come from other sources or other tables only, never
    from sentences that merely sit in the subject's paper (a training stage, an ablation)."""
    ordered = sorted(candidates, key=rank)
    tier = [c for c in ordered if rank(c)[:3] == rank(ordered[0])[:3]]
    best = max(tier, key=lambda c: (support(c, candidates), -tier.index(c)))
    disagreeing: list[Candidate] = []
    seen: set[tuple[str, str]] = set()
    for other in ordered:
        if same_value(best, other) or not (other.table or other.named):
            continue
        if other.source == best.source and not (other.table and best.table):
            continue
        if other.table and best.table and one_table(other, best) and canonical(other.variant or "") != canonical(
                best.variant or ""):
            continue  # "PaSa-7b-Selector (Reason First)" below "PaSa-7b-Selector": another configuration, not a dispute
        slot = (other.source, canonical(other.value))
        if slot not in seen:
            seen.add(slot)
            disagreeing.append(other)
    return best, disagreeing


def one_table(a: Candidate, b: Candidate) -> bool:
    """Both values are read from the same table (its span is the evidence of each of its cells)."""
    return (a.evidence.doc_id, a.evidence.start) == (b.evidence.doc_id, b.evidence.start)
