"""Reader processes with a budget per file: a PDF that explodes, hangs or crashes loses that file only.

PDFs are parsed by C libraries (pdfium) that abort the whole process on a failed allocation: a 2 MB
PDF whose compressed streams expand to gigabytes used to end the build with exit 134, or with a
BrokenProcessPool traceback under `-j 2`. So every PDF is read in a worker process (pebble's pool:
one crashed or timed-out task does not break the others), each worker with

* a memory budget (RLIMIT_AS: its address space may grow by at most SYNTH_FILE_MEMORY_MB over
  what it had when it started), so a bomb fails inside the worker, not on the machine;
* a time budget per file (SYNTH_FILE_SECONDS): past it the worker is killed and replaced;
* a size budget per file (SYNTH_MAX_FILE_MB), checked before any byte is read;
* death with its parent (Linux PR_SET_PDEATHSIG), so `kill -9` of synth leaves no reader running.

A file over budget, or whose worker died, is skipped with the reason, and is tried again next build.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import ctypes
import faulthandler
import logging
import multiprocessing
import os
import resource
import signal
import sys
from dataclasses import dataclass

from pebble import ProcessExpired, ProcessPool

_PR_SET_PDEATHSIG = 1


def _env_number(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value > 0 else default


@dataclass(frozen=True)
class Budget:
    """What one library file may cost. Text and markdown are read in the build's own process,
    so their size budget is smaller; their readers are linear in the file's size."""

    max_bytes: int
    max_text_bytes: int
    memory_bytes: int
    seconds: float

    @classmethod
    def from_environment(cls) -> Budget:
        megabyte = 2**20
        return cls(max_bytes=int(_env_number("SYNTH_MAX_FILE_MB", 256) * megabyte),
                   max_text_bytes=int(_env_number("SYNTH_MAX_TEXT_MB", 32) * megabyte),
                   memory_bytes=int(_env_number("SYNTH_FILE_MEMORY_MB", 3072) * megabyte),
                   seconds=_env_number("SYNTH_FILE_SECONDS", 300))


def _address_space() -> int:
    """This process's current virtual size in bytes (0 when unknown)."""
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def die_with_parent(parent: int) -> None:
    """Ask Linux to SIGKILL this process when its parent dies; exit now if it already has."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def _worker_init(parent: int, memory_bytes: int) -> None:
    """Runs first in every worker. Workers report through their results: a logging handler inherited
    from the parent (rich's console) may hold a lock taken by another thread at fork time."""
    die_with_parent(parent)
    faulthandler.disable()  # a reader that crashes is reported as its file's skip reason, not a dump
    for name in ("synth", ""):
        logging.getLogger(name).handlers[:] = [logging.NullHandler()]
    current = _address_space()
    if current and memory_bytes:
        limit = current + memory_bytes
        with contextlib.suppress(ValueError, OSError):
            _, hard = resource.getrlimit(resource.RLIMIT_AS)
            resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard),
                                                    hard))


def pool(workers: int, budget: Budget) -> ProcessPool:
    """A pool of reader processes. fork on Linux: workers start at once with the readers imported
    (spawn re-imports them in each); elsewhere fork is unsafe with system libraries."""
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
    return ProcessPool(max_workers=workers, initializer=_worker_init, initargs=(os.getpid(), budget.memory_bytes),
                       context=context)


def failure_reason(error: BaseException, budget: Budget) -> str:
    """Why a worker gave no result, as shown next to the skipped file."""
    if isinstance(error, concurrent.futures.TimeoutError):
        return f"reading took longer than the time budget of {budget.seconds:g} s per file (SYNTH_FILE_SECONDS)"
    if isinstance(error, ProcessExpired):
        code = error.exitcode or 0
        how = f"signal {signal.Signals(-code).name}" if code < 0 and -code in signal.valid_signals() else f"exit {code}"
        return (f"the reader process died ({how}), e.g. out of its memory budget of "
                f"{budget.memory_bytes / 2**20:.0f} MB (SYNTH_FILE_MEMORY_MB)")
    return f"could not be read ({type(error).__name__}: {error})"


__all__ = ["Budget", "ProcessExpired", "die_with_parent", "failure_reason", "pool"]
