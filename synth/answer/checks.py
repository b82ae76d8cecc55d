"""The cells checked: each cell's wordings against the whole library by the verification stage's rules (no learned
judge), then, for a cell the library leaves insufficient, against the one place it was read from. Support found for
another model variant (or another column setting) than the cell's is no support of the cell, nor is support of a text
value the library names as another asked attribute and never as the cell's (`synth.answer.kinds`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from synth.answer.kinds import KindReader, TextCell, insufficient, of_kind
from synth.answer.stages import of_another_stage
from synth.index import PassageIndex
from synth.models import Evidence, Library, PassageKind, PlanSubject, Verdict, Verification
from synth.retrieve.asks.roles import says_setting
from synth.text import fold
from synth.verify import read_back, verify_claims

# A model variant and the variants a source sets against it: a value of the thinking mode is not the non-thinking
# mode's, a chat model's is not its base model's.
_OPPOSED = {"thinking": ("non-thinking",), "non-thinking": ("thinking",), "base": ("chat", "instruct"),
            "chat": ("base",), "instruct": ("base",)}
_VARIANT_TOKEN = re.compile(r"(?<![\w-])(?:non-?)?[a-z]+(?![\w-]*-thinking)")


def verify_cells(claims: Sequence[list[str]], places: Sequence[Evidence], library: Library,
                 index: PassageIndex, variants: Sequence[str | None] | None = None,
                 given: Sequence[TextCell | None] | None = None,
                 described: Sequence[PlanSubject | None] | None = None,
                 owned: Sequence[bool] | None = None) -> list[Verification]:
    """One verification per cell: of its wordings, the first the library supports, else the first it
    contradicts, else the first. The rules alone decide (no learned judge): a cell is supported only
    when its value is found stated, and not by evidence that gives it for another model variant than the cell's
    (`variants`, one per cell; `other_variant`). A cell the library-wide check leaves insufficient is read back
    against the place it was read from (`_read_back`). A text cell (`given`: its value and attribute, None for a
    figure) is not supported by evidence of a value the library names as another asked attribute and never as the
    cell's (`synth.answer.kinds.of_kind`): "X uses V" is worded alike for every attribute of X. A cell whose subject
    is one setting of a named paper (`described`: that subject, None for any other cell) is checked in that paper's
    sources only, and contradicted only by a passage that says its setting (`_in_home`). A cell read from a sentence
    of the one paper the question makes its subject's own (`owned`, one per cell) is read back with that paper's
    unnamed account of its own models and experiments taken as the subject's (synth.verify.own_work)."""
    reader = KindReader(library, index)
    flat = [claim for wordings in claims for claim in wordings]
    checked = iter(verify_claims(flat, library, index, learned=False)) if flat else iter(())
    out = []
    for i, (wordings, place) in enumerate(zip(claims, places, strict=True)):
        variant = variants[i] if variants is not None else None
        cell = given[i] if given is not None else None
        results = [of_another_stage(of_kind(_of_variant(next(checked), variant), cell, reader), variant)
                   for _ in wordings]
        chosen = next((v for v in results if v.verdict is Verdict.SUPPORTED),
                      next((v for v in results if v.verdict is Verdict.CONTRADICTED), results[0]))
        chosen = _in_home(chosen, described[i] if described is not None else None)
        own = owned[i] if owned is not None else False
        out.append(_read_back(chosen, wordings, place, library, index, variant, cell, reader, own))
    return out


def _in_home(verification: Verification, subject: PlanSubject | None) -> Verification:
    """A verdict on a subject the question names by its setting in a paper ("the models fine-tuned on the NLP tasks"
    of the weak-to-strong paper) that rests only on other sources' passages is no verdict on it: another paper's
    "NLP tasks … batch size of 64" is about its own runs, and neither supports nor contradicts this paper's 32. Nor is
    a contradiction by a passage of that paper that never says the setting ("MoE-1-Wide: … one ReLU-activated hidden
    layer of size 4096" against the single-language-pair translation models' 2048)."""
    if subject is None or verification.verdict is Verdict.INSUFFICIENT:
        return verification
    homes = subject.home_sources
    sources = {e.source for e in (*verification.evidence, *verification.counter_evidence)}
    if not sources or sources & set(homes):
        if verification.verdict is not Verdict.CONTRADICTED or any(
                says_setting(subject, f"{e.heading or ''} {e.table_caption or ''} {e.quote}")
                for e in verification.counter_evidence):
            return verification
        why = f"the passage that gives another value does not say “{subject.setting}”, the setting the cell is"
    else:
        said = "states" if verification.verdict is Verdict.SUPPORTED else "contradicts"
        why = (f"the passage that {said} it is in {', '.join(sorted(sources))}, not in the paper the question names "
               f"({', '.join(homes)}), whose setting the cell is")
    atoms = tuple(replace(a, status=Verdict.INSUFFICIENT) if a.status is not Verdict.INSUFFICIENT else a
                  for a in verification.atoms)
    return replace(verification, verdict=Verdict.INSUFFICIENT, atoms=atoms, evidence=(), counter_evidence=(),
                   explanation=why)


