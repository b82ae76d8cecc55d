"""The report page: a Report rendered to plain markdown through synth/templates/report.md.j2 (no MkDocs
plugin, so any static site generator that reads markdown with admonitions and tables can publish it).

The page opens with its answer: the question, what it asks (subjects × attributes), the answer
paragraph and table (every cell a value with its variant linking to its quote and page, or *not
stated in the library*), the trend with its plot when one was asked, how each subject does it for a
method question, and the evidence of every cell. Findings, method, screening, limitations, the
review and the claims table follow. This module prepares what the template shows; the layout is in
the templates. Strings from sources and question files are escaped by the template environment
(synth.templating); only markdown built here from escaped parts is marked safe.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from synth import markdown as md
from synth import quotes
from synth.answer.text import other_values, shown_value, shows_entity
from synth.models import (
    AnswerCell,
    CheckedClaim,
    Evidence,
    Reference,
    Relation,
    Report,
    SeriesAnalysis,
    Verdict,
    Verification,
)
from synth.paths import passage_href
from synth.references import cite, reference_entry
from synth.status import status_line, unread_parts
from synth.templating import md_safe, render
from synth.verify import CONFIDENCE_WEIGHTS, corroboration_label

SourceLink = Callable[[str], str | None]
# Where a source's published PDF opens at a page (`publish_library_files`), relative to docs/; None
# when the library file is not published with the site.
PdfLink = Callable[[str, int], str | None]
PAGE_DEPTH = "../../"
_VERDICT_LABEL = {
    Verdict.SUPPORTED: "supported",
    Verdict.CONTRADICTED: "contradicted",
    Verdict.INSUFFICIENT: "insufficient evidence",
}
_TABLE_LABEL = re.compile(r"Table\s+[A-Z]?\d+", re.IGNORECASE)
_ADMONITION = {Verdict.SUPPORTED: "success", Verdict.CONTRADICTED: "failure", Verdict.INSUFFICIENT: "note"}
_RELATION = {
    Relation.LOOKUP: "each value looked up",
    Relation.COMPARE: "the subjects compared",
    Relation.RANK: "the subjects ranked",
    Relation.TREND: "the trend against parameter count",
    Relation.MECHANISM: "how each subject does it",
}


class CiteLink:
    """A SourceLink that also knows the report's references, for in-text citations, and where the
    sources' PDFs are published."""

    def __init__(self, references: Sequence[Reference], link: SourceLink, pdf: PdfLink | None = None) -> None:
        self.references, self.link, self.pdf = references, link, pdf

    def __call__(self, key: str) -> str | None:
        return self.link(key)


def _cite(key: str, link: SourceLink, location: str | None = None, bare: bool = False) -> Markup:
    """An in-text citation linking to the reference entry (synth.references.cite)."""
    return md_safe(cite(link.references if isinstance(link, CiteLink) else (), key, location, bare=bare))


@dataclass(frozen=True)
class Quoted:
    """One evidence item as the page shows it: where it is (citation, passage link, PDF page), then
    the quoted row under its headers (`table`) or the sentence(s) with the claim's figures marked."""

    where: Markup
    quote: Markup
    conflicting: str | None = None
    cells: str = ""
    table: Markup | None = None


def _links(source: str, start: int, end: int, page: int | None, link: SourceLink) -> Markup:
    """` · passage · PDF p. N`: the cited span on its source page, and the PDF page when published."""
    out = md_safe("")
    if link(source):
        out += md_safe(f" · [passage]({PAGE_DEPTH}{passage_href(source, start, end)})")
    pdf = link.pdf if isinstance(link, CiteLink) else None
    target = pdf(source, page) if pdf and page is not None else None
    if target:
        out += md_safe(f" · [PDF p. {page}]({PAGE_DEPTH}{target})")
    return out


def _quoted(evidence: Evidence, link: SourceLink, claim: str = "", about: str = "") -> Quoted:
    where = _cite(evidence.source, link, evidence.location) + _links(evidence.source, evidence.start, evidence.end,
                                                                     evidence.page, link)
    if evidence.table_caption:
        where += md_safe(f" — *{md.text(quotes.caption(evidence.table_caption))}*")
    if evidence.heading:  # what the value is for, said by the heading the quote sits under
        where += md_safe(f" — under “{md.text(evidence.heading)}”")
    if evidence.table_row is not None:
        return Quoted(where, md_safe(""), evidence.conflicting_value,
                      table=md_safe("\n".join(quotes.row_table(evidence.table_row))))
    return Quoted(where, md_safe(quotes.prose(evidence, claim, about)), evidence.conflicting_value,
                  "; ".join(evidence.cells))


