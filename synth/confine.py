"""Where synth may read and write: library folders inside the project, output that destroys nothing.

A question file comes from a pull request, so its `library:` must not reach the rest of the disk
(`library: /`, `library: ../../home`), and a mistyped `--out` must not replace the folders people
keep by hand. These checks are plain functions of paths, shared by the config loader (which reports
them at the question's line), the library walker and the build's output stage.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path, PurePosixPath


class FileRefused(OSError):
    """A file that is not read at all: not a regular file, or larger than its limit."""


def real(path: Path) -> Path:
    """The absolute path with every symlink resolved (the path need not exist)."""
    return Path(os.path.realpath(path))


def is_within(path: Path, folder: Path) -> bool:
    """Whether `path`, with symlinks resolved, is `folder` or inside it (also resolved)."""
    return real(path).is_relative_to(real(folder))


def library_folder(value: str, root: Path, allowed: Sequence[Path] = ()) -> Path:
    """The library folder a question names, checked: a relative path without `..` that stays
    (after symlinks) inside the project root, and is a folder. A folder inside one of the `allowed`
    roots (given explicitly, e.g. `--library-root ../shared`) may also be named absolutely or with `..`.
    Raises ValueError with the reason, shown at the question's `library:` line."""
    if not value.strip():
        raise ValueError("library must name a folder")
    pure = PurePosixPath(value.replace("\\", "/"))
    folder = root / pure
    inside_extra = any(is_within(folder, r) for r in allowed)
    if (pure.is_absolute() or value.startswith("~") or (len(value) > 1 and value[1] == ":")) and not inside_extra:
        raise ValueError(f"library must be a folder inside the project, written relative to it, not {value!r}")
    if ".." in pure.parts and not inside_extra:
        raise ValueError(f"library must stay inside the project: {value!r} climbs out with '..'")
    if not inside_extra and not is_within(folder, root):
        raise ValueError(f"library {value!r} leads outside the project (a symlink to {real(folder)}); "
                         "allow its root with --library-root")
    if real(folder) == real(root):
        raise ValueError("library must be a folder inside the project, not the project itself")
    if not folder.exists():
        raise ValueError(f"library folder {value!r} does not exist")
    if not folder.is_dir():
        raise ValueError(f"library {value!r} is not a folder")
    return Path(pure)


def file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def read_regular(path: Path, limit: int, budget: str | None = None) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, else FileRefused; never blocks (a FIFO
    opened without O_NONBLOCK waits for a writer forever) and never reads past the limit (a symlink
    to /dev/zero is read until memory runs out). `budget` names the setting that raises the limit."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(f"{file_kind(info.st_mode)}, not a regular file: not read")
        if info.st_size > limit:
            raise FileRefused(_too_large(info.st_size, limit, budget))
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise FileRefused(_too_large(len(data), limit, budget))
    return data


def _too_large(size: int, limit: int, budget: str | None) -> str:
    if budget is None:
        return f"file is larger than {limit:,} bytes"
    return (f"file of {size / 2**20:.1f} MB is over the size budget of {limit / 2**20:.1f} MB per file ({budget}): "
            "not read")
