"""The passages the verification stage found giving an answer cell another value, shown beside the cell.

The check of a cell's claim against the whole library counts the passages that point the other way; a page that
says "1 other passage points the other way" must show it (the Mixtral paper's 62.5% for Mistral 7B's MMLU beside
Mistral's own 60.1%). The check reads passages loosely (a heading or the document's title can name the subject, a
section number "§2.3" can look like a figure), so only a passage whose own row, column or sentence names the cell's
subject, and no other member or variant of it, is shown as a disagreement; the others are counted and said to be
left out.
"""

from __future__ import annotations

from dataclasses import replace

from synth.models import Disagreement, Evidence, Verdict, Verification
from synth.names import canonical, match_entity, name_regex
from synth.retrieve.asks.candidates import Candidate
from synth.text import fold
from synth.verify import others_note


def checked_disagreements(verification: Verification, chosen: tuple[Disagreement, ...],
                          candidate: Candidate) -> tuple[tuple[Disagreement, ...], int]:
    """The cell's disagreements with the verification stage's passages that give the cell another value added
    (a contradicted cell's contradicting passages too), and how many such passages were left out because they do
    not name the cell's subject."""
    passages = list(verification.counter_evidence)
    if verification.verdict is Verdict.CONTRADICTED:
        passages = [*verification.evidence, *passages]
    shown = list(chosen)
    seen = {(d.evidence.source, canonical(d.value)) for d in chosen}
    own = candidate.evidence
    unshown = 0
    for evidence in passages:
        value = evidence.conflicting_value
        if value is None or (evidence.doc_id, evidence.start) == (own.doc_id, own.start):
            continue
        if not _names_subject(evidence, candidate):
            unshown += 1
        elif (evidence.source, canonical(value)) not in seen:
            seen.add((evidence.source, canonical(value)))
            shown.append(Disagreement(value, replace(evidence, conflicting_value=None)))
    return tuple(shown), unshown


def shown_others(verification: Verification, shown: int, unshown: int, subject: str) -> str:
    """A supported cell's explanation, saying what became of the passages the check counted against it."""
    counted = len(verification.counter_evidence)
    explanation = verification.explanation.removesuffix(others_note(counted)) if counted else verification.explanation
    if shown:
        explanation += f"; {shown} other passage(s) give another value (shown beside the cell)"
    if unshown:
        explanation += (f"; {unshown} other passage(s) the check counted against it do not name {subject} "
                        "in their own row, column or sentence (another model, or a figure that is not this value), "
                        "so they are not shown")
    return explanation


def _names_subject(evidence: Evidence, candidate: Candidate) -> bool:
    spellings = tuple(dict.fromkeys(s for s in (candidate.subject, candidate.member) if s))
    if evidence.table_row is None:
        return any(name_regex(s).search(fold(evidence.quote)) for s in spellings)
    row = evidence.table_row
    labels = [row.cells[0], *(row.header[i] for i in row.marked if i < len(row.header))] if row.cells else []
    for label in labels:
        for part in dict.fromkeys((label, *label.split(" / "))):
            found = match_entity(spellings, part.strip())
            if found is None:
                continue
            if found.member and canonical(found.member) != canonical(candidate.member or ""):
                continue
            if found.variant and canonical(found.variant) != canonical(candidate.variant or ""):
                continue
            return True
    return False
