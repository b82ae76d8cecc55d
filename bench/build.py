"""Build benchmark: what `make site` costs on a PR, measured side by side in one run.

    .venv/bin/python bench/build.py [--extra-library ../shared/corpus/pdfs] [--repeat 5]

A throw-away copy of the project (questions, example library, docs, mkdocs.yml, Makefile; the
project's .venv symlinked) is built once cold. Then, each median of `--repeat` runs:

  mkdocs       bare `mkdocs build --strict --quiet` of the same pages (the floor)
  no-op        warm `make site` with nothing changed (synth's no-op stamp, mkdocs skipped by its stamp)
  no-op+mkdocs warm `make site` with SYNTH_SITE_STAMP=0: mkdocs always runs
  synth no-op  `synth build` alone with nothing changed

then the pull requests a team makes, each as `make site` against a bare `mkdocs build --strict` of
the same pages measured right after it (the floor):

  edit one question   its title changed (each question in turn): only that report may be rebuilt
  add unrelated PDF   a PDF that mentions none of the questions' subjects (--unrelated): ideally no
                      report rebuilt
  add relevant PDF    a PDF about the questions' subjects (--relevant): its reports rebuilt

With --extra-library the PDFs of that folder are copied into library/corpus/ first, so the library
is realistic (41 PDFs for ../shared/corpus/pdfs), except the two PDFs the PRs add.

With --base REV the two add-a-PDF PRs also run, side by side in the same run, on a copy of the
warm project built by synth as of REV (its `synth/` from `git archive`, first on PYTHONPATH), and
the reports rebuilt and the time ratios of the two are printed. --library-prs-only skips the no-op
and edit-a-question measurements. Each --question adds a question file (bench-N.yaml) to the copy.
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

import yaml

PROJECT = Path(__file__).resolve().parents[1]


def base_code(rev: str, target: Path) -> Path:
    """synth's package as of `rev`, extracted into target/synth (put target first on PYTHONPATH)."""
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", rev, "synth"], cwd=PROJECT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


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


def make_project(target: Path, extra: Path | None, held_back: tuple[str, ...]) -> None:
    for name in ("reports", "library", "schemas"):
        shutil.copytree(PROJECT / name, target / name)
    tracked = subprocess.run(["git", "ls-files", "docs"], cwd=PROJECT, capture_output=True, text=True).stdout.split()
    for name in tracked:  # generated pages are not part of a fresh clone
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(PROJECT / name, target / name)
    for name in ("mkdocs.yml", "Makefile", "pyproject.toml", "requirements.lock"):
        shutil.copy2(PROJECT / name, target / name)
    (target / ".venv").symlink_to(PROJECT / ".venv")
    if extra is not None:
        (target / "library" / "corpus").mkdir()
        for pdf in sorted(extra.glob("*.pdf")):
            if pdf.name not in held_back:
                shutil.copy(pdf, target / "library" / "corpus" / pdf.name)


