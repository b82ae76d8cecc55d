"""The site around the reports: home, reports and sources indexes, source pages with the cited
passages, and a nav that stays small however large the library."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import markdown
import yaml
from pdfs import make_pdf

from synth.cli import main
from synth.models import Report
from synth.serialize import report_from_json
from synth.settings import Settings, SynthSettings
from synth.site import answer_status, home_page

MKDOCS = Path(sys.executable).with_name("mkdocs")
HOSTILE = '<script>alert("x")</script> [link](javascript:alert(1))'


def _reports(project: Path) -> list[Report]:
    return [report_from_json(p.read_text(encoding="utf-8"))
            for p in sorted((project / "docs/reports").glob("*/report.json"))]


def test_nav_lists_every_report_and_only_the_sources_index(project: Path) -> None:
    assert main(["build"]) == 0
    nav = yaml.safe_load((project / "docs/.synth/current/.synth-nav.yml").read_text(encoding="utf-8"))["nav"]
    reports = next(item["Reports"] for item in nav if isinstance(item, dict) and "Reports" in item)
    # With navigation.indexes the section's first index.md is the section's own page: it must be
    # the reports index, or the first report disappears from the sidebar.
    assert reports[0] == "reports/index.md"
    listed = [next(iter(entry.values())) for entry in reports[1:]]
    assert listed == [f"reports/{p.stem}/index.md" for p in sorted((project / "reports").glob("*.yaml"))]
    assert {"Sources": "sources/index.md"} in nav
    index = (project / "docs/reports/index.md").read_text(encoding="utf-8")
    assert all(f"({p.stem}/index.md)" in index for p in (project / "reports").glob("*.yaml"))


def test_home_page_shows_answer_status_tags_and_edit_links(project: Path) -> None:
    question = project / "reports/qwen2.5-training-data.yaml"
    question.write_text(question.read_text(encoding="utf-8") + "tags: [training data, qwen]\n", encoding="utf-8")
    assert main(["build"]) == 0
    home = (project / "docs/index.md").read_text(encoding="utf-8")
    assert "| answered | training data, qwen |" in home
    assert "not answerable: no source mentions Mistral-Large-2" in home
    assert "- **qwen**: [Qwen2.5 training data](reports/qwen2.5-training-data/index.md)" in home
    assert "Question file" not in home, "no edit links without a repository"
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace('repo_url: !ENV [REPO_URL, ""]',
                                                                 "repo_url: https://github.com/org/repo"))
    assert main(["build"]) == 0
    url = "https://github.com/org/repo/edit/main/reports/qwen2.5-training-data.yaml"
    assert f"[qwen2.5-training-data.yaml]({url})" in (project / "docs/index.md").read_text(encoding="utf-8")
    page = (project / "docs/reports/qwen2.5-training-data/index.md").read_text(encoding="utf-8")
    assert f"[Edit the question]({url})" in page
    settings = Settings(root=project, repo_url="https://x.org/r", synth=SynthSettings(edit_branch="dev"))
    assert settings.edit_url("reports/a.yaml") == "https://x.org/r/edit/dev/reports/a.yaml"
    assert home_page(_reports(project), settings).count("/edit/main/reports/") == len(_reports(project))


def test_answer_status_prefers_the_answer_stage(project: Path) -> None:
    assert main(["build"]) == 0
    report = _reports(project)[0]

    class Answer:
        status = "partly_answered"

    class WithAnswer:
        def __getattr__(self, name: str) -> object:
            return Answer() if name == "answer" else getattr(report, name)

    assert answer_status(report) == "answered"
    assert answer_status(WithAnswer()) == "partly answered"  # type: ignore[arg-type]


def test_source_pages_hold_every_passage_a_report_links_to(project: Path) -> None:
    assert main(["build"]) == 0
    docs = project / "docs"
    links = 0
    for page in sorted((docs / "reports").glob("*/index.md")):
        for target, anchor in re.findall(r"\(\.\./\.\./(sources/[^)#]+\.md)#(q-\d+-\d+)\)", page.read_text()):
            source = (docs / target).read_text(encoding="utf-8")
            assert f"{{ #{anchor} .synth-passage }}" in source, f"{page}: {target}#{anchor} has no passage"
            links += 1
    assert links > 20
    qwen = (docs / "sources/qwen2-5.md").read_text(encoding="utf-8")
    assert "An Yang, Baosong Yang" in qwen and "and 29 more · 2024" in qwen, "formatted authors"
    assert "[doi:10.48550/arXiv.2412.15115](https://doi.org/10.48550/arXiv.2412.15115)" in qwen
    assert "<mark>The headline change is scale" in qwen
    assert "claim 5 (supported)" in qwen and "open the pdf" not in qwen.lower(), "no PDF links unless opted in"


def test_source_page_text_is_inert(project: Path) -> None:
    notes = project / "library/qwen2.5-notes.md"
    notes.write_text(notes.read_text(encoding="utf-8").replace(
        "The headline change is scale:", f"The headline change is scale {HOSTILE}:"), encoding="utf-8")
    assert main(["build"]) == 0
    html = markdown.markdown((project / "docs/sources/qwen2-5.md").read_text(encoding="utf-8"),
                             extensions=["tables", "admonition", "attr_list", "pymdownx.details",
                                         "pymdownx.superfences"])
    assert "&lt;script&gt;" in html and "<script>" not in html and 'href="javascript' not in html


def test_pdf_page_links_are_an_explicit_opt_in(project: Path) -> None:
    (project / "library/alpha.pdf").write_bytes(make_pdf(["Intro page.", "Alpha-9B scores 77.7 on LiveCodeBench, "
                                                          "the best result of any Alpha model."]))
    (project / "reports/alpha.yaml").write_text("title: Alpha\nquestion: What does Alpha-9B score on "
                                                "LiveCodeBench?\nkeywords: [Alpha-9B]\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("publish_library_files: false",
                                                                 "publish_library_files: true"), encoding="utf-8")
    assert main(["build"]) == 0
    page = next((project / "docs/sources").glob("alpha*.md")).read_text(encoding="utf-8")
    assert "[Open the PDF at page 2](../files/library/alpha.pdf#page=2)" in page
    assert (project / "docs/files/library/alpha.pdf").read_bytes() == (project / "library/alpha.pdf").read_bytes()
    subprocess.run([str(MKDOCS), "build", "--strict"], cwd=project, check=True, capture_output=True,
                   env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"})
    assert (project / "site/files/library/alpha.pdf").is_file()


def test_a_library_of_500_sources_keeps_the_nav_small(project: Path) -> None:
    entries = [f"@article{{gen{i:03d},\n  title = {{Generated study number {i} of code models}},\n"
               f"  author = {{Author{i}, First and Second, Person}},\n  year = {{{2000 + i % 25}}},\n"
               f"  doi = {{10.1234/gen.{i}}}\n}}\n" for i in range(500)]
    with (project / "library/references.bib").open("a", encoding="utf-8") as bib:
        bib.write("\n" + "\n".join(entries))
    assert main(["build"]) == 0
    nav = (project / "docs/.synth/current/.synth-nav.yml").read_text(encoding="utf-8")
    reports = len(list((project / "reports").glob("*.yaml")))
    assert nav.count(".md") == 4 + reports, nav  # home, reports index, the reports, sources index, about
    assert len(list((project / "docs/sources").glob("gen*.md"))) == 500
    index = (project / "docs/sources/index.md").read_text(encoding="utf-8")
    assert index.count("](gen") == 500 and "505 sources" in index
    report = json.loads((project / "docs/reports/livecodebench-scaling/report.json").read_text())
    assert report["library_size"] == 505
