"""Retrieval per ask: for every (subject, attribute) of the plan, the table cells and sentences that
state it, each with its exact variant and where it was read.

A table cell states (subject, attribute) when its entity label names the subject (its variant
spelled by the rest of the label or by the caption: "Qwen3-32B (Thinking)") and its attribute
label is the asked benchmark in some setting ("LiveCodeBench v5", "HumanEval (Pass@1)") or the
asked property ("# Activated Params"). A sentence states it when the subject is in scope (named,
or the sentence sits in a source about the subject and names no other model) and the value sits
next to the attribute ("90.2% on HumanEval", "671B total parameters", "pre-trained on 36 trillion
tokens"). A value of another model is never a candidate: "DeepSeek-V2-Lite" is not DeepSeek-V2,
"Mixtral 8x22B" is not Mixtral 8x7B; the labels that came close are kept, so the page can say what
was not used.
"""

from __future__ import annotations

from synth.index import PassageIndex
from synth.models import Evidence, Library, Plan, Table
from synth.plan.used import USED_ORIGIN
from synth.retrieve.asks.candidates import AskEvidence, Candidate
from synth.retrieve.asks.conditioned import keep_conditioned
from synth.retrieve.asks.echo import asked_names, drop_echoes
from synth.retrieve.asks.mechanism import mechanism_score
from synth.retrieve.asks.metrics import metric_values
from synth.retrieve.asks.named_size import keep_named_size
from synth.retrieve.asks.prose import prose_candidates
from synth.retrieve.asks.qualified import keep_qualified
from synth.retrieve.asks.quantities import quantity_values
from synth.retrieve.asks.scope import subject_scope
from synth.retrieve.asks.table_cells import caption_entity_variant, table_candidates
from synth.retrieve.asks.table_marks import mark_candidates
from synth.vocabulary import vocabulary

__all__ = ["AskEvidence", "Candidate", "caption_entity_variant", "mechanism_score", "metric_values",
           "quantity_values", "retrieve_asks", "subject_scope", "table_of"]


def retrieve_asks(plan: Plan, library: Library, index: PassageIndex) -> tuple[AskEvidence, ...]:
    """Candidates for every (subject, attribute) of the plan, from every source of the library."""
    vocab = vocabulary(library)
    tables, near = table_candidates(plan, vocab)
    for ask, marked in mark_candidates(plan, vocab).items():
        tables.setdefault(ask, []).extend(marked)
    texts, ranked = prose_candidates(plan, library, index, vocab)
    names = asked_names(plan)
    out = []
    for i, subject in enumerate(plan.subjects):
        for j, attribute in enumerate(plan.attributes):
            if not plan.asks(subject, attribute):  # its clause asks it of another subject
                continue
            found = keep_conditioned(subject, keep_named_size(subject, attribute, keep_qualified(
                attribute, [*tables.get((i, j), []), *texts.get((i, j), [])])))
            if attribute.origin != USED_ORIGIN:  # "does X use RMSNorm": the asked name is the answer, not an echo
                found = drop_echoes(found, attribute.kind, names)
            best: dict[tuple[str, int], tuple[float, Evidence]] = {}
            for score, evidence in ranked.get((i, j), []):
                slot = (evidence.doc_id, evidence.start)
                if slot not in best or best[slot][0] < score:
                    best[slot] = (score, evidence)
            ordered = sorted(best.values(), key=lambda item: (-item[0], item[1].source, item[1].start))
            out.append(AskEvidence(subject, attribute, tuple(found), tuple(ordered),
                                   tuple(sorted(near.get(i, set()))[:12])))
    return tuple(out)


def table_of(evidence: Evidence, library: Library) -> Table | None:
    """The table an evidence quote was read from (by its span)."""
    for document in library.documents:
        if document.doc_id == evidence.doc_id:
            for table in document.tables:
                if (table.start, table.end) == (evidence.start, evidence.end):
                    return table
    return None
