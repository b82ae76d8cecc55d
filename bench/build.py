"""Build benchmark: what `make site` costs on a PR, measured side by side in one run.

    .venv/bin/python bench/build.py [--extra-library ../shared/corpus/pdfs] [--repeat 5]

A throw-away copy of the project (questions, example library, docs, mkdocs.yml, Makefile; the
project's .venv symlinked) is built once cold. Then, each median of `--repeat` runs:

  mkdocs       bare `mkdocs build --strict --quiet` of the same pages (the floor)
  no-op        warm `make site` with nothing changed (synth's no-op stamp, mkdocs skipped by its stamp)
  no-op+mkdocs warm `make site` with SYNTH_SITE_STAMP=0: mkdocs always runs
  synth no-op  `synth build` alone with nothing changed

then single runs of `synth build` after editing one question's title (each question in turn: only
that report may be recomputed) and after adding, then removing, one PDF (only that file may be extracted). With
--extra-library the PDFs of that folder are copied into library/corpus/ first, so the library
is realistic (41 PDFs for ../shared/corpus/pdfs).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def run(project: Path, command: list[str], env: dict[str, str] | None = None) -> tuple[float, str]:
    """(wall seconds, stderr+stdout) of one command in the project."""
    started = time.perf_counter()
    done = subprocess.run(command, cwd=project, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return seconds, done.stdout + done.stderr


def median(project: Path, command: list[str], repeat: int, env: dict[str, str] | None = None) -> float:
    run(project, command, env)  # warm the OS caches once
    return statistics.median(run(project, command, env)[0] for _ in range(repeat))


def make_project(target: Path, extra: Path | None) -> None:
    for name in ("reports", "library", "schemas"):
        shutil.copytree(PROJECT / name, target / name)
    (target / "docs").mkdir()
    for page in PROJECT.joinpath("docs").glob("*.md"):
        if (PROJECT / ".git").exists() and subprocess.run(["git", "ls-files", "--error-unmatch", str(page)],
                                                          cwd=PROJECT, capture_output=True).returncode != 0:
            continue  # generated pages are not part of a fresh clone
        shutil.copy(page, target / "docs" / page.name)
    for name in ("mkdocs.yml", "Makefile", "pyproject.toml"):
        shutil.copy2(PROJECT / name, target / name)
    (target / ".venv").symlink_to(PROJECT / ".venv")
    if extra is not None:
        (target / "library" / "corpus").mkdir()
        for pdf in sorted(extra.glob("*.pdf")):
            shutil.copy(pdf, target / "library" / "corpus" / pdf.name)


def line(output: str, pattern: str) -> str:
    found = [x for x in output.splitlines() if re.search(pattern, x)]
    return found[0].strip() if found else "(no such line)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra-library", default="../shared/corpus/pdfs",
                        help="PDFs copied into library/corpus/ ('' for none)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    extra = Path(args.extra_library).resolve() if args.extra_library else None
    if extra is not None and not extra.is_dir():
        print(f"{extra} not found: using the example library only", file=sys.stderr)
        extra = None
    synth, mkdocs = [".venv/bin/synth", "build"], [".venv/bin/mkdocs", "build", "--strict", "--quiet"]
    print(f"machine: nproc={os.cpu_count()}, python {sys.version.split()[0]}; library: example"
          + (f" + {len(list(extra.glob('*.pdf')))} PDFs of {args.extra_library}" if extra else ""))
    with tempfile.TemporaryDirectory(prefix="synth-bench-build-") as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        make_project(project, extra)
        cold, output = run(project, ["make", "site"])
        print(f"cold make site (empty cache): {cold:.2f} s")
        print("  " + line(output, r"library library"))
        print("  " + line(output, r"^synth: built"))

        bare = median(project, mkdocs, args.repeat)
        noop = median(project, ["make", "site"], args.repeat)
        noop_mkdocs = median(project, ["make", "site"], args.repeat, {"SYNTH_SITE_STAMP": "0"})
        synth_noop = median(project, synth, args.repeat)
        print(f"\nbare mkdocs build                  {bare:6.3f} s")
        print(f"warm no-op make site               {noop:6.3f} s   ratio {noop / bare:.2f} (target <= 1.1)")
        print(f"warm no-op make site, mkdocs runs  {noop_mkdocs:6.3f} s   ratio {noop_mkdocs / bare:.2f}")
        print(f"warm no-op synth build alone       {synth_noop:6.3f} s")

        print("\nedit one question (its title changed), then synth build:")
        for question in sorted((project / "reports").glob("*.yaml")):
            original = question.read_text(encoding="utf-8")
            edited = re.sub(r"(?m)^title: (.*)$", lambda m: f"title: {m.group(1)} (edited {time.time_ns()})",
                            original, count=1)
            question.write_text(edited, encoding="utf-8")
            seconds, output = run(project, synth)
            reports = re.search(r"reports: (\d+) built.*?, (\d+) reused from cache \(([\d.]+) s\)", output)
            built, reused, report_seconds = (reports.groups() if reports else ("?", "?", "nan"))
            print(f"  {question.stem:32s} {seconds:6.2f} s  ({built} built, {reused} reused; make_report "
                  f"{float(report_seconds):.2f} s, the rest {seconds - float(report_seconds):.2f} s)")
            site_seconds, _ = run(project, ["make", "site"])
            question.write_text(original, encoding="utf-8")
            run(project, ["make", "site"])
        print(f"  (then make site, mkdocs re-rendering the changed pages: {site_seconds:.2f} s)")

        source = (sorted(extra.glob("*.pdf"), key=lambda p: p.stat().st_size)[0] if extra
                  else None)
        if source is not None:
            added = project / "library" / "added-one.pdf"
            added.write_bytes(source.read_bytes() + b"\n%added for the benchmark\n")
            seconds, output = run(project, synth)
            print(f"\nadd one PDF ({source.name} with distinct bytes), synth build: {seconds:.2f} s")
            print("  " + line(output, r"library library"))
            print("  " + line(output, r"^synth: index"))
            print("  " + line(output, r"^synth: built"))
            added.unlink()
            seconds, output = run(project, synth)
            print(f"remove it again, synth build: {seconds:.2f} s")
            print("  " + line(output, r"library library"))
            print("  " + line(output, r"^synth: index"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
