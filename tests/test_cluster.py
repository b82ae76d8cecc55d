"""Scale-out on Dask: a build whose files are read and reports built on a two-worker LocalCluster
writes the same pages as a local build, into the same cache."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pdfs import make_pdf

from synth.cli import main

distributed = pytest.importorskip("dask.distributed", reason="Dask is the optional [dask] extra")


def _tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` (the output folders may be symbolic links to their current build)."""
    files = [Path(top) / name for top, _, names in os.walk(folder, followlinks=True) for name in names]
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(files)}


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """Two workers as threads of this process, talking in-process (no network at all)."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as local:
        yield local.scheduler_address


@pytest.fixture
def with_pdfs(project: Path) -> Path:
    """The example project plus three PDFs, so extraction has work to send to the workers."""
    for number, body in enumerate(["Qwen2.5-72B-Instruct scores 55.5 on LiveCodeBench in our tests.",
                                   "Mistral-Large-2 was evaluated on LiveCodeBench with 123B parameters.",
                                   "A note on Qwen2.5 pre-training data: 18 trillion tokens."]):
        (project / "library" / f"extra-{number}.pdf").write_bytes(make_pdf([body, f"Page two of note {number}."]))
    return project


def test_cluster_build_equals_local_build_and_fills_the_same_cache(with_pdfs: Path, cluster: str,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--cache", ".local-cache", "build"]) == 0
    local = _tree(with_pdfs / "docs")
    capsys.readouterr()

    assert main(["--cache", ".cluster-cache", "build", "--scheduler", cluster]) == 0
    err = capsys.readouterr().err
    questions = len(list((with_pdfs / "reports").glob("*.yaml")))
    assert "7 files: 7 read" in err and "by 2 Dask workers" in err and f"reports: {questions} built" in err, err
    assert _tree(with_pdfs / "docs") == local

    # What the workers computed was stored here: a local build from that cache reads and builds nothing.
    assert main(["--cache", ".cluster-cache", "build", "--force"]) == 0
    err = capsys.readouterr().err
    assert "7 files: 0 read" in err and "reports: 0 built" in err, err
    assert _tree(with_pdfs / "docs") == local


def test_scheduler_from_the_environment(with_pdfs: Path, cluster: str, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SYNTH_DASK_SCHEDULER", cluster)
    assert main(["build"]) == 0
    assert f"Dask scheduler {cluster}" in capsys.readouterr().err


def test_unreachable_scheduler_is_a_clear_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _tree(project / "docs")
    assert main(["build", "--scheduler", "tcp://127.0.0.1:9"]) == 1
    err = capsys.readouterr().err
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err and "nothing was written" in err
    assert _tree(project / "docs") == before
