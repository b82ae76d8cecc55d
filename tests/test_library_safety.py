"""Reading stays inside the library and costs a bounded amount per file.

The cases are the ones the security review found: a symlink publishing /etc/passwd, a FIFO or a
symlink to /dev/zero blocking or exhausting the build, a decompression-bomb PDF aborting it, a crashing
or hanging reader, readers outliving a killed build, and quadratic regular expressions.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pytest
from pdfs import make_pdf

from synth.cli import main
from synth.library import LoadStats, load_library
from synth.library.pdf import PdfReader
from synth.models import Document


def _skipped(library_root: Path, cache: Path, **kwargs: object) -> dict[str, str]:
    library = load_library(library_root, cache, **kwargs)  # type: ignore[arg-type]
    return {s.path: s.reason for s in library.skipped}


def _published(project: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted((project / "docs").rglob("*"))
                     if p.is_file())


def test_symlink_to_a_file_outside_is_neither_read_nor_published(project: Path, tmp_path: Path) -> None:
    secret = tmp_path.parent / f"{tmp_path.name}-secret.txt"
    secret.write_text("Secret notes\n\nThe LiveCodeBench password is hunter2-zebra.\n", encoding="utf-8")
    (project / "library" / "secret.txt").symlink_to(secret)
    (project / "library" / "passwd.txt").symlink_to("/etc/passwd")
    (project / "library" / "zero.txt").symlink_to("/dev/zero")
    (project / "library" / "etc").symlink_to("/etc")
    (project / "library" / "refs.bib").symlink_to(secret)
    assert main(["build"]) == 0
    published = _published(project)
    assert "hunter2-zebra" not in published and "root:x:0:0" not in published
    report = json.loads((project / "docs/reports/livecodebench-scaling/report.json").read_text(encoding="utf-8"))
    skipped = {f["path"]: f["reason"] for f in report["skipped_files"]}
    for name in ("secret.txt", "passwd.txt", "zero.txt", "etc"):
        assert skipped[name] == "symlink leading outside the library: not followed"
    assert any(p["path"] == "refs.bib" and "symlink leading outside" in p["message"] for p in report["bib_problems"])


def test_symlinks_that_stay_inside_are_followed_and_loops_end(tmp_path: Path) -> None:
    root = tmp_path / "library"
    (root / "papers").mkdir(parents=True)
    (root / "papers" / "alpha.txt").write_text("Alpha notes\n\nThe zebrafish model scores 41.5.\n", encoding="utf-8")
    (root / "alpha-link.txt").symlink_to(root / "papers" / "alpha.txt")
    (root / "same-papers").symlink_to("papers")
    (root / "loop").symlink_to(".")
    library = load_library(root, tmp_path / "cache")
    assert sorted(d.doc_id for d in library.documents) == ["alpha-link.txt", "papers/alpha.txt"]
    assert library.skipped == ()


def test_fifos_and_devices_are_skipped_without_waiting(project: Path) -> None:
    os.mkfifo(project / "library" / "notes.txt")
    os.mkfifo(project / "library" / "more.bib")
    assert main(["build"]) == 0  # used to block forever on the FIFO
    report = json.loads((project / "docs/reports/livecodebench-scaling/report.json").read_text(encoding="utf-8"))
    assert {f["path"]: f["reason"] for f in report["skipped_files"]}["notes.txt"] == \
        "a FIFO, not a regular file: not read"
    assert any(p["path"] == "more.bib" and "a FIFO" in p["message"] for p in report["bib_problems"])


def test_a_file_over_the_size_budget_is_skipped_with_its_reason(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "library"
    root.mkdir()
    (root / "big.txt").write_text("Big notes\n\n" + "The okapi model scores 12.0 on Task. " * 30_000, encoding="utf-8")
    (root / "small.txt").write_text("Small notes\n\nThe zebrafish model scores 41.5.\n", encoding="utf-8")
    monkeypatch.setenv("SYNTH_MAX_TEXT_MB", "0.5")
    assert _skipped(root, tmp_path / "cache") == {
        "big.txt": "file of 1.1 MB is over the size budget of 0.5 MB per file (SYNTH_MAX_TEXT_MB): not read"}


def bomb_pdf(megabytes: int) -> bytes:
    """A small PDF whose one page's content stream inflates to `megabytes` of drawing operators."""
    packer = zlib.compressobj(9)
    chunk = b"0 0 m 1 1 l S\n" * 4096
    stream = b"".join(packer.compress(chunk) for _ in range(megabytes * 2**20 // len(chunk))) + packer.flush()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_decompression_bomb_loses_that_file_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int) -> None:
    root = tmp_path / "library"
    root.mkdir()
    (root / "bomb.pdf").write_bytes(bomb_pdf(64))  # 130 kB on disk; pdfium needs > 1 GB to read it
    (root / "fine.pdf").write_bytes(make_pdf(["The zebrafish model scores 41.5 on TaskOne."]))
    (root / "notes.md").write_text("# Notes\n\nThe okapi model scores 12.0.\n", encoding="utf-8")
    monkeypatch.setenv("SYNTH_FILE_MEMORY_MB", "256")
    stats = LoadStats()
    library = load_library(root, tmp_path / "cache", jobs=jobs, stats=stats)
    assert sorted(d.doc_id for d in library.documents) == ["fine.pdf", "notes.md"]
    [skipped] = library.skipped
    assert skipped.path == "bomb.pdf" and "memory" in skipped.reason, skipped.reason


def _patched_pdf_reader(monkeypatch: pytest.MonkeyPatch, victim: str, action: str) -> None:
    original = PdfReader.read

    def read(self: PdfReader, path: Path, doc_id: str, data: bytes) -> Document:
        if doc_id == victim:
            if action == "abort":
                os.abort()
            if action == "segfault":
                os.kill(os.getpid(), signal.SIGSEGV)
            if action == "hang":
                signal.pause()
        return original(self, path, doc_id, data)

    monkeypatch.setattr(PdfReader, "read", read)  # inherited by the forked workers


@pytest.fixture
def pdf_library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    root.mkdir()
    for n in range(3):
        (root / f"paper{n}.pdf").write_bytes(make_pdf([f"Paper {n}: the model{n} scores {n}.5 on Bench{n}."]))
    return root


@pytest.mark.parametrize(("action", "reason"), [
    ("abort", "the reader process died (signal SIGABRT)"),
    ("segfault", "the reader process died (signal SIGSEGV)"),
    ("hang", "reading took longer than the time budget of 1 s per file (SYNTH_FILE_SECONDS)"),
])
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_crashing_or_hanging_reader_loses_that_file_only(pdf_library: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch, action: str, reason: str,
                                                          jobs: int) -> None:
    _patched_pdf_reader(monkeypatch, "paper1.pdf", action)
    monkeypatch.setenv("SYNTH_FILE_SECONDS", "1")
    library = load_library(pdf_library, tmp_path / "cache", jobs=jobs)
    assert [d.doc_id for d in library.documents] == ["paper0.pdf", "paper2.pdf"]
    assert [(s.path, s.reason.split(",")[0] if action != "hang" else s.reason) for s in library.skipped] == \
        [("paper1.pdf", reason)]
    monkeypatch.undo()
    again = load_library(pdf_library, tmp_path / "cache", jobs=jobs)  # an over-budget file is tried again
    assert [d.doc_id for d in again.documents] == ["paper0.pdf", "paper1.pdf", "paper2.pdf"]


_SUPERVISOR = textwrap.dedent("""
    import ctypes, json, os, signal, subprocess, sys, time
    from pathlib import Path
    ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER: orphaned readers come to us
    marks = Path(sys.argv[2])
    build = subprocess.Popen([sys.executable, "-c", sys.argv[1]])
    for _ in range(1200):  # until both readers are inside a file (or the build ended)
        if len(list(marks.iterdir())) == 2 or build.poll() is not None:
            break
        time.sleep(0.1)
    workers = sorted(int(p.name) for p in marks.iterdir())
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    alive = set(workers)
    for _ in range(600):
        for pid in list(alive):
            try:
                if os.waitpid(pid, os.WNOHANG)[0] == pid:
                    alive.discard(pid)
            except ChildProcessError:
                alive.discard(pid)
        if not alive:
            break
        time.sleep(0.1)
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    print(json.dumps({"workers": workers, "alive": sorted(alive)}))
""")

_BUILD = textwrap.dedent("""
    import os, signal
    from pathlib import Path
    from synth.library import load_library
    from synth.library.pdf import PdfReader

    def read(self, path, doc_id, data):
        (Path({marks!r}) / str(os.getpid())).touch()
        signal.pause()

    PdfReader.read = read
    load_library(Path({root!r}), Path({cache!r}), jobs=2)
""")


def test_readers_die_with_a_killed_build(pdf_library: Path, tmp_path: Path) -> None:
    """kill -9 of the build while its readers work: no reader survives it (they used to run on,
    reparented, for as long as their file took)."""
    marks = tmp_path / "readers"
    marks.mkdir()
    code = _BUILD.format(marks=str(marks), root=str(pdf_library), cache=str(tmp_path / "cache"))
    done = subprocess.run([sys.executable, "-c", _SUPERVISOR, code, str(marks)], capture_output=True, text=True,
                          check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert len(result["workers"]) == 2
    assert result["alive"] == [], "readers outlived the killed build"


def _bounded(code: str, cpu_seconds: int = 60) -> subprocess.CompletedProcess[str]:
    """Run `code` in a child allowed `cpu_seconds` of CPU time (RLIMIT_CPU). The inputs below take the
    linear code milliseconds and the quadratic code hours: a resource bound far above need, not a
    timing assertion."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))

    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, preexec_fn=limit)


@pytest.mark.parametrize("code", [
    # the mojibake token pattern on a 400,000-character word (1.8 s at 20,000 when quadratic)
    "from synth.text import repair; assert repair('a' * 400_000 + ' Lebr√≥n').endswith('Lebrón')",
    # a long ATX heading line with spaces inside (3.6 s at 20,000 when quadratic)
    "from pathlib import Path; from synth.library.markdown import MarkdownReader; "
    "d = MarkdownReader().read(Path('a.md'), 'a.md', ('# a' + ' ' * 300_000 + 'b\\n\\nSome text here.\\n').encode()); "
    "assert d.title is not None",
    # 20,000 nested HTML tables on one line (minutes when quadratic)
    "from pathlib import Path; from synth.library.markdown import MarkdownReader; "
    "n = 20_000; body = '<table><tr><td>' * n + 'x' + '</td></tr></table>' * n; "
    "MarkdownReader().read(Path('a.md'), 'a.md', ('# T\\n\\n' + body + '\\n').encode())",
], ids=["mojibake token", "long heading", "nested html tables"])
def test_readers_are_linear_on_hostile_lines(code: str) -> None:
    done = _bounded(code)
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
