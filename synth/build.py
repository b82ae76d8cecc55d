"""The build, as named stages: config → library → index → (retrieve → claims → verify → review)
per question → render → site, then one atomic swap of the output.

Nothing is written until every stage has succeeded: pages are rendered into a staging folder next
to the output and renamed into place, so a bad question file or a crash leaves the previous site
exactly as it was.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from synth import __version__
from synth.analysis import analyse
from synth.claims import author_claims, extract_claims
from synth.config import LoadedQuestion, load_questions
from synth.index import PassageIndex, index_path
from synth.library import load_library
from synth.models import CheckedClaim, Contradiction, Library, Report, Verdict
from synth.plot import scaling_svg
from synth.references import format_references
from synth.render import render_report
from synth.retrieve import screen
from synth.review import ReviewInput, review
from synth.serialize import report_from_json, report_to_json
from synth.site import OutputWriter, source_page_path, write_site
from synth.verify import verify_claims

log = logging.getLogger("synth")
DEFAULT_CACHE = Path(".synth-cache")


@dataclass
class BuildSummary:
    """What a build did, for the closing lines printed to the user."""

    reports: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


@contextmanager
def stage(summary: BuildSummary, name: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    summary.timings[name] = summary.timings.get(name, 0.0) + time.perf_counter() - started


def prepare_library(root: Path, cache_dir: Path = DEFAULT_CACHE) -> tuple[Library, PassageIndex]:
    """Read a library (through the content-hash cache) and open its passage index."""
    library = load_library(root, cache_dir)
    return library, PassageIndex(library, index_path(cache_dir, library))


def find_contradictions(checked: Sequence[CheckedClaim]) -> list[Contradiction]:
    """Claims for which the library holds passages on both sides, with both quotes."""
    found: list[Contradiction] = []
    for item in checked:
        verification = item.verification
        if verification.verdict is Verdict.INSUFFICIENT or not verification.evidence:
            continue
        for counter in verification.counter_evidence:
            first = verification.evidence[0]
            if (counter.doc_id, counter.start) == (first.doc_id, first.start):
                continue
            where = "within one source" if counter.source == first.source else "between sources"
            found.append(Contradiction(item.claim.text, first, counter,
                                       f"passages disagree {where} about: {item.claim.text}"))
            break
    return found


def make_report(loaded: LoadedQuestion, library: Library, index: PassageIndex) -> Report:
    """retrieve → claims → verify → review for one question."""
    question = loaded.question
    screening = screen(question, library, index)
    claims = extract_claims(question, screening, library, index)
    findings = [CheckedClaim(c, v) for c, v in zip(claims, verify_claims([c.text for c in claims], library, index),
                                                  strict=True)]
    authored = author_claims(question)
    checked_authored = [CheckedClaim(c, v) for c, v in
                        zip(authored, verify_claims([c.text for c in authored], library, index), strict=True)]
    contradictions = find_contradictions([*findings, *checked_authored])
    quality = review(ReviewInput(screening, findings, checked_authored, contradictions, library))
    analyses = analyse(question, library)
    cited = sorted({e.source for c in [*findings, *checked_authored] for e in c.verification.evidence}
                   | {c.claim.source for c in findings if c.claim.source}
                   | {s.key for s in screening.screened if s.included}
                   | {c.source for a in analyses for p in a.points for c in p.citations})
    return Report(
        report_id=loaded.report_id,
        title=question.title,
        question=question.question,
        library_root=question.library,
        library_size=len(library.sources),
        screened=screening.screened,
        findings=tuple(findings),
        author_claims=tuple(checked_authored),
        contradictions=tuple(contradictions),
        review=quality,
        answerable=screening.answerable,
        unanswered_terms=screening.unanswered,
        skipped_files=library.skipped,
        bib_problems=library.bib_problems,
        references=format_references([library.source(key) for key in cited]),
        analyses=analyses,
    )


class ReportCache:
    """Finished reports keyed by the hash of the question file, the library state and synth's
    version; an unreadable cache is dropped, never trusted."""

    def __init__(self, cache_dir: Path) -> None:
        self.path = cache_dir / "reports.sqlite"

    def key(self, loaded: LoadedQuestion, library: Library) -> str:
        material = "\0".join([__version__, loaded.report_id, loaded.raw_text, library.root, library.fingerprint])
        return hashlib.sha256(material.encode()).hexdigest()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path)
        db.execute("CREATE TABLE IF NOT EXISTS reports (key TEXT PRIMARY KEY, body BLOB)")
        return db

    def get(self, key: str) -> Report | None:
        try:
            with self._connect() as db:
                row = db.execute("SELECT body FROM reports WHERE key = ?", (key,)).fetchone()
            return pickle.loads(row[0]) if row else None
        except (sqlite3.DatabaseError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            self.path.unlink(missing_ok=True)
            return None

    def put(self, key: str, report: Report) -> None:
        try:
            with self._connect() as db:
                db.execute("INSERT OR REPLACE INTO reports VALUES (?, ?)", (key, pickle.dumps(report)))
        except sqlite3.DatabaseError:
            self.path.unlink(missing_ok=True)


def default_questions(reports_dir: Path = Path("reports")) -> list[Path]:
    return sorted(reports_dir.glob("*.yaml"))


def _swap(staged: Path, target: Path) -> None:
    """Replace `target` (file or folder) by `staged` with renames only."""
    if target.exists():
        old = target.with_name(f".{target.name}.old")
        if old.exists():
            shutil.rmtree(old) if old.is_dir() else old.unlink()
        os.replace(target, old)
        os.replace(staged, target)
        shutil.rmtree(old) if old.is_dir() else old.unlink()
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged, target)


def build(
    question_paths: Sequence[Path],
    out_dir: Path,
    site_dir: Path | None,
    cache_dir: Path = DEFAULT_CACHE,
    library_override: Path | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> BuildSummary:
    """Build report pages (and the site pages when `site_dir` is given); raises ConfigError on bad
    questions before anything is written."""
    summary = BuildSummary()
    full_build = not question_paths
    paths = list(question_paths) or default_questions()
    with stage(summary, "config"):
        questions = load_questions(paths)
    libraries: dict[str, tuple[Library, PassageIndex]] = {}
    with stage(summary, "library+index"):
        for loaded in questions:
            root = library_override or Path(loaded.question.library)
            if str(root) not in libraries:
                progress(f"reading library {root}")
                libraries[str(root)] = prepare_library(root, cache_dir)
                library = libraries[str(root)][0]
                progress(f"library {root}: {len(library.sources)} sources, {len(library.skipped)} skipped files, "
                         f"{len(library.bib_problems)} BibTeX problems")
    cache = ReportCache(cache_dir)
    reports: list[Report] = []
    with stage(summary, "reports"):
        for loaded in questions:
            library, index = libraries[str(library_override or Path(loaded.question.library))]
            key = cache.key(loaded, library)
            report = cache.get(key)
            if report is None:
                progress(f"building report {loaded.report_id}")
                report = make_report(loaded, library, index)
                cache.put(key, report)
                summary.reports.append(loaded.report_id)
            else:
                summary.reused.append(loaded.report_id)
            reports.append(report)
    with stage(summary, "render"):
        _write_outputs(reports, out_dir, site_dir, [lib for lib, _ in libraries.values()], full_build, summary)
    return summary


def _write_outputs(reports: list[Report], out_dir: Path, site_dir: Path | None, libraries: list[Library],
                   full_build: bool, summary: BuildSummary) -> None:
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    built = {r.report_id for r in reports}
    kept: list[Report] = []
    if not full_build and out_dir.is_dir():
        for previous in sorted(out_dir.glob("*/report.json")):
            if previous.parent.name not in built:
                kept.append(report_from_json(previous.read_text(encoding="utf-8")))
    elif out_dir.is_dir():
        summary.removed = sorted(p.name for p in out_dir.iterdir() if p.is_dir() and p.name not in built)
    every_report = sorted([*reports, *kept], key=lambda r: r.report_id)
    link = (lambda key: source_page_path(key)) if site_dir is not None else (lambda key: None)
    with tempfile.TemporaryDirectory(prefix=".synth-staging-", dir=out_dir.parent) as staging_name:
        staging = Path(staging_name)
        reports_stage = staging / "reports"
        writer = OutputWriter(reports_stage)
        for report in every_report:
            writer.write(f"{report.report_id}/index.md", render_report(report, link))
            writer.write(f"{report.report_id}/report.json", report_to_json(report))
            for analysis in report.analyses:
                if analysis.plot and analysis.points:
                    writer.write(f"{report.report_id}/{analysis.plot}", scaling_svg(analysis))
        if site_dir is not None:
            site_stage = staging / "site"
            handwritten = sorted(p.name for p in site_dir.glob("*.md") if p.name != "index.md")
            write_site(OutputWriter(site_stage), every_report, libraries, handwritten)
        _swap(reports_stage, out_dir)
        if site_dir is not None:
            for item in sorted((staging / "site").iterdir()):
                _swap(item, site_dir / item.name)