# --- claims ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimView:
    number: int
    text: str
    origin: Markup
    verdict: str
    confidence: str
    admonition: str
    title: str
    explanation: str
    evidence: tuple[Quoted, ...]
    counter: tuple[Quoted, ...]
    signals: str
    corroboration: str = ""


def _signal_line(verification: Verification) -> str:
    parts = [f"{s.name.replace('_', ' ')} {s.value:.2f} × {CONFIDENCE_WEIGHTS.get(s.name, 0):.2f}"
             for s in verification.signals]
    return f"Confidence {verification.confidence:.2f} = " + " + ".join(parts) + "."


def _claim(number: int, checked: CheckedClaim, link: SourceLink, with_origin: bool = True) -> ClaimView:
    claim, verification = checked.claim, checked.verification
    origin = md_safe("")
    if with_origin and claim.source:
        location = f"p. {claim.page}" if claim.page is not None else (f"§ {claim.section}" if claim.section else None)
        origin = md_safe(" ") + _cite(claim.source, link, location)
        if claim.also_in:
            origin += md_safe(" (also in ") + md_safe("; ".join(_cite(k, link, bare=True) for k in claim.also_in)) \
                + md_safe(")")
    title = "Evidence" if verification.verdict is not Verdict.INSUFFICIENT else "Closest passage (does not settle it)"
    explanation = verification.explanation[:1].upper() + verification.explanation[1:] + "."
    return ClaimView(number, claim.text, origin, _VERDICT_LABEL[verification.verdict], f"{verification.confidence:.2f}",
                     _ADMONITION[verification.verdict], title, explanation,
                     tuple(_quoted(e, link, claim.text) for e in verification.evidence),
                     tuple(_quoted(e, link, claim.text) for e in verification.counter_evidence),
                     _signal_line(verification),
                     corroboration_label(verification.corroboration))


def _topics(checked: Sequence[CheckedClaim]) -> list[tuple[str, list[CheckedClaim]]]:
    """Findings grouped by topic, the largest group first."""
    groups: dict[str, list[CheckedClaim]] = defaultdict(list)
    for item in checked:
        groups[item.claim.topic or "Findings"].append(item)
    return [(topic, groups[topic]) for topic in sorted(groups, key=lambda t: (-len(groups[t]), t))]


def claims_in_page_order(report: Report) -> list[CheckedClaim]:
    """Claims in the order the page shows them, so their numbers read 1, 2, 3 … down the page."""
    supported = [c for c in report.findings if c.verification.verdict is Verdict.SUPPORTED]
    unsettled = [c for c in report.findings if c.verification.verdict is not Verdict.SUPPORTED]
    shown = [c for _, group in _topics(supported) for c in group] if report.answerable else []
    return [*shown, *report.author_claims, *unsettled]


def _counts_phrase(checked: Sequence[CheckedClaim]) -> str:
    counts = Counter(c.verification.verdict for c in checked)
    return (f"{counts[Verdict.SUPPORTED]} supported, {counts[Verdict.CONTRADICTED]} contradicted, "
            f"{counts[Verdict.INSUFFICIENT]} with insufficient evidence")


# --- the answer --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CellView:
    number: int
    subject: str
    attribute: str
    value: str
    variant: str | None
    entity: str | None
    verdict: str
    confidence: str
    quoted: Quoted
    explanation: str
    disagreements: tuple[tuple[str, Quoted], ...] = ()
    admonition: str = "success"
    also: tuple[Quoted, ...] = ()  # the quotes of a text value's terms the first quote does not hold

    @property
    def disagreements_view(self) -> list[dict[str, object]]:
        return [{"value": v, "quoted": q} for v, q in self.disagreements]


@dataclass(frozen=True)
class Matrix:
    header: list[object]
    rows: list[list[object]]
    legend: str


def _asks_line(report: Report) -> Markup | None:
    plan = report.plan
    if plan is None or not (plan.subjects or plan.attributes):
        return None
    subjects = ", ".join(f"*{md.text(s.name)}*" for s in plan.subjects) or "no subject read"
    attributes = ", ".join(f"*{md.text(a.name)}*" for a in plan.attributes) or "no attribute read"
    cells = len(plan.cells)
    return md_safe(f"{subjects} × {attributes}: {cells} cell{'s' if cells != 1 else ''}, "
                   f"{_RELATION[plan.relation]}.")


