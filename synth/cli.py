"""The `synth` command: build, check, schema, verify, diff, serve.

Every command runs in the project root, the folder holding mkdocs.yml found by walking up from the
current folder (like git), so `synth check` in reports/ checks the whole project and `library:` in
a question file means the same folder wherever synth is run. Paths given on the command line are
taken relative to where the command was typed.

Errors in the user's files are printed once, all together, as `file:line:col: field: message`,
and the exit code is 1; a missing or unreadable file is one line, never a traceback.

Heavy modules (pydantic, the PDF libraries, citeproc, matplotlib) are imported by the command that
needs them, so `synth build` on an unchanged project answers in the time Python takes to start.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path

from synth import __version__

log = logging.getLogger("synth")
SCHEMA_FILE = "schemas/question.schema.json"
MKDOCS_FILE = "mkdocs.yml"
EXIT_FAIL_ON = 3
# Arguments that name files or folders: resolved against the folder the command was typed in.
_PATH_ARGS = ("questions", "out", "site", "library", "library_root", "claims", "output", "cache", "base", "new")


def _setup_logging(verbosity: int, rich: bool = False) -> None:
    """Plain lines; with `rich` on a terminal, rich's handler sharing the console with the progress
    bars (imported only once there is work to show: rich costs 30 ms). Library loggers (pypdf) stay
    quiet: the library stage collects their warnings and prints one summary line. -v shows debug
    lines (every warning), -q only warnings and errors."""
    level = logging.DEBUG if verbosity > 0 else logging.WARNING if verbosity < 0 else logging.INFO
    handler: logging.Handler
    if rich and sys.stderr.isatty():
        from rich.logging import RichHandler

        from synth.progress import console

        handler = RichHandler(console=console(), show_time=False, show_path=False)
    else:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("synth: %(message)s"))
    root = logging.getLogger("synth")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False
    logging.getLogger("pypdf").setLevel(logging.ERROR)


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` holding mkdocs.yml (synth.settings has the same rule;
    this copy keeps a no-op build free of pydantic)."""
    for folder in (start, *start.parents):
        if (folder / MKDOCS_FILE).is_file():
            return folder
    return None


def _enter_project(args: argparse.Namespace) -> None:
    """Resolve path arguments against the current folder, then work from the project root."""
    here = Path.cwd()
    root = find_root(here)
    if root is None or root == here:
        return

    def moved(value: str) -> str:
        absolute = Path(os.path.abspath(here / value))
        try:
            return absolute.relative_to(root).as_posix()
        except ValueError:
            return str(absolute)

    for name in _PATH_ARGS:
        value = getattr(args, name, None)
        if isinstance(value, list):
            setattr(args, name, [moved(v) for v in value])
        elif isinstance(value, str) and not (name == "cache" and value == ".synth-cache"):
            setattr(args, name, moved(value))
    os.chdir(root)
    log.debug("project root: %s", root)


