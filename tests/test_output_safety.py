"""Output never destroys input: every destination the review found destructive is refused, cleanly,
before anything is read or written; synth's own output folders are replaced as before."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from synth.cli import main


def _project_tree(project: Path) -> dict[str, str]:
    """Every file of the project but synth's cache (a refused build may forget its build stamp)."""
    found = {}
    for path in sorted(project.parent.rglob("*")):
        if ".synth-cache" in path.parts or not path.is_file() or path.is_symlink():
            continue
        if path.is_relative_to(project) or path.is_relative_to(project.parent / "some-folder"):
            found[str(path.relative_to(project.parent))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture
def guarded(project: Path) -> Path:
    """The project with a .git folder, a README and an unrelated folder beside it."""
    (project / ".git").mkdir()
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (project / "README.md").write_text("# Read me\n", encoding="utf-8")
    (project.parent / "some-folder").mkdir(exist_ok=True)
    (project.parent / "some-folder" / "thesis.tex").write_text("\\documentclass{article}\n", encoding="utf-8")
    return project


REFUSED = [
    (["--out", "reports"], "--out reports would overwrite the question files"),
    (["--out", "library"], "--out library would overwrite a library (library)"),
    (["--out", "library/sub"], "--out library/sub would overwrite a library (library)"),
    (["--out", ".git"], "--out .git would overwrite the repository's .git"),
    (["--out", "docs"], "--out docs holds files synth did not write (about.md"),
    (["--out", "../some-folder"], "holds files synth did not write (thesis.tex)"),
    (["--out", "README.md"], "--out README.md is an existing file, not a folder"),
    (["--out", "mkdocs.yml"], "--out mkdocs.yml is an existing file, not a folder"),
    (["--out", "."], "--out . is the project folder or a folder above it"),
    (["--out", ".."], "is the project folder or a folder above it"),
    (["--out", ".synth-cache"], "would overwrite synth's cache"),
    (["--site", "library"], "--site library would overwrite a library (library)"),
    (["--site", "reports"], "--site reports would overwrite the question files"),
    (["--site", "."], "--site . is the project folder or a folder above it"),
    (["--out", "docs/x", "--site", "docs"], "with --site docs, report pages go in docs/reports, not docs/x"),
]


@pytest.mark.parametrize(("options", "message"), REFUSED, ids=[" ".join(o) for o, _ in REFUSED])
def test_destructive_destinations_are_refused_and_nothing_changes(guarded: Path, capsys: pytest.CaptureFixture[str],
                                                                  options: list[str], message: str) -> None:
    (guarded / ".synth-cache").mkdir()
    before = _project_tree(guarded)
    assert main(["build", *options]) == 1
    err = capsys.readouterr().err
    assert message in err and err.rstrip().endswith("nothing was written"), err
    assert "Traceback" not in err
    assert _project_tree(guarded) == before


def test_a_handwritten_home_page_is_not_replaced(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "docs" / "index.md").write_text("# Our team's own home page\n", encoding="utf-8")
    assert main(["build"]) == 1
    assert "docs/index.md was not written by synth" in capsys.readouterr().err
    assert (project / "docs" / "index.md").read_text(encoding="utf-8") == "# Our team's own home page\n"


def test_synth_replaces_its_own_output_folder(project: Path) -> None:
    assert main(["build", "--out", "build/x"]) == 0
    first = sorted(p.name for p in (project / "build" / "x").iterdir())
    assert ".synth-output" in first and "livecodebench-scaling" in first
    (project / "reports" / "qwen2.5-training-data.yaml").unlink()
    assert main(["build", "--out", "build/x", "--force"]) == 0
    assert "qwen2.5-training-data" not in {p.name for p in (project / "build" / "x").iterdir()}
    assert sorted(p.name for p in (project / "build").iterdir()) == ["x"], "no staging folder left behind"


def test_docs_as_an_older_synth_left_it_is_taken_over(project: Path) -> None:
    """docs/reports, docs/sources and docs/index.md as plain folders and files beside the old nav file."""
    (project / "docs" / "reports" / "old-report").mkdir(parents=True)
    (project / "docs" / "reports" / "old-report" / "index.md").write_text("# Old\n", encoding="utf-8")
    (project / "docs" / "sources").mkdir()
    (project / "docs" / "index.md").write_text("# Research reports\n", encoding="utf-8")
    (project / "docs" / ".synth-nav.yml").write_text("nav: []\n", encoding="utf-8")
    assert main(["build"]) == 0
    assert (project / "docs" / "reports").is_symlink() and not (project / "docs" / ".synth-nav.yml").exists()
    assert not (project / "docs" / "reports" / "old-report").exists()
    assert (project / "docs" / "about.md").is_file(), "hand-written pages stay"


def test_a_folder_holding_the_question_files_is_never_the_output(project: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    (project / "elsewhere").mkdir()
    question = (project / "reports" / "livecodebench-scaling.yaml").read_text(encoding="utf-8")
    (project / "elsewhere" / "q.yaml").write_text(question, encoding="utf-8")
    assert main(["build", "elsewhere/q.yaml", "--out", "elsewhere"]) == 1
    assert "--out elsewhere would overwrite the question files" in capsys.readouterr().err
    assert main(["build", "elsewhere/q.yaml", "--out", "elsewhere/pages"]) == 0, "beside the questions is fine"
    assert (project / "elsewhere" / "q.yaml").read_text(encoding="utf-8") == question
