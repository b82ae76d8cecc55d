"""The GitHub workflows: valid against the GitHub workflow JSON Schema (check-jsonschema, from the
python-jsonschema organisation, with its vendored copy of the SchemaStore schema: no network), and
doing what the README promises: the PR job runs every check, writes `synth diff` into the job summary
and uploads the site; Pages are deployed from main only, with only the permissions that needs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"


def _validator() -> str:
    found = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) or shutil.which(
        "check-jsonschema")
    if found is None:
        pytest.skip("check-jsonschema is not installed (dev extra: pip install -e '.[dev]')")
    return found


def _validate(*files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([_validator(), "--builtin-schema", "vendor.github-workflows", "--color", "never",
                           *map(str, files)], capture_output=True, text=True, cwd=ROOT)


def _workflow(name: str) -> dict[Any, Any]:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def _steps(workflow: dict[Any, Any], job: str) -> list[dict[str, Any]]:
    return workflow["jobs"][job]["steps"]


def _runs(workflow: dict[Any, Any], job: str) -> list[str]:
    return [step["run"] for step in _steps(workflow, job) if "run" in step]


def _uses(workflow: dict[Any, Any], job: str, action: str) -> dict[str, Any]:
    found = [s for s in _steps(workflow, job) if s.get("uses", "").split("@")[0] == action]
    assert len(found) == 1, f"{job} uses {action} once"
    assert re.fullmatch(r"v\d+", found[0]["uses"].split("@")[1]), "actions pinned to a major version"
    return found[0]


def _make_target(name: str) -> str:
    """The recipe of one Makefile target."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(rf"^{name}:[^\n]*\n((?:\t[^\n]*\n)+)", text, re.MULTILINE)
    assert match, f"Makefile has a {name} target"
    return match.group(1)


def test_workflows_are_valid_github_workflows() -> None:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == ["pages.yml", "pull-request.yml"]
    result = _validate(*files)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


@pytest.mark.parametrize(("old", "new", "message"), [
    ("runs-on: ubuntu-latest", "runs_on: ubuntu-latest", "'runs-on' is a required property"),
    ("timeout-minutes: 60", "timeout-minutes: sixty", "sixty"),
    ("pull_request:", "pull-request:", "pull-request"),
])
def test_the_schema_check_catches_a_broken_workflow(tmp_path: Path, old: str, new: str, message: str) -> None:
    source = (WORKFLOWS / "pull-request.yml").read_text(encoding="utf-8")
    assert old in source
    broken = tmp_path / "broken.yml"
    broken.write_text(source.replace(old, new, 1), encoding="utf-8")
    result = _validate(broken)
    assert result.returncode == 1
    assert message in result.stdout + result.stderr


def test_pull_request_job_runs_every_check() -> None:
    workflow = _workflow("pull-request.yml")
    assert set(workflow[True]) == {"pull_request"}  # PyYAML reads the key `on` as True
    assert workflow["permissions"] == {"contents": "read"}, "a PR job only reads the repository"
    runs = _runs(workflow, "check")
    steps = "\n".join(runs)
    for command in ("make install", "make lint", ".venv/bin/synth check", ".venv/bin/synth schema --check",
                    "make test", "make site"):
        assert command in runs, command
    assert "--quiet" not in steps and " -q" not in steps
    # What the make targets do: ruff for lint, pytest for the tests, and mkdocs' strict build.
    assert "ruff check" in _make_target("lint")
    assert "pytest" in _make_target("test")
    assert "mkdocs build --strict" in (ROOT / "Makefile").read_text(encoding="utf-8")
    assert _make_target("site").count("$(SITE_GENERATOR)") == 1
    # Tests and checks come before the site is built and uploaded.
    assert runs.index("make test") < runs.index("make site")


def test_pull_request_tests_run_the_browser_tests_instead_of_skipping_them() -> None:
    """`make test` installs Debian's Chromium only as root with apt (never a downloaded browser): the
    job runs in a Debian container as root, where it can; a bare Ubuntu runner would skip them."""
    job = _workflow("pull-request.yml")["jobs"]["check"]
    assert job["container"] == "python:3.11-bookworm", "Debian, with the Python the project targets"
    assert not any(s.get("uses", "").startswith("actions/setup-python") for s in job["steps"]), "the image's Python"
    assert 'git config --global --add safe.directory "$GITHUB_WORKSPACE"' in _runs(_workflow("pull-request.yml"),
                                                                                   "check")
    chromium = _make_target("chromium")
    assert "apt-get install" in chromium and "chromium" in chromium and '"$$(id -u)" = 0' in chromium
    assert re.search(r"^test: .*\bchromium\b", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)


def test_pull_request_job_writes_the_report_diff_to_the_job_summary_and_uploads_the_site() -> None:
    workflow = _workflow("pull-request.yml")
    checkout = _uses(workflow, "check", "actions/checkout")
    assert checkout["with"]["fetch-depth"] == 0, "the base commit must be there to build it"
    base = next(s for s in _steps(workflow, "check") if "git worktree add ../base" in s.get("run", ""))
    assert base["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    assert "synth build" in base["run"]
    diff = next(s["run"] for s in _steps(workflow, "check") if "synth diff" in s.get("run", ""))
    assert diff.split() == [".venv/bin/synth", "diff", "../base/docs/reports", "docs/reports", "--summary", "-o",
                            "site/synth-diff.md"]  # --summary appends to $GITHUB_STEP_SUMMARY (tests/test_diff.py)
    upload = _uses(workflow, "check", "actions/upload-artifact")
    assert upload["with"]["path"] == "site/"
    names = [s.get("uses", s.get("run")) for s in _steps(workflow, "check")]
    assert names.index(upload["uses"]) > names.index(diff), "the diff is in the uploaded site"


def test_pages_are_deployed_from_main_only_with_the_permissions_pages_need() -> None:
    workflow = _workflow("pages.yml")
    triggers = workflow[True]
    assert set(triggers) <= {"push", "workflow_dispatch"} and triggers["push"] == {"branches": ["main"]}
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["cancel-in-progress"] is False, "a running deployment is never cut short"
    build = workflow["jobs"]["build"]
    site = next(s for s in build["steps"] if s.get("run") == "make site")
    assert site["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert _uses(workflow, "build", "actions/upload-pages-artifact")["with"]["path"] == "site/"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["if"] == "github.ref == 'refs/heads/main'", "a manual run from another branch deploys nothing"
    assert deploy["environment"]["name"] == "github-pages"
    assert _uses(workflow, "deploy", "actions/deploy-pages")["id"] == "deployment"
