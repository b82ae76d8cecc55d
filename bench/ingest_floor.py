"""Cold ingest against the raw pypdfium2 floor, side by side, optionally against another checkout.

    .venv/bin/python bench/ingest_floor.py [--library ../shared/corpus/pdfs] [--repeat 3]
        [--before DIR] [--profile N]

Item 4 of issue 12 asks for a cold ingest within 1.3x of raw text extraction. `bench/scale.py`
measures that ratio inside a whole build (minutes per run on a loaded machine); this measures only
the ingest, so before/after figures can be taken in one sitting. Each repeat runs, alternating and
each in a fresh Python process (imports outside the clock):

  raw      pypdfium2 page text of every page, one process, sorted files (scale.py's floor)
  reader   `PdfReader.read` of every file in one process: extraction, repair, passages, tables
  library  `load_library` into an empty cache: the library stage as a build runs it (hashing,
           the reader pool, the document store, linking), CPU of the process and its workers

`--before DIR` also runs `reader` and `library` with DIR (a checkout of synth, e.g. `git worktree
add /tmp/before main`) first on PYTHONPATH, so an optimisation is measured against the code it
replaces under the same load. CPU seconds are the figures to read on a shared machine; the best of
the repeats is kept (noise only ever adds time). `--profile N` prints the N costliest functions of
one serial `reader` run (cProfile on CPU time) instead.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(HERE))

from scale import _cpu, child_raw  # noqa: E402  (the same floor and clock as the scaling benchmark)


def _pdfs(library: Path) -> list[Path]:
    return sorted(library.rglob("*.pdf"))


def child_reader(library: Path) -> dict[str, object]:
    """Every PDF through the reader in this process: the reader's own cost, no pool, no store."""
    from synth.library.pdf import PdfReader

    files = [(path, path.read_bytes()) for path in _pdfs(library)]
    reader = PdfReader()
    started, cpu = time.perf_counter(), time.process_time()
    tables = sum(len(reader.read(path, path.stem, data).tables) for path, data in files)
    return {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu, "tables": tables}


def child_library(library: Path) -> dict[str, object]:
    """The library stage of a cold build: `load_library` into an empty cache."""
    from synth.library import LoadStats, load_library

    stats = LoadStats()
    with tempfile.TemporaryDirectory(prefix="synth-bench-ingest-") as cache:
        started, cpu = time.perf_counter(), _cpu()
        load_library(library, Path(cache), stats=stats)
        return {"seconds": time.perf_counter() - started, "cpu": _cpu() - cpu, "pages": stats.pages_read,
                "workers": stats.workers}


def profile(library: Path, top: int) -> None:
    import cProfile
    import pstats

    from synth.library.pdf import PdfReader

    files = [(path, path.read_bytes()) for path in _pdfs(library)]
    reader = PdfReader()
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for path, data in files:
        reader.read(path, path.stem, data)
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def _run_child(kind: str, library: Path, tree: Path | None) -> dict[str, object]:
    env = dict(os.environ)
    if tree is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tree), env.get("PYTHONPATH", "")]))
    output = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", kind, str(library)],
                            capture_output=True, text=True, cwd=PROJECT, env=env)
    if output.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{output.stderr[-3000:]}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", default="../shared/corpus/pdfs")
    parser.add_argument("--repeat", type=int, default=3, help="alternating runs, the fastest of each is kept")
    parser.add_argument("--before", type=Path, help="another synth checkout to measure side by side")
    parser.add_argument("--profile", type=int, default=0, help="print the N costliest functions of a reader run")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, library = args.child[0], Path(args.child[1])
        children = {"raw": lambda: child_raw(library, parallel=False), "reader": lambda: child_reader(library),
                    "library": lambda: child_library(library)}
        import synth

        print(json.dumps({**children[kind](), "code": str(Path(synth.__file__).parent.parent)}))
        return 0
    library = (PROJECT / args.library).resolve()
    if not library.is_dir():
        print(f"{library} not found: nothing to measure", file=sys.stderr)
        return 1
    if args.profile:
        profile(library, args.profile)
        return 0
    trees: dict[str, Path | None] = {"after": None}
    if args.before:
        trees = {"before": args.before.resolve(), **trees}
    print(f"machine: nproc={os.cpu_count()}, library {args.library}, load average before {os.getloadavg()[0]:.2f}")
    best: dict[str, dict[str, object]] = {}
    for _ in range(args.repeat):  # interleaved, so load from elsewhere hits every measurement alike
        runs = [("raw", "raw", None)] + [(f"{kind} {name}", kind, tree) for name, tree in trees.items()
                                         for kind in ("reader", "library")]
        for label, kind, tree in runs:
            result = _run_child(kind, library, tree)
            if label not in best or result["cpu"] < best[label]["cpu"]:  # type: ignore[operator]
                best[label] = result
    raw = best["raw"]
    print(f"{raw['files']} PDFs, {raw['pages']} pages; best of {args.repeat}; CPU seconds (wall)")
    print(f"  {'raw pypdfium2 (floor)':28} {raw['cpu']:7.2f} ({raw['seconds']:.2f})")
    for label, result in best.items():
        if label == "raw":
            continue
        extra = f"  tables {result['tables']}" if "tables" in result else f"  {result['workers']} workers"
        print(f"  {label:28} {result['cpu']:7.2f} ({result['seconds']:.2f})   "
              f"CPU / raw CPU = {result['cpu'] / raw['cpu']:.2f}{extra}  ({result['code']})")  # type: ignore[operator]
    print(f"  (load average now {os.getloadavg()[0]:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
