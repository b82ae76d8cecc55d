"""The answer: one cell per (subject, attribute, variant) with its value, quote and page, checked by
the verification stage; what no source states, said plainly; and the paragraph the page opens with.

Cells are built from the candidates retrieval found for each ask. Candidates that differ in what
would change the value (the model variant — base, chat, instruct, thinking — a benchmark version,
pass@1 against pass@1-CoT, a question window) are separate cells, never pooled; so are the columns
one table row gives the value under ('Start' and 'Average', the full test set and a subset), even for
a count. Candidates that agree on those are one cell, and when another source (or another table)
gives another value for it, the two quotes are shown side by side as a disagreement. A source about the subject is
preferred to a source that merely evaluates it, a table to a sentence, a sentence that names the
subject to one that only sits in its paper. A (subject, attribute) with no candidate is *not stated
in the library*: nothing is borrowed from a neighbour (a Lite model, another size, a baseline).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from synth.answer.checks import verify_cells
from synth.answer.choose import choose, rank, same_value
from synth.answer.disagreements import checked_disagreements, shown_others
from synth.answer.kinds import TextCell
from synth.answer.stages import at_asked_stage
from synth.answer.stated_at import VARIANT_WORD, stated_for
from synth.answer.text import answer_text
from synth.answer.variants import in_named_papers, moded_subjects, subject_variant_fits, without_absent_mode
from synth.answer.wording import claims_of
from synth.index import PassageIndex
from synth.models import (
    Answer,
    AnswerCell,
    AttributeKind,
    Disagreement,
    Evidence,
    Library,
    MechanismAnswer,
    NotStated,
    Plan,
    PlanAttribute,
    Verdict,
    Verification,
)
from synth.names import canonical
from synth.retrieve.asks import AskEvidence, Candidate
from synth.retrieve.asks.mechanism import states_how, wording_of
from synth.retrieve.asks.roles import described
from synth.text import fold
from synth.verify import other_than_claimed

# Setting words that change what a value measures (kept apart); others (EM, Acc., shots) describe it.
_DISTINGUISHING = re.compile(r"pass@(?!1\b)\d+|maj@\d+|cons@\d+|\bcot\b|\bv\d|\b\d{4}\b|question|easy|medium|hard|"
                             r"thinking|subset|multilingual|\bavg\b|average|\bbase\b", re.IGNORECASE)
_MODEL_VARIANTS = ("base", "chat", "instruct", "thinking", "non-thinking", "SFT", "RL", "RLHF", "DPO", "dense", "MoE")
MAX_OTHER_CELLS = 3
MECHANISM_SENTENCES = 6
FOLLOWING = 2  # sentences that may follow the one stating a mechanism, saying how
_GAP = 250  # characters from a sentence to one that goes on from it (one unfound sentence, line and passage breaks)


@dataclass(frozen=True)
class _Group:
    member: str
    model: str
    settings: tuple[str, ...]


def _split_variant(variant: str | None) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """(model variant, distinguishing settings, descriptive settings) of a variant label."""
    if not variant:
        return "", (), ()
    parts = [p.strip() for p in variant.split(";") if p.strip()]
    model = ""
    if parts and all(w in _MODEL_VARIANTS or re.fullmatch(r"v?\d[\d.\-]*", w) for w in parts[0].split()):
        model = parts.pop(0)
    distinguishing = tuple(p for p in parts if _DISTINGUISHING.search(p))
    descriptive = tuple(p for p in parts if not _DISTINGUISHING.search(p))
    return model, distinguishing, descriptive


def series_variant(variant: str | None) -> str:
    """The part of a variant label that makes values different series: model variant and the settings
    that change what is measured (`thinking; v5`), not descriptive ones (`EM`, `5-shot`)."""
    model, distinguishing, _ = _split_variant(variant)
    return "; ".join(p for p in (model, *distinguishing) if p)


def _group(candidate: Candidate, quantity: bool) -> _Group:
    """The cell a candidate belongs to. A count (parameters, tokens) is a property of the model, the
    same whatever the evaluation setting, so only the family member tells its cells apart."""
    if quantity:
        return _Group(canonical(candidate.member or ""), "", ())
    model, distinguishing, _ = _split_variant(candidate.variant)
    return _Group(canonical(candidate.member or ""), model.lower(), tuple(canonical(s) for s in distinguishing))


@dataclass
class _Picked:
    """A cell's value: its best candidate, the ones disagreeing, the same value stated in other places (shown
    as more evidence) and the candidates of its own group agreeing with it (more wordings to check)."""

    best: Candidate
    disagreeing: list[Candidate]
    also: list[Candidate]
    agreeing: list[Candidate] = field(default_factory=list)
    setting: bool = False  # one of several settings a table gives the value at: its label is kept, even for a count


def _cells_of(ask: AskEvidence, papers: Sequence[str] = (), moded: bool = True) -> list[_Picked]:
    groups: dict[_Group, list[Candidate]] = defaultdict(list)
    quantity = ask.attribute.kind is AttributeKind.QUANTITY
    candidates = _at_asked_shots(in_named_papers(ask.candidates, papers), ask.attribute.variant)
    wanted = without_absent_mode(ask.attribute.variant, candidates, moded)
    direct = any(c.table and not c.member for c in candidates)
    # a source whose own sentences give the value for the model itself: its tables' sized experiments of the family
    # ("DeepSeek-Coder-V2-1B | Tokens | 1T" beside "we gather … 221B math-related tokens") are other models
    stated = {c.source for c in candidates if c.home and not c.table and not c.member}
    for candidate in candidates:
        if (direct or ask.subject.superlative or candidate.source in stated) and candidate.member:
            # the model itself is in a table, or the largest of a family is asked and no member is known to be it:
            # a sized experiment of its family is another model
            continue
        if wanted and not (_wanted_variant(candidate, wanted) if not quantity else stated_for(candidate, wanted)):
            continue
        if not subject_variant_fits(ask, candidate):
            continue
        if quantity and ask.attribute.variant:
            candidate = at_asked_stage(candidate, ask.attribute.variant)
        groups[_group(candidate, quantity)].append(candidate)
    home_models = {g.model for g, items in groups.items() if any(c.home for c in items)}
    merged: dict[_Group, list[Candidate]] = defaultdict(list)
    for group, items in groups.items():
        target = group
        # A base-model row in another paper is the same cell as the subject's own paper's unlabelled row.
        if group.model == "base" and "" in home_models and "base" not in home_models:
            target = _Group(group.member, "", group.settings)
        merged[target].extend(items)
    chosen = []
    for group_items in merged.values():
        parts = _by_setting(group_items)
        for items in parts:
            best, disagreeing = choose(items)
            agreeing = [c for c in sorted(items, key=rank) if c is not best and same_value(c, best)]
            # a count asked at a stage ("the reasoning stage (S2)") shows the stage it was read at, as a setting does
            staged = quantity and bool(ask.attribute.variant)
            chosen.append(_Picked(best, disagreeing, [], agreeing,
                                  setting=(len(parts) > 1 or staged) and bool(best.variant)))
    chosen.sort(key=lambda picked: rank(picked.best))
    kept: list[_Picked] = []
    for picked in chosen:
        # The same value of the same model variant in another place (another table, a sentence, another
        # paper's row without the setting) is the same cell stated again, not a cell of its own.
        twin = next((k for k in kept if same_value(k.best, picked.best) and _compatible(k.best, picked.best)), None)
        if twin is not None:
            twin.also.append(picked.best)
            continue
        kept.append(picked)
    home = [p for p in kept if p.best.home]
    other = [p for p in kept if not p.best.home]
    return home + other[: MAX_OTHER_CELLS if home else MAX_OTHER_CELLS * 2]


def _setting(candidate: Candidate) -> tuple[str, ...]:
    """The setting a candidate's label gives beyond the model variant: a table column ('Start', 'GSM8K (100)')."""
    _, distinguishing, descriptive = _split_variant(candidate.variant)
    return tuple(canonical(s) for s in (*distinguishing, *descriptive))


