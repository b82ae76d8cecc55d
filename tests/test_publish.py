"""Output switches from old to new in one step: kill -9 at every step of a switch leaves the previous
output whole and the next build equal to a clean one; a failing or killed site build leaves site/
as it was; two builds at once run one after the other."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from synth import publish, stamp
from synth.cli import main

# Runs synth in a child that kills itself (SIGKILL: no cleanup of any kind) at one named step.
_KILLED_AT = textwrap.dedent("""
    import os, signal, sys
    from synth import publish
    from synth.cli import main
    from synth.stamp import main as stamp_main

    def checkpoint(name):
        if name == sys.argv[1]:
            os.kill(os.getpid(), signal.SIGKILL)

    publish.checkpoint = checkpoint
    entry = stamp_main if sys.argv[2] == "stamp" else main
    sys.exit(entry(sys.argv[3:]))
""")


def _killed_at(project: Path, point: str, *arguments: str, entry: str = "synth") -> int:
    done = subprocess.run([sys.executable, "-c", _KILLED_AT, point, entry, *arguments], cwd=project,
                          capture_output=True, text=True)
    return done.returncode


def logical(folder: Path) -> dict[str, str]:
    """What a reader of `folder` sees: every file by path, symlinks followed, synth's store aside."""
    found: dict[str, str] = {}
    for current, folders, names in os.walk(folder, followlinks=True):
        folders[:] = sorted(f for f in folders if f != publish.STORE)
        for name in names:
            path = Path(current) / name
            found[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def physical(folder: Path) -> dict[str, str]:
    """Every file and symlink as stored (symlinks by their target), the store included."""
    found: dict[str, str] = {}
    for current, folders, names in os.walk(folder):
        folders.sort()
        for name in [*names, *(f for f in folders if (Path(current) / f).is_symlink())]:
            path = Path(current) / name
            key = str(path.relative_to(folder))
            found[key] = "-> " + os.readlink(path) if path.is_symlink() else hashlib.sha256(
                path.read_bytes()).hexdigest()
    return found


def _edit_question(project: Path) -> None:
    question = project / "reports" / "qwen2.5-training-data.yaml"
    text = question.read_text(encoding="utf-8")
    question.write_text(text.replace("title: ", "title: Edited ", 1), encoding="utf-8")


def _clean_build(project: Path) -> dict[str, str]:
    for name in ("index.md", "reports", "sources", "files"):
        path = project / "docs" / name
        if path.is_symlink():
            path.unlink()
    shutil.rmtree(project / "docs" / publish.STORE)
    shutil.rmtree(project / ".synth-cache")
    assert main(["build"]) == 0
    return physical(project / "docs")


@pytest.mark.parametrize("point", ["staged", "tree-renamed", "links-made", "current-switched", "cleaned"])
def test_killed_at_any_step_docs_is_old_or_new_never_mixed(project: Path, point: str) -> None:
    assert main(["build"]) == 0
    old = logical(project / "docs")
    _edit_question(project)
    assert _killed_at(project, point, "build") == -9
    after_kill = logical(project / "docs")
    assert main(["build", "--force"]) == 0
    new = logical(project / "docs")
    assert new != old
    assert after_kill in (old, new), f"killed at {point}: docs/ mixes old and new"
    if point in ("staged", "tree-renamed", "links-made"):
        assert after_kill == old, f"killed at {point}, before the switch: the previous output is whole"
    recovered = physical(project / "docs")
    assert not any(k.startswith(".synth/staging-") or ".new-" in k for k in recovered), "leftovers were removed"
    assert recovered == _clean_build(project), "the build after a kill equals a clean build"


@pytest.mark.parametrize("point", ["staged", "folder-exchanged"])
def test_killed_while_replacing_an_out_folder_leaves_it_whole(project: Path, point: str) -> None:
    assert main(["build", "--out", "build/x"]) == 0
    old = logical(project / "build" / "x")
    _edit_question(project)
    assert _killed_at(project, point, "build", "--out", "build/x") == -9
    assert logical(project / "build" / "x") in (old, logical(project / "build" / "x"))
    if point == "staged":
        assert logical(project / "build" / "x") == old
    assert main(["build", "--out", "build/x", "--force"]) == 0
    assert sorted(p.name for p in (project / "build").iterdir()) == ["x"]


_GENERATOR = textwrap.dedent("""
    import os, pathlib, signal, sys
    out = pathlib.Path(sys.argv[-1])
    out.mkdir(parents=True, exist_ok=True)
    version = pathlib.Path("version").read_text()
    for n in range(5):
        (out / f"page{n}.html").write_text(version)
        if n == 2 and version == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
    (out / "index.html").write_text(version)
    sys.exit(1 if version == "fail" else 0)
""")


@pytest.fixture
def always(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fake generator's input is not docs/: run it every time (the switch is the same)."""
    monkeypatch.setenv("SYNTH_SITE_STAMP", "0")


def _site_build(project: Path, version: str) -> int:
    (project / "version").write_text(version, encoding="utf-8")
    return stamp.main(["site", "--", sys.executable, "-c", _GENERATOR])


@pytest.mark.parametrize("version", ["fail", "kill"])
def test_a_failing_or_killed_site_build_leaves_the_previous_site(project: Path, always: None, version: str) -> None:
    assert _site_build(project, "one") == 0
    before = physical(project / "site")
    assert _site_build(project, version) != 0
    assert physical(project / "site") == before, f"a {version}ed site build changed site/"
    assert not list(project.glob(".site.synth-new-*")) or version == "kill"
    assert _site_build(project, "two") == 0
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "two"
    assert not list(project.glob(".site.synth-new-*")), "leftovers of the killed build were removed"


@pytest.mark.parametrize("point", ["site-built", "site-exchanged"])
def test_killed_while_switching_site_leaves_a_whole_site(project: Path, always: None, point: str) -> None:
    assert _site_build(project, "one") == 0
    (project / "version").write_text("two", encoding="utf-8")
    assert _killed_at(project, point, "site", "--", sys.executable, "-c", _GENERATOR, entry="stamp") == -9
    pages = {p.read_text(encoding="utf-8") for p in (project / "site").glob("*.html")}
    assert pages in ({"one"}, {"two"})
    assert _site_build(project, "three") == 0
    assert {p.read_text(encoding="utf-8") for p in (project / "site").glob("*.html")} == {"three"}


def test_a_real_strict_mkdocs_failure_leaves_site_untouched(project: Path) -> None:
    assert main(["build"]) == 0
    mkdocs = [str(Path(sys.executable).with_name("mkdocs")), "build", "--strict"]
    assert stamp.main(["site", "--", *mkdocs]) == 0
    before = physical(project / "site")
    (project / "docs" / "notes.md").write_text("# Notes\n\nSee [nowhere](nowhere.md).\n", encoding="utf-8")
    assert stamp.main(["site", "--", *mkdocs]) != 0
    assert physical(project / "site") == before


def test_site_refuses_a_folder_of_other_files(project: Path, always: None,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    (project / "site").mkdir()
    (project / "site" / "thesis.tex").write_text("x", encoding="utf-8")
    assert _site_build(project, "one") == 1
    assert "site holds files the site generator did not write" in capsys.readouterr().err
    assert (project / "site" / "thesis.tex").read_text(encoding="utf-8") == "x"


def test_the_store_keeps_only_the_current_tree(project: Path) -> None:
    assert main(["build"]) == 0
    for n in range(3):
        _edit_question(project)
        assert main(["build"]) == 0, n
    store = sorted(p.name for p in (project / "docs" / publish.STORE).iterdir())
    current = os.readlink(project / "docs" / publish.STORE / publish.CURRENT)
    assert store == sorted([publish.CURRENT, current, publish.MARK])


def test_a_second_build_waits_for_the_first(project: Path) -> None:
    """While one build holds the lock, another says so and waits; it then builds normally."""
    assert main(["build"]) == 0
    _edit_question(project)
    before = logical(project / "docs")
    with publish.build_lock(project / ".synth-cache"):
        waiting = subprocess.Popen([sys.executable, "-m", "synth", "build"], cwd=project, stderr=subprocess.PIPE,
                                   text=True)
        assert waiting.stderr is not None
        for line in waiting.stderr:
            if "another build of this project is running" in line:
                break
        assert logical(project / "docs") == before, "nothing was written while the lock was held"
    waiting.communicate()
    assert waiting.returncode == 0
    assert logical(project / "docs") != before


def test_two_builds_at_once_give_what_one_build_gives(project: Path) -> None:
    assert main(["build"]) == 0
    _edit_question(project)
    builds = [subprocess.Popen([sys.executable, "-m", "synth", "build", "--force"], cwd=project,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for running in builds:
        _, err = running.communicate()
        assert running.returncode == 0, err
    together = physical(project / "docs")
    assert together == _clean_build(project)
