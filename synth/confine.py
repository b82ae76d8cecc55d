"""Where synth may read and write: library folders inside the project, output that destroys nothing.

A question file comes from a pull request, so its `library:` must not reach the rest of the disk
(`library: /`, `library: ../../home`), and a mistyped `--out` must not replace the folders people
keep by hand. These checks are plain functions of paths, shared by the config loader (which reports
them at the question's line), the library walker and the build's output stage.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path, PurePosixPath


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