def _by_setting(items: list[Candidate]) -> list[list[Candidate]]:
    """A cell's candidates split by setting when one table row gives the value under two column labels ('Start'
    and 'Average' critical batch size; GSM8K on the full test set and on a subset): those are two settings the
    source itself tells apart, so each is a cell of its own, never one value with the other as a disagreement; so
    are the values one sentence sets for two stretches of training.
    A candidate whose label names no setting is a cell of its own beside them (its setting is not known);
    without such a row, labels that merely describe (EM, 5-shot) do not split a cell."""
    rows: dict[tuple[str, int | None, str], set[tuple[str, ...]]] = defaultdict(set)
    for candidate in items:
        if candidate.table:
            rows[(candidate.source, candidate.evidence.page, canonical(candidate.entity))].add(_setting(candidate))
        elif candidate.variant:  # one sentence setting two values: "0.3 for the first 10T tokens, and 0.1 for …"
            rows[(candidate.source, candidate.evidence.page, f"@{candidate.evidence.start}")].add(_setting(candidate))
    if not any(len(settings - {()}) > 1 for settings in rows.values()):
        return [items]
    parts: dict[tuple[str, ...], list[Candidate]] = defaultdict(list)
    for candidate in items:
        parts[_setting(candidate)].append(candidate)
    return list(parts.values())


