"""The report page: a Report rendered to plain markdown (no MkDocs plugin, so any static site
generator that reads markdown with admonitions and tables can publish it).

Layout replaces the seed reports' format: Abstract, Introduction, Methodology, Results,
Author's claims, Limitations, Quality review, Claims table, References. Every claim carries a
collapsible block with its quoted evidence and page, and the signals behind its confidence.
Every string that comes from a source or a question goes through `synth.markdown.text`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

from synth import markdown as md
from synth.models import CheckedClaim, Evidence, Reference, Report, SeriesAnalysis, Verdict, Verification
from synth.paths import passage_href
from synth.references import cite, reference_entry
from synth.verify import CONFIDENCE_WEIGHTS

SourceLink = Callable[[str], str | None]
PAGE_DEPTH = "../../"
_VERDICT_LABEL = {
    Verdict.SUPPORTED: "supported",
    Verdict.CONTRADICTED: "contradicted",
    Verdict.INSUFFICIENT: "insufficient evidence",
}
_TABLE_LABEL = re.compile(r"Table\s+[A-Z]?\d+", re.IGNORECASE)
_ADMONITION = {Verdict.SUPPORTED: "success", Verdict.CONTRADICTED: "failure", Verdict.INSUFFICIENT: "note"}


class CiteLink:
    """A SourceLink that also knows the report's references, for in-text citations."""

    def __init__(self, references: Sequence[Reference], link: SourceLink) -> None:
        self.references, self.link = references, link

    def __call__(self, key: str) -> str | None:
        return self.link(key)


def _cite(key: str, link: SourceLink, location: str | None = None) -> str:
    """An in-text citation linking to the reference entry (synth.references.cite)."""
    return cite(link.references if isinstance(link, CiteLink) else (), key, location)


def _evidence_lines(evidence: Evidence, link: SourceLink) -> list[str]:
    where = _cite(evidence.source, link, evidence.location)
    if link(evidence.source):
        where += f" · [passage]({PAGE_DEPTH}{passage_href(evidence.source, evidence.start, evidence.end)})"
    lines = [f"{where}" + (f" — {md.text(evidence.table_caption)}" if evidence.table_caption else ""), ""]
    lines.append(f"> “{md.text(evidence.quote)}”")
    if evidence.conflicting_value:
        lines += ["", f"Conflicting value: **{md.text(evidence.conflicting_value)}**"]
    return lines


def _signal_line(verification: Verification) -> str:
    parts = [f"{md.text(s.name.replace('_', ' '))} {s.value:.2f} × {CONFIDENCE_WEIGHTS.get(s.name, 0):.2f}"
             for s in verification.signals]
    return f"Confidence {verification.confidence:.2f} = " + " + ".join(parts) + "."


def _claim_block(number: int, checked: CheckedClaim, link: SourceLink, with_origin: bool = True) -> list[str]:
    """One numbered claim: its text, where it was read, its verdict, and a collapsible evidence block."""
    claim, verification = checked.claim, checked.verification
    origin = ""
    if with_origin and claim.source:
        location = f"p. {claim.page}" if claim.page is not None else (f"§ {claim.section}" if claim.section else None)
        origin = f" {_cite(claim.source, link, location)}"
        if claim.also_in:
            origin += " (also in " + ", ".join(_cite(k, link) for k in claim.also_in) + ")"
    label = _VERDICT_LABEL[verification.verdict]
    lines = [f'{number}. <a id="claim-{number}"></a>{md.text(claim.text)}{origin} — '
             f"**{label}**, confidence {verification.confidence:.2f}", ""]
    title = "Evidence" if verification.verdict is not Verdict.INSUFFICIENT else "Closest passage (does not settle it)"
    body: list[str] = [md.text(verification.explanation[:1].upper() + verification.explanation[1:]) + ".", ""]
    for evidence in verification.evidence:
        body += [*_evidence_lines(evidence, link), ""]
    if verification.counter_evidence:
        body += ["Pointing the other way:", ""]
        for evidence in verification.counter_evidence:
            body += [*_evidence_lines(evidence, link), ""]
    body.append(_signal_line(verification))
    lines += md.indent([f'??? {_ADMONITION[verification.verdict]} "{title}"', "", *md.indent(body)])
    lines.append("")
    return lines


