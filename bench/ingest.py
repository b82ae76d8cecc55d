"""Ingestion benchmark: cold ingest vs raw pypdfium2 text extraction of the same files, side by side.

    .venv/bin/python bench/ingest.py --library ../shared/corpus/pdfs [--scales 1,4,16] [--questions]

For each scale N the library's files are copied N times under a temporary folder, every copy with
distinct bytes (`%copy k` appended to PDFs, so hashes differ), the .bib files once. Each
measurement runs in its own fresh Python process, so peak RSS is that measurement's alone
(ru_maxrss of the process; "workers" is the largest extraction worker's, RUSAGE_CHILDREN):

  raw      pypdfium2 page text of every page, one process, files in sorted order (the floor)
  raw‖     the same over a pool of one process per core
  cold     synth.library.load_library with an empty cache (extraction, repair, passages, title,
           metadata, tables, linking, caching), one process per core for PDFs
  cold-tt  the same with table detection (synth.pdftables) switched off: the text path alone
  warm     load_library again: every document from the cache
  index    building the passage index from scratch, then reopening it unchanged
  question (with --questions) make_report for each reports/*.yaml against this library

Timings exclude interpreter start-up and imports (both sides), and are wall-clock on whatever
else the machine is doing: compare ratios measured in the same run, not absolute numbers.
"""

from __future__ import annotations

import argparse
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
    """Cold ingest with synth.pdftables switched off (inherited by the forked workers)."""
    import synth.library.pdf as pdf
    from synth.library import LoadStats, load_library

    pdf.extract_tables = lambda *args, **kwargs: []  # type: ignore[assignment]
    stats = LoadStats()
    started, cpu = time.perf_counter(), _cpu()
    load_library(library, cache, stats=stats)
    return {"seconds": time.perf_counter() - started, "cpu": _cpu() - cpu, "pages": stats.pages_read, **_peaks()}


def child_ingest(library: Path, cache: Path, questions: bool) -> dict[str, object]:
    from synth.index import PassageIndex, index_path
    from synth.library import LoadStats, load_library
    from synth.library.pdf import PdfReader  # noqa: F401  (imports outside the clock)

    result: dict[str, object] = {}
    stats = LoadStats()
    started, cpu = time.perf_counter(), _cpu()
    load_library(library, cache, stats=stats)
    result["cold"] = time.perf_counter() - started
    result["cold_cpu"] = _cpu() - cpu
    result["cold_stats"] = {"files": stats.files, "read": stats.read, "pages": stats.pages_read,
                            "workers": stats.workers, "skipped": len(stats.skipped),
                            "warnings": sum(len(m) for m in stats.warnings.values()),
                            "stages": {k: round(v, 3) for k, v in stats.seconds.items()}}
    result["cold_peaks"] = _peaks()
    warm_stats = LoadStats()
    started = time.perf_counter()
    lib = load_library(library, cache, stats=warm_stats)
    result["warm"] = time.perf_counter() - started
    result["warm_stages"] = {k: round(v, 3) for k, v in warm_stats.seconds.items()}
    started = time.perf_counter()
    index = PassageIndex(lib, index_path(cache, lib))
    result["index_build"] = time.perf_counter() - started
    index.close()
    started = time.perf_counter()
    index = PassageIndex(lib, index_path(cache, lib))
    result["index_reopen"] = time.perf_counter() - started
    result["passages"] = sum(len(d.passages) for d in lib.documents)
    result["text_mb"] = sum(len(d.text) for d in lib.documents) / 1e6
    if questions:
        from synth.build import make_report
        from synth.config import load_questions

        loaded = load_questions(sorted((PROJECT / "reports").glob("*.yaml")))
        times = {}
        for question in loaded:
            started = time.perf_counter()
            make_report(question, lib, index)
            times[question.report_id] = time.perf_counter() - started
        result["questions"] = times
    result["peaks"] = _peaks()
    return result


