"""The example site as a reader's browser shows it (Debian's Chromium, the site served on 127.0.0.1
and opened from disk): the answer in the first screen of every report, an evidence anchor that opens
its block, search that finds a figure and lands on its passage, no request leaving the machine, no
console error, and a `<script>` in a source shown as text in a quoted sentence and a quoted table row.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
MKDOCS = Path(sys.executable).with_name("mkdocs")
VIEWPORT = {"width": 1280, "height": 800}
REPORTS = sorted(p.stem for p in (ROOT / "reports").glob("*.yaml"))


def _build(project: Path) -> Path:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "315532800", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    env.pop("REPO_URL", None)
    for command in ([sys.executable, "-m", "synth", "build"], [str(MKDOCS), "build", "--strict"]):
        done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
    return project / "site"


def _project(root: Path) -> Path:
    """The files a fresh clone builds its site from."""
    for name in ("reports", "library"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copytree(ROOT / "docs" / "assets", root / "docs" / "assets")
    shutil.copy(ROOT / "docs" / "about.md", root / "docs" / "about.md")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(_project(tmp_path_factory.mktemp("example")))


def _clean(seen: Any) -> None:
    assert seen.offsite == [], f"requests left the machine: {seen.offsite}"
    assert seen.console_errors == [] and seen.page_errors == [], seen.console_errors + seen.page_errors
    assert seen.failed == [], f"missing files: {seen.failed}"
    assert seen.hits == []


def _in_first_screen(page: Any, selector: str) -> dict[str, float]:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    assert box["y"] >= 0 and box["y"] + box["height"] <= VIEWPORT["height"], f"{selector} is below the fold: {box}"
    return box


@pytest.mark.parametrize("report", REPORTS)
def test_the_answer_is_in_the_first_screen(example_site: Path, served: Any, visit: Any, report: str) -> None:
    found: dict[str, Any] = {}

    def look(page: Any) -> None:
        page.set_viewport_size(VIEWPORT)
        page.evaluate("window.scrollTo(0, 0)")
        answer = "h2#answer"
        found["heading"] = _in_first_screen(page, answer)
        found["status"] = _in_first_screen(page, f"{answer} + p")
        found["status_text"] = page.locator(f"{answer} + p").inner_text()
        # The answer table: the first table of the Answer section (before the next section).
        tables = page.locator(f"{answer} ~ .md-typeset__scrollwrap table")
        if tables.count() and page.evaluate(
                "document.querySelector('h2#answer ~ .md-typeset__scrollwrap table')"
                ".compareDocumentPosition(document.querySelector('h2#answer ~ h2')) & 4"):
            found["table"] = _in_first_screen(page, f"{answer} ~ .md-typeset__scrollwrap table")
            found["table_text"] = tables.first.inner_text()

    seen = visit(f"{served(example_site)}reports/{report}/index.html", look)
    _clean(seen)
    assert found["status_text"].startswith(("Answered", "Partly answered", "The library cannot answer"))
    if "table" in found:
        assert found["table"]["y"] > found["status"]["y"]
        assert "Subject" in found["table_text"]
    else:
        assert found["status_text"].startswith("The library cannot answer")


def _report_with_claims(site: Path) -> str:
    for report in REPORTS:
        html = (site / "reports" / report / "index.html").read_text(encoding="utf-8")
        if 'id="cell-1"' in html and 'id="claim-2"' in html:
            return report
    raise AssertionError("no example report has answer cells and two claims")


def test_an_evidence_anchor_opens_its_block(example_site: Path, served: Any, visit: Any) -> None:
    report = _report_with_claims(example_site)
    found: dict[str, Any] = {}

    def follow(page: Any) -> None:
        page.set_viewport_size(VIEWPORT)
        # Loaded with #claim-1: the claim's collapsed evidence block is open and on screen.
        evidence = page.locator("h4#claim-1 + details")
        found["claim_open"] = evidence.evaluate("node => node.open")
        found["claim_quote_visible"] = evidence.locator("blockquote, table").first.is_visible()
        found["claim_on_screen"] = evidence.bounding_box()["y"] < VIEWPORT["height"]
        found["claim_2_closed_before"] = not page.locator("h4#claim-2 + details").evaluate("node => node.open")
        # A link on the page (the claims table) to another claim: hashchange opens that one.
        page.locator('a[href="#claim-2"]').first.click()
        page.wait_for_function("document.querySelector('h4#claim-2 + details').open")
        found["claim_2_open"] = True
        # An answer-table value links to its cell's evidence, which is shown open.
        page.locator('a[href="#cell-1"]').first.click()
        page.wait_for_function("location.hash === '#cell-1'")
        cell = page.locator("h4#cell-1 + details")
        found["cell_open"] = cell.evaluate("node => node.open")
        found["cell_quote_visible"] = cell.locator("blockquote, table").first.is_visible()
        box = cell.bounding_box()
        found["cell_on_screen"] = 0 <= box["y"] < VIEWPORT["height"]

    seen = visit(f"{served(example_site)}reports/{report}/index.html#claim-1", follow)
    _clean(seen)
    assert found == {"claim_open": True, "claim_quote_visible": True, "claim_on_screen": True,
                     "claim_2_closed_before": True, "claim_2_open": True, "cell_open": True,
                     "cell_quote_visible": True, "cell_on_screen": True}


def _search(page: Any, query: str) -> Any:
    """Type `query` into Material's search and wait for its results. A hash change still being handled
    (Material closes the search panel on one) or keys typed before the index is ready leave the panel
    shut or empty: type again, a few times, before giving up."""
    from playwright.sync_api import TimeoutError as NotYet

    page.set_viewport_size(VIEWPORT)
    for _ in range(5):
        # Material opens the panel when the input gains focus: a shut panel over a focused input
        # opens again only after a blur.
        page.evaluate("document.activeElement && document.activeElement.blur()")
        page.fill("input.md-search__input", "")
        page.evaluate("document.activeElement && document.activeElement.blur()")
        page.click("input.md-search__input")
        page.keyboard.type(query)
        try:
            page.wait_for_selector(".md-search-result__item", timeout=10_000)
            break
        except NotYet:
            continue
    page.wait_for_selector(".md-search-result__item")
    return page.locator('a.md-search-result__link[href*="#"]')


def test_search_finds_a_figure_and_lands_on_its_passage(example_site: Path, served: Any, visit: Any) -> None:
    found: dict[str, Any] = {}

    def search(page: Any) -> None:
        results = _search(page, "18 trillion")
        found["first"] = results.first.get_attribute("href")
        results.first.click()
        page.wait_for_load_state("load")
        anchor = page.evaluate("location.hash")
        found["anchor"] = anchor
        target = page.locator(anchor)
        found["target_text"] = target.inner_text()
        box = target.bounding_box()
        found["on_screen"] = 0 <= box["y"] < VIEWPORT["height"]
        found["quote"] = page.locator(f"{anchor} + details").inner_text()

    seen = visit(f"{served(example_site)}index.html", search)
    _clean(seen)
    assert "reports/qwen2.5-training-data/index.html" in found["first"]
    assert found["anchor"].startswith(("#cell-", "#claim-")), found
    assert "18 trillion" in found["target_text"]
    assert found["on_screen"]
    assert "18 trillion" in found["quote"]


def test_every_page_loads_without_errors_or_requests_off_the_machine(example_site: Path, served: Any,
                                                                     visit: Any) -> None:
    base = served(example_site)
    pages = sorted(example_site.rglob("*.html"))
    assert len(pages) >= 12
    for page in pages:
        seen = visit(base + page.relative_to(example_site).as_posix())
        if page.name == "404.html":
            seen.failed = [f for f in seen.failed if not f.startswith("404 ")]
        _clean(seen)
        assert seen.requests, page


def test_a_missing_page_deep_in_the_site_gets_a_working_404_page(example_site: Path, served: Any,
                                                                   visit: Any) -> None:
    """A host answers any missing path with 404.html (GitHub Pages does): its styles, scripts and
    links must work from that depth, so they are absolute from site_url, and its nav leads back."""
    base = served(example_site, not_found="404.html")
    missing = f"{base}reports/no-such-report/deeper/page.html"
    found: dict[str, Any] = {}

    def look(page: Any) -> None:
        page.set_viewport_size(VIEWPORT)
        found["heading"] = page.locator("article h1").first.inner_text()
        found["styled"] = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
        found["search"] = _search(page, "18 trillion").count()
        page.keyboard.press("Escape")
        page.locator("nav.md-nav--primary a", has_text="Qwen2.5 training data").first.click()
        page.wait_for_load_state("load")
        found["followed"] = page.url

    seen = visit(missing, look)
    assert seen.failed[:1] == [f"404 {missing}"], seen.failed
    seen.failed = seen.failed[1:]
    seen.console_errors = [e for e in seen.console_errors if "404" not in e]  # the page's own status
    _clean(seen)
    assert found["heading"].startswith("404 - Not found")
    assert found["styled"] in ("sticky", "fixed"), "Material's stylesheet loaded at that depth"
    assert found["search"] >= 1
    assert found["followed"] == f"{base}reports/qwen2.5-training-data/index.html"


def test_the_site_works_opened_from_disk(example_site: Path, visit: Any) -> None:
    found: dict[str, Any] = {}

    def browse(page: Any) -> None:
        page.set_viewport_size(VIEWPORT)
        page.locator('article a[href$="index.html"]', has_text="Qwen2.5 training data").first.click()
        page.wait_for_load_state("load")
        found["report_url"] = page.url
        found["report_title"] = page.locator("h1").first.inner_text()
        page.locator('a[href="#cell-1"]').first.click()
        page.wait_for_function("location.hash === '#cell-1'")
        found["cell_open"] = page.locator("h4#cell-1 + details").evaluate("node => node.open")
        results = _search(page, "18 trillion")
        found["results"] = results.count()

    seen = visit((example_site / "index.html").as_uri(), browse)
    _clean(seen)
    assert found["report_url"].startswith("file://") and found["report_url"].endswith(
        "reports/qwen2.5-training-data/index.html")
    assert found["report_title"].rstrip("¶") == "Qwen2.5 training data"
    assert found["cell_open"] is True
    assert found["results"] >= 1


SCRIPT = "<script>alert(1)</script>"
HOSTILE_NOTES = f"""# Zeta-7B notes

