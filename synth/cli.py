"""The `synth` command: build, check, schema, verify.

Errors in the user's files are printed once, all together, as `file:line:col: field: message`,
and the exit code is 1; nothing else is printed as a traceback.

Heavy modules (pydantic, the PDF libraries, citeproc, matplotlib) are imported by the command that
needs them, so `synth build` on an unchanged project answers in the time Python takes to start.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

from synth import __version__

log = logging.getLogger("synth")
SCHEMA_FILE = "schemas/question.schema.json"


def _setup_logging(verbose: bool, rich: bool = False) -> None:
    """Plain lines; with `rich` on a terminal, rich's handler sharing the console with the progress
    bars (imported only once there is work to show: rich costs 30 ms). Library loggers (pypdf) stay
    quiet: the library stage collects their warnings and prints one summary line."""
    level = logging.DEBUG if verbose else logging.INFO
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


def _cmd_build(args: argparse.Namespace) -> int:
    from synth.stamp import BuildStamp

    started = time.perf_counter()
    out_dir = Path(args.out) if args.out else Path("docs/reports")
    site_dir = Path(args.site) if args.site else (None if args.out else Path("docs"))
    questions = [Path(p) for p in args.questions] or sorted(Path("reports").glob("*.yaml"))
    stamp = BuildStamp(Path(args.cache), [repr(args.questions), str(out_dir), str(site_dir), str(args.library)],
                       questions, [out_dir] + ([site_dir] if site_dir else []))
    if not args.force and stamp.fresh():
        log.info(f"up to date: {len(questions)} question file(s), their libraries and synth unchanged since the "
                 f"last build, pages in {out_dir}/ untouched ({time.perf_counter() - started:.2f}s)")
        return 0
    stamp.forget()
    _setup_logging(args.verbose, rich=True)

    from synth.build import build
    from synth.progress import Progress

    with Progress() as progress:
        summary = build(
            [Path(p) for p in args.questions],
            out_dir=out_dir,
            site_dir=site_dir,
            cache_dir=Path(args.cache),
            library_override=Path(args.library) if args.library else None,
            progress=progress,
            jobs=args.jobs,
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

    paths = [Path(p) for p in args.questions] or default_questions()
    questions = load_questions(paths)
    problems = 0
    libraries = sorted({Path(args.library) if args.library else Path(q.question.library) for q in questions})
    for library in libraries:
        if not library.is_dir():
            print(f"{library}: library folder does not exist", file=sys.stderr)
            problems += 1
            continue
        for bib in sorted(library.rglob("*.bib")):
            _, bib_problems = parse_bibtex(bib)
            for problem in bib_problems:
                print(f"{problem.path}:{problem.line}: {problem.message}", file=sys.stderr)
            problems += len(bib_problems)
    noun = "library" if len(libraries) == 1 else "libraries"
    print(f"checked {len(questions)} question file(s) and {len(libraries)} {noun}: {problems} problem(s)")
    return 1 if problems else 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from synth.config import question_schema

    target = Path(args.output)
    schema = question_schema()
    if args.check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != schema:
            print(f"{target} is out of date: run `synth schema`", file=sys.stderr)
            return 1
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(schema, encoding="utf-8")
    print(f"wrote {target}")
    return 0


def _cmd_plan(args: argparse.Namespace) -> int:
    from synth.build import prepare_library
    from synth.config import load_questions
    from synth.plan import describe, make_plan

    questions = load_questions([Path(p) for p in args.questions])
    for loaded in questions:
        library, index = prepare_library(Path(args.library or loaded.question.library), Path(args.cache),
                                         jobs=args.jobs)
        index.close()
        print(f"{loaded.path}: {loaded.question.question}")
        print(describe(make_plan(loaded.question, library)))
    return 0


def _read_claims(path: Path) -> list[str]:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{mark.line + 1}:{mark.column + 1}" if mark else "1:1"
        raise SystemExit(f"{path}:{where}: invalid YAML: {exc.problem}") from exc
    if not isinstance(data, list) or not all(isinstance(c, str) and c.strip() for c in data):
        raise SystemExit(f"{path}:1:1: expected a YAML list of claim strings")
    return data


def _cmd_verify(args: argparse.Namespace) -> int:
    from synth.build import prepare_library
    from synth.verify import verify_claims

    claims = _read_claims(Path(args.claims))
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
                     "start": e.start, "end": e.end, "conflicting_value": e.conflicting_value}
                    for e in r.evidence
                ],
                "signals": {s.name: s.value for s in r.signals},
                "explanation": r.explanation,
            }
            for r in results
        ]
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return 0
    for r in results:
        print(f"[{r.verdict.value} {r.confidence:.2f}] {r.claim}")
        for e in r.evidence:
            print(f"    {e.source} {e.location}: \"{e.quote}\"")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="synth", description=__doc__.splitlines()[0])
    top.add_argument("--version", action="version", version=f"synth {__version__}")
    top.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    top.add_argument("--cache", default=".synth-cache", help="cache folder (default: .synth-cache)")
    commands = top.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build report pages (default: every reports/*.yaml)")
    build.add_argument("questions", nargs="*", help="question files (default: reports/*.yaml)")
    build.add_argument("--out", help="folder for report pages (default: docs/reports)")
    build.add_argument("--site", help="folder for the home and source pages (default: docs, unless --out is given)")
    build.add_argument("--library", help="use this library for every question")
    build.add_argument("-j", "--jobs", type=int, default=None,
                       help="processes reading new PDFs (default: SYNTH_JOBS, else one per core)")
    build.add_argument("--force", action="store_true",
                       help="build even when nothing changed since the last build (caches are still used)")
    build.set_defaults(run=_cmd_build)

    check = commands.add_parser("check", help="validate question files and BibTeX without building")
    check.add_argument("questions", nargs="*")
    check.add_argument("--library", help="check this library instead of the questions' own")
    check.set_defaults(run=_cmd_check)

    schema = commands.add_parser("schema", help="write the JSON Schema of question files")
    schema.add_argument("--output", default=SCHEMA_FILE)
    schema.add_argument("--check", action="store_true", help="fail if the committed schema is out of date")
    schema.set_defaults(run=_cmd_schema)

    plan = commands.add_parser("plan", help="print how each question is read (subjects × attributes), without building")
    plan.add_argument("questions", nargs="+", help="question files")
    plan.add_argument("--library", help="read the questions against this library instead of their own")
    plan.add_argument("-j", "--jobs", type=int, default=None,
                      help="processes reading new PDFs (default: SYNTH_JOBS, else one per core)")
    plan.set_defaults(run=_cmd_plan)

    verify = commands.add_parser("verify", help="verify a YAML list of claims against a library")
    verify.add_argument("claims", help="YAML file: a list of claim strings")
    verify.add_argument("--library", required=True)
    verify.add_argument("--json", action="store_true", help="print a JSON array")
    verify.add_argument("-j", "--jobs", type=int, default=None,
                        help="processes reading new PDFs (default: SYNTH_JOBS, else one per core)")
    verify.set_defaults(run=_cmd_verify)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    _setup_logging(args.verbose, rich=args.command != "build")
    try:
        return int(args.run(args))
    except Exception as exc:
        # The error classes live in modules a no-op build never imports: if the module is not
        # loaded, the exception cannot be one of its classes.
        library, config = sys.modules.get("synth.library"), sys.modules.get("synth.config")
        if library is not None and isinstance(exc, library.LibraryError):
            print(f"synth: {exc}; nothing was written", file=sys.stderr)
            return 1
        if config is not None and isinstance(exc, config.ConfigError):
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            print(f"synth: {len(exc.problems)} problem(s) in question files; nothing was written", file=sys.stderr)
            return 1
        raise
