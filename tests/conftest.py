"""Shared fixtures: a tiny library written in the test's temp folder and the shared corpus, read through the real
stages."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from libraries import CORPUS

import synth.build as build_module
from synth.build import prepare_library
from synth.index import PassageIndex
from synth.models import Library

ROOT = Path(__file__).resolve().parents[1]

ALPHA = """# Alpha-7B notes

## Training

Alpha-7B was pre-trained on 3 trillion tokens, up from the 1 trillion tokens used for Alpha-1.
It was then fine-tuned on 200,000 instructions.

## Results

Alpha-7B scores 41.2 on CodeBench, ahead of Beta-7B.
Alpha models and their Code Bench results: a list of names.

**Table 1: Performance of the instruction-tuned models.**

| Benchmark | Alpha-7B | Beta-7B |
| --- | --- | --- |
| **Coding** | | |
| CodeBench | 41.2 | 30.5 |
| MathBench | 12.0 | 15.5 |
"""

GAMMA = """Gamma report

Gamma-2 is a vision model trained on 5 billion images.

It has nothing to say about code benchmarks.
"""

BIB = """@article{alpha,
  title = {Alpha-7B Technical Report},
  author = {Doe, Jane and Roe, Richard},
  year = {2024},
  journal = {arXiv preprint arXiv:2401.00001},
  file = {alpha.md}
}
"""


@pytest.fixture
def tiny_library(tmp_path: Path) -> tuple[Library, PassageIndex]:
    root = tmp_path / "lib"
    root.mkdir()
    (root / "alpha.md").write_text(ALPHA, encoding="utf-8")
    (root / "gamma.txt").write_text(GAMMA, encoding="utf-8")
    (root / "references.bib").write_text(BIB, encoding="utf-8")
    return prepare_library(root, tmp_path / "cache")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project's questions, library and hand-written pages, as a fresh clone has them."""
    for name in ("reports", "library", "schemas"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "docs" / "assets", tmp_path / "docs" / "assets")
    shutil.copy(ROOT / "docs" / "about.md", tmp_path / "docs" / "about.md")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "315532800")
    return tmp_path


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """report ids make_report was actually called for."""
    calls: list[str] = []
    original = build_module.make_report

    def counting(loaded, library, index, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(loaded.report_id)
        return original(loaded, library, index, *args, **kwargs)

    monkeypatch.setattr(build_module, "make_report", counting)
    return calls


@pytest.fixture(scope="session")
def corpus() -> Iterator[tuple[Library, PassageIndex]]:
    """The shared corpus PDFs, read once through the project's cache; skipped when ../shared is absent."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/pdfs is absent")
    library, index = prepare_library(CORPUS, Path(".synth-cache"))
    yield library, index
    index.close()