def other_variant(evidence: Sequence[Evidence], variant: str | None) -> str | None:
    """The model variant the evidence gives the value for when it is not the cell's: its caption, row or quote names
    a variant set against the cell's (Non-thinking for a thinking cell, Chat for a base cell) and never the cell's
    own ("Table 20: Comparison among Qwen3-1.7B / Qwen3-0.6B (Non-thinking) …" holds no thinking-mode score)."""
    wanted = [w for w in _VARIANT_TOKEN.findall(fold(variant or "")) if w in _OPPOSED]
    if not wanted or not evidence:
        return None
    said = " ".join(f"{e.table_caption or ''} {e.quote} {' '.join(e.cells)}" for e in evidence)
    words = set(_VARIANT_TOKEN.findall(fold(said)))
    for word in wanted:
        if word not in words:
            found = next((o for o in _OPPOSED[word] if o in words), None)
            if found:
                return found
    return None


# A table's column setting and the settings a table sets against it: the critical batch size at the start of
# training is not its average, a score on a 100-question subset not on the full test set, Pass@1 with CoT not without.
_SETTINGS = {"start": ("average", "final"), "average": ("start",), "final": ("start",), "full": ("subset",),
             "subset": ("full",), "cot": ("nocot",), "nocot": ("cot",)}
_NO_COT = re.compile(r"\b(?:no|without|w/o)[\s-]*cot\b")


def _setting_words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", _NO_COT.sub(" nocot ", fold(text))))


def other_setting(evidence: Sequence[Evidence], variant: str | None) -> str | None:
    """The column setting a table cell gives the value under when it is set against the cell's: its row and column
    labels (not the caption, which may name every column) say Start where the cell asks the average over training,
    GSM8K (Full) where it asks the 100-question subset, Pass@1-COT where it asks Pass@1 without CoT."""
    wanted = [w for w in _setting_words(variant or "") if w in _SETTINGS]
    labels = " ".join(f"{e.quote} {' '.join(e.cells)}" for e in evidence if e.cells or e.table_caption is not None
                      or e.passage_kind is PassageKind.TABLE_ROW)
    if not wanted or not labels:
        return None
    words = _setting_words(labels)
    for word in sorted(wanted):
        if word not in words:
            found = next((o for o in _SETTINGS[word] if o in words), None)
            if found:
                return "without CoT" if found == "nocot" else found
    return None


def _of_variant(verification: Verification, variant: str | None) -> Verification:
    """A verification that found the value only where another variant's (or another column setting's) is given is
    insufficient for the cell."""
    if verification.verdict is not Verdict.SUPPORTED:
        return verification
    found, kind = other_variant(verification.evidence, variant), "variant"
    if found is None:
        found, kind = other_setting(verification.evidence, variant), "setting"
    if found is None:
        return verification
    return insufficient(verification, f"the passage gives it for the {found} {kind}, not the cell's {variant}")


def _read_back(checked: Verification, wordings: Sequence[str], place: Evidence, library: Library,
               index: PassageIndex, variant: str | None = None, cell: TextCell | None = None,
               reader: KindReader | None = None, own_subject: bool = False) -> Verification:
    """A cell the whole library leaves insufficient may still be stated by the very sentence or table row it was
    read from, which the library's best passages for the claim's words can miss (a model's own paper saying "we
    use …" without its name; a table row among many with the same labels). Each wording is checked against that
    place alone, by the same rules: a place that states it supports the cell, as a single source, unless it gives
    it for another variant. A cell the library contradicts stays contradicted (a disagreement is never read away).
    `own_subject`: the place's paper is the cell subject's own (`read_back`)."""
    if checked.verdict is not Verdict.INSUFFICIENT:
        return checked
    for wording in wordings:
        own = _of_variant(read_back(wording, place, library, index, own_subject), variant)
        if reader is not None:
            own = of_kind(own, cell, reader)
        if own.verdict is Verdict.SUPPORTED:
            return replace(own, explanation=f"{own.explanation} (in the quoted source itself; no other passage of "
                                            "the library was found to state it)")
    return checked
