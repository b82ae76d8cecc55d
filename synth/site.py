"""The site pages around the reports: home, the reports index, the sources index, one page per
library source, and the nav.

Pages are markdown from templates (synth/templates/, escaped by default) written through one
`OutputWriter`, which refuses to write a path twice (two sources or reports claiming the same page
is a bug, not something to overwrite silently).

The nav lists every report under a "Reports" section whose own page is `reports/index.md` (with
`navigation.indexes` a section's first `index.md` becomes the section link, which used to hide the
first report), and only the index of the sources: a library of hundreds of sources stays one link in
every page's sidebar, each source reached from the index, from the reports and from search.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml

from synth import markdown as md
from synth.models import Document, Evidence, Library, Report, Source, Table, Verdict
from synth.models.library import place
from synth.paths import passage_anchor, source_page_path
from synth.references import author_names, format_references, metadata_byline, metadata_year, reference_links
from synth.render import claims_in_page_order
from synth.settings import Settings
from synth.templating import md_safe, render

FILES_DIR = "files"
NAV_FILE = ".synth-nav.yml"
CONTEXT_CHARS = 600
MAX_TABLE_ROWS = 40


class DuplicateOutput(Exception):
    """Two pieces of the build wanted to write the same file."""


@dataclass
class OutputWriter:
    """Writes files under `root`, once each; bytes are UTF-8 with LF line ends."""

    root: Path
    written: set[str] = field(default_factory=set)

    def write(self, relative: str, content: str | bytes) -> Path:
        parts = Path(relative).parts
        if not parts or Path(relative).is_absolute() or ".." in parts:
            raise ValueError(f"{relative!r} is not a path inside the output folder")
        if relative in self.written:
            raise DuplicateOutput(f"{relative} would be written twice")
        self.written.add(relative)
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        target.write_bytes(data)
        return target


def answer_status(report: Report) -> str:
    """The report's answer status: `report.answer.status` when the answer stage gave one."""
    answer = getattr(report, "answer", None)
    status = getattr(answer, "status", None)
    if status:
        shown = str(getattr(status, "value", status)).replace("_", " ")
        terms = ", ".join(getattr(report, "unanswered_terms", ()))
        return shown + (f": no source mentions {terms}" if shown == "not answerable" and terms else "")
    if report.answerable:
        return "answered"
    terms = ", ".join(report.unanswered_terms)
    return "not answerable" + (f": no source mentions {terms}" if terms else " from the library")


def _counts(report: Report) -> str:
    every = [*report.findings, *report.author_claims]
    supported = sum(c.verification.verdict is Verdict.SUPPORTED for c in every)
    contradicted = sum(c.verification.verdict is Verdict.CONTRADICTED for c in every)
    insufficient = sum(c.verification.verdict is Verdict.INSUFFICIENT for c in every)
    return f"{supported} / {contradicted} / {insufficient}"


def _tags(report: Report) -> str:
    return ", ".join(report.tags)


def edit_link(report: Report) -> str | None:
    """A markdown link to edit the report's question file on the forge (`report.question_url`, set
    when mkdocs.yml names the repository: `repo_url`, from REPO_URL in CI)."""
    url = report.question_url
    if not url or not url.startswith(("http://", "https://")):
        return None
    name = Path(report.question_file or f"{report.report_id}.yaml").name
    return f"[{md.text(name)}]({url.replace(' ', '%20').replace('(', '%28').replace(')', '%29')})"


def home_page(reports: Sequence[Report], settings: Settings, about: bool = True) -> str:
    """The home page; `about`: the project keeps docs/about.md (linked at the bottom)."""
    header = ["Report", "Answer", "Tags", "Quality /10", "Supported / contradicted / insufficient"]
    rows = [[md_safe(f"[{md.text(r.title)}](reports/{r.report_id}/index.md)"), answer_status(r), _tags(r),
             f"{r.review.overall:.1f}", _counts(r)] for r in reports]
    if any(r.question_url for r in reports):
        header.append("Question file")
        for row, report in zip(rows, reports, strict=True):
            link = edit_link(report)
            row.append(md_safe(link) if link else "")
    by_tag: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        for tag in report.tags:
            by_tag[tag].append(report)
    tags = [(tag, md_safe(", ".join(f"[{md.text(r.title)}](reports/{r.report_id}/index.md)" for r in group)))
            for tag, group in sorted(by_tag.items())]
    return render("home.md.j2", header=header, rows=rows, tags=tags, sources_link=md_safe("sources/index.md"),
                  about=about)