def _verdict_counts(checked: Sequence[CheckedClaim]) -> Counter[Verdict]:
    return Counter(c.verification.verdict for c in checked)


def _counts_phrase(checked: Sequence[CheckedClaim]) -> str:
    counts = _verdict_counts(checked)
    return (f"{counts[Verdict.SUPPORTED]} supported, {counts[Verdict.CONTRADICTED]} contradicted, "
            f"{counts[Verdict.INSUFFICIENT]} with insufficient evidence")


def _abstract(report: Report) -> list[str]:
    included = [s for s in report.screened if s.included]
    retrieved = [s for s in report.screened if s.score > 0]
    lines = ["## Abstract", ""]
    if not report.answerable:
        missing = ", ".join(md.text(t) for t in report.unanswered_terms) or "the question's terms"
        lines += [f"**The library cannot answer this question.** No source in the library mentions {missing}, "
                  "so no finding is reported: claims about other subjects would not answer it.", ""]
    lines.append(
        f"The library holds {report.library_size} source(s); {len(report.skipped_files)} file(s) could not be read. "
        f"{len(retrieved)} source(s) matched the question's words and {len(included)} were included after screening. "
        f"{len(report.findings)} claim(s) were extracted and verified against the whole library: "
        f"{_counts_phrase(report.findings)}."
    )
    if report.author_claims:
        own = report.author_claims
        lines[-1] += f" The question's {len(own)} own claim(s): {_counts_phrase(own)}."
    lines[-1] += (f" Quality score {report.review.overall:.1f}/10 from {len(report.review.scores)} independent "
                  f"reviewers (spread {report.review.spread:.1f}).")
    return [*lines, ""]


def _introduction(report: Report) -> list[str]:
    terms = {t for s in report.screened for t in s.matched_terms} | set(report.unanswered_terms)
    focus = ", ".join(f"*{md.text(t)}*" for t in sorted(terms)) or "the words of the question"
    return ["## Introduction", "",
            f"This report answers the question from the sources in the library {md.code(report.library_root)} only. "
            f"It is about {focus}: sources and claims that do not mention these are left out, and when no source "
            "mentions one of them the report says so instead of answering with something else. Every finding "
            "below is a complete sentence or a table cell taken from a source, then checked against the whole "
            "library; its verdict, the quoted passage with its page and the signals behind its confidence "
            "are shown with it.", ""]


def _methodology(report: Report, link: SourceLink) -> list[str]:
    included = [s for s in report.screened if s.included]
    excluded = [s for s in report.screened if not s.included]
    retrieved = [s for s in report.screened if s.score > 0]
    readable = len(report.screened)
    rows = [
        ["Sources in the library", str(report.library_size)],
        ["Files that could not be read", str(len(report.skipped_files))],
        ["Sources with readable text", str(readable)],
        ["Matched the question's terms (BM25 > 0)", str(len(retrieved))],
        ["Excluded at screening", str(len(excluded))],
        ["Included", str(len(included))],
    ]
    lines = ["## Methodology", "", "### Search and screening", "",
             "Every passage and table row of the library is indexed with SQLite FTS5 and ranked by BM25 for the "
             "question's words and focus terms. A source is included when it mentions the focus terms; the best "
             "ranked are kept up to the question's `max_sources`.", "", *md.table(["Stage", "Sources"], rows), ""]
    if included:
        lines += ["Included:", ""]
        lines += [f"- {_cite(s.key, link)}: {md.text(s.reason)} (BM25 {s.score:.2f})" for s in included]
        lines.append("")
    if excluded:
        lines += ["Excluded, with the reason:", ""]
        lines += [f"- {_cite(s.key, link)}: {md.text(s.reason)}" for s in excluded]
        lines.append("")
    weights = " + ".join(f"{w:.2f} × {name.replace('_', ' ')}" for name, w in CONFIDENCE_WEIGHTS.items())
    lines += ["### Claim extraction and verification", "",
              "Claims are whole sentences (never cut) that state a figure, a comparison or a finding about the "
              "focus terms, and table cells about them; near-duplicates across sources are merged. Each claim is "
              "verified against the whole library: it is **supported** when a passage states it with the same "
              "figures, names and polarity, **contradicted** when a passage about the same names gives a "
              "different figure or the opposite polarity, and otherwise **insufficient evidence**. Table claims "
              "are checked against the cell at (benchmark, model).", "",
              f"Confidence = {weights}; each signal is shown with its claim.", ""]
    return lines


