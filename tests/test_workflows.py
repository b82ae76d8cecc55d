"""The GitHub workflows: valid for actionlint, and doing what the README promises (the PR job's
checks and `synth diff` summary; Pages deployed from main)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"


def _actionlint() -> str:
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    if found is None:
        pytest.skip("actionlint is not installed (dev extra: pip install -e '.[dev]')")
    try:
        subprocess.run([found, "-version"], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"the actionlint binary cannot run here: {exc}")
    return found


def _run(lint: str, *files: Path) -> subprocess.CompletedProcess[str]:
    # shellcheck and pyflakes are optional integrations; an empty command turns them off so the
    # result does not depend on what else the machine has installed.
    return subprocess.run([lint, "-no-color", "-oneline", "-shellcheck=", "-pyflakes=", *map(str, files)],
                          capture_output=True, text=True, cwd=ROOT)


def test_actionlint_accepts_the_workflows() -> None:
    lint = _actionlint()
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert len(files) == 2
    result = _run(lint, *files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_would_catch_a_broken_workflow(tmp_path: Path) -> None:
    lint = _actionlint()
    broken = tmp_path / "broken.yml"
    broken.write_text((WORKFLOWS / "pull-request.yml").read_text(encoding="utf-8").replace(
        "fetch-depth: 0", "fetch_depth: 0", 1), encoding="utf-8")
    result = _run(lint, broken)
    assert result.returncode != 0 and "fetch_depth" in result.stdout


def _steps(workflow: str, job: str) -> list[dict]:
    data = yaml.safe_load((WORKFLOWS / workflow).read_text(encoding="utf-8"))
    return data["jobs"][job]["steps"]


def test_pull_request_job_runs_every_check_and_the_report_diff() -> None:
    data = yaml.safe_load((WORKFLOWS / "pull-request.yml").read_text(encoding="utf-8"))
    assert "pull_request" in data[True]  # PyYAML reads the key `on` as True
    runs = "\n".join(step.get("run", "") for step in _steps("pull-request.yml", "check"))
    for command in ("make install", "make lint", "synth check", "synth schema --check", "make test", "make site",
                    "synth diff ../base/docs/reports docs/reports --summary -o site/synth-diff.md"):
        assert command in runs, command
    assert "--quiet" not in runs
    upload = next(s for s in _steps("pull-request.yml", "check") if s.get("uses", "").startswith(
        "actions/upload-artifact"))
    assert upload["with"]["path"] == "site/"


def test_pages_are_deployed_from_main_only() -> None:
    data = yaml.safe_load((WORKFLOWS / "pages.yml").read_text(encoding="utf-8"))
    assert data[True]["push"]["branches"] == ["main"]
    assert any(s.get("uses", "").startswith("actions/deploy-pages") for s in _steps("pages.yml", "deploy"))
    build = _steps("pages.yml", "build")
    site = next(s for s in build if s.get("run") == "make site")
    assert "SITE_URL" in site["env"]