def _cmd_build(args: argparse.Namespace) -> int:
    from synth.stamp import BuildStamp

    started = time.perf_counter()
    site_dir = Path(args.site) if args.site else (None if args.out else Path("docs"))
    out_dir = Path(args.out) if args.out else (site_dir or Path("docs")) / "reports"
    questions = [Path(p) for p in args.questions] or sorted(Path("reports").glob("*.yaml"))
    stamp = BuildStamp(Path(args.cache),
                       [repr(args.questions), str(out_dir), str(site_dir), str(args.library),
                        os.environ.get("REPO_URL", "")],
                       [*questions, Path(MKDOCS_FILE)], [out_dir] + ([site_dir] if site_dir else []))
    if not args.force and stamp.fresh():
        log.info(f"up to date: {len(questions)} question file(s), their libraries and synth unchanged since the "
                 f"last build, pages in {out_dir}/ untouched ({time.perf_counter() - started:.2f}s)")
        return 0
    stamp.forget()
    _setup_logging(args.verbose, rich=True)

    from synth.build import build
    from synth.progress import Progress

    with Progress(live=False if args.verbose < 0 else None) as progress:
        summary = build(
            [Path(p) for p in args.questions],
            out_dir=out_dir,
            site_dir=site_dir,
            cache_dir=Path(args.cache),
            library_override=Path(args.library) if args.library else None,
            library_roots=[Path(r) for r in args.library_root],
            progress=progress,
            jobs=args.jobs,
            scheduler=args.scheduler,
        )
    stamp.record(summary.signatures)
    timing = ", ".join(f"{name} {seconds:.2f}s" for name, seconds in summary.timings.items())
    log.info(f"built {len(summary.reports)} report(s), reused {len(summary.reused)} from cache, "
             f"removed {len(summary.removed)} stale; {timing}; total {time.perf_counter() - started:.2f}s")
    log.info(f"report pages in {out_dir}/")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from synth.build import default_questions
    from synth.config import load_questions
    from synth.library.bibtex import parse_bibtex
    from synth.library.walk import walk
    from synth.settings import load_settings

    paths = [Path(p) for p in args.questions] or default_questions()
    if not paths:
        print(f"synth: no question files: {Path.cwd() / 'reports'} holds no *.yaml", file=sys.stderr)
        return 1
    load_settings(Path.cwd())
    questions = load_questions(paths, root=None if args.library else Path.cwd(),
                               library_roots=[Path(r) for r in args.library_root])
    problems = 0
    libraries = sorted({Path(args.library) if args.library else Path(q.question.library) for q in questions})
    for library in libraries:
        if not library.is_dir():
            print(f"{library}: library folder does not exist", file=sys.stderr)
            problems += 1
            continue
        for relative in walk(library, lambda name: False).bibs:
            _, bib_problems = parse_bibtex(library / relative)
            for problem in bib_problems:
                print(f"{problem.path}:{problem.line}: {problem.message}", file=sys.stderr)
            problems += len(bib_problems)
    noun = "library" if len(libraries) == 1 else "libraries"
    print(f"checked {len(questions)} question file(s) and {len(libraries)} {noun}: {problems} problem(s)")
    return 1 if problems else 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from synth.config import question_schema
    from synth.serialize import report_schema

    target = Path(args.output)
    schemas = {target: question_schema(), target.parent / "report.schema.json": report_schema()}
    if args.check:
        stale = [path for path, schema in schemas.items()
                 if (path.read_text(encoding="utf-8") if path.exists() else "") != schema]
        for path in stale:
            print(f"{path} is out of date: run `synth schema`", file=sys.stderr)
        return 1 if stale else 0
    target.parent.mkdir(parents=True, exist_ok=True)
    for path, schema in schemas.items():
        path.write_text(schema, encoding="utf-8")
        print(f"wrote {path}")
    return 0


def _cmd_plan(args: argparse.Namespace) -> int:
    from synth.build import prepare_library
    from synth.config import load_questions
    from synth.plan import describe, make_plan

    questions = load_questions([Path(p) for p in args.questions], root=None if args.library else Path.cwd())
    for loaded in questions:
        library, index = prepare_library(Path(args.library or loaded.question.library), Path(args.cache),
                                         jobs=args.jobs)
        index.close()
        print(f"{loaded.path}: {loaded.question.question}")
        print(describe(make_plan(loaded.question, library)))
    return 0


def _read_claims(path: Path) -> list[str]:
    from synth import yamlfile
    from synth.config import read_question_file

    path.stat()  # a missing file is one line from main(), as for every other path argument
    text, unreadable = read_question_file(path)
    messages = [str(p) for p in unreadable]
    data = None
    if text is not None:
        data, _, found = yamlfile.load(text)
        messages = [f"{path}:{p.line}:{p.column}: {p.message}" for p in found]
    if messages:
        raise SystemExit("\n".join(messages))
    if not isinstance(data, list) or not all(isinstance(c, str) and c.strip() for c in data):
        raise SystemExit(f"{path}:1:1: expected a YAML list of claim strings")
    return data


