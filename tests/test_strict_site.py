"""`make site` is strict: a broken link or anchor fails it, and nothing is hidden by --quiet
(MkDocs issue #4126: --quiet stops --strict from counting warnings)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VENV = Path(sys.executable).parent.parent


def make_site(project: Path) -> subprocess.CompletedProcess[str]:
    """The Makefile's own `site` target, run in the test project with this test run's venv (`-o`: the
    venv is taken as installed)."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "REPO_URL", "MAKEFLAGS")}
    return subprocess.run([make, "-f", str(ROOT / "Makefile"), "-C", str(project), "site", f"VENV={VENV}",
                           "-o", f"{VENV}/.installed"], capture_output=True, text=True, env=env)


def test_make_site_passes_without_noise_and_fails_on_a_broken_link(project: Path) -> None:
    first = make_site(project)
    assert first.returncode == 0, first.stdout + first.stderr
    output = first.stdout + first.stderr
    assert "end of life" not in output, "NO_MKDOCS_2_WARNING silences the banner"
    assert "--quiet" not in output
    (project / "docs" / "notes.md").write_text("# Notes\n\nSee [the plan](plan.md) and [results](about.md#nowhere).\n",
                                               encoding="utf-8")
    broken = make_site(project)
    assert broken.returncode != 0
    assert "plan.md" in broken.stderr and "nowhere" in broken.stderr
    assert "warnings in strict mode" in broken.stdout + broken.stderr
