"""The same cold ingest on the local process pool and on a two-worker Dask LocalCluster, side by side.

    .venv/bin/python bench/cluster_ingest.py --library ../shared/corpus/pdfs [--repeat 2]

Each run is a fresh process reading the library with an empty cache (synth.library.load_library);
the cluster run starts its LocalCluster (2 single-threaded worker processes) before the clock
starts. Runs alternate, the fastest of --repeat is kept; the documents read are compared.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def child(library: Path, cache: Path, mode: str) -> dict[str, object]:
    sys.path.insert(0, str(ROOT))
    from synth.library import LoadStats, load_library
    from synth.library.pdf import PdfReader  # noqa: F401  (imports outside the clock)

    stats = LoadStats()
    if mode == "cluster":
        from dask.distributed import Client, LocalCluster

        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            client.run(lambda: __import__("synth.library.pdf"))  # workers import the readers before the clock
            started = time.perf_counter()
            library = load_library(library, cache, jobs=2, stats=stats, client=client)
            seconds = time.perf_counter() - started
    else:
        started = time.perf_counter()
        library = load_library(library, cache, jobs=2, stats=stats)
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "read": stats.read, "pages": stats.pages_read, "fingerprint": library.fingerprint,
            "documents": [d.sha256 + str(len(d.passages)) + str(len(d.tables)) for d in library.documents]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", default=str(ROOT.parent / "shared" / "corpus" / "pdfs"))
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(Path(args.child[0]), Path(args.child[1]), args.child[2])))
        return 0
    results: dict[str, list[dict[str, object]]] = {"pool": [], "cluster": []}
    with tempfile.TemporaryDirectory(prefix="synth-bench-cluster-") as tmp:
        for _ in range(args.repeat):
            for mode in ("pool", "cluster"):
                cache = Path(tmp) / f"cache-{mode}"
                shutil.rmtree(cache, ignore_errors=True)
                done = subprocess.run([sys.executable, __file__, "--child", args.library, str(cache), mode],
                                      capture_output=True, text=True, check=True)
                results[mode].append(json.loads(done.stdout.strip().splitlines()[-1]))
    pool = min(results["pool"], key=lambda r: r["seconds"])  # type: ignore[arg-type,return-value]
    cluster = min(results["cluster"], key=lambda r: r["seconds"])  # type: ignore[arg-type,return-value]
    print(f"{pool['read']} files, {pool['pages']} pages; best of {args.repeat}")
    print(f"  local process pool (2 processes)      {pool['seconds']:7.2f} s")
    print(f"  Dask LocalCluster (2 worker processes) {cluster['seconds']:7.2f} s   "
          f"ratio {float(cluster['seconds']) / float(pool['seconds']):.2f}")  # type: ignore[arg-type]
    same = pool["documents"] == cluster["documents"] and pool["fingerprint"] == cluster["fingerprint"]
    print(f"  same documents: {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