def _text_cell(ask: AskEvidence) -> list[_Picked]:
    """A short text value from the sentences that state the asked thing most directly: the terms of the
    best one, and of the next one from the same source when it adds terms ("RMSNorm, pre-normalization";
    "QK-Norm")."""
    # The subject's own source says what it uses; another paper's remark about it comes second.
    ranked = sorted(ask.candidates, key=lambda c: (not c.home, -c.score, rank(c)))
    if not ranked:
        return []
    best = ranked[0]
    terms = [t.strip() for t in best.value.split(",")]
    also = []
    for other in ranked[1:]:
        new = [t.strip() for t in other.value.split(",") if t.strip().lower() not in {x.lower() for x in terms}]
        if none_value(best.value) or none_value(other.value):
            continue  # "none (… removed)" is the whole value, never one term among others
        if other.source == best.source and new and other.score >= best.score - 1.5 and len(also) < 1:
            terms += new
            also.append(other)
    return [_Picked(replace(best, value=", ".join(terms)), [], also)]


def none_value(value: str) -> bool:
    """A text value saying the subject has none of the asked thing."""
    return value.startswith("none (")


def _compatible(a: Candidate, b: Candidate) -> bool:
    """Same family member and model variants that agree (or one unlabelled)."""
    ga, gb = _group(a, False), _group(b, False)
    if ga.member != gb.member:
        return False
    return not ga.model or not gb.model or ga.model == gb.model


def _at_asked_shots(candidates: Sequence[Candidate], wanted: str | None) -> Sequence[Candidate]:
    """"In the 5-shot setting, what does DIFF Transformer-3B score on HellaSwag?": a value whose setting names no
    shot count may be the asked one only while no value is labelled with it; once a table band says "(5-Shot)",
    an unlabelled value (a zero-shot table's 71.4) is another setting's."""
    shots = set(_SHOTS.findall(fold(wanted or "")))
    if not shots:
        return candidates
    labelled = [c for c in candidates if shots <= set(_SHOTS.findall(fold(c.variant or "")))]
    return labelled or candidates


def _wanted_variant(candidate: Candidate, wanted: str) -> bool:
    """Every word of the wanted variant is a word of the candidate's: "thinking" is not in "non-thinking". The
    word a question uses for any benchmark's score ("GSM8K accuracy") asks for no setting: a table rarely labels
    its columns so, and only a column naming another measure (a rating, a percentile) is not it."""
    shots, given = set(_SHOTS.findall(fold(wanted))), set(_SHOTS.findall(fold(candidate.variant or "")))
    if shots and given and not shots <= given:
        return False  # "5-shot" asked: a value given at another shot count is another setting's; none given, it may be
    have = set(VARIANT_WORD.findall(fold(candidate.variant or "")))
    if candidate.table:  # "BLEU EN-DE" asked on EN-DE: the column's own label names the dataset
        have |= set(VARIANT_WORD.findall(fold(candidate.evidence.quote.rsplit(" | ", 1)[0])))
    words = VARIANT_WORD.findall(_SHOTS.sub(" ", fold(wanted)))
    if any(w in _SCORE_WORDS for w in words) and have & _OTHER_MEASURES:
        return False
    if candidate.table:  # "Results on AutoScholarQuery test set.": a caption names its table's dataset (its modes and
        # measures may be any column's: GPT-2's "(PPL) … (ACC)")
        have |= {w.rstrip(".") for w in VARIANT_WORD.findall(fold(candidate.evidence.table_caption or ""))} - _MODES
    return all(part in have for part in words if part not in _SCORE_WORDS)