def _cmd_verify(args: argparse.Namespace) -> int:
    claims = _read_claims(Path(args.claims))
    if not Path(args.library).is_dir():
        raise SystemExit(f"synth: {args.library}: library folder does not exist")

    from synth.build import prepare_library
    from synth.verify import verify_claims

    library, index = prepare_library(Path(args.library), Path(args.cache), jobs=args.jobs)
    results = verify_claims(claims, library, index)
    if args.json:
        payload = [
            {
                "claim": r.claim,
                "verdict": r.verdict.value,
                "confidence": r.confidence,
                "evidence": [
                    {"source": e.source, "page": e.page, "section": e.section, "quote": e.quote,
                     "start": e.start, "end": e.end, "conflicting_value": e.conflicting_value,
                     "cells": list(e.cells)}
                    for e in r.evidence
                ],
                "atoms": [{"kind": a.kind.value, "text": a.text, "status": a.status.value, "note": a.note}
                          for a in r.atoms],
                "signals": {s.name: s.value for s in r.signals},
                "explanation": r.explanation,
            }
            for r in results
        ]
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        for r in results:
            print(f"[{r.verdict.value} {r.confidence:.2f}] {r.claim}")
            for e in r.evidence:
                print(f"    {e.source} {e.location}: \"{e.quote}\"")
    failing = [r for r in results if r.verdict.value in (args.fail_on or [])]
    if failing:
        verdicts = ", ".join(sorted({r.verdict.value for r in failing}))
        print(f"synth: {len(failing)} of {len(results)} claim(s) {verdicts} (--fail-on)", file=sys.stderr)
        return EXIT_FAIL_ON
    return 0


def _cmd_diff(args: argparse.Namespace) -> int:
    from synth.diff import diff_folders, render_markdown

    for folder in (args.base, args.new):
        if not Path(folder).is_dir():
            raise SystemExit(f"synth: {folder}: no such report folder")
    try:
        changes = diff_folders(Path(args.base), Path(args.new))
    except ValueError as exc:
        raise SystemExit(f"synth: {exc}") from exc
    text = render_markdown(changes, Path(args.base), Path(args.new))
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if args.summary and summary:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(text)
    print(text, end="")
    return 1 if args.fail_on_change and changes.changed else 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from synth.serve import serve

    return serve(args.dev_addr, cache_dir=Path(args.cache), jobs=args.jobs)


EXAMPLES = {
    "build": """examples:
  synth build                          every reports/*.yaml into docs/reports/, plus home and source pages
  synth build reports/x.yaml -v        one report, showing every reader warning
  synth build --out /tmp/r --library ../shared/corpus/pdfs reports/x.yaml
""",
    "check": """examples:
  synth check                          every question file, mkdocs.yml's synth options, the BibTeX
  cd reports && synth check x.yaml     one file; works from any folder of the project
""",
    "schema": """examples:
  synth schema                         rewrite schemas/question.schema.json and schemas/report.schema.json
  synth schema --check                 exit 1 when the committed schema is out of date (CI)
""",
    "plan": """examples:
  synth plan reports/x.yaml            the subjects and attributes the question asks, as read
""",
    "verify": """examples:
  synth verify --library library claims.yaml
  synth verify --library library claims.yaml --json --fail-on contradicted
""",
    "diff": """examples:
  synth diff base/docs/reports docs/reports           claim-level changes, as markdown
  synth diff BASE NEW --summary -o diff.md            also into $GITHUB_STEP_SUMMARY and a file
""",
    "serve": """examples:
  synth serve                          build, serve on http://127.0.0.1:8000, rebuild on every change
  synth serve -a 0.0.0.0:8001
""",
}


