"""Where a build's memory goes: resident memory after each step of each report, over a library.

    .venv/bin/python bench/memory.py --library LIBRARY [--cache DIR] [--questions reports]

Loads the library (reading new files into the cache: run it twice for a warm figure), builds the
passage index, then makes each question's report in this process, printing after the library and
at the start of every sub-step of `make_report` the resident memory now / the peak so far (MB,
VmRSS / ru_maxrss). At the end: how many documents were decoded from the store and how much the
document cache holds (synth.library.documents). Compare two versions of synth by running the same
command with each on PYTHONPATH, one after the other.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def _now_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", required=True)
    parser.add_argument("--cache", default=str(PROJECT / ".synth-cache"))
    parser.add_argument("--questions", default=str(PROJECT / "reports"), help="a folder of question files")
    args = parser.parse_args()

    from synth.build import make_report
    from synth.config import load_questions
    from synth.index import PassageIndex
    from synth.library import load_library

    cache = Path(args.cache)
    started = time.perf_counter()
    library = load_library(Path(args.library), cache)
    index = PassageIndex(library, cache / "bench-memory-index.sqlite")
    print(f"library ({len(library.documents)} documents) and index: {_now_mb():.0f} / {_peak_mb():.0f} MB, "
          f"{time.perf_counter() - started:.1f} s", flush=True)
    questions = sorted(p for p in Path(args.questions).glob("*.yaml") if not p.name.startswith("."))
    for loaded in load_questions(questions, root=None):
        marks: list[str] = []
        wall, cpu = time.perf_counter(), time.process_time()
        make_report(loaded, library, index, step=lambda name, marks=marks: marks.append(
            f"{name.split()[0]} {_now_mb():.0f}/{_peak_mb():.0f}"))
        print(f"{loaded.report_id}: {time.perf_counter() - wall:.1f} s, cpu {time.process_time() - cpu:.1f} s; "
              + " | ".join(marks) + f" | end {_now_mb():.0f}/{_peak_mb():.0f}", flush=True)
    loader = library.documents[0].loader if library.documents else None
    if loader is not None and hasattr(loader, "decoded"):
        print(f"documents decoded from the store: {loader.decoded}, document cache holds "
              f"{loader.held_bytes / 2**20:.0f} MB (estimated)")
    index.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
