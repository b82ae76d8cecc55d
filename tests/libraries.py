"""Test libraries built from the project's example library and the verify fixtures, plus one extra file."""

from __future__ import annotations

import importlib
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

from synth.build import make_report, prepare_library
from synth.config import LoadedQuestion, Question
from synth.index import PassageIndex
from synth.models import Answer, Library, Report

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = [ROOT / "library", ROOT / "tests" / "fixtures" / "verify" / "library"]
CORPUS = ROOT.parent / "shared" / "corpus" / "pdfs"


def fixture_library(tmp_path: Path, extra: str) -> tuple[Library, PassageIndex]:
    """Every fixture file copied once into tmp_path/lib, with `zeta.md` holding `extra` (rewritten on each
    call, so a test can edit the library and read it again)."""
    root = tmp_path / "lib"
    if not root.exists():
        root.mkdir()
        for folder in FIXTURES:
            for path in sorted(folder.iterdir()):
                if path.is_file():
                    shutil.copy(path, root / f"{folder.name}-{path.name}")
    (root / "zeta.md").write_text(extra, encoding="utf-8")
    return prepare_library(root, tmp_path / "cache")


def indexed_library(root: Path, files: dict[str, str]) -> tuple[Library, PassageIndex]:
    """A library of the given files (name → text) in root/library, read and indexed through the real stages."""
    folder = root / "library"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return prepare_library(folder, root / "cache")


def written_library(root: Path, files: dict[str, str]) -> Library:
    """`indexed_library` with its index closed: the plan reads the documents."""
    library, index = indexed_library(root, files)
    index.close()
    return library


def asks_report(question: str, library: tuple[Library, PassageIndex]) -> Report:
    """The report synth builds for one question over a prepared fixture library."""
    loaded = LoadedQuestion("q", Path("q.yaml"), Question(title="A question", question=question), question)
    return make_report(loaded, *library)


def answered(root: Path, files: dict[str, str], question: str) -> Answer:
    """The answer synth gives to one question over a library of the given files (its index closed after)."""
    library = indexed_library(root, files)
    try:
        answer = asks_report(question, library).answer
    finally:
        library[1].close()
    assert answer is not None
    return answer


@contextmanager
def bench_module(name: str) -> Iterator[ModuleType]:
    """A script of bench/ imported as a module, with bench/ on sys.path only while it is used."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        yield importlib.import_module(name)
    finally:
        sys.path.remove(str(ROOT / "bench"))