def reports_index(reports: Sequence[Report]) -> str:
    """`reports/index.md`: the Reports section's own page (written into the reports folder)."""
    rows = [[md_safe(f"[{md.text(r.title)}]({r.report_id}/index.md)"), r.question, answer_status(r), _tags(r)]
            for r in reports]
    return render("reports_index.md.j2", rows=rows)


@dataclass(frozen=True)
class Span:
    """A stretch of a source that a report quotes or reads a value from."""

    doc_id: str
    start: int
    end: int
    page: int | None
    section: str | None
    caption: str | None
    last_page: int | None = None


@dataclass
class SpanUses:
    """A cited span, what each report uses it for, and for a table the cells quoted from it (row index →
    the cells' text), so the source page marks them."""

    span: Span
    uses: list[str] = field(default_factory=list)
    cells: dict[int, set[str]] = field(default_factory=dict)


def _report_link(report: Report, anchor: str = "") -> str:
    return f"[{md.text(report.title)}](../reports/{report.report_id}/index.md{anchor})"


def cited_spans(reports: Sequence[Report]) -> dict[str, dict[tuple[str, int, int], SpanUses]]:
    """For each source key, every span the reports quote from it, with what each quote is used for."""
    found: dict[str, dict[tuple[str, int, int], SpanUses]] = defaultdict(dict)

    def add(key: str, span: Span, use: str, evidence: Evidence | None = None) -> None:
        entry = found[key].setdefault((span.doc_id, span.start, span.end), SpanUses(span))
        if use not in entry.uses:
            entry.uses.append(use)
        quoted = evidence.table_row if evidence is not None else None
        if quoted is not None:
            entry.cells.setdefault(quoted.row, set()).update(quoted.cells[i] for i in quoted.marked)

    def evidence_span(e: Evidence) -> Span:
        return Span(e.doc_id, e.start, e.end, e.page, e.section, e.table_caption, e.last_page)

    for report in reports:
        answer = report.answer
        for number, cell in enumerate(answer.cells if answer else (), start=1):
            link = _report_link(report, f"#cell-{number}")
            what = f"{md.text(cell.subject)} — {md.text(cell.attribute)}: {md.text(cell.value)}"
            for evidence in cell.evidence:
                add(evidence.source, evidence_span(evidence), f"{link}, answer cell {number} ({what})", evidence)
            for other in cell.disagreements:
                add(other.evidence.source, evidence_span(other.evidence),
                    f"{link}, answer cell {number} (another value: {md.text(other.value)})", other.evidence)
        for mechanism in answer.mechanisms if answer else ():
            for evidence in mechanism.sentences:
                add(evidence.source, evidence_span(evidence),
                    f"{_report_link(report)}: how {md.text(mechanism.subject)} does it")
        for number, checked in enumerate(claims_in_page_order(report), start=1):
            verdict = checked.verification.verdict
            link = _report_link(report, f"#claim-{number}")
            for evidence in checked.verification.evidence:
                role = "closest passage, does not settle" if verdict is Verdict.INSUFFICIENT else verdict.value
                add(evidence.source, evidence_span(evidence), f"{link}, claim {number} ({role})", evidence)
            for evidence in checked.verification.counter_evidence:
                add(evidence.source, evidence_span(evidence), f"{link}, claim {number} (points the other way)",
                    evidence)
        for conflict in report.contradictions:
            for evidence in (conflict.first, conflict.second):
                add(evidence.source, evidence_span(evidence), f"{_report_link(report)}: passages that disagree")
        for analysis in report.analyses:
            for point in analysis.points:
                for citation in point.citations:
                    span = Span(citation.doc_id, citation.start, citation.end, citation.page, citation.section,
                                citation.caption)
                    add(citation.source, span, f"{_report_link(report)}: {md.text(analysis.metric)} series, "
                                               f"{md.text(point.entity)} = {md.text(citation.raw)}")
    return found


def _marked(document: Document, start: int, end: int) -> str:
    """The passage(s) around a quote, escaped, with the quoted words marked."""
    around = [p for p in document.passages if p.start < end and p.end > start]
    left = min([p.start for p in around] + [start])
    right = max([p.end for p in around] + [end])
    left, right = max(left, start - CONTEXT_CHARS), min(right, end + CONTEXT_CHARS)
    before, quoted, after = document.text[left:start], document.text[start:end], document.text[end:right]
    lead = "… " if left > 0 and before and not before[:1].isupper() else ""
    tail = " …" if right < len(document.text) and after.strip() else ""
    parts = [lead + md.text(before), f"<mark>{md.text(quoted)}</mark>", md.text(after) + tail]
    return "> " + " ".join(part for part in parts if part.strip())


