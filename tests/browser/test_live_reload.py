"""`synth serve` as a writer uses it: the report open in Chromium, the question file edited, and the
page reloads by itself with the new text; a file added to the library appears on the open sources
page. Then SIGTERM stops synth and the `mkdocs serve` it started."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from settled import evaluate_settled

ROOT = Path(__file__).resolve().parents[2]
# Generous bounds, only so a broken server fails instead of hanging the suite; no speed is asserted.
STARTED = 600
RELOADED_MS = 300_000


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # 127.0.0.1 only
            return int(response.status) == 200
    except OSError:
        return False


@pytest.fixture
def serving(tmp_path: Path, browser: Any) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    """The example project served by `synth serve` on a free port (the browser fixture first, so the
    test skips before anything starts when Chromium is missing)."""
    project = tmp_path / "project"
    for name in ("reports", "library"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets")
    shutil.copy(ROOT / "docs" / "about.md", project / "docs" / "about.md")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    address = f"127.0.0.1:{_free_port()}"
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "REPO_URL")}
    env["SOURCE_DATE_EPOCH"] = "315532800"
    log = (tmp_path / "serve.log").open("w", encoding="utf-8")  # a file, not a pipe nobody reads
    server = subprocess.Popen([sys.executable, "-m", "synth", "serve", "-a", address], cwd=project, env=env,
                              stdout=log, stderr=subprocess.STDOUT, text=True)
    base = f"http://{address}/"
    try:
        for _ in range(STARTED):
            if _answers(base + "reports/qwen2.5-training-data/index.html") or server.poll() is not None:
                break
            time.sleep(1)
        log_text = (tmp_path / "serve.log").read_text(encoding="utf-8")
        assert server.poll() is None and _answers(base + "index.html"), log_text[-3000:]
        yield project, base, server
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=120)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def test_serve_reloads_the_browser_when_a_question_or_a_library_file_changes(
        serving: tuple[Path, str, subprocess.Popen[str]], visit: Any) -> None:
    project, base, server = serving
    found: dict[str, Any] = {}

    def edit(page: Any) -> None:
        found["step"] = "read the report's title"
        found["before"] = page.locator("article h1").first.inner_text()
        page.evaluate("window.__notReloaded = true")
        found["step"] = "edit the question and wait for the page to reload with its new title"
        question = project / "reports" / "qwen2.5-training-data.yaml"
        question.write_text(question.read_text(encoding="utf-8").replace(
            "title: Qwen2.5 training data", "title: Qwen2.5 training data, edited live"), encoding="utf-8")
        page.wait_for_function("document.querySelector('article h1')?.innerText.includes('edited live')",
                               timeout=RELOADED_MS)
        found["after"] = page.locator("article h1").first.inner_text()
        found["reloaded"] = evaluate_settled(page, "window.__notReloaded === undefined")
        found["step"] = "open the sources page"
        page.goto(base + "sources/index.html")
        found["step"] = "add a library file and wait for the sources page to show it"
        (project / "library" / "zebra-notes.md").write_text("# Zebra-quagga field notes\n\nWritten while serving.\n",
                                                             encoding="utf-8")
        page.wait_for_function("document.querySelector('article')?.innerText.includes('Zebra-quagga field notes')",
                               timeout=RELOADED_MS)
        found["sources"] = page.locator("article").first.inner_text()

    try:
        seen = visit(base + "reports/qwen2.5-training-data/index.html", edit)
    except Exception as error:  # the step and the server's log say why a page never came (a stuck rebuild, say)
        log_text = (project.parent / "serve.log").read_text(encoding="utf-8")
        raise AssertionError(f"failed at step: {found.get('step', 'open the report')}: {type(error).__name__}: {error}"
                             f"\n--- synth serve log ---\n{log_text[-6000:]}") from error
    assert seen.offsite == [] and seen.hits == [] and seen.page_errors == []
    assert found["before"].rstrip("¶") == "Qwen2.5 training data"
    assert found["after"].rstrip("¶") == "Qwen2.5 training data, edited live"
    assert found["reloaded"], "the page reloaded by itself"
    assert "Zebra-quagga field notes" in found["sources"], "a file added to the library shows on the open page"
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=120) == 0
    assert not _answers(base + "index.html"), "mkdocs serve stopped with synth"
