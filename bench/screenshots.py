"""Screenshots of the built site, taken with Debian's Chromium, to look at what a reader sees.

    .venv/bin/python bench/screenshots.py                 # the example site (run `make site` first)
    .venv/bin/python bench/screenshots.py --corpus        # also a site of the tuning questions over
                                                          # ../shared/corpus/pdfs (built into build/)
    make screenshots                                      # both

PNG files go to build/screenshots/ (1280×800 viewport): the first screen of every report, an answer
cell whose evidence is a table row (`#cell-N`), a claim whose evidence block the anchor opened
(`#claim-N`), a source page at a cited passage, search results for a figure, the report in dark
mode, and the home page opened from disk (file://). The site is served on 127.0.0.1; every request
for another host is refused and listed.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 800}
CORPUS = ROOT.parent / "shared" / "corpus" / "pdfs"
TUNE = ROOT / "bench" / "data" / "answers" / "tune"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(directory: Path) -> Iterator[str]:
    """`directory` on http://127.0.0.1:PORT/ for as long as the block runs."""
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def corpus_site(out: Path) -> Path:
    """A site of the tuning questions (the `question:` blocks of bench/data/answers/tune/) built over the
    shared corpus with this project's mkdocs.yml, in `out`."""
    if not CORPUS.is_dir():
        raise SystemExit(f"{CORPUS} is absent: the corpus site needs the shared corpus")
    if out.exists():
        shutil.rmtree(out)
    (out / "questions").mkdir(parents=True)
    for gold in sorted(TUNE.glob("*.yaml")):
        question = yaml.safe_load(gold.read_text(encoding="utf-8"))["question"]
        (out / "questions" / gold.name).write_text(yaml.safe_dump(question, sort_keys=True), encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", out / "mkdocs.yml")
    shutil.copytree(ROOT / "docs" / "assets", out / "docs" / "assets")
    shutil.copy(ROOT / "docs" / "about.md", out / "docs" / "about.md")
    bin_dir = Path(sys.executable).parent
    subprocess.run([bin_dir / "synth", "build", "--library", str(CORPUS), "--cache", str(ROOT / ".synth-cache"),
                    "--out", str(out / "docs" / "reports"), "--site", str(out / "docs"),
                    *sorted(map(str, (out / "questions").glob("*.yaml")))], check=True, cwd=ROOT)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([bin_dir / "mkdocs", "build", "--strict", "-f", str(out / "mkdocs.yml")], check=True, env=env)
    return out / "site"


def _first_table_cell(html: str) -> str | None:
    """The anchor of the first answer cell whose evidence is a quoted table row."""
    for match in re.finditer(r'<h4 class="synth-cell" id="(cell-\d+)"', html):
        section = html[match.end():].split("<h", 1)[0]
        if "<table" in section:
            return match.group(1)
    return None


def _cited_passage(site: Path, wanted: tuple[str, ...]) -> tuple[str, str] | None:
    """A source page and the anchor of a cited passage whose block holds all of `wanted`."""
    for source in sorted((site / "sources").glob("*.html")):
        text = source.read_text(encoding="utf-8")
        for match in re.finditer(r'<h4 class="synth-passage" id="(q-\d+-\d+)"', text):
            block = text[match.end():].split("<h4", 1)[0].split("<h2", 1)[0]
            if all(w in block for w in wanted):
                return source.name, match.group(1)
    return None


def _search(page: Any, query: str) -> None:
    page.click("input.md-search__input")
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)


def shoot(site: Path, out: Path, name: str, query: str) -> list[str]:
    """Screenshots of one built site into `out`, prefixed with `name`; returns the files written."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    reports = sorted(p.parent.name for p in (site / "reports").glob("*/index.html"))
    with served(site) as base, sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        browser = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, viewport=VIEWPORT, headless=True)
        outside: list[str] = []

        def route(route_: Any, request: Any) -> None:
            if request.url.startswith((base, "file://", "data:", "blob:")):
                route_.continue_()
            else:
                outside.append(request.url)
                route_.abort()

        browser.route("**/*", route)
        page = browser.new_page()

        def save(label: str) -> None:
            path = out / f"{name}-{label}.png"
            page.screenshot(path=str(path))
            written.append(str(path))

        for report in reports:
            page.goto(f"{base}reports/{report}/index.html")
            save(f"report-{report}")
        table_shown = False
        for report in reports:
            html = (site / "reports" / report / "index.html").read_text(encoding="utf-8")
            anchor = _first_table_cell(html)
            if anchor and not table_shown:
                page.goto(f"{base}reports/{report}/index.html#{anchor}")
                page.wait_for_timeout(300)
                save(f"table-evidence-{report}-{anchor}")
                table_shown = True
            if 'id="claim-1"' in html:
                page.goto(f"{base}reports/{report}/index.html#claim-1")
                page.wait_for_timeout(300)
                save(f"claim-evidence-{report}")
                break
        for label, wanted in (("source-table", ("<table", "<mark>")), ("source", ("<mark>",))):
            found = _cited_passage(site, wanted)
            if found:
                page.goto(f"{base}sources/{found[0]}#{found[1]}")
                page.wait_for_timeout(300)
                save(f"{label}-{Path(found[0]).stem}")
        page.goto(f"{base}index.html")
        _search(page, query)
        save("search")
        page.locator('a.md-search-result__link[href*="#"]').first.click()
        page.wait_for_timeout(500)
        save("search-landed")
        page.close()
        dark = browser.new_page()
        dark.goto(f"{base}reports/{reports[0]}/index.html")
        dark.click('label[title="Dark mode"]')
        dark.goto(f"{base}reports/{reports[0]}/index.html#cell-1")
        dark.wait_for_timeout(300)
        dark.screenshot(path=str(out / f"{name}-dark.png"))
        written.append(str(out / f"{name}-dark.png"))
        disk = browser.new_page()
        disk.goto((site / "index.html").as_uri())
        _search(disk, query)
        disk.screenshot(path=str(out / f"{name}-file-search.png"))
        written.append(str(out / f"{name}-file-search.png"))
        browser.close()
        if outside:
            print(f"{name}: refused {len(outside)} request(s) for other hosts: {sorted(set(outside))[:5]}")
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built example site (make site)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "screenshots")
    parser.add_argument("--query", default="18 trillion", help="what to search for in the example site")
    parser.add_argument("--corpus", action="store_true", help="also build and shoot the corpus questions' site")
    parser.add_argument("--corpus-query", default="14.8T")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} is absent: apt-get install chromium")
    if not (args.site / "index.html").is_file():
        raise SystemExit(f"{args.site}/index.html is absent: run `make site` first")
    written = shoot(args.site, args.out, "example", args.query)
    if args.corpus:
        site = corpus_site(ROOT / "build" / "corpus-site")
        written += shoot(site, args.out, "corpus", args.corpus_query)
    print("\n".join(written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