## Results

Zeta-7B scores 41.2 on CodeBench {SCRIPT} in the authors' own runs.

**Table 1: Zeta models on CodeBench {SCRIPT}.**

| Model | CodeBench | MathBench | Notes {SCRIPT} |
| --- | --- | --- | --- |
| Zeta-7B | 41.2 | 12.0 | <img src=x onerror="window.__pwned=2"> {SCRIPT} |
| Zeta-1B | 20.5 | 5.5 | none |
"""
HOSTILE_QUESTION = """title: Zeta on CodeBench
question: What does Zeta-7B score on CodeBench and MathBench?
keywords: [Zeta-7B]
claims:
  - Zeta-7B scores 41.2 on CodeBench.
  - Zeta-7B scores 12.0 on MathBench.
"""


@pytest.fixture(scope="module")
def hostile_quotes_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile-quotes")
    (root / "library").mkdir()
    (root / "library" / "zeta.md").write_text(HOSTILE_NOTES, encoding="utf-8")
    (root / "reports").mkdir()
    (root / "reports" / "zeta.yaml").write_text(HOSTILE_QUESTION, encoding="utf-8")
    shutil.copytree(ROOT / "docs" / "assets", root / "docs" / "assets")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return _build(root)


def test_a_script_in_a_source_stays_text_in_quotes_and_quoted_rows(hostile_quotes_site: Path, served: Any,
                                                                   visit: Any) -> None:
    found: dict[str, Any] = {}

    def read(page: Any) -> None:
        found["row"] = page.locator("h4#cell-1 + details table").inner_text()
        found["marked_cell"] = page.locator("h4#cell-1 + details table mark").inner_text()
        found["quote"] = page.locator("h4#claim-1 + details blockquote").first.inner_text()
        found["marked_figure"] = page.locator("h4#claim-1 + details blockquote mark").first.inner_text()
        found["live"] = page.evaluate("document.querySelectorAll('article script, article img').length")

    seen = visit(f"{served(hostile_quotes_site)}reports/zeta/index.html#claim-1", read)
    _clean(seen)
    assert found["live"] == 0
    assert SCRIPT in found["row"] and "onerror" in found["row"] and found["marked_cell"] == "41.2"
    assert SCRIPT in found["quote"] and found["marked_figure"] == "41.2"


CONTRAST = """() => {
  const rgb = (css) => (css.match(/[\\d.]+/g) || []).slice(0, 4).map(Number);
  const luminance = ([r, g, b]) => {
    const [R, G, B] = [r, g, b].map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  const background = (node) => {
    for (; node; node = node.parentElement) {
      const c = rgb(getComputedStyle(node).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c;
    }
    return [255, 255, 255];
  };
  const quote = document.querySelector("h4.synth-cell + details blockquote, h4.synth-claim + details blockquote");
  const style = getComputedStyle(quote);
  const behind = background(quote);
  const [r, g, b, a = 1] = rgb(style.color);  // a translucent colour is seen over what is behind it
  const seen = [r, g, b].map((v, i) => a * v + (1 - a) * behind[i]);
  const fore = luminance(seen), back = luminance(behind);
  return {size: parseFloat(style.fontSize), contrast: (Math.max(fore, back) + 0.05) / (Math.min(fore, back) + 0.05),
          scheme: document.body.getAttribute("data-md-color-scheme")};
}"""


def test_quotes_are_readable_in_light_and_dark_mode(example_site: Path, served: Any, visit: Any) -> None:
    found: dict[str, Any] = {}

    def measure(page: Any) -> None:
        found["light"] = page.evaluate(CONTRAST)
        page.click('label[title="Dark mode"]')  # the toggle in the header
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
        found["dark"] = page.evaluate(CONTRAST)

    seen = visit(f"{served(example_site)}reports/{_report_with_claims(example_site)}/index.html#claim-1", measure)
    _clean(seen)
    assert found["light"]["scheme"] == "default" and found["dark"]["scheme"] == "slate"
    for mode in ("light", "dark"):
        assert found[mode]["size"] >= 14, found  # Material draws quotes in collapsible blocks at 12.8 px
        assert found[mode]["contrast"] >= 7, found  # WCAG AAA for body text (54 % black on white: 4.6)
