"""The whole pipeline on the project's own example: pages, determinism, errors that lose nothing."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from synth.cli import main

MKDOCS = Path(sys.executable).with_name("mkdocs")


def _tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _mkdocs(project: Path) -> None:
    subprocess.run([str(MKDOCS), "build", "--strict"], cwd=project, check=True, capture_output=True,
                   env={"SOURCE_DATE_EPOCH": "315532800", "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"})


def test_example_builds_into_a_strict_site_with_one_page_per_report_and_source(project: Path) -> None:
    assert main(["build"]) == 0
    reports = sorted(p.stem for p in (project / "reports").glob("*.yaml"))
    assert sorted(p.name for p in (project / "docs/reports").iterdir() if p.is_dir()) == reports
    for report_id in reports:
        page = (project / "docs/reports" / report_id / "index.md").read_text(encoding="utf-8")
        sections = [re.sub(r" \{[^}]*\}$", "", s) for s in re.findall(r"^## (.+)$", page, flags=re.MULTILINE)]
        assert sections == ["Answer", "Findings", *(["The question's own claims"] if "claims:" in
                            (project / "reports" / f"{report_id}.yaml").read_text(encoding="utf-8") else []),
                            "Method", "Limitations", "Quality review", "Claims table", "References"], report_id
        assert page.index("**Question.**") < page.index("## Answer") < page.index("## Method"), "answer first"
        data = json.loads((project / "docs/reports" / report_id / "report.json").read_text(encoding="utf-8"))
        assert data["report_id"] == report_id
    assert (project / "docs/index.md").exists() and (project / "docs/sources/index.md").exists()
    nav = (project / "docs/.synth/current/.synth-nav.yml").read_text(encoding="utf-8")
    assert "- LiveCodeBench and parameter count: reports/livecodebench-scaling/index.md" in nav
    assert nav.rstrip().endswith("- about.md"), "hand-written pages stay in the nav"
    _mkdocs(project)
    assert (project / "site/index.html").exists()


def test_two_builds_give_byte_identical_pages_and_site(project: Path) -> None:
    assert main(["build"]) == 0
    _mkdocs(project)
    first_docs, first_site = _tree_digest(project / "docs"), _tree_digest(project / "site")
    shutil.rmtree(project / "docs/.synth")
    shutil.rmtree(project / "site")
    shutil.rmtree(project / ".synth-cache")
    assert main(["build"]) == 0
    _mkdocs(project)
    assert _tree_digest(project / "docs") == first_docs
    assert _tree_digest(project / "site") == first_site


def test_unanswerable_question_says_so_without_padding(project: Path) -> None:
    assert main(["build"]) == 0
    data = json.loads((project / "docs/reports/mistral-large-2-livecodebench/report.json").read_text())
    assert data["answerable"] is False
    assert data["findings"] == []
    assert "Mistral-Large-2" in data["unanswered_terms"]
    page = (project / "docs/reports/mistral-large-2-livecodebench/index.md").read_text()
    assert "**The library cannot answer this question**" in page
    assert page.index("not stated in the library") < page.index("## Findings")


def test_malformed_question_reports_file_line_col_and_keeps_previous_output(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build"]) == 0
    before = _tree_digest(project / "docs")
    (project / "reports/broken.yaml").write_text(
        "# yaml-language-server: $schema=../schemas/question.schema.json\n"
        "title: Broken\nquestion: Is this question file valid at all?\nmax_sources: many\ncolour: red\n",
        encoding="utf-8")
    assert main(["build"]) == 1
    errors = capsys.readouterr().err
    assert "reports/broken.yaml:4:14: max_sources: Input should be a valid integer" in errors
    assert "reports/broken.yaml:5:1: colour: unknown key" in errors
    assert _tree_digest(project / "docs") == before


def test_deleted_question_loses_its_page(project: Path) -> None:
    assert main(["build"]) == 0
    (project / "reports/qwen2.5-training-data.yaml").unlink()
    assert main(["build"]) == 0
    assert not (project / "docs/reports/qwen2.5-training-data").exists()
    assert "qwen2.5-training-data" not in (project / "docs/index.md").read_text()


def test_broken_and_hostile_files_are_shown_not_fatal(project: Path) -> None:
    (project / "library/broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (project / "library/hostile.txt").write_text(
        "Hostile notes\n\nLiveCodeBench results: <script>alert('x')</script> Qwen2.5-72B-Instruct "
        "scores 55.5 on LiveCodeBench according to these notes.\n", encoding="utf-8")
    assert main(["build"]) == 0
    page = (project / "docs/reports/livecodebench-scaling/index.md").read_text()
    assert "`broken.pdf`" in page
    _mkdocs(project)
    for html in (project / "site").rglob("*.html"):
        assert "<script>alert" not in html.read_text(encoding="utf-8"), html


def test_check_validates_without_writing(project: Path) -> None:
    assert main(["check"]) == 0
    assert not (project / "docs/reports").exists()


def test_out_and_library_options_build_one_question_elsewhere(project: Path) -> None:
    assert main(["build", "reports/livecodebench-scaling.yaml", "--out", "build/x", "--library", "library"]) == 0
    assert (project / "build/x/livecodebench-scaling/index.md").exists()
    assert not (project / "docs/reports").exists()


def test_verify_command_prints_json_in_claim_order(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    claims = project / "claims.yaml"
    claims.write_text("- The moon is made of cheese according to Qwen2.5 notes.\n- Mistral-Large-2 has 9T tokens.\n")
    assert main(["verify", "--library", "library", str(claims), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert [p["claim"] for p in payload] == ["The moon is made of cheese according to Qwen2.5 notes.",
                                             "Mistral-Large-2 has 9T tokens."]
    assert all(p["verdict"] in {"supported", "contradicted", "insufficient"} for p in payload)
    assert payload[1]["verdict"] == "insufficient"


def test_example_author_claims_get_the_verdicts_their_comments_promise(project: Path) -> None:
    """The labels are written as comments in reports/*.yaml by whoever checked the figures."""
    assert main(["build"]) == 0
    verdicts = {}
    for report_id in ("livecodebench-scaling", "qwen2.5-training-data"):
        data = json.loads((project / "docs/reports" / report_id / "report.json").read_text(encoding="utf-8"))
        verdicts.update({c["claim"]["text"]: c["verification"]["verdict"] for c in data["author_claims"]})
    assert verdicts["Qwen2.5-72B-Instruct scores 55.5 on LiveCodeBench."] == "supported"
    assert verdicts["Qwen2.5-14B-Instruct scores 38.6 on LiveCodeBench."] == "contradicted"
    assert verdicts["Qwen2.5-Coder-32B-Instruct scores 31.4 on LiveCodeBench."] == "insufficient"
    assert verdicts["Qwen2.5 was pre-trained on 18 trillion tokens."] == "supported"
    assert verdicts["Qwen2.5 was pre-trained on 7 trillion tokens."] == "contradicted", "7T is Qwen2's figure"
