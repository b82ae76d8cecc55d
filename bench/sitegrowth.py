"""Site growth: bytes and build time per library source as the BibTeX file grows.

    .venv/bin/python bench/sitegrowth.py --entries 1000,10000

For each N, a throw-away copy of the project (questions, example library, docs, mkdocs.yml; the
project's .venv symlinked) gets N extra BibTeX entries (made-up titles, authors and years, no
files), then `synth build` and `mkdocs build --strict` run once each, cold. Printed: seconds of
each, the site's size and file count, and per source: bytes of site, bytes of the largest page
and milliseconds of mkdocs. Per-source figures flat from 1,000 to 10,000 entries mean the site
grows linearly.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "bench"))

from build import make_project  # noqa: E402

_WORDS = ("scaling", "attention", "mixture", "experts", "retrieval", "alignment", "sparse", "tokens", "reasoning",
          "benchmarks", "quantization", "distillation", "routing", "memory", "agents", "pretraining")


def entries(count: int) -> str:
    """`count` BibTeX entries with distinct keys and titles (deterministic)."""
    out = []
    for k in range(count):
        words = [_WORDS[(k * 7 + i * 3) % len(_WORDS)] for i in range(4)]
        out.append(f"@article{{bench{k:05d},\n  title = {{On {' and '.join(words)}: study {k}}},\n"
                   f"  author = {{Author{k % 97}, Ada and Writer{k % 89}, Bo}},\n  year = {{{2000 + k % 25}}},\n"
                   f"  journal = {{Journal of Benchmarks {k % 13}}}\n}}\n")
    return "\n".join(out)


def folder_size(folder: Path) -> tuple[int, int, int]:
    """(bytes, files, largest file bytes) of a folder."""
    sizes = [p.stat().st_size for p in folder.rglob("*") if p.is_file()]
    return sum(sizes), len(sizes), max(sizes, default=0)


def timed(project: Path, command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=project, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "315532800"})
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", default="1000,10000")
    args = parser.parse_args()
    print(f"machine: nproc={os.cpu_count()}, python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.2f}")
    print(f"{'entries':>8} {'sources':>8} {'synth s':>8} {'mkdocs s':>9} {'site MB':>8} {'files':>7} "
          f"{'KB/source':>10} {'ms/source':>10} {'largest KB':>11} {'docs MB':>8}")
    for count in (int(n) for n in args.entries.split(",")):
        with tempfile.TemporaryDirectory(prefix="synth-bench-site-") as tmp:
            project = Path(tmp) / "project"
            project.mkdir()
            make_project(project, None, ())
            bib = project / "library" / "references.bib"
            bib.write_text(bib.read_text(encoding="utf-8") + "\n" + entries(count), encoding="utf-8")
            synth = timed(project, [".venv/bin/synth", "build"])
            mkdocs = timed(project, [".venv/bin/mkdocs", "build", "--strict"])
            site, files, largest = folder_size(project / "site")
            docs, _, _ = folder_size(project / "docs")
            pages = project / "docs" / "sources"
            sources = len(list(pages.glob("*.md"))) if pages.is_dir() else 0
            per = max(sources, 1)
            print(f"{count:>8} {sources:>8} {synth:>8.2f} {mkdocs:>9.2f} {site / 1e6:>8.1f} {files:>7} "
                  f"{site / 1024 / per:>10.1f} {1000 * mkdocs / per:>10.2f} {largest / 1024:>11.0f} {docs / 1e6:>8.1f}",
                  flush=True)
            shutil.rmtree(project / "site", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