_SHOTS = re.compile(r"\b(\d+|zero|one|few)-?shots?\b")
_MODES = frozenset({"thinking", "non-thinking", "nonthinking", "long-cot", "short-cot"})
_SCORE_WORDS = frozenset({"accuracy", "acc", "acc.", "score", "scores"})
_OTHER_MEASURES = frozenset({"rating", "elo", "percentile", "f1", "em", "bleu", "wer", "perplexity", "ppl"})


def cell_label(candidate: Candidate) -> str:
    """The attribute as the source labels it: the table's row or column label, else the asked name (public: the
    cell-swap bench words its cells by the same rule)."""
    if candidate.table:
        parts = candidate.evidence.quote.split(" | ")
        entity_first = canonical(parts[0]) == canonical(candidate.entity)
        return parts[1] if entity_first and len(parts) > 2 else parts[0]
    return candidate.attribute


def _cell(candidate: Candidate, disagreeing: list[Candidate], verification: Verification,
          also: Sequence[Candidate] = (), quantity: bool = False) -> AnswerCell:
    """A cell's verdict is the verification stage's, never more: it is *supported* only when the check
    of the cell's claim against the library supports it, and its explanation is that check's. A value
    its own quote states but the check does not confirm is shown with its quote and marked
    insufficient (or contradicted), saying what the check found."""
    verification = _not_contradicted_by_another(verification, candidate)
    disagreements, unshown = checked_disagreements(
        verification, tuple(Disagreement(o.value, o.evidence) for o in disagreeing), candidate)
    if verification.verdict is Verdict.SUPPORTED:
        explanation = shown_others(verification, len(disagreements) - len(disagreeing), unshown, candidate.subject)
    else:
        if candidate.table:
            where = "the quoted table cell reads it under its row and column labels"
        elif candidate.named:
            where = "the quoted sentence states it"
        else:
            where = f"the quoted sentence gives it without naming {candidate.subject} (it sits in a source about it)"
        found = ("contradicted it" if verification.verdict is Verdict.CONTRADICTED
                 else "could not confirm it")
        explanation = (f"{verification.verdict.value}: {where}, but the verification stage, checking "
                       f"“{verification.claim}” against the whole library, {found}: {verification.explanation}")
    return AnswerCell(
        subject=candidate.subject, attribute=candidate.attribute, value=candidate.value, number=candidate.number,
        unit=candidate.unit, variant=None if quantity else candidate.variant,
        entity=candidate.member or candidate.entity,
        verdict=verification.verdict, confidence=verification.confidence,
        evidence=(candidate.evidence, *(c.evidence for c in also[:2])),
        disagreements=disagreements, explanation=explanation,
    )


def _not_contradicted_by_another(verification: Verification, candidate: Candidate) -> Verification:
    """A check that found the cell's value only said of another model ("the passage says this of DeepSeekMoE 145B,
    not DeepSeekMoE 16B") has found nothing about the cell's subject: the same value of a sibling contradicts
    nothing (issue 10: contradicted only by a passage about the same subject). The cell is then *insufficient*,
    saying what was found, its own quote standing."""
    contradicted = [a for a in verification.atoms if a.status is Verdict.CONTRADICTED]
    others = [other_than_claimed(a.note) for a in contradicted]
    if verification.verdict is not Verdict.CONTRADICTED or not contradicted or not all(others):
        return verification
    said = "; ".join(dict.fromkeys(f"the same value is said of {o}" for o in others if o))
    atoms = tuple(replace(a, status=Verdict.INSUFFICIENT) if a.status is Verdict.CONTRADICTED else a
                  for a in verification.atoms)
    return replace(verification, verdict=Verdict.INSUFFICIENT, atoms=atoms,
                   explanation=f"no passage naming {candidate.subject} states or contradicts it ({said}, which says "
                               f"nothing of {candidate.subject})")