def _table_block(document: Document, span: Span, quoted: dict[int, set[str]] | None = None) -> str | None:
    """A quoted table span as a table: caption, header and the quoted rows (all rows, up to a limit,
    when the whole table is cited), the quoted row marked, or the cells `quoted` names (row → cell
    text) when the reports say which."""
    def overlap(t: Table) -> int:
        return min(t.end, span.end) - max(t.start, span.start)

    # A span mostly inside a table (a row, or a table flattened into text by the reader) is shown
    # as the table it quotes.
    table = max(document.tables, key=overlap, default=None)
    if table is None or not table.header or overlap(table) * 2 < span.end - span.start:
        return None
    text = document.text[span.start:span.end]
    whole = overlap(table) >= (table.end - table.start) * 0.8
    rows = []
    cited = quoted or {}
    for number, row in enumerate(table.rows):
        cells = [c for c in row if c.strip()]
        if number in cited:
            rows.append([f"<mark>{md.text(c)}</mark>" if c.strip() and c.strip() in cited[number] else md.text(c)
                         for c in row])
            continue
        hit = not whole and bool(cells) and all(c in text for c in cells)
        if whole or hit:
            rows.append([f"<mark>{md.text(c)}</mark>" if hit and c.strip() else md.text(c) for c in row])
    if not rows:
        return None
    shown = rows[:MAX_TABLE_ROWS]
    width = len(table.header)
    lines = [f"*{md.text(table.caption)}*", ""] if table.caption else []
    lines += md.table([md.text(h) for h in table.header],
                      [(r + [""] * width)[:width] for r in shown])
    if len(rows) > len(shown):
        lines += ["", f"*… and {len(rows) - len(shown)} more rows.*"]
    return "\n".join(lines)


def _span_heading(span: Span) -> str:
    where = place(span.page, span.section, span.last_page)
    if span.caption:
        label = span.caption.split(":")[0].split(".")[0].strip()
        if 0 < len(label) <= 20:
            where += f" · {label}"
    return where


def published_path(document: Document) -> str:
    """Where a library file is copied in the site (with `publish_library_files`), under files/."""
    path = Path(document.path)
    relative = path.as_posix() if not path.is_absolute() else f"{md.slug(path.parent.as_posix())}/{path.name}"
    return f"{FILES_DIR}/{relative}"


def pdf_pages(libraries: Sequence[Library], settings: Settings) -> Callable[[str, int], str | None] | None:
    """Where a report page links a cited page of a source's PDF (`publish_library_files`): the published
    file at `#page=N`, relative to docs/; None when library files are not published."""
    if not settings.synth.publish_library_files:
        return None
    published: dict[str, str] = {}
    for library in libraries:
        for source in library.sources:
            if source.document is not None and source.document.format == "pdf":
                published.setdefault(source.key, quote(published_path(source.document)))
    return lambda key, page: f"{published[key]}#page={page}" if key in published else None


def _pdf_link(document: Document, span: Span, settings: Settings) -> str | None:
    if not settings.synth.publish_library_files or document.format != "pdf" or span.page is None:
        return None
    return f"[Open the PDF at page {span.page}](../{quote(published_path(document))}#page={span.page})"


def _fenced(text: str, spaces: int = 4) -> str:
    """A fenced code block, indented under an admonition, whose fence no line of `text` can close."""
    longest = run = 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    fence = "`" * max(3, longest + 1)
    body = [fence + "bibtex", *text.rstrip("\n").split("\n"), fence]
    return "\n".join(" " * spaces + line if line else "" for line in body)


