"""The build, as named stages: config → library → index → (retrieve → claims → verify → review)
per question → render → site, then one switch of the output (synth.publish).

Nothing is written until every stage has succeeded: the destinations are checked first (never
anything synth does not own), pages are rendered into a fresh tree and published in one step, so
a bad question file, a crash or a kill leaves the previous site exactly as it was. A build holds
the project's build lock: two builds at once run one after the other.

Cost follows what changed: documents come from the content-hash cache (only new or changed files
are read), the passage index is updated in place, and each report is reused while the hash of its
question file, synth's code (synth.stamp.code_digest), its plan and the documents it is anchored to
(synth.anchor: those that mention its subjects or attributes) are unchanged. A report reads only
its anchored documents, with ranking statistics over them alone, so a source added elsewhere in
the library cannot change it.
Pages are rendered from the reports every time (milliseconds; the cache holds data, never page
text), but plots are cached by the analysis they draw, so an unchanged report imports no
matplotlib. `synth build` skips all of this when nothing changed at all (synth.stamp).
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from synth import publish
from synth.analysis import analyse, trend_series
from synth.anchor import Anchor, AnchoredIndexes, anchor, anchored_library, with_library_figures
from synth.answer import build_answer
from synth.answer.text import answer_text
from synth.claims import author_claims, extract_claims
from synth.cluster import connect, scheduler_address, threads
from synth.config import LoadedQuestion, load_questions
from synth.index import PassageIndex, index_path
from synth.library import LoadStats, load_library
from synth.models import CheckedClaim, Contradiction, Corroboration, Library, Plan, Relation, Report, Verdict
from synth.paths import source_page_path
from synth.plan import make_plan
from synth.progress import Progress, StepTimer, plural, summarise_skipped, summarise_warnings
from synth.publish import build_lock, check_destinations
from synth.references import DEFAULT_STYLE, bibtex_file, csl_json, format_references
from synth.render import render_report
from synth.retrieve import screen
from synth.retrieve.asks import retrieve_asks
from synth.review import ReviewInput, review
from synth.serialize import from_data, report_from_json, report_to_json, to_data
from synth.settings import Settings, load_settings
from synth.site import OutputWriter, pdf_pages, reports_index, write_site
from synth.stamp import code_digest, library_signature
from synth.store import Store
from synth.svg import is_plain_svg
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
    # per library folder: what loading it did, and its stat signature taken before reading it
    libraries: dict[str, LoadStats] = field(default_factory=dict)
    signatures: dict[str, dict[str, object]] = field(default_factory=dict)
    pages_rendered: int = 0
    plots_drawn: int = 0
    plots_reused: int = 0


@contextmanager
def stage(summary: BuildSummary, name: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    summary.timings[name] = summary.timings.get(name, 0.0) + time.perf_counter() - started


def prepare_library(root: Path, cache_dir: Path = DEFAULT_CACHE,
                    jobs: int | None = None) -> tuple[Library, PassageIndex]:
    """Read a library (through the content-hash cache) and open its passage index."""
    with build_lock(cache_dir):
        library = load_library(root, cache_dir, jobs=jobs)
        return library, PassageIndex(library, index_path(cache_dir, library))


def find_contradictions(checked: Sequence[CheckedClaim]) -> list[Contradiction]:
    """Passages that disagree about a claim, with both quotes: a finding another source disputes
    (a disagreement between sources, whatever the finding's own verdict), and passages that point
    the other way on the same atom of a claim (same subject, attribute and setting)."""
    found: list[Contradiction] = []
    for item in checked:
        verification = item.verification
        check = verification.corroboration
        if check is not None and check.status is Corroboration.DISPUTED and check.evidence:
            own = next((e for e in verification.evidence if e.source == item.claim.source), None)
            if own is not None:
                found.append(Contradiction(item.claim.text, own, check.evidence[0],
                                           f"sources disagree about: {item.claim.text} ({check.note})"))
                continue
        if verification.verdict is Verdict.INSUFFICIENT or not verification.evidence:
            continue
        first = verification.evidence[0]
        for counter in verification.counter_evidence:
            if (counter.doc_id, counter.start, counter.quote) == (first.doc_id, first.start, first.quote):
                continue
            where = "within one source" if counter.source == first.source else "between sources"
            found.append(Contradiction(item.claim.text, first, counter,
                                       f"passages disagree {where} about: {item.claim.text}"))
            break
    return found


def _no_step(name: str) -> None:
    return None


def make_report(loaded: LoadedQuestion, library: Library, index: PassageIndex, style: str = DEFAULT_STYLE,
                step: Callable[[str], None] = _no_step, settings: Settings | None = None,
                plan: Plan | None = None) -> Report:
    """plan → retrieve per ask → screen → answer (cells verified) → findings → verify → review for one
    question; `step(name)` is told each sub-step. A `plan` read beforehand (on the whole library,
    synth.anchor) is used as it is."""
    question = loaded.question
    step("plan")
    plan = make_plan(question, library) if plan is None else plan
    step("retrieve")
    asks = retrieve_asks(plan, library, index) if plan.subjects and plan.attributes else ()
    screening = screen(question, library, index, plan, asks)
    step("answer")
    answer = build_answer(plan, asks, library, index)
    step("analysis")
    if question.analysis:
        analyses = analyse(question, library)
    elif plan.relation is Relation.TREND:
        analyses = trend_series(plan, answer)
    else:
        analyses = ()
    if analyses:
        answer = replace(answer, text=answer_text(answer, plan, " ".join(a.answer for a in analyses)))
    step("claims")
    claims = extract_claims(question, screening, library, index, plan, answer)
    step(f"verify {plural(len(claims), 'claim')}")
    verified = verify_claims([c.text for c in claims], library, index, origins=[c.source for c in claims])
    findings = [CheckedClaim(c, v) for c, v in zip(claims, verified, strict=True)]
    authored = author_claims(question)
    checked_authored = [CheckedClaim(c, v) for c, v in
                        zip(authored, verify_claims([c.text for c in authored], library, index), strict=True)]
    step("review")
    contradictions = find_contradictions([*findings, *checked_authored])
    quality = review(ReviewInput(screening, findings, checked_authored, contradictions, library, plan, answer))
    step("references")
    cited = sorted({e.source for c in [*findings, *checked_authored] for e in c.verification.evidence}
                   | {c.claim.source for c in findings if c.claim.source}
                   | {s.key for s in screening.screened if s.included}
                   | {e.source for c in answer.cells for e in (*c.evidence, *(d.evidence for d in c.disagreements))}
                   | {e.source for m in answer.mechanisms for e in m.sentences}
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
        references=format_references([library.source(key) for key in cited], style),
        analyses=analyses,
        tags=tuple(question.tags),
        question_file=loaded.path.as_posix(),
        question_url=(settings.edit_url(loaded.path.as_posix()) or "") if settings else "",
        plan=plan,
        answer=answer,
    )


class ReportCache:
    """Finished reports, and their plots, keyed by the hash of the question file, what the report
    read of its library (synth.anchor) and synth's code, in a Store (JSON checked on read, never
    pickles). Each build opens the store once; entries no build used among the last KEEP_BUILDS
    are deleted, so a CI cache does not grow with every PR while switching between a few branches
    stays warm."""

    SCHEMA = 5
    KEEP_BUILDS = 20

    def __init__(self, cache_dir: Path) -> None:
        self.store = Store(cache_dir / "reports.sqlite", self.SCHEMA, ("reports", "plots"))
        self.hits = 0
        self.misses = 0

    def key(self, loaded: LoadedQuestion, found: Anchor, settings: str = "") -> str:
        material = "\0".join([code_digest(), loaded.report_id, loaded.raw_text, found.digest,
                              loaded.path.as_posix(), settings])
        return hashlib.sha256(material.encode()).hexdigest()

    def get(self, key: str) -> Report | None:
        report = self.store.get("reports", key, lambda data: from_data(Report, data))
        if report is None:
            self.misses += 1
        else:
            self.hits += 1
        return report

    def put(self, key: str, report: Report) -> None:
        self.store.put("reports", key, to_data(report, exact=True))

    def get_plot(self, key: str) -> str | None:
        return self.store.get("plots", key, lambda data: from_data(str, data))

    def put_plot(self, key: str, svg: str) -> None:
        self.store.put("plots", key, svg)

    def prune(self) -> None:
        """Forget what none of the last KEEP_BUILDS builds used."""
        for table in ("reports", "plots"):
            self.store.prune(table, keep_generations=self.KEEP_BUILDS)

    def close(self) -> None:
        self.store.close()


def default_questions(reports_dir: Path = Path("reports")) -> list[Path]:
    """Every `reports/*.yaml` but hidden ones (editor lock and backup files)."""
    return sorted(p for p in reports_dir.glob("*.yaml") if not p.name.startswith("."))


def build(
    question_paths: Sequence[Path],
    out_dir: Path,
    site_dir: Path | None,
    cache_dir: Path = DEFAULT_CACHE,
    library_override: Path | None = None,
    progress: Progress | None = None,
    jobs: int | None = None,
    settings: Settings | None = None,
    library_roots: Sequence[Path] = (),
    scheduler: str | None = None,
) -> BuildSummary:
    """Build report pages (and the site pages when `site_dir` is given); raises ConfigError on bad
    questions before anything is written. Summary lines go to the "synth" logger as stages end.
    `settings` default to those of the project around the current folder (synth.settings). With a
    Dask `scheduler` (or SYNTH_DASK_SCHEDULER) new files are read and reports built on its workers."""
    summary = BuildSummary()
    settings = settings or load_settings()
    progress = progress or Progress(live=False)
    full_build = not question_paths
    paths = list(question_paths) or default_questions()
    with stage(summary, "config"):
        # Each question's library must stay inside the project (or an allowed root), unless the
        # command line names the library for all of them.
        questions = load_questions(paths, root=None if library_override else Path.cwd(), library_roots=library_roots)
    check_destinations(out_dir, site_dir, Path.cwd(), _protected(questions, library_override, cache_dir),
                       [(q.path.parent, "the question files") for q in questions])
    with build_lock(cache_dir):
        address = scheduler_address(scheduler)
        with connect(address) if address else nullcontext() as client:
            if client is not None:
                log.info("Dask scheduler %s: %d worker thread(s)", address, threads(client))
            return _build(questions, out_dir, site_dir, cache_dir, library_override, progress, jobs, settings,
                          full_build, summary, client)


def _protected(questions: Sequence[LoadedQuestion], library_override: Path | None,
               cache_dir: Path) -> list[tuple[Path, str]]:
    """What output must never replace nor go inside: reports/, the libraries, the cache."""
    protected = [(Path("reports"), "the question files"), (cache_dir, "synth's cache")]
    libraries = {library_override} if library_override else {Path(q.question.library) for q in questions}
    protected += [(library, "a library") for library in sorted(libraries)]
    return protected


def _build(questions: Sequence[LoadedQuestion], out_dir: Path, site_dir: Path | None, cache_dir: Path,
           library_override: Path | None, progress: Progress, jobs: int | None, settings: Settings,
           full_build: bool, summary: BuildSummary, client: Any = None) -> BuildSummary:
    """The stages after config, under the build lock (with a Dask `client`: on its workers)."""
    libraries: dict[str, tuple[Library, PassageIndex]] = {}
    for loaded in questions:
        root = library_override or Path(loaded.question.library)
        if str(root) not in libraries:
            libraries[str(root)] = _prepare(root, cache_dir, jobs, summary, progress, client)
    cache = ReportCache(cache_dir)
    with stage(summary, "reports"), progress.stage("reports", total=len(questions)) as task:
        built: dict[str, Report] = {}
        keys: dict[str, str] = {}
        todo: list[Planned] = []
        for loaded in questions:
            library, index = libraries[str(library_override or Path(loaded.question.library))]
            plan = make_plan(loaded.question, library)
            found = anchor(loaded.question, plan, library, index)
            keys[loaded.report_id] = cache.key(loaded, found, settings.digest())
            report = cache.get(keys[loaded.report_id])
            if report is None:
                todo.append(Planned(loaded, plan, found))
            else:
                built[loaded.report_id] = with_library_figures(report, library)
                summary.reused.append(loaded.report_id)
                task.advance()
        for loaded, report in _make_reports(todo, libraries, library_override, settings, task, client):
            cache.put(keys[loaded.report_id], report)
            summary.reports.append(loaded.report_id)
            built[loaded.report_id] = report
            task.advance()
        reports = [built[loaded.report_id] for loaded in questions]
    names = f" ({', '.join(summary.reports)})" if 0 < len(summary.reports) <= 5 else ""
    log.info("reports: %d built%s, %d reused from cache (%.2f s)", len(summary.reports), names,
             len(summary.reused), summary.timings["reports"])
    with stage(summary, "render"):
        _write_outputs(reports, out_dir, site_dir, [lib for lib, _ in libraries.values()], full_build, summary,
                       cache, settings)
    cache.prune()
    cache.close()
    for _, index in libraries.values():
        index.close()
    log.info("render: %s, %s drawn, %d from cache (%.2f s)", plural(summary.pages_rendered, "report page set"),
             plural(summary.plots_drawn, "plot"), summary.plots_reused, summary.timings["render"])
    return summary


@dataclass(frozen=True)
class Planned:
    """A question to build: its plan read on the whole library, and the documents it anchors to."""

    loaded: LoadedQuestion
    plan: Plan
    found: Anchor


def _make_reports(todo: list[Planned], libraries: dict[str, tuple[Library, PassageIndex]],
                  library_override: Path | None, settings: Settings, task: Any,
                  client: Any) -> Iterator[tuple[LoadedQuestion, Report]]:
    """Each question's report, built here one by one on its anchored library, or on the cluster's
    workers (in any order)."""
    def library_of(loaded: LoadedQuestion) -> tuple[Library, PassageIndex]:
        return libraries[str(library_override or Path(loaded.question.library))]

    if client is None or not todo:
        indexes = AnchoredIndexes()
        for item in todo:
            loaded = item.loaded
            log.debug("building report %s", loaded.report_id)
            steps = StepTimer(task, f"reports: {loaded.report_id}")
            library, index = library_of(loaded)
            anchored, within = indexes.open(library, item.found, index)
            report = make_report(loaded, anchored, within, settings.style_path(), step=steps,
                                 settings=settings, plan=item.plan)
            log.info("report %s: %s", loaded.report_id, steps.summary())
            yield loaded, with_library_figures(report, library)
        indexes.close()
        return
    from synth.cluster import run_all

    # Workers cannot read this machine's document store: they are sent the documents themselves.
    scattered: dict[str, Any] = {}
    arguments = []
    for item in todo:
        anchored = anchored_library(library_of(item.loaded)[0], item.found)
        key = f"{anchored.root}\0{anchored.fingerprint}"
        if key not in scattered:
            scattered[key] = client.scatter(anchored.held())
        arguments.append((item.loaded, scattered[key], settings, item.plan))
    for position, report in run_all(client, report_on_worker, arguments):
        log.info("report %s: built on the cluster", todo[position].loaded.report_id)
        yield todo[position].loaded, with_library_figures(report, library_of(todo[position].loaded)[0])


_WORKER = threading.local()


def report_on_worker(loaded: LoadedQuestion, library: Library, settings: Settings, plan: Plan | None = None) -> Report:
    """make_report on a Dask worker: the passage index is built there, in memory, once per library
    and worker thread (an SQLite connection belongs to its thread); it ranks as the cached one does."""
    indexes: dict[str, PassageIndex] = getattr(_WORKER, "indexes", {})
    _WORKER.indexes = indexes
    key = f"{library.root}\0{library.fingerprint}"
    if key not in indexes:
        for old in indexes.values():
            old.close()
        indexes.clear()
        indexes[key] = PassageIndex(library, None)
    return make_report(loaded, library, indexes[key], settings.style_path(), settings=settings, plan=plan)


def _prepare(root: Path, cache_dir: Path, jobs: int | None, summary: BuildSummary,
             progress: Progress, client: Any = None) -> tuple[Library, PassageIndex]:
    """The library stage and the index stage for one library folder, with their summary lines."""
    summary.signatures[root.as_posix()] = library_signature(root)
    stats = LoadStats()
    started = time.perf_counter()
    with stage(summary, "library"), progress.stage(f"reading {root}") as task:
        library = load_library(root, cache_dir, jobs=jobs, stats=stats, on_start=task.total,
                               on_file=lambda path, status: task.advance(), client=client)
    summary.libraries[root.as_posix()] = stats
    workers = f" by {stats.workers} {'Dask workers' if client else 'processes'}" if stats.workers else ""
    log.info("library %s: %s: %d read (%s in %.2f s%s), %d from cache, %d skipped; %s, %s (%.2f s)",
             root, plural(stats.files, "file"), stats.read, plural(stats.pages_read, "page"),
             stats.seconds.get("extract", 0.0), workers, stats.cached, len(stats.skipped),
             plural(len(library.sources), "source"), plural(len(library.bib_problems), "BibTeX problem"),
             time.perf_counter() - started)
    summarise_skipped([(s.path, s.reason) for s in stats.skipped])
    summarise_warnings(stats.warnings)
    started = time.perf_counter()
    with stage(summary, "index"):
        index = PassageIndex(library, index_path(cache_dir, library))
    changes = index.changes
    log.info("index %s: %d documents added or changed, %d removed, %d unchanged (%.2f s)", root,
             changes.added, changes.removed, changes.kept, time.perf_counter() - started)
    return library, index


def _report_pages(report: Report, link: Callable[[str], str | None], cache: ReportCache | None,
                  summary: BuildSummary, pdf: Callable[[str, int], str | None] | None = None) -> dict[str, str]:
    """The files of one report's folder, by name, rendered from the (checked) Report every time: the
    cache holds data, never page text. A plot is cached by the analysis it draws, so editing a
    question's wording does not import matplotlib (0.3-0.6 s) to redraw the same figure; a cached
    plot is published only when it is a plain drawing (synth.svg)."""
    pages = {"index.md": render_report(report, link, pdf), "report.json": report_to_json(report),
             "references.bib": bibtex_file(report.references), "references.json": csl_json(report.references)}
    summary.pages_rendered += 1
    for analysis in report.analyses:
        if analysis.plot and analysis.points:
            key = "svg:" + hashlib.sha256(f"{code_digest()}\0{analysis!r}".encode()).hexdigest()
            svg = cache.get_plot(key) if cache else None
            if svg is None or not is_plain_svg(svg):
                from synth.plot import scaling_svg

                svg = scaling_svg(analysis)
                summary.plots_drawn += 1
                if cache:
                    cache.put_plot(key, svg)
            else:
                summary.plots_reused += 1
            pages[analysis.plot] = svg
    return pages


def _write_outputs(reports: list[Report], out_dir: Path, site_dir: Path | None, libraries: list[Library],
                   full_build: bool, summary: BuildSummary, cache: ReportCache | None = None,
                   settings: Settings | None = None) -> None:
    """Render every page into a fresh tree, then publish it in one step (synth.publish)."""
    settings = settings or load_settings()
    publish.sweep(site_dir, out_dir)
    built = {r.report_id for r in reports}
    kept: list[Report] = []
    if not full_build and out_dir.is_dir():
        for previous in sorted(out_dir.glob("*/report.json")):
            if previous.parent.name not in built:
                try:
                    kept.append(report_from_json(previous.read_text(encoding="utf-8")))
                except (OSError, ValueError) as exc:
                    log.warning("%s could not be read back (%s): that report is dropped until it is built again",
                                previous, exc)
    elif out_dir.is_dir():
        summary.removed = sorted(p.name for p in out_dir.iterdir() if p.is_dir() and p.name not in built)
    every_report = sorted([*reports, *kept], key=lambda r: r.report_id)
    link = (lambda key: source_page_path(key)) if site_dir is not None else (lambda key: None)
    pdf = pdf_pages(libraries, settings) if site_dir is not None else None
    staging = publish.staging_folder(site_dir, out_dir)
    try:
        reports_stage = staging / "reports" if site_dir is not None else staging
        writer = OutputWriter(reports_stage)
        for report in every_report:
            for name, content in _report_pages(report, link, cache, summary, pdf).items():
                writer.write(f"{report.report_id}/{name}", content)
        if site_dir is not None:
            writer.write("index.md", reports_index(every_report))
            handwritten = sorted(p.name for p in site_dir.glob("*.md") if p.name != "index.md" and not p.is_symlink())
            write_site(OutputWriter(staging), every_report, libraries, settings, handwritten)
        publish.checkpoint("staged")
        if site_dir is not None:
            publish.publish_site(staging, site_dir)
        else:
            publish.publish_folder(staging, out_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