def _not_stated(ask: AskEvidence) -> NotStated:
    reason = f"No table or sentence of the library gives {ask.attribute.name} for {ask.subject.name}"
    if not ask.subject.home_sources:
        reason += " (no source in the library is about it)"
    if ask.neighbours:
        shown = ", ".join(ask.neighbours[:4])
        reason += f"; values of other models were not used ({shown})"
    return NotStated(ask.subject.name, ask.attribute.name, reason + ".")


def _mechanism(ask: AskEvidence, values: Sequence[str] = ()) -> MechanismAnswer | None:
    """The few sentences stating the mechanism, most direct first: the subject's own sources say how it works;
    another paper's remark about it comes only after them. When the question asks how the value of one of its
    cells works ("which algorithm …, and how does the algorithm work?"), sentences naming that value (GRPO)
    come first."""
    picked: list[Evidence] = []
    homes = set(ask.subject.home_sources)
    names = [re.compile(r"(?<![\w-])" + re.escape(v) + r"(?![\w-])") for v in values if len(v) >= 2]

    def explains(quote: str) -> bool:
        return any(n.search(quote) for n in names)

    ordered = sorted(ask.sentences, key=lambda item: (bool(homes) and item[1].source not in homes,
                                                      not explains(item[1].quote), -item[0]))
    ordered = _each_wording_first(ordered, ask)
    for _, evidence in ordered:
        # A sentence stating the mechanism is followed by the next ones saying how, when they were found too
        # ("… we pioneer an auxiliary-loss-free strategy. To be specific, we introduce a bias term …").
        for said in (evidence, *_following(evidence, ordered)):
            if said is None or len(picked) >= MECHANISM_SENTENCES or any(
                    said == p or _near_duplicate(said.quote, p.quote) for p in picked):
                continue
            picked.append(said)
        if len(picked) >= MECHANISM_SENTENCES:
            break
    return MechanismAnswer(ask.subject.name, ask.attribute.name, tuple(picked)) if picked else None


def _each_wording_first(ordered: list[tuple[float, Evidence]], ask: AskEvidence) -> list[tuple[float, Evidence]]:
    """A mechanism asked in several clauses ("how does Adam compute its updates, and why does it correct the bias
    …") is answered clause by clause: the best sentence for each wording comes before the second best of any."""
    if len(ask.attribute.spellings) < 2:
        return ordered
    leads: dict[int, int] = {}
    for position, (_, evidence) in enumerate(ordered):
        wording = wording_of(evidence.quote, ask.attribute)
        if wording is not None and wording not in leads:
            leads[wording] = position
    first = sorted(leads.values())
    chosen = set(first)
    return [ordered[p] for p in first] + [item for p, item in enumerate(ordered) if p not in chosen]


def _following(evidence: Evidence, ranked: Sequence[tuple[float, Evidence]]) -> list[Evidence]:
    """The ranked sentences that go on from this one, each right after the last, in the same source on the same or
    the next page, while they say what is done (not a result or a problem): a paragraph the PDF layout cut in two
    goes on after a short gap ("… input tokens to the decoder. | First, we predict the language …")."""
    out: list[Evidence] = []
    last = evidence
    while len(out) < FOLLOWING:
        after = [e for _, e in ranked if e.doc_id == last.doc_id and last.end <= e.start <= last.end + _GAP
                 and e.page is not None and last.page is not None and 0 <= e.page - last.page <= 1
                 and states_how(e.quote)]
        if not after:
            break
        last = min(after, key=lambda e: e.start)
        out.append(last)
    return out