def _results(report: Report, link: SourceLink, numbers: dict[int, int]) -> list[str]:
    lines = ["## Results", ""]
    supported = [c for c in report.findings if c.verification.verdict is Verdict.SUPPORTED]
    if not report.answerable:
        return [*lines, "No finding answers the question: see Limitations.", ""]
    lines += _analyses(report, link)
    if not supported:
        return [*lines, "No extracted claim could be verified; see Limitations for what was found.", ""]
    for topic, group in _topics(supported):
        lines += [f"### {md.text(topic)}", ""]
        for checked in group:
            lines += _claim_block(numbers[id(checked)], checked, link)
    return lines


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


def _series_section(analysis: SeriesAnalysis, link: SourceLink) -> list[str]:
    """One scaling series: the computed answer, the plot, the fit and every point with its table."""
    lines = [f"### {md.text(analysis.metric)} against parameter count ({md.text(analysis.entities)})", ""]
    if analysis.proposed:
        lines += ["*Proposed from the question's wording; add an `analysis:` entry to the question to choose "
                  "the metric and models.*", ""]
    lines += [f"**Answer.** {md.text(analysis.answer)}", ""]
    if analysis.plot and analysis.points:
        lines += [f"![{md.text(analysis.metric)} against parameters]({analysis.plot})", ""]
    if analysis.slope_per_doubling is not None and analysis.intercept is not None:
        rho = f"{analysis.spearman_rho:.2f}" if analysis.spearman_rho is not None else "n/a (fewer than 3 points)"
        lines += [f"Least-squares fit of the value on log2(parameters in billions): value = "
                  f"{analysis.intercept:.2f} {'+' if analysis.slope_per_doubling >= 0 else '−'} "
                  f"{abs(analysis.slope_per_doubling):.2f} × log2(parameters); Spearman ρ = {rho}; n = {analysis.n}.",
                  ""]
    if analysis.points:
        rows = []
        for point in analysis.points:
            cites = []
            for citation in point.citations:
                location = f"p. {citation.page}" if citation.page is not None else (
                    f"§ {citation.section}" if citation.section else None)
                label = _TABLE_LABEL.match(citation.caption or "")
                caption = f" — {md.text(label.group(0))}" if label else ""
                cites.append(_cite(citation.source, link, location) + caption)
            flag = " (sources disagree)" if point.disagrees else ""
            flag += " (uncertain table grid)" if point.low_confidence else ""
            value = f"{point.value:g}{'%' if point.unit == '%' else ''}"
            rows.append([md.text(point.entity) + flag, f"{point.parameters_b:g}B", value,
                         md.text(point.citations[0].attribute), "<br>".join(cites)])
        lines += [*md.table(["Model", "Parameters", md.text(analysis.metric), "Row", "Read from"], rows), ""]
    for note in analysis.notes:
        lines.append(f"- {md.text(note)}")
    if analysis.notes:
        lines.append("")
    return lines


def _analyses(report: Report, link: SourceLink) -> list[str]:
    """The quantitative section: numbers collected from every table of the library."""
    if not report.analyses:
        return []
    lines = ["**Answer from the data.** " + " ".join(md.text(a.answer) for a in report.analyses), "",
             "The series below are read from the tables of every library source (one point per model and value, "
             "each with the table it comes from) and fitted against log2 of the parameter count, so the slope "
             "reads as the change per doubling of parameters. The verified findings follow them.", ""]
    for analysis in report.analyses:
        lines += _series_section(analysis, link)
    return lines


def _author_claims(report: Report, link: SourceLink, numbers: dict[int, int]) -> list[str]:
    if not report.author_claims:
        return []
    lines = ["## The question's own claims", "",
             "The question's author asked for these claims to be checked against the library.", ""]
    for checked in report.author_claims:
        lines += _claim_block(numbers[id(checked)], checked, link, with_origin=False)
    return lines


