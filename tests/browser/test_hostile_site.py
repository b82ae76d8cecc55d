"""A site built from a library and questions full of payloads: every page loaded in headless Chromium,
search used, and no payload runs, no request leaves the machine, nothing the payloads name is fetched.

The payloads (tests/payloads.py) sit in every place the security review found live: a markdown H1, a
text file's first line, BibTeX title, key and fields, PDF metadata, the question's title and other
fields, library file names (read and skipped), a .bib file name, names with backticks, and the
question's library folder name.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from payloads import hostile_project, live_payloads

MKDOCS = Path(sys.executable).with_name("mkdocs")
# Where the review saw payloads run; each must reach the site (as text) for the test to mean anything.
MUST_REACH = ["md-h1", "txt-first-line", "bib-title", "pdf-title", "q-title", "file-name-read", "file-name-skipped",
              "bib-file-name", "bib-key", "library-folder", "file-name-backticks", "q-question", "bib-author"]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("hostile")
    tags = hostile_project(root)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "315532800", "NO_MKDOCS_2_WARNING": "1"}
    for command in ([sys.executable, "-m", "synth", "build"], [str(MKDOCS), "build", "--strict"]):
        done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
    return root / "site", tags


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_payload_place_reaches_the_site_as_text(hostile_site: tuple[Path, list[str]]) -> None:
    site, _ = hostile_site
    text = "\n".join(page.read_text(encoding="utf-8") for page in _pages(site))
    assert [tag for tag in MUST_REACH if tag not in text] == []


def test_no_payload_is_live_in_the_html(hostile_site: tuple[Path, list[str]]) -> None:
    """The static check (no browser needed): no element carries a payload's handler or script."""
    site, _ = hostile_site
    live = {str(page.relative_to(site)): found for page in _pages(site) if (found := live_payloads(
        page.read_text(encoding="utf-8")))}
    assert live == {}


def test_no_payload_runs_in_chromium_on_any_page(hostile_site: tuple[Path, list[str]], served: Any,
                                                  visit: Any) -> None:
    site, _ = hostile_site
    base = served(site)
    pages = _pages(site)
    assert len(pages) > 20
    seen = {}
    for page in pages:
        url = base + page.relative_to(site).as_posix()
        result = visit(url)
        seen[url] = result
        assert result.hits == [], f"payload ran on {url}: {result.hits}"
        assert result.offsite == [], f"{url} requested another host: {result.offsite}"
        assert result.failed == [], f"{url} fetched something missing (a live payload tag?): {result.failed}"
        assert result.page_errors == [], f"{url}: {result.page_errors}"
    assert all(result.requests for result in seen.values())


def test_no_payload_runs_in_search_results(hostile_site: tuple[Path, list[str]], served: Any, visit: Any) -> None:
    """Search renders titles and text from its index into the page: type words the payloads hold."""
    site, _ = hostile_site
    base = served(site)
    shown: list[int] = []

    def search(page: Any) -> None:
        from playwright.sync_api import TimeoutError as NotYet

        for words in ("onerror", "pwned", "script", "javascript", "svg onload"):
            for _ in range(10):  # keys typed before the search index is ready find nothing: type again
                page.fill("input.md-search__input", "")
                page.click("input.md-search__input")
                page.keyboard.type(words)  # key by key: Material reads the query on key events
                try:
                    page.wait_for_selector(".md-search-result__item", timeout=5000)
                    break
                except NotYet:
                    continue
            shown.append(page.locator(".md-search-result__item").count())

    result = visit(base + "index.html", then=search)
    assert result.hits == [] and result.offsite == []
    assert all(count > 0 for count in shown), "search found the payload text"
