"""Live editing: a changed question rebuilds its report only, a library change rebuilds all, a bad
edit leaves the pages as they were."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from synth.cli import main
from synth.serve import Rebuild, plan_rebuild, rebuild, watch, watched_paths


@contextmanager
def watching(project: Path) -> Iterator[tuple[list[Rebuild], threading.Event]]:
    """`watch` running on the project in a thread: the plans it hands over, and an event set on each."""
    plans: list[Rebuild] = []
    changed, stop = threading.Event(), threading.Event()

    def on_change(plan: Rebuild) -> None:
        plans.append(plan)
        changed.set()

    watcher = threading.Thread(target=watch, args=(project, on_change, stop))
    watcher.start()
    try:
        yield plans, changed
    finally:
        stop.set()
        watcher.join()


def test_plan_rebuild(tmp_path: Path) -> None:
    root = tmp_path
    q = root / "reports/a.yaml"
    assert plan_rebuild([("modified", q)], root) == Rebuild(False, (Path("reports/a.yaml"),),
                                                            ("reports/a.yaml modified",))
    assert plan_rebuild([("added", q), ("modified", root / "reports/b.yaml")], root).questions == (
        Path("reports/a.yaml"), Path("reports/b.yaml"))
    assert plan_rebuild([("deleted", q)], root).full
    assert plan_rebuild([("modified", q), ("added", root / "library/new.pdf")], root).full
    assert plan_rebuild([("modified", root / "mkdocs.yml")], root).full
    assert plan_rebuild([("modified", root / "reports/.a.yaml.swp")], root) is None
    assert plan_rebuild([("added", root / "reports/sedBxan99"), ("deleted", root / "reports/sedBxan99")], root) is None


def test_watch_rebuilds_the_edited_report_only(project: Path) -> None:
    assert main(["build"]) == 0
    assert watched_paths(project) == [project / "library", project / "mkdocs.yml", project / "reports"]
    page = project / "docs/reports/qwen2.5-training-data/index.md"
    other = project / "docs/reports/livecodebench-scaling/index.md"
    other_before = other.read_bytes()
    plans: list[Rebuild] = []
    results: list[bool] = []
    done, stop = threading.Event(), threading.Event()

    def on_change(plan: Rebuild) -> None:
        plans.append(plan)
        results.append(rebuild(plan, project / ".synth-cache"))
        done.set()

    watcher = threading.Thread(target=watch, args=(project, on_change, stop))
    watcher.start()
    try:
        question = project / "reports/qwen2.5-training-data.yaml"
        edited = question.read_text(encoding="utf-8").replace("title: Qwen2.5 training data",
                                                              "title: Qwen2.5 training data, edited")
        # The watcher may not be running yet when the first write happens: write again until it
        # reacts, up to a generous bound so a broken watcher fails instead of hanging (no speed is
        # asserted).
        for _ in range(60):
            question.write_text(edited, encoding="utf-8")
            if done.wait(2):
                break
        assert done.is_set(), "no rebuild after the question changed"
        assert plans[0] == Rebuild(False, (Path("reports/qwen2.5-training-data.yaml"),),
                                   ("reports/qwen2.5-training-data.yaml modified",))
        assert results == [True]
        assert "# Qwen2.5 training data, edited" in page.read_text(encoding="utf-8")
        assert other.read_bytes() == other_before
        nav = project / "docs/.synth/current/.synth-nav.yml"
        assert "Qwen2.5 training data, edited" in nav.read_text(encoding="utf-8")
    finally:
        stop.set()
        watcher.join()


def test_a_bad_edit_keeps_the_pages(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build"]) == 0
    page = project / "docs/reports/qwen2.5-training-data/index.md"
    before = page.read_bytes()
    question = project / "reports/qwen2.5-training-data.yaml"
    question.write_text(question.read_text(encoding="utf-8") + "max_findings: many\n", encoding="utf-8")
    assert rebuild(Rebuild(False, (Path("reports/qwen2.5-training-data.yaml"),)), project / ".synth-cache") is False
    assert "reports/qwen2.5-training-data.yaml:" in capsys.readouterr().err
    assert page.read_bytes() == before


def test_watch_follows_libraries_named_after_serve_started(project: Path) -> None:
    """A question that starts naming another library, and a library folder created later, are watched
    from then on: a file changed in them rebuilds every report."""
    with watching(project) as (plans, changed):

        def until(condition: object, write: object) -> None:
            # Write again until the watcher reacts, up to a generous bound (no speed is asserted). The condition
            # is checked on every round, not only after a signal: a plan appended between an earlier signal and
            # its clear() would otherwise never be looked at when `write` makes no new event.
            for _ in range(60):
                write()  # type: ignore[operator]
                changed.wait(2)
                changed.clear()
                if condition():  # type: ignore[operator]
                    return
            raise AssertionError(f"the watcher did not react: {plans}")

        question = project / "reports/other.yaml"
        until(lambda: any(Path("reports/other.yaml") in p.questions for p in plans),
              lambda: question.write_text("title: Other\nquestion: What is in the other library?\nlibrary: lib2\n",
                                          encoding="utf-8"))
        assert project / "lib2" not in watched_paths(project)
        notes = project / "lib2" / "notes.md"
        notes.parent.mkdir()
        until(lambda: any("lib2 appeared" in p.reasons for p in plans), lambda: None)
        assert plans[-1].full
        assert project / "lib2" in watched_paths(project)
        plans.clear()
        until(lambda: any(p.full and "lib2/notes.md" in " ".join(p.reasons) for p in plans),
              lambda: notes.write_text("# Notes\n\nZeta-7B scores 41.2 on CodeBench.\n", encoding="utf-8"))


def test_a_question_read_while_it_was_rewritten_is_read_again(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A question file caught between its truncation and its write reads empty; once written it may have the same
    size and modification time (a file system's tick) as when it was read, so an empty read must not be trusted:
    the library it names is found on the next round (the watcher test failed 1 run in 3 on this race)."""
    from synth.serve import Libraries

    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "other.yaml").write_text("title: Other\nquestion: What?\nlibrary: lib2\n",
                                                     encoding="utf-8")
    reads = iter(["", None])
    original = Path.read_text

    def racing_read(self: Path, *args: object, **kwargs: object) -> str:
        text = next(reads, None)
        return original(self, *args, **kwargs) if text is None else text  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", racing_read)
    libraries = Libraries(tmp_path)
    assert tmp_path / "lib2" not in libraries.named()
    assert tmp_path / "lib2" in libraries.named()


