"""Scaling benchmark: ingest against the raw pypdfium2 floor, and a full build, at growing library sizes.

    .venv/bin/python bench/scale.py --library ../shared/corpus/pdfs --scales 1,4,16,64 [--repeat N]
        [--questions reports] [--text-only] [--scheduler local-cluster]

For each scale N the library's files are copied N times under a temporary folder, every copy with
distinct bytes (`%copy k` appended to PDFs, so hashes differ), the .bib files once. Each
measurement runs in its own fresh Python process, so peak RSS is that measurement's alone
(ru_maxrss of the process; "workers" is the largest child's, RUSAGE_CHILDREN):

  raw      pypdfium2 page text of every page, one process, files in sorted order (the floor)
  raw‖     the same over a pool of one process per core
  build    synth.build.build of every question of --questions against the copies, with an empty
           cache: the library stage (extraction, repair, passages, tables, linking, caching, one
           process per core for PDFs), the index, each question's report, the pages and the site;
           peak RSS of the whole build, index and document store sizes
  text     (with --text-only) the library stage alone with table detection switched off

With --build-only the raw passes are skipped (at ×64 they take longer than the build): the build's
lines only, for its peak RSS (with the peak reached by the end of each stage) and per-question time.

Timings exclude interpreter start-up and imports (both sides), and are wall-clock on whatever
else the machine is doing: compare ratios measured in the same run, and the CPU columns.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent


def _cpu() -> float:
    """CPU seconds of this process and its finished children: unlike wall time, not inflated by
    other jobs on a shared machine (a second busy core shows as no parallel speed-up instead)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peaks() -> dict[str, float]:
    return {"rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "workers_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def _raw_file(path: str) -> tuple[int, int]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    chars = 0
    pages = len(document)
    for index in range(pages):
        page = document[index]
        textpage = page.get_textpage()
        chars += len(textpage.get_text_range())
        textpage.close()
        page.close()
    document.close()
    return pages, chars


def child_raw(library: Path, parallel: bool) -> dict[str, object]:
    import concurrent.futures

    import pypdfium2  # noqa: F401  (imported before the clock starts, as synth's readers are)

    files = sorted(str(p) for p in library.rglob("*.pdf"))
    started, cpu = time.perf_counter(), _cpu()
    if parallel:
        with concurrent.futures.ProcessPoolExecutor(os.cpu_count()) as pool:
            results = list(pool.map(_raw_file, files, chunksize=4))
    else:
        results = [_raw_file(f) for f in files]
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "cpu": _cpu() - cpu, "files": len(files), "pages": sum(p for p, _ in results),
            "chars": sum(c for _, c in results), **_peaks()}


def child_text_only(library: Path, cache: Path) -> dict[str, object]:
    """The library stage with synth.pdftables switched off (inherited by the forked workers)."""
    import synth.library.pdf as pdf
    from synth.library import LoadStats, load_library

    pdf.extract_tables = lambda *args, **kwargs: []  # type: ignore[assignment]
    stats = LoadStats()
    started, cpu = time.perf_counter(), _cpu()
    load_library(library, cache, stats=stats)
    return {"seconds": time.perf_counter() - started, "cpu": _cpu() - cpu, "pages": stats.pages_read, **_peaks()}


def child_build(library: Path, cache: Path, out: Path, questions: list[str], scheduler: str) -> dict[str, object]:
    """One cold full build, as `synth build --library` runs it, with each question timed."""
    import synth.build as build_module
    from synth.library.pdf import PdfReader  # noqa: F401  (imports outside the clock)
    from synth.progress import Progress

    times: dict[str, float] = {}
    cpu_times: dict[str, float] = {}
    library_cpu: list[float] = []
    make_report, load_library = build_module.make_report, build_module.load_library

    def timed(loaded, *args, **kwargs):  # type: ignore[no-untyped-def]
        started, cpu = time.perf_counter(), time.process_time()
        try:
            return make_report(loaded, *args, **kwargs)
        finally:
            times[loaded.report_id] = time.perf_counter() - started
            cpu_times[loaded.report_id] = time.process_time() - cpu

    def loading(*args, **kwargs):  # type: ignore[no-untyped-def]
        cpu = _cpu()  # this process and its reaped workers: the library stage's whole CPU cost
        try:
            return load_library(*args, **kwargs)
        finally:
            library_cpu.append(_cpu() - cpu)

    stage_peaks: dict[str, float] = {}
    stage = build_module.stage

    @contextlib.contextmanager
    def peak_after(summary, name):  # type: ignore[no-untyped-def]
        with stage(summary, name):
            yield
        stage_peaks[name] = _peaks()["rss_mb"]  # the peak so far: the stage that raised it shows

    build_module.make_report = timed  # type: ignore[assignment]
    build_module.load_library = loading  # type: ignore[assignment]
    build_module.stage = peak_after  # type: ignore[assignment]
    if scheduler:
        os.environ["SYNTH_DASK_SCHEDULER"] = scheduler
    started, cpu = time.perf_counter(), _cpu()
    summary = build_module.build([Path(q) for q in questions], out_dir=out / "docs" / "reports", site_dir=out / "docs",
                                 cache_dir=cache, library_override=library, progress=Progress(live=False))
    seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    stats = next(iter(summary.libraries.values()))
    sizes = {p.name.split("-")[0].removesuffix(".sqlite"): p.stat().st_size / 1e6 for p in cache.glob("*.sqlite")}
    return {"seconds": seconds, "cpu": cpu, "stages": {k: round(v, 3) for k, v in summary.timings.items()},
            "library": {"files": stats.files, "read": stats.read, "pages": stats.pages_read, "workers": stats.workers,
                        "skipped": len(stats.skipped), "stages": {k: round(v, 3) for k, v in stats.seconds.items()}},
            "questions": times, "questions_cpu": cpu_times, "library_cpu": sum(library_cpu), "store_mb": sizes,
            "rss_mb_after": stage_peaks, **_peaks()}


