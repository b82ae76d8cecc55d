"""Scale-out on a Dask distributed cluster: reading new files and building reports on its workers.

`synth build --scheduler ADDRESS` (or `SYNTH_DASK_SCHEDULER=ADDRESS`) connects a
`dask.distributed.Client` to a running scheduler (`tcp://host:8786`); `local` or `local:N` starts a
`LocalCluster` of N single-threaded worker processes on this machine. Without either, nothing of
Dask is imported and the local process pool does the work.

What goes to the workers is pure computation: the bytes of one file to extract (workers need no
access to the library folder), or one question with its library to build a report from. Results
come back to this process, which alone writes the cache: the cache is one store, filled the same
way whoever computed its entries, and a build on a cluster writes the same pages as a local one.
Workers must run the same synth and package versions (the extractor key checks this: a result is
cached under the key of the process that stores it, and the worker's key must be equal).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

ENV = "SYNTH_DASK_SCHEDULER"
T = TypeVar("T")
R = TypeVar("R")
# Tasks in flight per worker thread: enough to keep workers busy, few enough that the bytes of a
# 10,000-file library are never all held by the scheduler at once.
WINDOW_PER_THREAD = 2

# pdfium is not thread-safe: workers that run several tasks as threads read one PDF at a time.
READ_LOCK = threading.Lock()


def scheduler_address(explicit: str | None = None) -> str | None:
    """The scheduler to use: the explicit option, else SYNTH_DASK_SCHEDULER, else None (local)."""
    address = (explicit or os.environ.get(ENV, "")).strip()
    return address or None


class ClusterError(Exception):
    """The scheduler cannot be reached, or Dask is not installed."""


@contextlib.contextmanager
def connect(address: str) -> Iterator[Any]:
    """A dask.distributed Client for `address` (a LocalCluster for `local[:N]`), closed on exit."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise ClusterError("--scheduler needs Dask: pip install 'synth[dask]'") from exc
    cluster = None
    if address == "local" or address.startswith("local:"):
        workers = int(address.partition(":")[2] or os.cpu_count() or 1)
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        target: Any = cluster
    else:
        target = address
    try:
        client = Client(target, timeout="30s")
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def threads(client: Any) -> int:
    """Worker threads in the cluster (at least 1)."""
    return max(1, sum(client.nthreads().values()))


def run_all(client: Any, function: Callable[..., R], arguments: Iterable[tuple[Any, ...]],
            window: int | None = None, capture_errors: bool = False) -> Iterator[tuple[int, Any]]:
    """(position, result) of `function(*args)` for each argument tuple, in completion order; with
    `capture_errors` a task that raised yields its exception as its result instead of raising.

    At most `window` tasks are in flight (default: WINDOW_PER_THREAD per worker thread), so the
    arguments (file bytes) are produced lazily. Tasks are pure: pure=False only because two
    equal inputs at two positions must still give two results.
    """
    from dask.distributed import as_completed

    window = window or WINDOW_PER_THREAD * threads(client)
    pending = iter(enumerate(arguments))
    positions: dict[Any, int] = {}

    def submit() -> bool:
        item = next(pending, None)
        if item is None:
            return False
        position, args = item
        future = client.submit(function, *args, pure=False)
        positions[future] = position
        completed.add(future)
        return True

    completed = as_completed()
    for _ in range(window):
        if not submit():
            break
    for future in completed:
        try:
            result: Any = future.result()
        except Exception as error:
            if not capture_errors:
                raise
            result = error
        position = positions.pop(future)
        future.release()
        submit()
        yield position, result