def _cell_views(report: Report, link: SourceLink) -> list[CellView]:
    views = []
    for number, cell in enumerate(report.answer.cells if report.answer else (), start=1):
        entity = cell.entity if shows_entity(cell) else None
        disagreements = tuple((d.value, _quoted(d.evidence, link, d.value)) for d in cell.disagreements)
        views.append(CellView(number, cell.subject, cell.attribute, shown_value(cell), cell.variant, entity,
                              _VERDICT_LABEL[cell.verdict], f"{cell.confidence:.2f}",
                              _quoted(cell.evidence[0], link, cell.value, cell.subject),
                              cell.explanation[:1].upper() + cell.explanation[1:] + "." if cell.explanation else "",
                              disagreements, _ADMONITION[cell.verdict], _term_quotes(cell, link)))
    return views


def _term_quotes(cell: AnswerCell, link: SourceLink) -> tuple[Quoted, ...]:
    """"low, high" read from two sentences: each term is shown in a quote, never only the first one's."""
    if cell.number is not None:
        return ()
    unquoted = [t for t in (t.strip() for t in cell.value.split(",")) if t
                and t.casefold() not in cell.evidence[0].quote.casefold()]
    return tuple(_quoted(e, link, cell.value) for e in cell.evidence[1:]
                 if any(t.casefold() in e.quote.casefold() for t in unquoted))


def _matrix(report: Report) -> Matrix | None:
    """Subjects × attributes; each cell lists its values (with variants) linking to their evidence."""
    answer, plan = report.answer, report.plan
    if answer is None or plan is None or not plan.subjects or not plan.attributes:
        return None
    values: dict[tuple[str, str], list[str]] = defaultdict(list)
    for number, cell in enumerate(answer.cells, start=1):
        who = f"{md.text(cell.entity)}: " if shows_entity(cell) else ""
        variant = f" ({md.text(cell.variant)})" if cell.variant else ""
        flag = "" if cell.verdict is Verdict.SUPPORTED else f" — {_VERDICT_LABEL[cell.verdict]}"
        values[(cell.subject, cell.attribute)].append(
            f"{who}[**{md.text(shown_value(cell))}**](#cell-{number}){variant}{flag}")
    mechanisms = {(m.subject, m.attribute) for m in answer.mechanisms if m.sentences}
    header: list[object] = ["Subject", *[a.name for a in plan.attributes]]
    rows: list[list[object]] = []
    for subject in plan.subjects:
        row: list[object] = [subject.name]
        for attribute in plan.attributes:
            found = values.get((subject.name, attribute.name))
            if not plan.asks(subject, attribute):
                row.append(md_safe("—"))
            elif found:
                row.append(md_safe("<br>".join(found)))
            elif (subject.name, attribute.name) in mechanisms:
                row.append(md_safe("see *How each subject does it*"))
            else:
                row.append(md_safe("*not stated in the library*"))
        rows.append(row)
    legend = ("Each value links to its quote and page below; the variant in brackets is what the source measured "
              "(base or chat/instruct model, thinking mode, benchmark version or setting). Variants are never "
              "pooled, and a value of another model is never used for a subject.")
    if len(plan.cells) < len(plan.subjects) * len(plan.attributes):
        legend += " — marks a cell the question does not ask: each clause asks its attributes of the subject it names."
    return Matrix(header, rows, legend)


@dataclass(frozen=True)
class SeriesView:
    heading: str
    proposed: bool
    answer: str
    plot: Markup | None
    fit: str | None
    metric: str
    rows: list[list[object]] = field(default_factory=list)
    notes: tuple[str, ...] = ()


def _series(analysis: SeriesAnalysis, link: SourceLink) -> SeriesView:
    plot = md_safe(f"![{md.text(analysis.metric)} against parameters]({analysis.plot})") \
        if analysis.plot and analysis.points else None
    fit = None
    if analysis.slope_per_doubling is not None and analysis.intercept is not None:
        rho = f"{analysis.spearman_rho:.2f}" if analysis.spearman_rho is not None else "n/a (fewer than 3 points)"
        fit = (f"Least-squares fit of the value on log2(parameters in billions): value = {analysis.intercept:.2f} "
               f"{'+' if analysis.slope_per_doubling >= 0 else '−'} {abs(analysis.slope_per_doubling):.2f} × "
               f"log2(parameters); Spearman ρ = {rho}; n = {analysis.n}.")
    rows: list[list[object]] = []
    for point in analysis.points:
        cites = []
        for citation in point.citations:
            location = f"p. {citation.page}" if citation.page is not None else (
                f"§ {citation.section}" if citation.section else None)
            label = _TABLE_LABEL.match(citation.caption or "")
            cites.append(_cite(citation.source, link, location) + (md_safe(f" — {md.text(label.group(0))}")
                                                                    if label else "")
                         + _links(citation.source, citation.start, citation.end, citation.page, link))
        flag = " (sources disagree)" if point.disagrees else ""
        flag += " (uncertain table grid)" if point.low_confidence else ""
        value = f"{point.value:g}{'%' if point.unit == '%' else ''}"
        rows.append([point.entity + flag, f"{point.parameters_b:g}B", value, point.citations[0].attribute,
                     md_safe("<br>".join(cites))])
    return SeriesView(f"{analysis.metric} against parameter count ({analysis.entities})", analysis.proposed,
                      analysis.answer, plot, fit, analysis.metric, rows, analysis.notes)