def test_a_library_appearing_with_the_question_that_names_it_rebuilds_every_report(project: Path) -> None:
    """The question naming lib2 and the lib2 folder arrive in one batch (the CI failure of the watcher test: the
    folder appeared while the question's change was handled): the batch's plan is a full rebuild that says lib2
    appeared, never the question's own rebuild alone, which lost the appearance."""
    with watching(project) as (plans, changed):
        first = project / "reports/first.yaml"
        for _ in range(60):  # until the watcher runs (no speed is asserted)
            first.write_text("title: First\nquestion: What is in the library?\n", encoding="utf-8")
            if changed.wait(2):
                break
        for _ in range(60):
            changed.clear()
            (project / "reports/other.yaml").write_text(
                "title: Other\nquestion: What is in the other library?\nlibrary: lib2\n", encoding="utf-8")
            (project / "lib2").mkdir(exist_ok=True)
            changed.wait(2)
            if any("lib2 appeared" in p.reasons for p in plans):
                break
        appeared = [p for p in plans if "lib2 appeared" in p.reasons]
        assert appeared and appeared[0].full, plans


def test_the_served_site_survives_a_warning_that_a_strict_build_would_abort_on(tmp_path: Path) -> None:
    """The `mkdocs serve` synth starts keeps serving a site whose build warns, though mkdocs.yml says strict:
    under strict, any warning logged during a rebuild (a broken link in a page read while synth switched
    the tree, the server's own log of a 404) aborts it, and mkdocs then answers no page until the next change."""
    import os
    import shutil
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    from synth.serve import mkdocs_serve_command

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\n[gone](missing.md)\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nstrict: true\n", encoding="utf-8")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mkdocs = shutil.which("mkdocs", path=str(Path(sys.executable).parent))
    assert mkdocs is not None
    server = subprocess.Popen(mkdocs_serve_command(mkdocs, f"127.0.0.1:{port}"), cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    page = ""
    try:
        for _ in range(600):  # a bound so a broken server fails instead of hanging; no speed is asserted
            if server.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:  # local only
                    page = response.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.5)
    finally:
        server.terminate()
        try:
            output = server.communicate(timeout=120)[0]
        except subprocess.TimeoutExpired:  # only its log is read from here on; a slow stop asserts nothing
            server.kill()
            output = server.communicate()[0]
    assert "Home" in page, output
    assert "missing.md" in output and "Aborted" not in output
