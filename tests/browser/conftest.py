"""Browser fixtures: serve a folder on 127.0.0.1 and load its pages in Debian's headless Chromium.

Reusable by any test of what a reader's browser does with the site (`served`, `browser`, `visit`).
Nothing leaves the machine: every request to another host than the test server is aborted and
recorded, so a test can assert there were none. Chromium is Debian's (/usr/bin/chromium, installed
by `.ci/run` and by `make test` when it can), driven by the `playwright` package; no browser is ever
downloaded. Without either, the tests here skip with the reason.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from settled import evaluate_settled

CHROMIUM = Path(os.environ.get("SYNTH_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
# How long a loaded page may take to go network-idle before it is read anyway (a settle, not a bound).
SETTLE_MS = 15_000
# Records any script that a payload manages to run: every payload sets window.__pwned, calls alert()
# or changes document.title; the trap is installed before any page script runs.
TRAP = """
window.__pwnedHits = [];
Object.defineProperty(window, '__pwned', {
  configurable: false,
  get() { return undefined; },
  set(value) { window.__pwnedHits.push('__pwned=' + String(value)); },
});
for (const name of ['alert', 'confirm', 'prompt']) {
  window[name] = (message) => { window.__pwnedHits.push(name + ':' + String(message)); };
}
"""


def _browser_missing() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is absent (`apt-get install chromium`; .ci/run installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (dev extra)"
    return None


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _NotFoundPageHandler(_QuietHandler):
    """Answers a missing path with the site's 404.html and status 404, as GitHub Pages does."""

    not_found: Path

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404 or not self.not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture
def served() -> Iterator[Callable[..., str]]:
    """`served(folder)` serves a folder on a free 127.0.0.1 port and returns its base URL;
    `served(folder, not_found="404.html")` answers missing paths with that page (status 404)."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def serve(folder: Path, not_found: str | None = None) -> str:
        if not_found is None:
            handler = functools.partial(_QuietHandler, directory=str(folder))
        else:
            page = type("Handler", (_NotFoundPageHandler,), {"not_found": folder / not_found})
            handler = functools.partial(page, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Headless Chromium (Debian's), one per test session."""
    missing = _browser_missing()
    if missing:
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    home = tmp_path_factory.mktemp("chromium-home")
    with sync_playwright() as playwright:
        # Playwright gives every launch a fresh temporary profile (a --user-data-dir of its own).
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
                                              env={**os.environ, "HOME": str(home)})
        try:
            yield launched
        finally:
            launched.close()
    shutil.rmtree(home, ignore_errors=True)


@dataclass
class Visit:
    """What loading one page did."""

    url: str
    title: str = ""
    hits: list[str] = field(default_factory=list)  # payloads that ran
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    offsite: list[str] = field(default_factory=list)  # requests to another host, aborted
    failed: list[str] = field(default_factory=list)  # responses >= 400 and failed requests


@pytest.fixture
def visit(browser: Any) -> Iterator[Callable[..., Visit]]:
    """`visit(url, then=None)` loads a page in a fresh context and returns a Visit; `then(page)` runs
    after the load (to type in search, click…) before the observations are read."""
    contexts: list[Any] = []

    def load(url: str, then: Callable[[Any], None] | None = None) -> Visit:
        seen = Visit(url)
        host = urlsplit(url).netloc
        context = browser.new_context(java_script_enabled=True, service_workers="block")
        contexts.append(context)

        def route(request_route: Any) -> None:
            target = urlsplit(request_route.request.url)
            if target.scheme in ("http", "https", "ws", "wss") and target.netloc != host:
                seen.offsite.append(request_route.request.url)
                request_route.abort()
            else:
                request_route.continue_()

        context.route("**/*", route)
        # A generous bound, only so a broken page fails instead of hanging: on a loaded machine a served page
        # being rebuilt took more than Playwright's default 30 s. No speed is asserted.
        context.set_default_navigation_timeout(300_000)
        context.add_init_script(TRAP)
        page = context.new_page()
        page.on("console", lambda message: seen.console_errors.append(message.text)
                if message.type == "error" else None)
        page.on("pageerror", lambda error: seen.page_errors.append(str(error)))
        page.on("dialog", lambda dialog: (seen.hits.append(f"dialog:{dialog.message}"), dialog.dismiss()))
        page.on("request", lambda request: seen.requests.append(request.url))
        page.on("requestfailed", lambda request: seen.failed.append(request.url))
        page.on("response", lambda response: seen.failed.append(f"{response.status} {response.url}")
                if response.status >= 400 else None)
        page.goto(url, wait_until="load")
        # Settling only, nothing asserted: a page served by `mkdocs serve` keeps a livereload poll open and is
        # never network-idle, so this wait is bounded on its own (it used to take the 300 s navigation bound).
        with contextlib.suppress(Exception):
            page.wait_for_load_state("networkidle", timeout=SETTLE_MS)
        if then is not None:
            then(page)
        seen.hits += evaluate_settled(page, "window.__pwnedHits")
        seen.title = page.title()
        page.close()
        return seen

    yield load
    for context in contexts:
        context.close()