def _run_child(*args: str) -> dict[str, object]:
    output = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", *args],
                            check=True, capture_output=True, text=True, cwd=PROJECT)
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", default="../shared/corpus/pdfs")
    parser.add_argument("--scales", default="1,4,16")
    parser.add_argument("--questions", action="store_true", help="also time each question at each scale")
    parser.add_argument("--repeat", type=int, default=1, help="runs per scale, the fastest is kept")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "raw":
            result = child_raw(Path(rest[0]), parallel=rest[1] == "parallel")
        elif kind == "text-only":
            result = child_text_only(Path(rest[0]), Path(rest[1]))
        else:
            result = child_ingest(Path(rest[0]), Path(rest[1]), questions=rest[2] == "questions")
        print(json.dumps(result))
        return 0

    source = Path(args.library).resolve()
    if not source.is_dir():
        print(f"{source} not found: nothing to measure", file=sys.stderr)
        return 1
    scales = [int(s) for s in args.scales.split(",")]
    print(f"machine: nproc={os.cpu_count()}, python {sys.version.split()[0]}, library {args.library}, "
          f"load average before {os.getloadavg()[0]:.2f}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="synth-bench-ingest-") as tmp:
        for scale in scales:
            library = Path(tmp) / f"x{scale}"
            make_copies(source, library, scale)
            cache = Path(tmp) / f"cache-x{scale}"
            runs: list[tuple[dict[str, object], ...]] = []
            for attempt in range(args.repeat):  # interleaved, so load from elsewhere hits all alike
                last = attempt == args.repeat - 1
                for folder in (cache, Path(tmp) / "cache-text"):
                    shutil.rmtree(folder, ignore_errors=True)
                runs.append((_run_child("raw", str(library), "serial"),
                             _run_child("raw", str(library), "parallel"),
                             _run_child("text-only", str(library), str(Path(tmp) / "cache-text")),
                             _run_child("ingest", str(library), str(cache),
                                        "questions" if args.questions and last else "-")))
            # the fastest of the repeats: noise on a shared machine only ever adds time
            raw, raw_parallel, text_only = (min((r[i] for r in runs), key=lambda m: m["seconds"]) for i in range(3))
            ingest = {**min((r[3] for r in runs), key=lambda m: m["cold"]), **{
                k: v for k, v in runs[-1][3].items() if k in ("questions", "peaks")}}
            rows.append((scale, raw, raw_parallel, ingest))
            cold = float(ingest["cold"])  # type: ignore[arg-type]
            stats = ingest["cold_stats"]
            print(f"\n×{scale}: {raw['files']} PDFs, {raw['pages']} pages, {ingest['text_mb']:.1f} M chars, "
                  f"{ingest['passages']} passages")
            print(f"  raw pypdfium2, 1 process     {raw['seconds']:7.2f} s  "
                  f"{raw['pages'] / raw['seconds']:6.0f} pages/s  peak RSS {raw['rss_mb']:.0f} MB  "
                  f"cpu {raw['cpu']:.2f} s")
            print(f"  raw pypdfium2, {os.cpu_count()} processes   {raw_parallel['seconds']:7.2f} s  "
                  f"{raw_parallel['pages'] / raw_parallel['seconds']:6.0f} pages/s")
            print(f"  synth cold ingest            {cold:7.2f} s  {stats['pages'] / cold:6.0f} pages/s"  # type: ignore[index]
                  f"  cpu {ingest['cold_cpu']:.2f} s;"
                  f"  peak RSS main {ingest['cold_peaks']['rss_mb']:.0f} MB, "  # type: ignore[index]
                  f"largest worker {ingest['cold_peaks']['workers_rss_mb']:.0f} MB; "  # type: ignore[index]
                  f"{stats['workers']} workers, stages {stats['stages']}")  # type: ignore[index]
            print(f"  synth cold, tables off       {text_only['seconds']:7.2f} s  "
                  f"{float(text_only['pages']) / float(text_only['seconds']):6.0f} pages/s"  # type: ignore[arg-type]
                  f"  peak RSS main {text_only['rss_mb']:.0f} MB  cpu {text_only['cpu']:.2f} s")
            print(f"  synth warm load (cached)     {ingest['warm']:7.2f} s  stages {ingest['warm_stages']}")
            print(f"  index: build {ingest['index_build']:.2f} s, reopen unchanged {ingest['index_reopen']:.3f} s; "
                  f"peak RSS after warm load + index {ingest['peaks']['rss_mb']:.0f} MB")  # type: ignore[index]
            print(f"  RATIO cold ingest / raw serial = {cold / raw['seconds']:.2f}   "  # type: ignore[operator]
                  f"cold ingest / raw parallel = {cold / raw_parallel['seconds']:.2f}   "  # type: ignore[operator]
                  f"tables off / raw serial = {text_only['seconds'] / raw['seconds']:.2f}")  # type: ignore[operator]
            if args.questions:
                times = ingest["questions"]
                print("  per question: " + ", ".join(f"{k} {v:.2f} s" for k, v in times.items()))  # type: ignore[union-attr]
            shutil.rmtree(library)
            shutil.rmtree(cache)
            print(f"  (load average now {os.getloadavg()[0]:.2f}; best of {args.repeat})")
    print("\nscaling (time and memory per unit should stay flat):")
    print(f"{'scale':>6} {'pages':>7} {'raw s':>7} {'cold s':>7} {'ms/page':>8} {'cpu ms/page':>11} {'warm s':>7} "
          f"{'RSS MB':>7} {'KB/page':>8} {'q mean s':>8}")
    for scale, raw, _, ingest in rows:  # RSS: after the warm load, the index and the questions
        pages = int(raw["pages"])  # type: ignore[arg-type]
        rss = float(ingest["peaks"]["rss_mb"])  # type: ignore[index]
        mean = (sum(ingest["questions"].values()) / len(ingest["questions"])  # type: ignore[union-attr]
                if args.questions else float("nan"))
        print(f"{'×' + str(scale):>6} {pages:>7} {raw['seconds']:>7.2f} {ingest['cold']:>7.2f} "
              f"{1000 * float(ingest['cold']) / pages:>8.2f} "  # type: ignore[arg-type]
              f"{1000 * float(ingest['cold_cpu']) / pages:>11.2f} {ingest['warm']:>7.2f} {rss:>7.0f} "  # type: ignore[arg-type]
              f"{1024 * rss / pages:>8.0f} {mean:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
