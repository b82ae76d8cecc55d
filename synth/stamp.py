"""Fast no-op detection for `synth build` and `make site`, importing nothing heavy.

A warm `make site` on an unchanged project should cost little more than starting Python: loading
pydantic, citeproc, the PDF libraries and the caches alone takes longer than mkdocs. So:

* `synth build` records, after a successful build, a stamp of everything the output depends on:
  synth's own code, the arguments, the bytes of every question file, the installed packages
  (site-packages' stat), a stat signature of every library file, and a stat signature of the
  output it wrote. The next `synth build` with equal inputs and untouched output does nothing.
  A library file changed less than RACY_NS before its signature was taken is never trusted (a
  same-size rewrite within one clock tick keeps its stat), and anything unexpected means "build".
* `python -m synth.stamp site -- mkdocs build …` (used by the Makefile) runs mkdocs only when the
  content of docs/ and mkdocs.yml, SOURCE_DATE_EPOCH, SITE_URL, REPO_URL or the installed packages
  changed since the last successful run, and site/ is as that run left it.

Both stamps live in the cache folder: deleting it only costs one full build.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

RACY_NS = 2_000_000_000
BUILD_STAMP = "build-stamp.json"
SITE_STAMP = "site-stamp.json"
# Environment variables the pages or the site depend on (mkdocs.yml reads the last two with !ENV).
SITE_ENV = ("SOURCE_DATE_EPOCH", "SITE_URL", "REPO_URL")
_SYNTH = Path(__file__).resolve().parent


@functools.cache
def code_digest() -> str:
    """synth's version, Python's, and the bytes of every module of the package.

    Any edit to synth, even without a version bump, gives new report cache keys: a cache written by
    other code is never read.
    """
    from synth import __version__

    digest = hashlib.sha256(f"{__version__}\0{sys.version}\0".encode())
    for path in sorted(_SYNTH.rglob("*.py")):
        digest.update(path.relative_to(_SYNTH).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def pages_digest() -> str:
    """The bytes of the page templates and citation styles. Pages are rendered from the cached report
    on every build, so these need no new report (not in `code_digest`), but a build after editing
    one is not a no-op."""
    digest = hashlib.sha256()
    for path in sorted([*_SYNTH.glob("templates/*.j2"), *_SYNTH.glob("styles/*.csl")]):
        digest.update(path.relative_to(_SYNTH).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def packages_signature() -> str:
    """Changes whenever a package is installed, upgraded or removed (site-packages' own stat)."""
    parts = []
    for folder in sorted({p for p in sys.path if p.endswith(("site-packages", "dist-packages"))}):
        try:
            st = os.stat(folder)
            parts.append(f"{folder}:{st.st_mtime_ns}:{st.st_ino}")
        except OSError:
            parts.append(f"{folder}:-")
    return ",".join(parts)


def tree_stats(folder: Path, hidden: bool = False) -> list[tuple[str, int, int, int, int]]:
    """(relative path, size, mtime_ns, ctime_ns, inode) of every file under folder, sorted; hidden
    files and folders only when `hidden` (the library ignores them; docs/.synth-nav.yml matters)."""
    rows: list[tuple[str, int, int, int, int]] = []
    if not folder.is_dir():
        return rows
    for current, subfolders, names in os.walk(folder):
        subfolders[:] = sorted(d for d in subfolders if hidden or not d.startswith("."))
        for name in names:
            if name.startswith(".") and not hidden:
                continue
            path = os.path.join(current, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            rows.append((os.path.relpath(path, folder), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
    rows.sort()
    return rows


def _digest_rows(rows: Sequence[object]) -> str:
    return hashlib.sha256(json.dumps(rows).encode()).hexdigest()


def library_signature(folder: Path) -> dict[str, object]:
    """The stat signature of a library folder, and whether it may be trusted later (not racy)."""
    taken = time.time_ns()
    rows = tree_stats(folder)
    newest = max((max(row[2], row[3]) for row in rows), default=0)
    return {"digest": _digest_rows(rows), "trusted": newest < taken - RACY_NS}


def content_digest(paths: Sequence[Path], folders: Sequence[Path]) -> str:
    """sha256 over the names and bytes of the given files and every file (hidden too) of the folders."""
    digest = hashlib.sha256()
    files = [(p.as_posix(), p) for p in paths]
    for folder in folders:
        files += [((folder / row[0]).as_posix(), folder / row[0]) for row in tree_stats(folder, hidden=True)]
    for name, path in sorted(files):
        try:
            data = path.read_bytes()
        except OSError:
            data = b"\0missing"
        digest.update(f"{name}\0{len(data)}\0".encode() + data)
    return digest.hexdigest()


class BuildStamp:
    """Whether `synth build` with these arguments would write exactly what is already there."""

    def __init__(self, cache_dir: Path, arguments: Sequence[str], questions: Sequence[Path],
                 outputs: Sequence[Path]) -> None:
        self.path = cache_dir / BUILD_STAMP
        self.outputs = sorted({p for p in outputs})
        self.inputs = hashlib.sha256(json.dumps(
            [code_digest(), pages_digest(), packages_signature(), list(arguments), os.getcwd(),
             content_digest(list(questions), [])]).encode()).hexdigest()

    def _outputs_digest(self) -> str:
        return _digest_rows([[p.as_posix(), tree_stats(p, hidden=True)] for p in self.outputs])

    def fresh(self) -> bool:
        """True only when the last build had these inputs, no library file changed since and the
        output is as it left it."""
        try:
            recorded = json.loads(self.path.read_text(encoding="utf-8"))
            if recorded.get("inputs") != self.inputs or recorded.get("outputs") != self._outputs_digest():
                return False
            libraries = recorded["libraries"]
            return bool(libraries) and all(
                signature["trusted"] and library_signature(Path(root)) == signature
                for root, signature in libraries.items())
        except (OSError, ValueError, KeyError, TypeError):
            return False

    def record(self, libraries: dict[str, dict[str, object]]) -> None:
        """Called after a successful build with the library signatures taken before reading them."""
        payload = {"inputs": self.inputs, "libraries": libraries, "outputs": self._outputs_digest()}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(payload, sort_keys=True), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as exc:
            print(f"synth: could not record the build stamp: {exc}", file=sys.stderr)

    def forget(self) -> None:
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)


def run_site(command: Sequence[str], cache_dir: Path = Path(".synth-cache"), config: Path = Path("mkdocs.yml"),
             docs: Path = Path("docs"), site: Path = Path("site"), always: bool = False) -> int:
    """Run the site generator unless its inputs and its output are exactly as after its last run
    (or `always`). The generator writes a fresh folder (`--site-dir` is appended to the command),
    which replaces `site` in one step only when it succeeded: a failing strict build, or one killed
    half-way, leaves the previous site whole (synth.publish.exchange)."""
    from synth import publish

    key = hashlib.sha256(json.dumps([
        list(command), *(os.environ.get(name, "") for name in SITE_ENV), packages_signature(),
        content_digest([config], [docs])]).encode()).hexdigest()
    stamp = cache_dir / SITE_STAMP
    try:
        recorded = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        recorded = {}
    if (not always and recorded.get("key") == key and (site / "index.html").is_file()
            and recorded.get("site") == _digest_rows(tree_stats(site, hidden=True))):
        print(f"{site}/ is up to date ({docs}/ and {config} unchanged since the last site build)", file=sys.stderr)
        return 0
    if site.exists() and not (site.is_dir() and ((site / publish.MARK).is_file() or (site / "index.html").is_file()
                                                   or not any(site.iterdir()))):
        print(f"synth: {site} holds files the site generator did not write; move them away", file=sys.stderr)
        return 1
    import shutil
    import subprocess

    with contextlib.suppress(OSError):
        stamp.unlink(missing_ok=True)
    for leftover in site.parent.glob(f".{site.name}.synth-new-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    fresh = site.parent / f".{site.name}.synth-new-{os.getpid()}"
    status = subprocess.call([*command, "--site-dir", str(fresh)])
    if status != 0 or not fresh.is_dir():
        shutil.rmtree(fresh, ignore_errors=True)
        print(f"synth: the site build failed (status {status}); {site}/ is left as it was", file=sys.stderr)
        return status or 1
    (fresh / publish.MARK).write_text("Generated by the site build; replaced on every build.\n", encoding="utf-8")
    publish.checkpoint("site-built")
    if site.is_dir():
        publish.exchange(fresh, site)
        publish.checkpoint("site-exchanged")
        shutil.rmtree(fresh, ignore_errors=True)
    else:
        os.rename(fresh, site)
    cache_dir.mkdir(parents=True, exist_ok=True)
    stamp.write_text(json.dumps({"key": key, "site": _digest_rows(tree_stats(site, hidden=True))}), encoding="utf-8")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m synth.stamp site -- COMMAND…`: see run_site."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) < 3 or args[0] != "site" or args[1] != "--":
        print("usage: python -m synth.stamp site -- COMMAND [ARGS…]", file=sys.stderr)
        return 2
    return run_site(args[2:], always=os.environ.get("SYNTH_SITE_STAMP", "1") == "0")


if __name__ == "__main__":
    sys.exit(main())