def source_page(source: Source, reports: Sequence[Report], spans: dict[tuple[str, int, int], SpanUses],
                settings: Settings) -> str:
    [reference] = format_references([source], settings.style_path())
    document = source.document
    blocks = []
    for uses in sorted(spans.values(), key=lambda u: (u.span.start, u.span.end)):
        span = uses.span
        if document is None or span.doc_id != document.doc_id:
            continue
        body = _table_block(document, span, uses.cells) or _marked(document, span.start, span.end)
        blocks.append({"heading": _span_heading(span), "anchor": passage_anchor(span.start, span.end),
                       "body": md_safe(body), "uses": [md_safe(u) for u in uses.uses],
                       "pdf_link": md_safe(link) if (link := _pdf_link(document, span, settings)) else None})
    about = [["Citation key", md_safe(md.code(source.key))], ["Linked by", source.link]]
    if document is not None:
        about += [["File", md_safe(md.code(document.path))], ["Format", document.format],
                  ["Text extracted with", document.extractor], ["Passages", str(len(document.passages))],
                  ["Tables", str(len(document.tables))]]
        if document.page_count is not None:
            about.append(["Pages", str(document.page_count)])
        if settings.synth.publish_library_files and document.format == "pdf":
            about.append(["Published file", md_safe(f"[{md.text(Path(document.path).name)}]"
                                                    f"(../{quote(published_path(document))})")])
    citing = [r for r in reports if any(source.key == s.key and s.included for s in r.screened)
              or any(source.key == ref.key for ref in r.references)]
    entry = source.entry
    year = (entry.get("year") or "") if entry else str(metadata_year(source) or "")
    metadata_names = metadata_byline(document.meta("author")) if document else ""  # "{DeepSeek-AI}": one name
    names = author_names(entry) or metadata_names
    byline = " · ".join(part for part in (names, year) if part)
    return render("source.md.j2", source=source, byline=byline, reference=reference.text,
        links=md_safe(" · ".join(reference_links(reference))), citing=citing, spans=blocks, about=about,
        bibtex=md_safe(_fenced(reference.bibtex)) if reference.bibtex else None)


def sources_index(sources: Sequence[Source], cited_by: dict[str, int]) -> str:
    rows = []
    for s in sources:
        names = author_names(s.entry, limit=1) if s.entry else ""
        year = (s.entry.get("year") or "") if s.entry else ""
        rows.append([md_safe(f"[{md.text(s.title)}]({md.slug(s.key)}.md)"), names, year,
                     str(cited_by.get(s.key, 0)), md_safe(md.code(s.document.path)) if s.document else "no file"])
    return render("sources_index.md.j2", rows=rows, count=len(sources),
                  cited=sum(1 for s in sources if cited_by.get(s.key)))


def navigation(reports: Sequence[Report], handwritten: Sequence[str]) -> str:
    """The site's nav, inherited by mkdocs.yml (`INHERIT`), so reports are listed by their titles
    rather than their folder names, and a new question needs no edit of mkdocs.yml."""
    nav: list[Any] = [{"Home": "index.md"}]
    nav.append({"Reports": ["reports/index.md",
                            *({md.nav_title(r.title): f"reports/{r.report_id}/index.md"} for r in reports)]})
    nav.append({"Sources": "sources/index.md"})
    nav.extend(handwritten)
    header = "# Written by `synth build`; mkdocs.yml inherits it. Do not edit.\n"
    return header + yaml.safe_dump({"nav": nav}, sort_keys=False, allow_unicode=True, width=1000)


def write_site(writer: OutputWriter, reports: Sequence[Report], libraries: Sequence[Library],
               settings: Settings, handwritten: Sequence[str] = ()) -> None:
    """The home page, the source pages and the nav; a key present in several libraries gets the
    first one's page. `handwritten` are the docs pages people keep by hand, listed after them.
    With `publish_library_files`, the libraries' PDFs are copied under files/ for page links."""
    writer.write("index.md", home_page(reports, settings, about="about.md" in handwritten))
    spans = cited_spans(reports)
    sources: dict[str, Source] = {}
    for library in libraries:
        for source in library.sources:
            sources.setdefault(md.slug(source.key), source)
    ordered = [sources[slug] for slug in sorted(sources)]
    cited_by = {s.key: sum(1 for r in reports if any(ref.key == s.key for ref in r.references)) for s in ordered}
    writer.write("sources/index.md", sources_index(sorted(ordered, key=lambda s: s.title.lower()), cited_by))
    for source in ordered:
        writer.write(source_page_path(source.key), source_page(source, reports, spans.get(source.key, {}), settings))
        document = source.document
        if settings.synth.publish_library_files and document is not None and document.format == "pdf":
            path = settings.root / document.path
            if path.is_file():
                writer.write(published_path(document), path.read_bytes())
    writer.write(NAV_FILE, navigation(reports, handwritten))
