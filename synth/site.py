"""The site pages around the reports: the home page and one page per library source.

Pages are plain markdown written through one `OutputWriter`, which refuses to write a path twice
(two sources or reports claiming the same page is a bug, not something to overwrite silently).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from synth import markdown as md
from synth.models import Library, Report, Source, Verdict
from synth.references import format_references
from synth.render import claims_in_page_order


class DuplicateOutput(Exception):
    """Two pieces of the build wanted to write the same file."""


@dataclass
class OutputWriter:
    """Writes files under `root`, once each; bytes are UTF-8 with LF line ends."""

    root: Path
    written: set[str] = field(default_factory=set)

    def write(self, relative: str, content: str | bytes) -> Path:
        if relative in self.written:
            raise DuplicateOutput(f"{relative} would be written twice")
        self.written.add(relative)
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        target.write_bytes(data)
        return target


def source_page_path(key: str) -> str:
    """Where a source's page lives, relative to the docs folder."""
    return f"sources/{md.slug(key)}.md"


def _counts(report: Report) -> str:
    every = [*report.findings, *report.author_claims]
    supported = sum(c.verification.verdict is Verdict.SUPPORTED for c in every)
    contradicted = sum(c.verification.verdict is Verdict.CONTRADICTED for c in every)
    insufficient = sum(c.verification.verdict is Verdict.INSUFFICIENT for c in every)
    return f"{supported} / {contradicted} / {insufficient}"


def home_page(reports: Sequence[Report]) -> str:
    rows = []
    for report in reports:
        answer = "yes" if report.answerable else "**no**: " + ", ".join(md.text(t) for t in report.unanswered_terms)
        rows.append([f"[{md.text(report.title)}](reports/{report.report_id}/index.md)", md.text(report.question),
                     f"{report.review.overall:.1f}", _counts(report), answer])
    lines = [*md.front_matter("Research reports"), "# Research reports", "",
             "Each report answers one question from `reports/` using only the sources of the library. "
             "Every claim is verified against the library and shown with its quoted evidence.", ""]
    if rows:
        lines += md.table(["Report", "Question", "Quality /10", "Supported / contradicted / insufficient",
                           "Library answers it"], rows)
    else:
        lines.append("No reports yet: add a question file to `reports/`.")
    lines += ["", "[All library sources](sources/index.md) · [How reports are made](about.md)", ""]
    return "\n".join(lines)


@dataclass(frozen=True)
class ClaimUse:
    report: Report
    claim: str
    verdict: Verdict
    number: int


def claim_uses(reports: Sequence[Report]) -> dict[str, list[ClaimUse]]:
    """For each source key, the claims whose evidence quotes it."""
    found: dict[str, list[ClaimUse]] = defaultdict(list)
    for report in reports:
        for number, checked in enumerate(claims_in_page_order(report), start=1):
            verdict = checked.verification.verdict
            if verdict is Verdict.INSUFFICIENT:
                continue
            for key in sorted({e.source for e in checked.verification.evidence}):
                found[key].append(ClaimUse(report, checked.claim.text, verdict, number))
    return found


def source_page(source: Source, reports: Sequence[Report], uses: list[ClaimUse]) -> str:
    lines = [*md.front_matter(source.title), f"# {md.text(source.title)}", ""]
    [reference] = format_references([source])
    lines += [f"**Citation.** {md.text(reference.text)}", ""]
    rows = [["Citation key", md.code(source.key)], ["Linked by", md.text(source.link)]]
    if source.entry is not None:
        rows += [[md.text(name), md.text(value)] for name, value in source.entry.fields if name != "abstract"]
    if source.document is not None:
        document = source.document
        rows += [["File", md.code(document.path)], ["Format", document.format],
                 ["Text extracted with", md.text(document.extractor)],
                 ["Passages", str(len(document.passages))], ["Tables", str(len(document.tables))]]
        if document.page_count is not None:
            rows.append(["Pages", str(document.page_count)])
    lines += [*md.table(["Field", "Value"], rows), ""]
    citing = [r for r in reports if any(source.key == s.key and s.included for s in r.screened)
              or any(u.report is r for u in uses)]
    lines += ["## Reports that use it", ""]
    lines += [f"- [{md.text(r.title)}](../reports/{r.report_id}/index.md)" for r in citing] or ["None yet."]
    lines += ["", "## Claims it settles", ""]
    if uses:
        rows = [[f"[{md.text(u.report.title)}](../reports/{u.report.report_id}/index.md#claim-{u.number})",
                 md.text(u.claim), u.verdict.value] for u in uses]
        lines += md.table(["Report", "Claim", "Verdict"], rows)
    else:
        lines.append("No verified claim quotes this source yet.")
    return "\n".join([*lines, ""])


def sources_index(sources: Sequence[Source]) -> str:
    rows = [[f"[{md.text(s.title)}]({md.slug(s.key)}.md)", md.code(s.key),
             md.code(s.document.path) if s.document else "no file", md.text(s.link)] for s in sources]
    lines = [*md.front_matter("Library sources"), "# Library sources", "",
             *md.table(["Source", "Key", "File", "Linked by"], rows), ""]
    return "\n".join(lines)


NAV_FILE = ".synth-nav.yml"


def navigation(reports: Sequence[Report], sources: Sequence[Source], handwritten: Sequence[str]) -> str:
    """The site's nav, inherited by mkdocs.yml (`INHERIT`), so reports are listed by their titles
    rather than their folder names, and a new question needs no edit of mkdocs.yml."""
    nav: list[Any] = [{"Home": "index.md"}]
    nav.append({"Reports": [{r.title: f"reports/{r.report_id}/index.md"} for r in reports]})
    nav.append({"Sources": ["sources/index.md", *({s.title: source_page_path(s.key)} for s in sources)]})
    nav.extend(handwritten)
    header = "# Written by `synth build`; mkdocs.yml inherits it. Do not edit.\n"
    return header + yaml.safe_dump({"nav": nav}, sort_keys=False, allow_unicode=True, width=1000)


def write_site(writer: OutputWriter, reports: Sequence[Report], libraries: Sequence[Library],
               handwritten: Sequence[str] = ()) -> None:
    """The home page, the source pages and the nav; a key present in several libraries gets the
    first one's page. `handwritten` are the docs pages people keep by hand, listed after them."""
    writer.write("index.md", home_page(reports))
    uses = claim_uses(reports)
    sources: dict[str, Source] = {}
    for library in libraries:
        for source in library.sources:
            sources.setdefault(md.slug(source.key), source)
    ordered = [sources[slug] for slug in sorted(sources)]
    writer.write("sources/index.md", sources_index(ordered))
    for source in ordered:
        writer.write(source_page_path(source.key), source_page(source, reports, uses.get(source.key, [])))
    writer.write(NAV_FILE, navigation(reports, ordered, handwritten))
