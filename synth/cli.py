"""The `synth` command: build, check, schema, verify.

Errors in the user's files are printed once, all together, as `file:line:col: field: message`,
and the exit code is 1; nothing else is printed as a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

import yaml

from synth import __version__
from synth.config import SCHEMA_PATH, ConfigError, load_questions, question_schema
from synth.library import LibraryError

log = logging.getLogger("synth")


def _setup_logging(verbose: bool) -> None:
    """Rich output on a terminal, plain lines in CI; library loggers (pypdf) stay quiet."""
    level = logging.DEBUG if verbose else logging.INFO
    handler: logging.Handler
    if sys.stderr.isatty():
        from rich.logging import RichHandler

        handler = RichHandler(show_time=False, show_path=False)
    else:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("synth: %(message)s"))
    root = logging.getLogger("synth")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False
    logging.getLogger("pypdf").setLevel(logging.ERROR)


def _cmd_build(args: argparse.Namespace) -> int:
    from synth.build import build

    out_dir = Path(args.out) if args.out else Path("docs/reports")
    site_dir = Path(args.site) if args.site else (None if args.out else Path("docs"))
    summary = build(
        [Path(p) for p in args.questions],
        out_dir=out_dir,
        site_dir=site_dir,
        cache_dir=Path(args.cache),
        library_override=Path(args.library) if args.library else None,
        progress=log.info,
    )
    timing = ", ".join(f"{name} {seconds:.2f}s" for name, seconds in summary.timings.items())
    log.info(f"built {len(summary.reports)} report(s), reused {len(summary.reused)} from cache, "
             f"removed {len(summary.removed)} stale; {timing}")
    log.info(f"report pages in {out_dir}/")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from synth.build import default_questions
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


def _read_claims(path: Path) -> list[str]:
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
    library, index = prepare_library(Path(args.library), Path(args.cache))
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
    build.set_defaults(run=_cmd_build)

    check = commands.add_parser("check", help="validate question files and BibTeX without building")
    check.add_argument("questions", nargs="*")
    check.add_argument("--library", help="check this library instead of the questions' own")
    check.set_defaults(run=_cmd_check)

    schema = commands.add_parser("schema", help="write the JSON Schema of question files")
    schema.add_argument("--output", default=str(SCHEMA_PATH))
    schema.add_argument("--check", action="store_true", help="fail if the committed schema is out of date")
    schema.set_defaults(run=_cmd_schema)

    verify = commands.add_parser("verify", help="verify a YAML list of claims against a library")
    verify.add_argument("claims", help="YAML file: a list of claim strings")
    verify.add_argument("--library", required=True)
    verify.add_argument("--json", action="store_true", help="print a JSON array")
    verify.set_defaults(run=_cmd_verify)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    _setup_logging(args.verbose)
    try:
        return int(args.run(args))
    except LibraryError as exc:
        print(f"synth: {exc}; nothing was written", file=sys.stderr)
        return 1
    except ConfigError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"synth: {len(exc.problems)} problem(s) in question files; nothing was written", file=sys.stderr)
        return 1
