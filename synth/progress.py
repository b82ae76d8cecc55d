"""What `synth build` shows while it works: live bars on a terminal, plain summary lines in CI.

Both modes print the same summary lines (through the "synth" logger) when a stage ends: counts of
files read, cached and skipped with reasons, warnings of reader libraries, and seconds per stage.
Only a terminal gets the live bars, drawn on stderr by the same rich console as the log lines so
the two never interleave.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

log = logging.getLogger("synth")

_console: Any = None


def console() -> Any:
    """The one rich console on stderr shared by the log handler and the bars (imported on demand)."""
    global _console
    if _console is None:
        from rich.console import Console

        _console = Console(stderr=True)
    return _console


class Task:
    """One bar (or, without a terminal, nothing) counting units of a stage."""

    def __init__(self, progress: Any = None, task_id: Any = None) -> None:
        self._progress = progress
        self._id = task_id

    def total(self, total: int) -> None:
        if self._progress is not None:
            self._progress.update(self._id, total=total)

    def advance(self, amount: int = 1) -> None:
        if self._progress is not None:
            self._progress.advance(self._id, amount)

    def describe(self, description: str) -> None:
        """Show what the stage is doing now (e.g. the sub-step of the report being built)."""
        if self._progress is not None:
            self._progress.update(self._id, description=description)


class StepTimer:
    """Times the named sub-steps of one unit of work, for one summary line when it ends."""

    def __init__(self, task: Task, prefix: str) -> None:
        self._task, self._prefix = task, prefix
        self._current: str | None = None
        self._started = 0.0
        self.seconds: dict[str, float] = {}

    def __call__(self, name: str) -> None:
        self._close()
        self._current, self._started = name, time.perf_counter()
        self._task.describe(f"{self._prefix}: {name}")

    def _close(self) -> None:
        if self._current is not None:
            label = self._current.split(" ")[0]
            self.seconds[label] = self.seconds.get(label, 0.0) + time.perf_counter() - self._started
        self._current = None

    def summary(self) -> str:
        self._close()
        return ", ".join(f"{name} {seconds:.2f} s" for name, seconds in self.seconds.items())


class Progress:
    """Live bars when `live`, else silence; `stage()` yields a Task and removes its bar at the end."""

    def __init__(self, live: bool | None = None) -> None:
        self.live = sys.stderr.isatty() if live is None else live
        self._rich: Any = None

    def __enter__(self) -> Progress:
        if self.live:
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as RichProgress

            self._rich = RichProgress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                      TimeElapsedColumn(), console=console(), transient=True)
            self._rich.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._rich is not None:
            self._rich.stop()
            self._rich = None

    @contextmanager
    def stage(self, description: str, total: int | None = None) -> Iterator[Task]:
        if self._rich is None:
            yield Task()
            return
        task_id = self._rich.add_task(description, total=total)
        try:
            yield Task(self._rich, task_id)
        finally:
            self._rich.remove_task(task_id)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def summarise_warnings(warnings: dict[str, list[str]], library: str = "pypdf", shown: int = 3) -> None:
    """One line for all the warnings reader libraries gave (each in full with -v)."""
    if not warnings:
        return
    count = sum(len(messages) for messages in warnings.values())
    log.info("%s: %s while reading %s (see -v)", library, plural(count, "warning"), plural(len(warnings), "file"))
    for path, messages in sorted(warnings.items()):
        for message in messages:
            log.debug("%s: %s: %s", library, path, message)


def summarise_skipped(skipped: list[tuple[str, str]], shown: int = 10) -> None:
    """One line per skipped file with its reason, the first `shown` of them."""
    for path, reason in skipped[:shown]:
        log.info("  skipped %s: %s", path, reason)
    if len(skipped) > shown:
        log.info("  … and %d more skipped files (listed in every report's Methodology)", len(skipped) - shown)
