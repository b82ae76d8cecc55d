"""Every hostile or broken question file: `reports/x.yaml:LINE:COL: message`, exit 1, nothing written,
never a traceback. The cases are the ones the security review found crashing or hanging the build."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from synth.cli import main

BASE = "title: A question\nquestion: What is the answer to this question?\n"


def _laughs(levels: int, width: int = 10) -> str:
    lines = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]" for i in range(1, levels)]
    return BASE + "\n".join(lines) + "\n"


CASES: list[tuple[str, bytes, str]] = [
    ("nul byte", (BASE + "keywords: [a\0b]\n").encode(), "3:13: control character NUL is not allowed"),
    ("control character", (BASE + "title2: \x1b[31m\n").encode(), "3:9: control character U+001B is not allowed"),
    ("escaped nul", (BASE + 'keywords: ["a\\0b"]\n').encode(), "3:12: keywords[0]: control characters are not allowed"),
    ("recursive alias in a list", (BASE + "keywords: &a [*a]\n").encode(),
     "3:11: this alias refers to a value that contains it"),
    ("recursive alias in a mapping", (BASE + "aliases: &a {k: *a}\n").encode(),
     "3:10: this alias refers to a value that contains it"),
    ("python tag", (BASE + "library: !!python/name:os.system\n").encode(),
     "3:10: the tag !!python/name:os.system is not allowed here"),
    ("python object", (BASE + "claims: !!python/object/apply:os.system [echo pwned]\n").encode(),
     "3:9: the tag !!python/object/apply:os.system is not allowed here"),
    ("unknown tag", (BASE + "library: !foo bar\n").encode(), "3:10: the tag !foo is not allowed here"),
    ("bad timestamp", (BASE + "library: !!timestamp nope\n").encode(), "3:10: the tag !!timestamp is not allowed here"),
    ("bad int", (BASE + "max_sources: !!int x\n").encode(), "3:14: max_sources: invalid !!int value 'x'"),
    ("merge key", (BASE + "aliases:\n  <<: [1, 2]\n").encode(), "4:3: aliases: merge keys (<<) are not supported"),
    ("deep flow nesting", (BASE + "keywords: " + "[" * 10000 + "]" * 10000 + "\n").encode(),
     "3:42: nested deeper than 32 levels"),
    ("deep block nesting", (BASE + "keywords:\n  " + "- " * 3000 + "x\n").encode(),
     "4:65: nested deeper than 32 levels"),
    ("non-UTF-8 bytes", (BASE + "keywords: [caf\xe9]\n").encode("latin-1"), "3:15: not UTF-8 text (byte 0xe9)"),
    ("UTF-16", BASE.encode("utf-16"), "1:1: not UTF-8 text (byte 0xff)"),
    ("billion laughs", _laughs(10).encode(), "the document expands to more than 20,000 values"),
    ("misplaced schema line", (BASE + "library: |\n  # yaml-language-server: $schema=../schemas/question.schema.json"
                                      "\n  library\n").encode(),
     "3:10: library: this is the `# yaml-language-server: $schema=…` comment read as a value"),
    ("absolute library", (BASE + "library: /\n").encode(),
     "3:10: library: library must be a folder inside the project"),
    ("library above the project", (BASE + "library: ../..\n").encode(),
     "3:10: library: library must stay inside the project: '../..' climbs out with '..'"),
    ("library under /etc", (BASE + "library: /etc\n").encode(), "3:10: library: library must be a folder inside"),
    ("missing library", (BASE + "library: no-such-folder\n").encode(),
     "3:10: library: library folder 'no-such-folder' does not exist"),
    ("library is a file", (BASE + "library: mkdocs.yml\n").encode(),
     "3:10: library: library 'mkdocs.yml' is not a folder"),
    ("library is the project", (BASE + "library: .\n").encode(), "3:10: library: library must be a folder inside the "
                                                                    "project, not the project itself"),
    ("complex key", (BASE + "? [a]\n: b\n").encode(), "3:3: keys must be plain text"),
    ("too large", (BASE + "claims:\n" + "  - a claim that is long enough to count\n" * 8000).encode(),
     "1:1: file is larger than 262,144 bytes"),
]


def _tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("data", "expected"), [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_hostile_question_file_is_a_located_error_and_writes_nothing(
        project: Path, capsys: pytest.CaptureFixture[str], data: bytes, expected: str) -> None:
    (project / "reports" / "hostile.yaml").write_bytes(data)
    before = _tree(project / "docs")
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith("reports/hostile.yaml:")]
    assert lines and any(expected in line for line in lines), err
    assert all(line.split(":")[1].isdigit() and line.split(":")[2].isdigit() for line in lines), err
    assert "Traceback" not in err and "nothing was written" in err
    assert _tree(project / "docs") == before and not (project / "docs" / "reports").exists()
    assert main(["check"]) == 1
    assert any(expected in line for line in capsys.readouterr().err.splitlines())


def test_symlinked_library_leading_outside_the_project_is_refused(project: Path, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret notes\n\nThe password is hunter2.\n", encoding="utf-8")
    (project / "elsewhere").symlink_to(outside)
    (project / "reports" / "hostile.yaml").write_text(BASE + "library: elsewhere\n", encoding="utf-8")
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert "reports/hostile.yaml:3:10: library: library 'elsewhere' leads outside the project" in err
    assert main(["build", "--library-root", str(outside)]) == 0, "an explicitly allowed root is accepted"
    assert (project / "docs" / "reports" / "hostile" / "report.json").is_file()


ODD_NAMES = ["a b", "a#b", "a?b", "a%20b", "ü-notes", "日本", ".hidden", "-dash", "a;b", "a&b", "a'b", 'a"b',
             "a<b>", "a`b", "a\\b", "a:b", "a|b", "a*b", "a[b]", "a{b}", "a+b", "a=b", "x" * 120, "a\tb", "a.", "$x"]


@pytest.mark.parametrize("name", ODD_NAMES)
def test_odd_report_ids_are_refused_cleanly(project: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    path = project / "reports" / f"{name}.yaml"
    path.write_text(BASE, encoding="utf-8")
    assert main(["build", str(path.relative_to(project))]) == 1
    err = capsys.readouterr().err
    assert f"reports/{name}.yaml:1:1: the file name {name!r} is the report's id and URL" in err
    assert not (project / "docs" / "reports").exists()


def test_hidden_question_files_are_not_questions(project: Path) -> None:
    (project / "reports" / ".#livecodebench-scaling.yaml").write_text("editor lock file", encoding="utf-8")
    assert main(["check"]) == 0


def test_same_id_in_two_folders_is_reported_not_a_crash(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "other").mkdir()
    (project / "other" / "livecodebench-scaling.yaml").write_text(BASE, encoding="utf-8")
    assert main(["build", "reports/livecodebench-scaling.yaml", "other/livecodebench-scaling.yaml"]) == 1
    err = capsys.readouterr().err
    assert ("other/livecodebench-scaling.yaml:1:1: report id 'livecodebench-scaling' is also the id of "
            "reports/livecodebench-scaling.yaml") in err or (
            "reports/livecodebench-scaling.yaml:1:1: report id 'livecodebench-scaling' is also the id of "
            "other/livecodebench-scaling.yaml") in err
    assert "Traceback" not in err and not (project / "docs" / "reports").exists()


def test_the_same_file_named_twice_is_one_question(project: Path) -> None:
    assert main(["build", "reports/livecodebench-scaling.yaml", "./reports/livecodebench-scaling.yaml"]) == 0
    assert sorted(p.name for p in (project / "docs" / "reports").iterdir() if p.is_dir()) == ["livecodebench-scaling"]


def test_verify_claims_file_gets_the_same_hardened_reading(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    claims = project / "claims.yaml"
    claims.write_text("- &a [*a]\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exited:
        main(["verify", "--library", "library", str(claims)])
    assert "claims.yaml:1:3: this alias refers to a value that contains it" in str(exited.value)
    claims.write_bytes(b"- a\0b\n")
    with pytest.raises(SystemExit) as exited:
        main(["verify", "--library", "library", str(claims)])
    assert "claims.yaml:1:4: control character NUL" in str(exited.value)
