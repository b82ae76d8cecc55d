"""Which files of a library folder are read, and reading them without leaving the folder or blocking.

A library is untrusted: a pull request can add `ln -s /etc/passwd library/passwd.txt`, a FIFO that
blocks any reader forever, or a symlink to /dev/zero that is read until memory runs out. So:

* symlinks (to files or folders) are followed only when their target, resolved, stays inside the
  library folder; others are skipped with a reason (the target is not named: reasons are published);
* only regular files are read: FIFOs, sockets and devices are skipped with their kind;
* each folder is visited once, so a symlink loop ends;
* bytes are read with synth.confine.read_regular, which opens without blocking, checks on the open
  descriptor that it is a regular file, and never reads more than the size budget.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from synth.confine import file_kind, real


@dataclass
class Walk:
    """Files a reader takes, .bib files, and files refused with the reason (root-relative POSIX paths)."""

    files: list[str] = field(default_factory=list)
    bibs: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)


def walk(root: Path, wanted: Callable[[str], bool]) -> Walk:
    """Every file under `root` whose name `wanted` accepts (or that ends in .bib), hidden ones aside,
    sorted; see the module docstring for what is refused and why."""
    found = Walk()
    inside = real(root)
    visited = {inside}
    folders = [(root, "")]
    while folders:
        folder, prefix = folders.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if not _utf8(entry.name):
                # Linux names are bytes: one that is not UTF-8 could not be shown, cached or published.
                shown = os.fsencode(entry.name).decode("utf-8", "backslashreplace")
                found.refused[prefix + shown] = "file name is not valid UTF-8: rename it"
                continue
            relative = prefix + entry.name
            is_bib = entry.name.lower().endswith(".bib")
            readable = is_bib or wanted(entry.name)
            try:
                is_link = entry.is_symlink()
                target = real(Path(entry.path)) if is_link else Path(entry.path)
                if is_link and not target.is_relative_to(inside):
                    if readable or target.is_dir():
                        found.refused[relative] = "symlink leading outside the library: not followed"
                    continue
                mode = os.stat(entry.path).st_mode
            except OSError as exc:
                if readable:
                    found.refused[relative] = f"cannot read file: {exc.strerror or exc}"
                continue
            if stat.S_ISDIR(mode):
                resolved = real(Path(entry.path))
                if resolved not in visited:
                    visited.add(resolved)
                    folders.append((Path(entry.path), relative + "/"))
            elif not readable:
                continue
            elif not stat.S_ISREG(mode):
                found.refused[relative] = f"{file_kind(mode)}, not a regular file: not read"
            elif is_bib:
                found.bibs.append(relative)
            else:
                found.files.append(relative)
    found.files.sort()
    found.bibs.sort()
    return found


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
