"""`synth serve`: the site on localhost, rebuilt as question and library files change.

`mkdocs serve` serves the pages and reloads the browser whenever docs/ changes (its livereload);
synth watches what mkdocs does not know about, the question files, the libraries and its own options
in mkdocs.yml (watchfiles), and rebuilds what changed into docs/: an edited question rebuilds that
report only (the others come from the report cache), a library change rebuilds the reports over that
library, a deleted question removes its report. A question file with an error is reported as
`file:line:col` and the pages stay as they were, so the browser keeps showing the last good build.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger("synth")
QUESTIONS = Path("reports")
MKDOCS_FILE = Path("mkdocs.yml")


@dataclass(frozen=True)
class Rebuild:
    """What a batch of file changes asks for: every report (`full`), or just these question files."""

    full: bool
    questions: tuple[Path, ...] = ()
    reasons: tuple[str, ...] = field(default=())


def plan_rebuild(changes: Iterable[tuple[str, Path]], root: Path) -> Rebuild | None:
    """From watchfiles changes (kind name, absolute path), the smallest rebuild that is correct;
    None when nothing synth reads changed (an editor's swap file, say)."""
    questions: set[Path] = set()
    reasons: list[str] = []
    full = False
    for kind, path in changes:
        try:
            relative = path.resolve().relative_to(root.resolve())
        except ValueError:
            relative = path
        if any(part.startswith(".") for part in relative.parts):
            continue
        if relative.parent == QUESTIONS and relative.suffix != ".yaml":
            continue  # an editor's temporary file next to the questions
        reasons.append(f"{relative} {kind}")
        if relative == MKDOCS_FILE:
            full = True
        elif relative.parent == QUESTIONS and relative.suffix == ".yaml":
            if kind == "deleted":
                full = True  # the stale report must go, and only a full build removes it
            else:
                questions.add(relative)
        else:
            full = True  # a library file: BM25 statistics of the whole library change
    if not reasons:
        return None
    return Rebuild(full, () if full else tuple(sorted(questions)), tuple(reasons))


@dataclass
class Libraries:
    """The library folders the question files name, read again only when a question file changes (by
    its size and modification time), so asking every second costs a few stats."""

    root: Path
    seen: dict[Path, tuple[int, int, Path]] = field(default_factory=dict)

    def named(self) -> set[Path]:
        import yaml

        current: dict[Path, tuple[int, int, Path]] = {}
        for question in sorted((self.root / QUESTIONS).glob("*.yaml")):
            try:
                stat = question.stat()
            except OSError:
                continue
            known = self.seen.get(question)
            if known is not None and known[:2] == (stat.st_size, stat.st_mtime_ns):
                current[question] = known
                continue
            try:
                data = yaml.safe_load(question.read_text(encoding="utf-8"))
            except (OSError, ValueError, yaml.YAMLError):
                data = None  # read leniently: a broken question file still lets serve watch the others
            library = data.get("library", "library") if isinstance(data, dict) else "library"
            # A file read while it was being rewritten reads empty; with the same size and a modification time
            # within the file system's tick once written, it would be trusted from then on. Only a file that read
            # as a mapping is remembered; any other is read again on the next round.
            remembered = (stat.st_size, stat.st_mtime_ns) if isinstance(data, dict) else (-1, -1)
            current[question] = (*remembered, self.root / str(library))
        self.seen = current
        return {self.root / "library", *(entry[2] for entry in current.values())}


def watched_paths(root: Path, libraries: Libraries | None = None) -> list[Path]:
    """The question folder, mkdocs.yml and every library the questions name now (those that exist)."""
    named = (libraries or Libraries(root)).named()
    return sorted(p for p in {root / QUESTIONS, root / MKDOCS_FILE, *named} if p.exists())


def rebuild(plan: Rebuild, cache_dir: Path, jobs: int | None = None) -> bool:
    """Run the build the plan asks for; False (and the problems printed) when it failed, the
    previous pages untouched."""
    from synth.build import build
    from synth.config import ConfigError
    from synth.library import LibraryError

    log.info("rebuilding %s: %s", "every report" if plan.full else ", ".join(str(q) for q in plan.questions),
             "; ".join(plan.reasons[:5]))
    try:
        summary = build(list(plan.questions), out_dir=Path("docs/reports"), site_dir=Path("docs"),
                        cache_dir=cache_dir, jobs=jobs)
    except ConfigError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        log.warning("%d problem(s); the pages stay as they were", len(exc.problems))
        return False
    except LibraryError as exc:
        log.warning("%s; the pages stay as they were", exc)
        return False
    log.info("rebuilt %d report(s), %d from cache; the browser reloads", len(summary.reports), len(summary.reused))
    return True


def watch(root: Path, on_change: Callable[[Rebuild], object], stop: threading.Event) -> None:
    """Call `on_change` for every batch of changes until `stop` is set. The watched folders follow the
    question files: a question that names another library, or a library folder that appears later,
    is watched from then on (and a library that appears rebuilds every report)."""
    import watchfiles

    libraries = Libraries(root)
    paths = watched_paths(root, libraries)
    while not stop.is_set():
        for changes in watchfiles.watch(*paths, stop_event=stop, debounce=400, step=100, rust_timeout=1000,
                                        yield_on_timeout=True, raise_interrupt=False):
            plan = plan_rebuild(((change.name, Path(path)) for change, path in changes), root) if changes else None
            now = watched_paths(root, libraries)
            appeared = [p for p in now if p not in paths]
            if appeared:  # in the same batch as a question's change too: every report is rebuilt, once
                plan = Rebuild(True, (), (*(plan.reasons if plan else ()), *(f"{p.name} appeared" for p in appeared)))
            if plan is not None:
                on_change(plan)
            if now != paths:
                log.info("watching %s", ", ".join(str(p.relative_to(root)) if p.is_relative_to(root) else str(p)
                                                  for p in now))
                paths = now
                break


def mkdocs_serve_command(mkdocs: str, dev_addr: str) -> list[str]:
    """`mkdocs serve` without strict mode. Strict counts every warning logged while a build runs, its own
    server's too (a request answered with anything but 200, a page read while synth switched the tree),
    and a strict abort leaves `mkdocs serve` answering no page until the next change: the browser hangs.
    The warnings still show in the log; `make site` and CI build strictly."""
    return [mkdocs, "serve", "--dev-addr", dev_addr, "--livereload", "--no-strict"]


def serve(dev_addr: str, cache_dir: Path, jobs: int | None = None) -> int:
    """Build, start `mkdocs serve` (it reloads the browser when docs/ changes), rebuild on changes."""
    root = Path.cwd()
    mkdocs = shutil.which("mkdocs", path=str(Path(sys.executable).parent)) or shutil.which("mkdocs")
    if mkdocs is None:
        raise SystemExit("synth: mkdocs is not installed")
    if not rebuild(Rebuild(True, (), ("first build",)), cache_dir, jobs):
        log.warning("serving the previous pages until the problems above are fixed")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(mkdocs_serve_command(mkdocs, dev_addr), env=env)
    stop = threading.Event()
    # `kill` (SIGTERM) stops like Ctrl-C: through `finally`, so mkdocs serve never outlives synth.
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        log.info("serving on http://%s/ ; watching %s", dev_addr,
                 ", ".join(str(p.relative_to(root)) if p.is_relative_to(root) else str(p)
                           for p in watched_paths(root)))
        watch(root, lambda plan: rebuild(plan, cache_dir, jobs), stop)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    return 0