@dataclass(frozen=True)
class MechanismView:
    subject: str
    attribute: str
    sentences: list[dict[str, object]]


def _mechanisms(report: Report, link: SourceLink) -> list[MechanismView]:
    if report.answer is None:
        return []
    return [MechanismView(m.subject, m.attribute,
                          [{"quote": e.quote, "cite": _cite(e.source, link, e.location)
                            + _links(e.source, e.start, e.end, e.page, link)} for e in m.sentences])
            for m in report.answer.mechanisms]


# --- method, limitations, review ---------------------------------------------------------------


def _plan_view(report: Report, link: SourceLink) -> dict[str, object] | None:
    plan = report.plan
    if plan is None:
        return None
    subjects = [[s.name, s.origin, md_safe(", ".join(_cite(k, link) for k in s.home_sources) or "none")]
                for s in plan.subjects]
    attributes = [[a.name, a.kind.value + (f", unit {a.unit}" if a.unit else "") + (f", variant {a.variant}"
                                                                                    if a.variant else ""),
                   a.origin, ", ".join(a.spellings[1:]) or "—"] for a in plan.attributes]
    return {"subject_count": len(plan.subjects), "attribute_count": len(plan.attributes),
            "relation": plan.relation.value, "subjects": subjects, "attributes": attributes, "notes": list(plan.notes)}


def _screening(report: Report, link: SourceLink) -> dict[str, object]:
    included = [s for s in report.screened if s.included]
    excluded = [s for s in report.screened if not s.included]
    retrieved = [s for s in report.screened if s.score > 0]
    counts = [
        ["Sources in the library", report.library_size],
        ["Files that could not be read", len(report.skipped_files)],
        ["Sources screened", len(report.screened)],
        ["Matched the question's terms (BM25 > 0)", len(retrieved)],
        ["Excluded at screening", len(excluded)],
        ["Included", len(included)],
    ]
    return {
        "counts": counts,
        "included": [_cite(s.key, link) + md_safe(f": {md.text(s.reason)} (BM25 {s.score:.2f})") for s in included],
        "excluded": [_cite(s.key, link) + md_safe(f": {md.text(s.reason)}") for s in excluded],
    }


_METHOD = ("Each asked cell is looked up in every table of the library (a cell under the subject's label and the "
           "attribute's label, its variant read from the label and the caption) and in the sentences that name the "
           "subject or sit in a source about it, with the value next to the attribute. A value of another model "
           "(another size, a Lite or distilled model, a baseline) is never used. Cells that differ in variant are "
           "kept apart; another source giving another value for the same cell is shown beside it with both quotes. "
           "A cell is **supported** when its own quote states every part of it; the verification stage checks each "
           "cell against the whole library as well. Findings are whole sentences that bear on an asked cell (a "
           "subject in scope and an asked attribute stated); headings, reference entries, axis text, sentences "
           "about the paper itself and sentences about other models are left out, and near-duplicates are merged. "
           "Each finding is verified against the whole library: **supported** when a passage states it with the "
           "same figures, names and polarity, **contradicted** when a passage about the same names gives a different "
           "figure or the opposite polarity, otherwise **insufficient evidence**.")


def _disagreeing_cells(report: Report) -> list[dict[str, object]]:
    """Every answer cell another passage gives another value for: the page may not say that no passages
    disagree while a cell shows one."""
    return [{"number": number, "subject": cell.subject, "attribute": cell.attribute, "value": cell.value,
             "others": other_values(cell)}
            for number, cell in enumerate(report.answer.cells if report.answer else (), start=1)
            if cell.disagreements]