def line(output: str, pattern: str) -> str:
    found = [x for x in output.splitlines() if re.search(pattern, x)]
    return found[0].strip() if found else "(no such line)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra-library", default="../shared/corpus/pdfs",
                        help="PDFs copied into library/corpus/ ('' for none)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--unrelated", default="perspective_on_explanations_of_molecular_prediction_models.pdf",
                        help="a PDF of --extra-library about none of the questions' subjects")
    parser.add_argument("--relevant", default="qwen3_technical_report.pdf",
                        help="a PDF of --extra-library about the questions' subjects")
    parser.add_argument("--base", help="a git revision whose synth runs the add-a-PDF PRs side by side")
    parser.add_argument("--library-prs-only", action="store_true", help="skip the no-op and question-edit PRs")
    parser.add_argument("--question", action="append", default=[], help="a question added to the project's reports")
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
        held_back = (args.unrelated, args.relevant) if extra else ()
        make_project(project, extra, held_back)
        for number, question in enumerate(args.question, start=1):
            (project / "reports" / f"bench-{number}.yaml").write_text(
                yaml.safe_dump({"title": f"Bench question {number}", "question": question}), encoding="utf-8")
        cold, output = run(project, ["make", "site"])
        print(f"cold make site (empty cache): {cold:.2f} s")
        print("  " + line(output, r"library library"))
        print("  " + line(output, r"^synth: built"))

        base_project, base_env = None, None
        if args.base:
            base_project = Path(tmp) / "base"
            shutil.copytree(project, base_project, symlinks=True)
            base_env = {"PYTHONPATH": str(base_code(args.base, Path(tmp) / "base-code"))}
            seconds, output = run(base_project, ["make", "site"], base_env)
            print(f"base {args.base}: first make site on a copy of the warm project: {seconds:.2f} s")
            print("  " + line(output, r"^synth: built"))
        if not args.library_prs_only:
            edit_prs(project, args.repeat, synth, mkdocs)

        for label, name in (("unrelated", args.unrelated), ("relevant", args.relevant)):
            source = extra / name if extra else None
            if source is None or not source.exists():
                continue
            print(f"\nPR: add one {label} PDF ({name}), then make site; bare mkdocs build right after:")
            measured = []
            for who, where, env in (("this synth", project, None), (f"base {args.base}", base_project, base_env)):
                if where is None:
                    continue
                added = where / "library" / name
                shutil.copy(source, added)
                measured.append(pr(where, f"add {label}: {who}", mkdocs, env))
                added.unlink()
                run(where, ["make", "site"], env)
            if len(measured) == 2:
                (ours, ours_reports), (theirs, theirs_reports) = measured
                print(f"  ratio this / base: make site {ours / theirs:.2f}, reports stage "
                      f"{ours_reports / theirs_reports if theirs_reports else float('nan'):.2f}")
    return 0


def edit_prs(project: Path, repeat: int, synth: list[str], mkdocs: list[str]) -> None:
    """The no-op measurements, then a PR that edits each question in turn."""
    bare = median(project, mkdocs, repeat)
    noop = median(project, ["make", "site"], repeat)
    noop_mkdocs = median(project, ["make", "site"], repeat, {"SYNTH_SITE_STAMP": "0"})
    synth_noop = median(project, synth, repeat)
    print(f"\nbare mkdocs build                  {bare:6.3f} s")
    print(f"warm no-op make site               {noop:6.3f} s   ratio {noop / bare:.2f} (target <= 1.1)")
    print(f"warm no-op make site, mkdocs runs  {noop_mkdocs:6.3f} s   ratio {noop_mkdocs / bare:.2f}")
    print(f"warm no-op synth build alone       {synth_noop:6.3f} s")

    print("\nPR: edit one question (its title changed), then make site; bare mkdocs build right after:")
    for question in sorted((project / "reports").glob("*.yaml")):
        original = question.read_text(encoding="utf-8")
        edited = re.sub(r"(?m)^title: (.*)$", lambda m: f"title: {m.group(1)} (edited {time.time_ns()})",
                        original, count=1)
        question.write_text(edited, encoding="utf-8")
        pr(project, question.stem, mkdocs)
        question.write_text(original, encoding="utf-8")
        run(project, ["make", "site"])


def pr(project: Path, label: str, mkdocs: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """`make site` after a change, the reports it rebuilt, and the ratio to a bare mkdocs build;
    returns (make site seconds, reports stage seconds)."""
    seconds, output = run(project, ["make", "site"], env)
    bare, _ = run(project, mkdocs)
    reports = re.search(r"reports: (\d+) built(?: \(([^)]*)\))?, (\d+) reused", output)
    built, names, reused = reports.groups() if reports else ("?", "", "?")
    seconds_reports = re.search(r"reports: .*\(([\d.]+) s\)", output)
    print(f"  {label:40s} make site {seconds:6.2f} s, bare mkdocs {bare:5.2f} s, ratio {seconds / bare:5.2f}; "
          f"{built} report(s) rebuilt{f' ({names})' if names else ''}, {reused} reused; "
          f"reports stage {float(seconds_reports.group(1)) if seconds_reports else float('nan'):.2f} s")
    print("    " + line(output, r"library library"))
    return seconds, float(seconds_reports.group(1)) if seconds_reports else float("nan")


if __name__ == "__main__":
    sys.exit(main())