def _limitations(report: Report, link: SourceLink, numbers: dict[int, int]) -> list[str]:
    lines = ["## Limitations", ""]
    if report.unanswered_terms:
        lines += [f"- No source in the library mentions {', '.join(md.text(t) for t in report.unanswered_terms)}; "
                  "the question cannot be answered from this library.", ""]
    unsettled = [c for c in report.findings if c.verification.verdict is not Verdict.SUPPORTED]
    if unsettled:
        lines += ["Extracted claims the library does not support:", ""]
        for checked in unsettled:
            lines += _claim_block(numbers[id(checked)], checked, link)
    if report.contradictions:
        lines += ["Passages that disagree:", ""]
        for conflict in report.contradictions:
            lines += [f"- **{md.text(conflict.subject)}** — {md.text(conflict.explanation)}", ""]
            lines += md.indent([*_evidence_lines(conflict.first, link), "", *_evidence_lines(conflict.second, link)])
            lines.append("")
    if report.skipped_files:
        lines += ["Files that could not be read:", ""]
        lines += [f"- {md.code(f.path)}: {md.text(f.reason)}" for f in report.skipped_files]
        lines.append("")
    if report.bib_problems:
        lines += ["BibTeX entries that were skipped:", ""]
        lines += [f"- {md.code(p.path)} line {p.line}: {md.text(p.message)}" for p in report.bib_problems]
        lines.append("")
    if len(lines) == 2:
        lines += ["Every extracted claim is supported, no passages disagree and every library file was read. "
                  "The library itself bounds what this report can say.", ""]
    return lines


def _review(report: Report) -> list[str]:
    rows = [[md.text(s.reviewer), f"{s.score:.1f}", md.text(s.reason)] for s in report.review.scores]
    return ["## Quality review", "",
            f"Overall **{report.review.overall:.1f}/10** (mean of {len(rows)} reviewers; spread "
            f"{report.review.spread:.1f}).", "", *md.table(["Reviewer", "Score", "Reason"], rows), ""]


def _claims_table(ordered: Sequence[CheckedClaim]) -> list[str]:
    """One row per claim, numbered as on the page, linking to its evidence block."""
    if not ordered:
        return ["## Claims table", "", "No claims were extracted or given.", ""]
    rows = []
    for number, item in enumerate(ordered, start=1):
        verification = item.verification
        first = verification.evidence[0] if verification.evidence else None
        where = f"[{md.text(first.source)}, {md.text(first.location)}](#claim-{number})" if first else "—"
        rows.append([str(number), md.text(item.claim.text), _VERDICT_LABEL[verification.verdict],
                     f"{verification.confidence:.2f}", where])
    return ["## Claims table", "", *md.table(["#", "Claim", "Verdict", "Confidence", "Evidence"], rows), ""]


def _references(report: Report, link: SourceLink) -> list[str]:
    lines = ["## References", ""]
    if not report.references:
        return [*lines, "No source was cited.", ""]
    for reference in report.references:
        page = link(reference.key)
        lines.append(f"- {reference_entry(reference, f'{PAGE_DEPTH}{page}' if page else None)}")
    lines += ["", "Download: [BibTeX](references.bib) · [CSL-JSON](references.json)"]
    return [*lines, ""]


def render_report(report: Report, link: SourceLink) -> str:
    """The markdown page of one report; `link(key)` gives a source page path (or None)."""
    link = CiteLink(report.references, link)
    ordered = claims_in_page_order(report)
    numbers = {id(c): n for n, c in enumerate(ordered, start=1)}
    lines = [*md.front_matter(report.title), f"# {md.text(report.title)}", "",
             f"**Question.** {md.text(report.question)}", ""]
    if report.question_url.startswith(("http://", "https://")):
        lines += [f"[Edit the question]({report.question_url.replace(' ', '%20').replace(')', '%29')})", ""]
    lines += _abstract(report)
    lines += _introduction(report)
    lines += _methodology(report, link)
    lines += _results(report, link, numbers)
    lines += _author_claims(report, link, numbers)
    lines += _limitations(report, link, numbers)
    lines += _review(report)
    lines += _claims_table(ordered)
    lines += _references(report, link)
    return "\n".join(lines).rstrip() + "\n"

