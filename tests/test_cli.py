"""The command line as a user meets it: -v/-q everywhere, one-line errors, any folder of the project."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from synth.cli import EXIT_FAIL_ON, main, parser


@pytest.mark.parametrize("command", [["build"], ["check"], ["schema"], ["verify", "c.yaml", "--library", "l"],
                                     ["diff", "a", "b"], ["serve"]])
def test_every_command_takes_verbose_and_quiet_before_or_after_it(command: list[str]) -> None:
    assert parser().parse_args([*command, "-v"]).verbose == 1
    assert parser().parse_args(["-v", *command]).verbose == 1
    assert parser().parse_args([*command, "-q"]).verbose == -1
    assert parser().parse_args(command).verbose == 0


def test_help_shows_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["verify", "--help"])
    assert "examples:" in capsys.readouterr().out


def test_missing_claims_file_is_one_line_without_traceback(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", "--library", "library", "missing.yaml"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "synth: missing.yaml: No such file or directory"


def test_missing_library_is_one_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "claims.yaml").write_text("- X scores 3.\n", encoding="utf-8")
    with pytest.raises(SystemExit) as caught:
        main(["verify", "--library", "nowhere", "claims.yaml"])
    assert "nowhere: library folder does not exist" in str(caught.value)


def test_verify_fail_on_contradicted_exits_non_zero(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    claims = project / "claims.yaml"
    claims.write_text("- Qwen2.5 was pre-trained on 7 trillion tokens.\n"
                      "- Qwen2.5 was pre-trained on 18 trillion tokens.\n", encoding="utf-8")
    assert main(["verify", "--library", "library", "claims.yaml"]) == 0
    out = capsys.readouterr().out
    assert "[contradicted" in out and "[supported" in out
    assert main(["verify", "--library", "library", "claims.yaml", "--fail-on", "contradicted"]) == EXIT_FAIL_ON
    assert "1 of 2 claim(s) contradicted" in capsys.readouterr().err
    claims.write_text("- Qwen2.5 was pre-trained on 18 trillion tokens.\n", encoding="utf-8")
    assert main(["verify", "--library", "library", "claims.yaml", "--fail-on", "contradicted"]) == 0


def test_check_works_from_any_folder_of_the_project(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.chdir(project / "reports")
    assert main(["check"]) == 0
    assert "checked 4 question file(s) and 1 library: 0 problem(s)" in capsys.readouterr().out
    os.chdir(project / "reports")
    assert main(["check", "livecodebench-scaling.yaml"]) == 0
    assert "checked 1 question file(s)" in capsys.readouterr().out


def test_errors_name_files_relative_to_the_project_root(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "reports/bad.yaml").write_text("title: Bad\nquestion: Is this file valid at all?\nmax_findings: '25'\n",
                                              encoding="utf-8")
    os.chdir(project / "library")
    assert main(["check"]) == 1
    assert "reports/bad.yaml:3:15: max_findings: Input should be a valid integer" in capsys.readouterr().err


def test_check_with_no_question_files_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    assert "no question files" in capsys.readouterr().err


def test_library_is_resolved_against_the_project_root(project: Path) -> None:
    os.chdir(project / "reports")
    assert main(["build", "livecodebench-scaling.yaml", "--out", "../build-out"]) == 0
    assert (project / "build-out/livecodebench-scaling/index.md").is_file()
    assert not (project / "reports/docs").exists()


def test_bad_synth_option_in_mkdocs_yml_points_at_its_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "citation_style: harvard-cite-them-right", "citation_style: no-such-style"), encoding="utf-8")
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    line = next(n for n, text in enumerate(config.read_text().splitlines(), start=1) if "no-such-style" in text)
    assert f"mkdocs.yml:{line}:21: extra.synth.citation_style: no such style 'no-such-style'" in err


def test_the_report_stage_names_each_sub_step_and_times_it(project: Path, capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The progress bar says which sub-step of which report runs now (it used to sit at `0/1` for
    14 s), and each report ends with one line timing its sub-steps; -q keeps only warnings."""
    from synth.progress import Task

    shown: list[str] = []
    monkeypatch.setattr(Task, "describe", lambda self, text: shown.append(text))
    assert main(["build"]) == 0
    prefix = "reports: qwen2.5-training-data: "
    steps = [text.removeprefix(prefix) for text in shown if text.startswith(prefix)]
    assert [step.split(" ")[0] for step in steps] == ["plan", "retrieve", "answer", "analysis", "claims", "verify",
                                                      "review", "references"]
    assert re.fullmatch(r"verify \d+ claims?", steps[5]), steps[5]
    err = capsys.readouterr().err
    [timed] = [line for line in err.splitlines() if line.startswith("synth: report qwen2.5-training-data: ")]
    assert re.fullmatch(r"synth: report qwen2\.5-training-data: plan [\d.]+ s, retrieve [\d.]+ s, answer [\d.]+ s, "
                        r"analysis [\d.]+ s, claims [\d.]+ s, verify [\d.]+ s, review [\d.]+ s, references [\d.]+ s",
                        timed), timed
    question = project / "reports" / "qwen2.5-training-data.yaml"

    def edit() -> None:
        question.write_text(question.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1),
                            encoding="utf-8")

    edit()
    assert main(["build", "-q"]) == 0
    assert capsys.readouterr().err == "", "-q: warnings and errors only"
    page = project / "docs/reports/qwen2.5-training-data/index.md"
    assert "# Edited Qwen2.5 training data" in page.read_text(encoding="utf-8"), "the -q build rebuilt the report"
    edit()
    assert main(["build", "-v"]) == 0
    assert "synth: building report qwen2.5-training-data" in capsys.readouterr().err, "-v shows debug lines"
