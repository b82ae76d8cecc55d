"""requirements.lock pins every dependency pyproject.toml declares (the dev extra included), so a
fresh clone installs exactly the versions that built the committed pages."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", re.split(r"[<>=!~ \[;]", requirement, maxsplit=1)[0]).lower()


def test_every_declared_dependency_is_pinned_exactly() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_name(r) for r in project["dependencies"]}
    declared |= {_name(r) for extra in project["optional-dependencies"].values() for r in extra}
    lines = [line for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    assert all(re.fullmatch(r"[A-Za-z0-9_.\-]+==[^=\s]+", line) for line in lines), "exact versions only"
    pinned = {_name(line) for line in lines}
    assert declared <= pinned, f"run `make lock`: not pinned: {sorted(declared - pinned)}"
    assert "synth" not in pinned