def _limitations(report: Report, link: SourceLink, numbers: dict[int, int]) -> dict[str, object]:
    unmentioned = list(report.unanswered_terms)
    disagreeing = _disagreeing_cells(report)
    unsettled = [c for c in report.findings if c.verification.verdict is not Verdict.SUPPORTED]
    conflicts = [{"subject": c.subject, "explanation": c.explanation, "first": _quoted(c.first, link),
                  "second": _quoted(c.second, link)} for c in report.contradictions]
    skipped = [md_safe(f"{md.code(f.path)}: {md.text(f.reason)}") for f in report.skipped_files]
    bib = [md_safe(f"{md.code(p.path)} line {p.line}: {md.text(p.message)}") for p in report.bib_problems]
    return {"unmentioned": unmentioned, "disagreeing": disagreeing,
            "unsettled": [_claim(numbers[id(c)], c, link) for c in unsettled],
            "conflicts": conflicts, "skipped": skipped, "bib": bib,
            "empty": not (unmentioned or disagreeing or unsettled or conflicts or skipped or bib)}


def _claims_table(ordered: Sequence[CheckedClaim]) -> list[list[object]]:
    rows: list[list[object]] = []
    for number, item in enumerate(ordered, start=1):
        verification = item.verification
        first = verification.evidence[0] if verification.evidence else None
        where = md_safe(f"[{md.text(first.source)}, {md.text(first.location)}](#claim-{number})") if first else "—"
        rows.append([number, item.claim.text, _VERDICT_LABEL[verification.verdict], f"{verification.confidence:.2f}",
                     where])
    return rows


def render_report(report: Report, link: SourceLink, pdf: PdfLink | None = None) -> str:
    """The markdown page of one report; `link(key)` gives a source page path (or None), `pdf(key,
    page)` the published PDF at that page (or None)."""
    link = CiteLink(report.references, link, pdf)
    ordered = claims_in_page_order(report)
    numbers = {id(c): n for n, c in enumerate(ordered, start=1)}
    supported = [c for c in report.findings if c.verification.verdict is Verdict.SUPPORTED]
    groups = [(topic, [_claim(numbers[id(c)], c, link) for c in group]) for topic, group in _topics(supported)] \
        if report.answerable else []
    empty = ("No finding bears on the question: see Limitations." if not report.answerable
             else "No sentence beyond the answer's own quotes bears on an asked cell." if not report.findings
             else "No extracted sentence could be verified; see Limitations.")
    findings_note = f"{len(report.findings)} finding(s) verified against the whole library: " \
                    f"{_counts_phrase(report.findings)}."
    weights = " + ".join(f"{w:.2f} × {name.replace('_', ' ')}" for name, w in CONFIDENCE_WEIGHTS.items())
    pages = {key: link(key) for key in {r.key for r in report.references}}
    cells = _cell_views(report, link)
    return render(
        "report.md.j2",
        title=report.title, question=report.question, asks=_asks_line(report), status=status_line(report),
        unread=unread_parts(report),
        edit_link=md_safe(f"[Edit the question]({report.question_url.replace(' ', '%20').replace(')', '%29')})")
        if report.question_url.startswith(("http://", "https://")) else None,
        answer_text=report.answer.text if report.answer else "", matrix=_matrix(report),
        analyses=[_series(a, link) for a in report.analyses], mechanisms=_mechanisms(report, link),
        cells=[{**vars(c), "disagreements": c.disagreements_view} for c in cells],
        not_stated=list(report.answer.not_stated) if report.answer else [],
        findings_groups=groups, findings_empty=empty,
        author_claims=[_claim(numbers[id(c)], c, link, with_origin=False) for c in report.author_claims],
        plan=_plan_view(report, link), screening=_screening(report, link),
        method_text=f"{_METHOD} {findings_note}",
        confidence_text=f"Confidence of a finding = {weights}; each signal is shown with its claim.",
        limitations=_limitations(report, link, numbers),
        review={"overall": f"{report.review.overall:.1f}", "count": len(report.review.scores),
                "spread": f"{report.review.spread:.1f}",
                "rows": [[s.reviewer, f"{s.score:.1f}", s.reason] for s in report.review.scores]},
        claims_table=_claims_table(ordered),
        references=[md_safe(reference_entry(r, f"{PAGE_DEPTH}{pages[r.key]}" if pages.get(r.key) else None))
                    for r in report.references],
    )


def cell_anchor(cell: AnswerCell, report: Report) -> str:
    """The anchor of a cell's evidence on the page (`cell-3`)."""
    return f"cell-{report.answer.cells.index(cell) + 1}" if report.answer else ""