def _near_duplicate(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    return fuzz.token_set_ratio(a, b) >= 90


def _given(candidate: Candidate, attribute: PlanAttribute, asked: Sequence[PlanAttribute]) -> TextCell | None:
    """A text cell's value and attribute, with the question's other attributes, for the check to refuse a value the
    library names as one of those and never as the cell's attribute."""
    if attribute.kind is AttributeKind.TEXT:
        return TextCell(candidate.value, attribute, tuple(a for a in asked if a.name != attribute.name))
    return None


def _own_paper(candidate: Candidate, plan: Plan) -> bool:
    """Whether the cell was read from the subject's own paper and no other asked subject is that paper's: its
    authors' unnamed "we train for 10,000 steps" is then about the subject (synth.verify.own_work); with two asked
    subjects in one paper, which of them an unnamed sentence is about is not known."""
    return candidate.home and sum(candidate.source in s.home_sources for s in plan.subjects) == 1


def build_answer(plan: Plan, asks: Sequence[AskEvidence], library: Library, index: PassageIndex,
                 trend: str | None = None) -> Answer:
    """The answer from the retrieved candidates: cells checked against the library, what is not
    stated, mechanisms, status and the opening paragraph (with the trend sentence when one was fitted)."""
    picked: list[_Picked] = []
    not_stated: list[NotStated] = []
    mechanisms: list[MechanismAnswer] = []
    text_values = {(a.subject.name, a.attribute.name): [t.strip() for p in _text_cell(a)
                                                        for t in p.best.value.split(",")]
                   for a in asks if a.attribute.kind is AttributeKind.TEXT}
    moded = moded_subjects(plan, library)
    for ask in asks:
        if ask.attribute.kind is AttributeKind.MECHANISM:
            explained = [v for s in ask.attribute.spellings for v in text_values.get((ask.subject.name, s), [])]
            found = _mechanism(ask, explained)
            if found:
                mechanisms.append(found)
            else:
                not_stated.append(_not_stated(ask))
            continue
        cells = _text_cell(ask) if ask.attribute.kind is AttributeKind.TEXT \
            else _cells_of(ask, plan.papers, ask.subject.name in moded)
        if not cells:
            not_stated.append(_not_stated(ask))
        picked.extend(cells)
    kinds = {(a.subject.name, a.attribute.name): a.attribute.kind for a in asks}
    quantities = [kinds.get((p.best.subject, p.best.attribute)) is AttributeKind.QUANTITY for p in picked]
    wordings = [list(dict.fromkeys(claim for c in (p.best, *p.also, *p.agreeing)
                                for claim in claims_of(c, cell_label(c), q)))
                for p, q in zip(picked, quantities, strict=True)]
    attributes = {(a.subject.name, a.attribute.name): a.attribute for a in asks}
    given = [_given(p.best, attributes[(p.best.subject, p.best.attribute)], plan.attributes) for p in picked]
    subjects = {s.name: s for s in plan.subjects}
    # a setting of a named paper is checked in that paper, by passages that say that setting
    settings = [subjects[p.best.subject] if p.best.subject in subjects and described(subjects[p.best.subject])
                else None for p in picked]
    verifications = verify_cells(wordings, [p.best.evidence for p in picked], library, index,
                                 [p.best.variant for p in picked], given, settings,
                                 [_own_paper(p.best, plan) for p in picked])
    cells = [_cell(p.best, p.disagreeing, v, p.also, q and not p.setting)
             for p, v, q in zip(picked, verifications, quantities, strict=True)]
    asked = len(plan.cells)
    answered = {(c.subject, c.attribute) for c in cells} | {(m.subject, m.attribute) for m in mechanisms}
    if not asked or not answered:
        status = "not_answerable"
    elif len(answered) < asked or plan.unread:  # a clause the plan did not read is a part left unanswered
        status = "partial"
    else:
        status = "answered"
    answer = Answer(status, "", tuple(s.name for s in plan.subjects), tuple(a.name for a in plan.attributes),
                    plan.relation, tuple(cells), tuple(not_stated), tuple(mechanisms))
    text = answer_text(answer, plan, trend)
    return Answer(status, text, answer.subjects, answer.attributes, plan.relation, answer.cells, answer.not_stated,
                  answer.mechanisms)