def _common() -> argparse.ArgumentParser:
    """Options every command takes, before or after its name. A new parser each time: parents share
    their action objects, and the top parser's defaults must not leak into the subcommands'."""
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a subcommand's own -v must not reset one given before the subcommand.
    common.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS,
                        help="more output: every warning and debug line")
    common.add_argument("-q", "--quiet", action="store_const", const=-1, dest="verbose",
                        default=argparse.SUPPRESS, help="less output: only warnings and errors")
    common.add_argument("--cache", default=argparse.SUPPRESS, help="cache folder (default: .synth-cache)")
    return common


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="synth", description=__doc__.split("\n\n")[0].replace("\n", " "), parents=[_common()],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Run `synth COMMAND --help` for a command's options and examples.")
    top.set_defaults(verbose=0, cache=".synth-cache")
    top.add_argument("--version", action="version", version=f"synth {__version__}")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text, parents=[_common()],
                                  epilog=EXAMPLES.get(name), formatter_class=argparse.RawDescriptionHelpFormatter)
        return sub

    jobs_help = "processes reading new PDFs (default: SYNTH_JOBS, else one per core)"

    build = command("build", "build report pages (default: every reports/*.yaml)")
    build.add_argument("questions", nargs="*", help="question files (default: reports/*.yaml)")
    build.add_argument("--out", help="folder for report pages (default: docs/reports)")
    build.add_argument("--site", help="folder for the home and source pages, report pages in its reports/ "
                       "(default: docs, unless --out is given)")
    build.add_argument("--library", help="use this library for every question")
    build.add_argument("--library-root", action="append", default=[], metavar="DIR",
                       help="also accept question libraries inside DIR (default: only inside the project)")
    build.add_argument("-j", "--jobs", type=int, default=None, help=jobs_help)
    build.add_argument("--scheduler", metavar="ADDRESS", default=None,
                       help="read new files and build reports on this Dask scheduler (tcp://host:8786, or local[:N] "
                            "for a LocalCluster of N processes; default: SYNTH_DASK_SCHEDULER, else this machine)")
    build.add_argument("--force", action="store_true",
                       help="build even when nothing changed since the last build (caches are still used)")
    build.set_defaults(run=_cmd_build)

    check = command("check", "validate question files, synth's options and BibTeX without building")
    check.add_argument("questions", nargs="*", help="question files (default: reports/*.yaml)")
    check.add_argument("--library", help="check this library instead of the questions' own")
    check.add_argument("--library-root", action="append", default=[], metavar="DIR",
                       help="also accept question libraries inside DIR (default: only inside the project)")
    check.set_defaults(run=_cmd_check)

    schema = command("schema", "write the JSON Schemas of question files and of report.json")
    schema.add_argument("--output", default=SCHEMA_FILE, help=f"where to write it (default: {SCHEMA_FILE})")
    schema.add_argument("--check", action="store_true", help="fail if the committed schema is out of date")
    schema.set_defaults(run=_cmd_schema)

    plan = command("plan", "print how each question is read (subjects × attributes), without building")
    plan.add_argument("questions", nargs="+", help="question files")
    plan.add_argument("--library", help="read the questions against this library instead of their own")
    plan.add_argument("-j", "--jobs", type=int, default=None, help=jobs_help)
    plan.set_defaults(run=_cmd_plan)

    verify = command("verify", "verify a YAML list of claims against a library")
    verify.add_argument("claims", help="YAML file: a list of claim strings")
    verify.add_argument("--library", required=True, help="library folder")
    verify.add_argument("--json", action="store_true", help="print a JSON array")
    verify.add_argument("--fail-on", action="append", choices=["supported", "contradicted", "insufficient"],
                        help=f"exit with status {EXIT_FAIL_ON} when any claim gets this verdict (repeatable)")
    verify.add_argument("-j", "--jobs", type=int, default=None, help=jobs_help)
    verify.set_defaults(run=_cmd_verify)

    diff = command("diff", "what changed between two builds of the reports, claim by claim")
    diff.add_argument("base", help="report folder of the base build (e.g. the main branch's docs/reports)")
    diff.add_argument("new", help="report folder of the new build (e.g. the pull request's docs/reports)")
    diff.add_argument("-o", "--output", help="also write the markdown to this file")
    diff.add_argument("--summary", action="store_true",
                      help="also append it to $GITHUB_STEP_SUMMARY (the job summary in GitHub Actions)")
    diff.add_argument("--fail-on-change", action="store_true", help="exit with status 1 when anything changed")
    diff.set_defaults(run=_cmd_diff)

    serve = command("serve", "build, serve the site and rebuild when a question or library file changes")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: %(default)s)")
    serve.add_argument("-j", "--jobs", type=int, default=None, help=jobs_help)
    serve.set_defaults(run=_cmd_serve)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    _setup_logging(args.verbose, rich=args.command != "build")
    try:
        _enter_project(args)
        return int(args.run(args))
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"synth: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except Exception as exc:
        # The error classes live in modules a no-op build never imports: if the module is not
        # loaded, the exception cannot be one of its classes.
        library, config = sys.modules.get("synth.library"), sys.modules.get("synth.config")
        publish = sys.modules.get("synth.publish")
        cluster = sys.modules.get("synth.cluster")
        if (library is not None and isinstance(exc, library.LibraryError)) or (
                publish is not None and isinstance(exc, publish.OutputRefused)) or (
                cluster is not None and isinstance(exc, cluster.ClusterError)):
            print(f"synth: {exc}; nothing was written", file=sys.stderr)
            return 1
        if config is not None and isinstance(exc, config.ConfigError):
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            print(f"synth: {len(exc.problems)} problem(s) in question files or mkdocs.yml; nothing was written",
                  file=sys.stderr)
            return 1
        raise
