"""From findings to a verdict: each atom's status, then the claim's, so they can never disagree.

An atom is supported when evidence states it, contradicted when evidence about the same subject,
attribute and setting says otherwise, else insufficient. Table cells decide the atoms tables are
cited for (figures, comparisons, extremes) before prose does. When evidence points both ways, the
better-matching evidence decides and ties go to the statement (two sources' cells of the same
benchmark that differ: the claim its own source states stays supported); the other quotes are kept
as a disagreement (`counter_evidence`); but a denial ("does not improve by 3.8 points") that
one named table bears out and another contradicts is contradicted: some cell shows what it
denies. A polarity or scope word takes the status of the assertion it scopes: the next atom of its
clause, or the one before it only when no words of its own follow it (then what it denies is those words).

    verdict = contradicted if any atom is contradicted
              supported    if every atom is supported
              insufficient otherwise                      (verdict_of)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from synth.models import Atom, AtomKind, Evidence, PassageKind, Verdict
from synth.text import STOPWORDS
from synth.verify.atoms import AtomSpec, ClaimAtoms, margin_words, relative_between
from synth.verify.findings import Finding
from synth.verify.windows import Judgement

MAX_EVIDENCE = 6
_TABLE_KINDS = (AtomKind.FIGURE, AtomKind.COMPARISON, AtomKind.EXTREME)
_STATUS_WORD = {Verdict.SUPPORTED: "supported", Verdict.CONTRADICTED: "contradicted",
                Verdict.INSUFFICIENT: "not stated"}


@dataclass(frozen=True)
class Resolved:
    """One atom decided: its status, the findings it rests on and those pointing the other way."""

    spec: AtomSpec
    status: Verdict
    chosen: tuple[Finding, ...]
    opposing: tuple[Finding, ...]
    note: str


def verdict_of(statuses: Sequence[Verdict]) -> Verdict:
    """The claim's verdict from its atoms' statuses (module docstring)."""
    if any(s is Verdict.CONTRADICTED for s in statuses):
        return Verdict.CONTRADICTED
    if statuses and all(s is Verdict.SUPPORTED for s in statuses):
        return Verdict.SUPPORTED
    return Verdict.INSUFFICIENT


def _targets(judgement: Judgement, atoms: ClaimAtoms) -> list[int]:
    """The atoms a window or record judgement speaks to."""
    specs = atoms.atoms
    every = list(range(len(specs)))
    if judgement.verdict is Verdict.SUPPORTED and judgement.aspect == "":
        return every
    kinds: tuple[AtomKind, ...]
    if judgement.aspect == "figure":
        figures = [i for i, a in enumerate(specs) if a.kind is AtomKind.FIGURE]
        claimed = judgement.claimed
        if claimed is None:
            return figures
        for i, spec in enumerate(specs):  # the figure, or the margin a comparison states
            figure = spec.quantity or spec.margin
            if figure is not None and figure.start <= claimed.start < max(figure.end, figure.start + 1):
                return [i]
        same = [i for i in figures if specs[i].quantity is not None and claimed.agrees(specs[i].quantity)]
        return same or figures[:1] or [i for i, a in enumerate(specs) if a.kind is not AtomKind.POLARITY][:1]
    if judgement.aspect == "comparison":
        kinds = (AtomKind.COMPARISON, AtomKind.EXTREME)
    elif judgement.aspect == "polarity":
        # A denial speaks to what the claim denies, states in words or compares, never to a figure:
        # "Instead of predicting just the next single token, DeepSeek-V3 predicts …" says nothing of
        # its 14.8T tokens.
        targets = [i for i, a in enumerate(specs) if a.kind in (AtomKind.POLARITY, AtomKind.STATEMENT)]
        compared = [i for i, a in enumerate(specs) if a.kind is AtomKind.COMPARISON]
        return targets or compared or [i for i, a in enumerate(specs) if a.kind is AtomKind.EXTREME]
    elif judgement.aspect == "direction":
        kinds = (AtomKind.COMPARISON, AtomKind.STATEMENT)
    else:
        kinds = (AtomKind.FIGURE, AtomKind.COMPARISON, AtomKind.EXTREME, AtomKind.STATEMENT)
    for kind in kinds:
        found = [i for i, a in enumerate(specs) if a.kind is kind]
        if found:
            return found[:1] if judgement.aspect in ("subject", "") else found
    return every[:1]


def from_judgement(judgement: Judgement, atoms: ClaimAtoms) -> list[Finding]:
    """A window or table-record judgement as findings on the atoms it speaks to."""
    strength = judgement.coverage + judgement.entity + 0.5 * judgement.relevance
    return [Finding(i, judgement.verdict, (judgement.evidence,), judgement.reason, strength, judgement.kind,
                    coverage=judgement.coverage, numeric=judgement.numeric, entity=judgement.entity,
                    relevance=judgement.relevance)
            for i in _targets(judgement, atoms)]


def _best(findings: list[Finding]) -> float:
    return max((f.strength for f in findings), default=-1.0)


def _resolve_one(spec: AtomSpec, findings: list[Finding]) -> tuple[Verdict, list[Finding], list[Finding]]:
    tables = [f for f in findings if f.kind == "table"]
    pool = tables if tables and spec.kind in _TABLE_KINDS else findings
    supports = sorted((f for f in pool if f.status is Verdict.SUPPORTED), key=lambda f: -f.strength)
    conflicts = sorted((f for f in pool if f.status is Verdict.CONTRADICTED), key=lambda f: -f.strength)
    if supports and conflicts:
        if spec.negated and any(f.kind == "table" for f in conflicts):
            return Verdict.CONTRADICTED, conflicts, supports  # a table the claim names shows what it denies
        if _best(supports) >= _best(conflicts):
            return Verdict.SUPPORTED, supports, conflicts
        return Verdict.CONTRADICTED, conflicts, supports
    if supports:
        return Verdict.SUPPORTED, supports, []
    if conflicts:
        return Verdict.CONTRADICTED, conflicts, []
    return Verdict.INSUFFICIENT, [], []


_WORD = re.compile(r"[A-Za-z][A-Za-z\-]{2,}")
# Content words after a polarity word that make a predicate of its own, which it denies.
_OWN_PREDICATE = 2


def _scoped(index: int, atoms: ClaimAtoms) -> int | None:
    """The assertion a polarity word scopes: the next atom of its clause that is not a polarity
    word, else the previous one; never one inside a relative clause it precedes ("did not work
    for DocSub, which obtained the lowest precision" does not deny "the lowest"), and never a
    previous one when words of its own follow it ("(ρ = 0) …, the relations are not strongly
    concentrated within a sentence boundary" denies what no atom states, not the figure before it)."""
    spec = atoms.atoms[index]
    same = [i for i, a in enumerate(atoms.atoms) if a.clause == spec.clause and a.kind is not AtomKind.POLARITY
            and not (a.start > spec.start and relative_between(atoms.text, spec.end, a.start))]
    after = [i for i in same if atoms.atoms[i].start > spec.start]
    if after:
        return after[0]
    if not same:
        return None
    previous = atoms.atoms[same[-1]]
    following = [w for w in _WORD.findall(atoms.text[spec.end:spec.clause[1]]) if w.lower() not in STOPWORDS]
    if previous.end <= spec.start and len(following) >= _OWN_PREDICATE:
        return None  # the words after it are what it denies, not the atom before it
    return same[-1]


def resolve(atoms: ClaimAtoms, findings: Sequence[Finding]) -> list[Resolved]:
    """Every atom's status from the findings about it (module docstring)."""
    by_atom: dict[int, list[Finding]] = {}
    for finding in findings:
        by_atom.setdefault(finding.atom, []).append(finding)
    decided: dict[int, Resolved] = {}
    for index, spec in enumerate(atoms.atoms):
        status, chosen, opposing = _resolve_one(spec, by_atom.get(index, []))
        note = chosen[0].note if chosen else ""
        decided[index] = Resolved(spec, status, tuple(chosen), tuple(opposing), note)
    for index, spec in enumerate(atoms.atoms):
        if spec.kind is not AtomKind.POLARITY or decided[index].chosen:
            continue
        target = _scoped(index, atoms)
        if target is not None:
            scoped = decided[target]
            decided[index] = Resolved(spec, scoped.status, scoped.chosen, scoped.opposing,
                                      f"scopes '{scoped.spec.text[:60]}'")
    return [decided[i] for i in range(len(atoms.atoms))]


def _same(a: Evidence, b: Evidence) -> bool:
    return a.doc_id == b.doc_id and a.start < b.end and b.start < a.end and (
        a.passage_kind is not b.passage_kind or a.quote == b.quote or a.passage_kind.value == "text")


def _joined(a: Evidence, b: Evidence) -> Evidence:
    """One quote for two findings on the same table row: its cells are both findings' cells, so
    every atom's cell stays named ("DAMD | Diversity: 3.12" and "DAMD | App: 2.50"), and marked
    when both show the row under the same columns (a wide row keeps the first one's columns)."""
    if a.passage_kind is not PassageKind.TABLE_ROW or b.passage_kind is not PassageKind.TABLE_ROW or (
            a.cells == b.cells or not b.cells or a.quote != b.quote):
        return a
    cells = tuple(dict.fromkeys((*a.cells, *b.cells)))
    if a.table_row is None or b.table_row is None or (
            (a.table_row.header, a.table_row.cells) != (b.table_row.header, b.table_row.cells)):
        return replace(a, cells=cells)
    marked = tuple(sorted({*a.table_row.marked, *b.table_row.marked}))
    return replace(a, cells=cells, table_row=replace(a.table_row, marked=marked))


def assemble(resolved: Sequence[Resolved]) -> tuple[list[Evidence], list[Atom], list[Evidence]]:
    """The quotes every atom rests on (each quote once), the atoms pointing at them, and the
    quotes pointing the other way."""
    evidence: list[Evidence] = []
    atoms: list[Atom] = []
    for item in resolved:
        places = []
        for finding in item.chosen[:2]:
            for quote in finding.evidence:
                position = next((i for i, e in enumerate(evidence) if _same(e, quote)), None)
                if position is not None:
                    evidence[position] = _joined(evidence[position], quote)
                if position is None and len(evidence) < MAX_EVIDENCE:
                    evidence.append(quote)
                    position = len(evidence) - 1
                if position is not None and position not in places:
                    places.append(position)
        first = item.chosen[0] if item.chosen else None
        atoms.append(Atom(item.spec.kind, describe(item.spec), item.status, item.note,
                          subject=first.subject if first else "", attribute=first.attribute if first else "",
                          setting=first.setting if first else "", value=_value(item.spec),
                          evidence=tuple(places)))
    counter: list[Evidence] = []
    for item in resolved:
        for finding in item.opposing:
            for quote in finding.evidence:
                if not any(_same(quote, e) for e in (*evidence, *counter)) and len(counter) < 3:
                    counter.append(quote)
    return evidence, atoms, counter


def _value(spec: AtomSpec) -> str:
    if spec.quantity is not None:
        return spec.quantity.raw
    if spec.margin is not None:
        return spec.margin.raw
    return ""


def describe(spec: AtomSpec) -> str:
    """The atom in words, as the explanation lists it."""
    if spec.kind is AtomKind.FIGURE:
        return f"figure {spec.text}" + (" (denied)" if spec.negated else "")
    if spec.kind in (AtomKind.COMPARISON, AtomKind.EXTREME):
        extra = f" {margin_words(spec.margin)}" if spec.margin is not None else ""
        quantifier = f", {spec.quantifier}" if spec.quantifier else ""
        return f"{spec.kind.value} '{spec.text}'{extra}{quantifier}" + (" (denied)" if spec.negated else "")
    if spec.kind is AtomKind.POLARITY:
        return f"polarity '{spec.text}'"
    text = spec.text if len(spec.text) <= 80 else spec.text[:77] + "…"
    return f"statement '{text}'"


def explain(atoms: Sequence[Atom]) -> str:
    """Every atom with its status: the verdict follows from these and nothing else."""
    parts = []
    for atom in atoms:
        note = f": {atom.note}" if atom.note else ""
        parts.append(f"{atom.text} — {_STATUS_WORD[atom.status]}{note}")
    return "; ".join(parts)