def _run_child(*args: str) -> dict[str, object]:
    output = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", *args],
                            capture_output=True, text=True, cwd=PROJECT)
    if output.returncode != 0:
        raise SystemExit(f"{args[0]} failed:\n{output.stderr[-3000:]}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def make_copies(source: Path, target: Path, copies: int) -> None:
    """`copies` copies of every file of `source`, each with distinct bytes; .bib files once."""
    target.mkdir(parents=True)
    for path in sorted(source.rglob("*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        relative = path.relative_to(source)
        if path.suffix.lower() == ".bib":
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target / relative)
            continue
        data = path.read_bytes()
        for k in range(copies):
            name = relative if k == 0 else relative.with_name(f"{relative.stem}--copy{k}{relative.suffix}")
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            suffix = (f"\n%copy {k}\n" if path.suffix.lower() == ".pdf" else f"\n\ncopy {k}\n").encode()
            (target / name).write_bytes(data if k == 0 else data + suffix)


def _print_peaks(built: dict[str, object]) -> None:
    print(f"  peak RSS: build {built['rss_mb']:.0f} MB, largest worker {built['workers_rss_mb']:.0f} MB; "
          f"stores (MB): {', '.join(f'{k} {v:.1f}' for k, v in sorted(built['store_mb'].items()))}")  # type: ignore[union-attr]
    print("  peak RSS by the end of each stage (MB): " + ", ".join(
        f"{k} {v:.0f}" for k, v in built["rss_mb_after"].items()))  # type: ignore[union-attr]


def _print_build(scale: int, built: dict[str, object]) -> None:
    """A build's lines without the raw passes (--build-only)."""
    cpu = built["questions_cpu"]
    lib = built["library"]
    print(f"\n×{scale}: {lib['files']} files, {lib['pages']} pages read")  # type: ignore[index]
    print(f"  synth full build (cold)      {built['seconds']:7.2f} s  cpu {built['cpu']:.2f} s  "
          f"stages {built['stages']}")
    print("  per question (wall / cpu s): " + ", ".join(
        f"{k} {v:.2f} / {cpu[k]:.2f}" for k, v in built["questions"].items()))  # type: ignore[union-attr,index]
    print(f"  mean CPU per question {sum(cpu.values()) / max(1, len(cpu)):.2f} s")  # type: ignore[union-attr]
    _print_peaks(built)
    print(f"  (load average now {os.getloadavg()[0]:.2f})", flush=True)


def _question_files(spec: str) -> list[str]:
    path = (PROJECT / spec).resolve()
    return sorted(str(p) for p in path.glob("*.yaml")) if path.is_dir() else [str(path)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", default="../shared/corpus/pdfs")
    parser.add_argument("--scales", default="1,4,16")
    parser.add_argument("--questions", default="reports", help="a folder of question files, or one file")
    parser.add_argument("--repeat", type=int, default=1, help="runs per scale, the fastest is kept")
    parser.add_argument("--text-only", action="store_true", help="also time the library stage without tables")
    parser.add_argument("--scheduler", default="", help="SYNTH_DASK_SCHEDULER for the build ('' = local)")
    parser.add_argument("--build-only", action="store_true", help="skip the raw pypdfium2 passes")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "raw":
            result = child_raw(Path(rest[0]), parallel=rest[1] == "parallel")
        elif kind == "text-only":
            result = child_text_only(Path(rest[0]), Path(rest[1]))
        else:
            result = child_build(Path(rest[0]), Path(rest[1]), Path(rest[2]), json.loads(rest[3]), rest[4])
        print(json.dumps(result))
        return 0

    source = (PROJECT / args.library).resolve()
    if not source.is_dir():
        print(f"{source} not found: nothing to measure", file=sys.stderr)
        return 1
    scales = [int(s) for s in args.scales.split(",")]
    questions = _question_files(args.questions)
    print(f"machine: nproc={os.cpu_count()}, python {sys.version.split()[0]}, library {args.library}, "
          f"{len(questions)} question(s) from {args.questions}, load average before {os.getloadavg()[0]:.2f}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="synth-bench-scale-") as tmp:
        for scale in scales:
            library = Path(tmp) / f"x{scale}"
            make_copies(source, library, scale)
            cache, out, text_cache = Path(tmp) / "cache", Path(tmp) / "out", Path(tmp) / "cache-text"
            runs: list[tuple[dict[str, object], ...]] = []
            for _ in range(args.repeat):  # interleaved, so load from elsewhere hits all alike
                for folder in (cache, out, text_cache):
                    shutil.rmtree(folder, ignore_errors=True)
                raws = [] if args.build_only else [_run_child("raw", str(library), "serial"),
                                                   _run_child("raw", str(library), "parallel")]
                run = [*raws, _run_child("build", str(library), str(cache), str(out), json.dumps(questions),
                                         args.scheduler)]
                if args.text_only:
                    run.append(_run_child("text-only", str(library), str(text_cache)))
                runs.append(tuple(run))
            if args.build_only:
                _print_build(scale, min((r[0] for r in runs), key=lambda m: m["seconds"]))
                shutil.rmtree(library)
                continue
            # the fastest of the repeats: noise on a shared machine only ever adds time
            raw, raw_parallel = (min((r[i] for r in runs), key=lambda m: m["seconds"]) for i in range(2))
            built = min((r[2] for r in runs), key=lambda m: m["stages"]["library"])  # type: ignore[index]
            lib = built["library"]
            ingest = float(built["stages"]["library"])  # type: ignore[index]
            times = built["questions"]
            mean_q = sum(times.values()) / max(1, len(times))  # type: ignore[union-attr]
            pages = int(raw["pages"])  # type: ignore[arg-type]
            print(f"\n×{scale}: {raw['files']} PDFs, {pages} pages, {int(raw['chars']) / 1e6:.1f} M chars")
            print(f"  raw pypdfium2, 1 process     {raw['seconds']:7.2f} s  {pages / raw['seconds']:6.0f} pages/s  "
                  f"cpu {raw['cpu']:.2f} s  peak RSS {raw['rss_mb']:.0f} MB")
            print(f"  raw pypdfium2, {os.cpu_count()} processes   {raw_parallel['seconds']:7.2f} s  "
                  f"{pages / raw_parallel['seconds']:6.0f} pages/s")  # type: ignore[operator]
            print(f"  synth library stage (cold)   {ingest:7.2f} s  {pages / ingest:6.0f} pages/s  "
                  f"cpu {built['library_cpu']:.2f} s  {lib['workers']} workers, {lib['skipped']} skipped, "  # type: ignore[index]
                  f"stages {lib['stages']}")  # type: ignore[index]
            if args.text_only:
                text = min((r[3] for r in runs), key=lambda m: m["seconds"])
                print(f"  synth library, tables off    {text['seconds']:7.2f} s  cpu {text['cpu']:.2f} s")
            print(f"  synth full build (cold)      {built['seconds']:7.2f} s  cpu {built['cpu']:.2f} s  "
                  f"stages {built['stages']}")
            print("  per question (wall / cpu s): " + ", ".join(
                f"{k} {v:.2f} / {built['questions_cpu'][k]:.2f}" for k, v in times.items()))  # type: ignore[union-attr,index]
            _print_peaks(built)
            print(f"  RATIO library stage / raw serial = {ingest / raw['seconds']:.2f}   "  # type: ignore[operator]
                  f"library stage / raw parallel = {ingest / raw_parallel['seconds']:.2f}   "  # type: ignore[operator]
                  f"CPU library stage / CPU raw = {built['library_cpu'] / raw['cpu']:.2f}")  # type: ignore[operator]
            mean_cpu = sum(built["questions_cpu"].values()) / max(1, len(built["questions_cpu"]))  # type: ignore[union-attr]
            rows.append((scale, pages, raw, raw_parallel, ingest, built, mean_q, mean_cpu))
            shutil.rmtree(library)
            print(f"  (load average now {os.getloadavg()[0]:.2f}; best of {args.repeat})", flush=True)
    if not rows:
        return 0
    print("\nscaling (per page and per question should stay flat):")
    print(f"{'scale':>6} {'pages':>7} {'raw s':>7} {'raw‖ s':>7} {'ingest s':>8} {'/raw':>5} {'/raw‖':>6} "
          f"{'cpu/raw':>7} {'cpu ms/pg':>9} {'build s':>8} {'RSS MB':>7} {'index MB':>8} {'q mean s':>8} "
          f"{'q cpu s':>8}")
    for scale, pages, raw, raw_parallel, ingest, built, mean_q, mean_cpu in rows:
        index_mb = built["store_mb"].get("index", float("nan"))  # type: ignore[union-attr]
        library_cpu = float(built["library_cpu"])  # type: ignore[arg-type]
        print(f"{'×' + str(scale):>6} {pages:>7} {raw['seconds']:>7.2f} {raw_parallel['seconds']:>7.2f} "
              f"{ingest:>8.2f} {ingest / raw['seconds']:>5.2f} {ingest / raw_parallel['seconds']:>6.2f} "  # type: ignore[operator]
              f"{library_cpu / raw['cpu']:>7.2f} {1000 * library_cpu / pages:>9.2f} "  # type: ignore[operator]
              f"{built['seconds']:>8.2f} {built['rss_mb']:>7.0f} {index_mb:>8.1f} {mean_q:>8.2f} {mean_cpu:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
