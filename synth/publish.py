"""Publishing generated pages: destinations that destroy nothing, a switch in one step, one build at a time.

Destinations. `--out` and `--site` are checked before anything is read or written: never the
project root or a folder above it, never `reports/`, a library, `.git` or the cache (nor a folder
inside or around one), never an existing file, never a folder holding files synth did not write
(synth marks the folders it owns). A mistyped option used to delete question files or the library.

One step. The generated part of `docs/` is a tree of its own, `docs/.synth/<digest>/` (named by its
content, so an identical build reuses it), reached through `docs/.synth/current`, a symlink switched
by one `os.replace`. The paths MkDocs reads — `docs/index.md`, `docs/reports`, `docs/sources`,
`docs/files` — are symlinks into `current`, made once, and `mkdocs.yml` inherits the nav from
`docs/.synth/current/.synth-nav.yml` (MkDocs and Zensical follow symlinks and skip dot-folders). A
folder published whole (`--out` alone, and the MkDocs `site/`, see synth.stamp) is built beside its
destination and exchanged with it by one `renameat2(RENAME_EXCHANGE)`. So a build killed at any
moment leaves the previous output whole; leftovers are removed by the next build, which gives what
a clean build gives.

One at a time. A build holds an exclusive lock on a file in the cache folder; a second build waits
for it (saying so) instead of interleaving with it.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import hashlib
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from synth.confine import real

log = logging.getLogger("synth")

STORE = ".synth"
CURRENT = "current"
# What the site writer produces at the top of the generated tree; each is a symlink in docs/.
GENERATED = ("index.md", "reports", "sources", "files")
NAV = ".synth-nav.yml"
# The mark of a folder synth owns (inside it), and of docs/.synth.
MARK = ".synth-output"
LEGACY_NAV = ".synth-nav.yml"
LOCK = "build.lock"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class OutputRefused(Exception):
    """An output destination that would overwrite or delete something synth does not own."""


def checkpoint(name: str) -> None:
    """A named point between two steps of a switch. Does nothing; tests replace it to kill the
    process exactly there and check that the previous output is still whole."""


# --- destinations --------------------------------------------------------------------------------


def _related(a: Path, b: Path) -> bool:
    ra, rb = real(a), real(b)
    return ra == rb or ra.is_relative_to(rb) or rb.is_relative_to(ra)


def _owned(folder: Path) -> bool:
    return (folder / MARK).is_file()


def _foreign_entries(folder: Path) -> list[str]:
    """Entries of a folder synth did not write (empty when the folder is synth's or empty)."""
    if not folder.is_dir() or _owned(folder):
        return []
    return sorted(p.name for p in folder.iterdir())


def check_destinations(out_dir: Path, site_dir: Path | None, root: Path, protected: Sequence[tuple[Path, str]],
                       containing: Sequence[tuple[Path, str]] = ()) -> None:
    """Refuse destinations that would replace or delete what synth does not own (OutputRefused).

    `protected` are (path, what it is) pairs no destination may be, contain or lie inside: libraries
    (pages inside one would be read as sources), reports/, the cache; .git is added. `containing`
    are folders no destination may be or contain (the folders of question files named anywhere)."""
    guarded = [*protected, (root / ".git", "the repository's .git")]
    for option, destination in (("--site", site_dir), ("--out", out_dir)):
        if destination is None:
            continue
        shown = f"{option} {destination}"
        if real(destination) == real(root) or real(root).is_relative_to(real(destination)):
            raise OutputRefused(f"{shown} is the project folder or a folder above it; pages go in a folder of "
                                "their own")
        for path, what in guarded:
            if path.exists() and _related(destination, path):
                raise OutputRefused(f"{shown} would overwrite {what} ({path}); choose another folder")
        for path, what in containing:
            if path.exists() and real(path).is_relative_to(real(destination)):
                raise OutputRefused(f"{shown} would overwrite {what} ({path}); choose another folder")
        if site_dir is not None and destination == out_dir and _our_link(site_dir, "reports"):
            continue
        if destination.is_symlink() and not destination.is_dir():
            raise OutputRefused(f"{shown} is a broken symlink")
        if destination.exists() and not destination.is_dir():
            raise OutputRefused(f"{shown} is an existing file, not a folder")
    if site_dir is not None:
        if real(out_dir) != real(site_dir / "reports"):
            raise OutputRefused(f"with --site {site_dir}, report pages go in {site_dir / 'reports'}, not {out_dir}")
        _check_site(site_dir)
    else:
        foreign = _foreign_entries(out_dir)
        if foreign:
            raise OutputRefused(f"--out {out_dir} holds files synth did not write ({', '.join(foreign[:3])}"
                                f"{' …' if len(foreign) > 3 else ''}); choose an empty or new folder")


def _our_link(site_dir: Path, name: str) -> bool:
    path = site_dir / name
    return path.is_symlink() and os.readlink(path) == f"{STORE}/{CURRENT}/{name}"


def _legacy(site_dir: Path) -> bool:
    """docs/ as an older synth left it (generated paths as plain files and folders, nav beside them)."""
    return (site_dir / LEGACY_NAV).is_file()


def _check_site(site_dir: Path) -> None:
    store = site_dir / STORE
    if store.exists() and not (store.is_dir() and _owned(store)):
        raise OutputRefused(f"{store} exists and was not made by synth; move it away")
    legacy = _legacy(site_dir)
    for name in GENERATED:
        path = site_dir / name
        if _our_link(site_dir, name):
            continue
        if path.exists() or path.is_symlink():
            if legacy and name in ("index.md", "reports", "sources"):
                continue
            raise OutputRefused(f"{path} was not written by synth (synth writes {', '.join(GENERATED)} in "
                                f"{site_dir}); move it away or choose another --site")


# --- one build at a time -----------------------------------------------------------------------------


@contextlib.contextmanager
def build_lock(cache_dir: Path) -> Iterator[None]:
    """Hold the project's build lock; wait, saying so, while another build holds it."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    with open(cache_dir / LOCK, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another synth process"
            log.warning("another build of this project is running (%s): waiting for it to finish", holder)
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                handle.seek(0)
                handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


# --- switching in one step -----------------------------------------------------------------------------


def exchange(new: Path, old: Path) -> None:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE). Where that is missing, two
    renames: the only window in which `old` is absent is between them."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = getattr(libc, "renameat2", None)
        if renameat2 is not None:
            if renameat2(_AT_FDCWD, os.fsencode(new), _AT_FDCWD, os.fsencode(old), _RENAME_EXCHANGE) == 0:
                return
            error = ctypes.get_errno()
            if error not in (errno.ENOSYS, errno.EINVAL):
                raise OSError(error, os.strerror(error), str(old))
    aside = old.with_name(f".{old.name}.synth-old-{os.getpid()}")
    os.rename(old, aside)
    os.rename(new, old)
    os.rename(aside, new)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.is_dir():
        shutil.rmtree(path, ignore_errors=True)


def tree_digest(folder: Path) -> str:
    """sha256 over the relative names and bytes of every file under `folder`."""
    digest = hashlib.sha256()
    for current, folders, names in os.walk(folder):
        folders.sort()
        for name in sorted(names):
            path = Path(current) / name
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def staging_folder(site_dir: Path | None, out_dir: Path) -> Path:
    """A fresh folder on the destination's file system for the next tree (removed if the build fails)."""
    if site_dir is not None:
        store = site_dir / STORE
        store.mkdir(parents=True, exist_ok=True)
        (store / MARK).write_text("Generated by synth build; replaced on every build. Do not edit.\n",
                                  encoding="utf-8")
        staged = Path(tempfile.mkdtemp(prefix="staging-", dir=store))
    else:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        staged = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.synth-staging-", dir=out_dir.parent))
    staged.chmod(0o755)  # mkdtemp makes it private; published pages are not
    return staged


def publish_site(staged: Path, site_dir: Path) -> None:
    """Make the staged tree docs' generated part in one step (see the module docstring)."""
    for name in GENERATED:
        if not (staged / name).exists():
            (staged / name).mkdir()
    unexpected = sorted(p.name for p in staged.iterdir() if p.name not in (*GENERATED, NAV))
    if unexpected:
        raise RuntimeError(f"the site writer made {unexpected}: add them to synth.publish.GENERATED")
    store = site_dir / STORE
    digest = tree_digest(staged)
    # Named by content: an identical build reuses the tree, unless someone changed it meanwhile.
    for attempt in range(1, 100):
        target = store / (digest[:20] + (f"-{attempt}" if attempt > 1 else ""))
        if not target.exists() or (target.is_dir() and not target.is_symlink() and tree_digest(target) == digest):
            break
    if target.exists():
        _remove(staged)
    else:
        os.rename(staged, target)
    checkpoint("tree-renamed")
    _link_generated(site_dir)
    checkpoint("links-made")
    pointer = store / f"{CURRENT}.new-{os.getpid()}"
    _remove(pointer)
    os.symlink(target.name, pointer)
    os.replace(pointer, store / CURRENT)
    checkpoint("current-switched")
    for leftover in sorted(store.iterdir()):
        if leftover.name not in (CURRENT, target.name, MARK):
            _remove(leftover)
    checkpoint("cleaned")


def _link_generated(site_dir: Path) -> None:
    """The stable symlinks docs/index.md, docs/reports … into .synth/current (made once; an older
    synth's plain files and folders are replaced on the way, its nav file removed)."""
    legacy = _legacy(site_dir)
    for name in GENERATED:
        path = site_dir / name
        wanted = f"{STORE}/{CURRENT}/{name}"
        if path.is_symlink() and os.readlink(path) == wanted:
            continue
        if legacy and path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        link = site_dir / f".{name}.synth-link"
        _remove(link)
        os.symlink(wanted, link)
        os.replace(link, path)
    if legacy:
        (site_dir / LEGACY_NAV).unlink(missing_ok=True)


def publish_folder(staged: Path, out_dir: Path) -> None:
    """Make the staged folder `out_dir` in one step, marked as synth's."""
    (staged / MARK).write_text("Generated by synth build; replaced on every build. Do not edit.\n", encoding="utf-8")
    if out_dir.is_dir():
        exchange(staged, out_dir)
        checkpoint("folder-exchanged")
        _remove(staged)
    else:
        os.rename(staged, out_dir)
        checkpoint("folder-exchanged")


def sweep(site_dir: Path | None, out_dir: Path) -> None:
    """Remove what a killed build left behind (staging folders, half-made links)."""
    if site_dir is not None and (site_dir / STORE).is_dir():
        for leftover in (site_dir / STORE).glob("staging-*"):
            _remove(leftover)
        for leftover in (site_dir / STORE).glob(f"{CURRENT}.new-*"):
            _remove(leftover)
        for leftover in site_dir.glob(".*.synth-link"):
            _remove(leftover)
    if out_dir.parent.is_dir():
        for leftover in out_dir.parent.glob(f".{out_dir.name}.synth-staging-*"):
            _remove(leftover)
