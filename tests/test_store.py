"""The caches hold data, not code: poisoned, damaged or foreign rows are rebuilt, never executed.

Both caches (documents, reports) sit on synth.store.Store; these tests poison them the ways the
issue found (pickled payloads that run code when loaded) and check that nothing runs, the build
still succeeds and its output equals a clean build's.
"""

from __future__ import annotations

import ast
import hashlib
import json
import pickle
import sqlite3
from pathlib import Path

import pytest

import synth.build as build_module
from synth.anchor import anchor
from synth.build import ReportCache, build, prepare_library
from synth.config import load_questions
from synth.library import cache as cache_module
from synth.library import load_library
from synth.models import Document, DocumentHead
from synth.plan import make_plan
from synth.serialize import DataError, from_data, to_data
from synth.settings import load_settings
from synth.store import Store
from synth.svg import is_plain_svg

SYNTH = Path(__file__).resolve().parents[1] / "synth"


class _Payload:
    """Unpickling this runs code: it writes the marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return exec, (f"open({str(self.marker)!r}, 'w').write('code ran')",)


def _tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(project: Path) -> build_module.BuildSummary:
    return build([], project / "docs" / "reports", project / "docs", project / ".synth-cache")


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    original = build_module.make_report

    def counting(loaded, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(loaded.report_id)
        return original(loaded, *args, **kwargs)

    monkeypatch.setattr(build_module, "make_report", counting)
    return calls


def test_no_module_of_synth_loads_code_from_data() -> None:
    """No pickle, marshal, shelve or dill anywhere in synth: cached bytes can only ever be data."""
    banned = {"pickle", "marshal", "shelve", "dill", "cloudpickle", "_pickle"}
    users = []
    for path in sorted(SYNTH.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            users += [f"{path.name}: {name}" for name in names if name.split(".")[0] in banned]
    assert users == []


def test_pickled_report_rows_in_the_old_layout_never_run(project: Path, tmp_path: Path) -> None:
    """A cache written in the pickle layout (what a poisoner would plant) with rows under the very
    keys the next build looks up."""
    _build(project)
    clean = _tree(project / "docs")
    cache = project / ".synth-cache"
    questions = load_questions(sorted((project / "reports").glob("*.yaml")))
    library, index = prepare_library(Path("library"), cache)
    keys = [ReportCache(cache).key(q, anchor(q.question, make_plan(q.question, library), library, index),
                                   load_settings().digest()) for q in questions]
    index.close()
    marker = tmp_path / "PWNED-report"
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{cache / 'reports.sqlite'}{suffix}").unlink(missing_ok=True)
    with sqlite3.connect(cache / "reports.sqlite") as db:
        for table in ("reports", "pages"):
            db.execute(f"CREATE TABLE {table} (key TEXT PRIMARY KEY, body BLOB, used INTEGER)")
        db.execute("CREATE TABLE builds (number INTEGER)")
        db.execute("INSERT INTO builds VALUES (1)")
        for key in keys:
            for table, row_key in (("reports", key), ("pages", f"{key}:True")):
                db.execute(f"INSERT INTO {table} VALUES (?, ?, 1)", (row_key, pickle.dumps(_Payload(marker))))
        db.execute("PRAGMA user_version = 3")
    summary = _build(project)
    assert not marker.exists(), "a pickled cache row ran code"
    assert sorted(summary.reports) == sorted(q.report_id for q in questions)
    assert _tree(project / "docs") == clean


def test_pickled_document_rows_in_the_old_layout_never_run(project: Path, tmp_path: Path) -> None:
    cache = project / ".synth-cache"
    first = load_library(Path("library"), tmp_path / "fresh")
    marker = tmp_path / "PWNED-document"
    cache.mkdir()
    with sqlite3.connect(cache / cache_module.CACHE_FILE) as db:
        db.execute("CREATE TABLE documents (sha256 TEXT, version TEXT, reader TEXT, body BLOB, "
                   "PRIMARY KEY (sha256, version, reader))")
        db.execute("CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, "
                   "ctime_ns INTEGER, inode INTEGER, sha256 TEXT, hashed_ns INTEGER)")
        db.execute("CREATE TABLE versions (version TEXT PRIMARY KEY, used INTEGER)")
        db.execute("CREATE TABLE links (folder TEXT PRIMARY KEY, key TEXT, body BLOB)")
        for document in first.documents:
            reader = {"markdown": "markdown", "text": "text", "pdf": "pdf"}[document.format]
            db.execute("INSERT INTO documents VALUES (?, ?, ?, ?)",
                       (document.sha256, cache_module.extractor_key(), reader, pickle.dumps(_Payload(marker))))
        db.execute("PRAGMA user_version = 3")
    again = load_library(Path("library"), cache)
    assert not marker.exists(), "a pickled cache row ran code"
    assert again == first


@pytest.mark.parametrize("poison", ["pickle", "not json", "wrong shape", "other document", "bad slices"])
def test_poisoned_rows_in_the_current_layout_are_read_again(project: Path, tmp_path: Path, poison: str) -> None:
    cache = project / ".synth-cache"
    first = load_library(Path("library"), cache)
    marker = tmp_path / "PWNED"
    other = first.documents[0]
    with sqlite3.connect(cache / cache_module.CACHE_FILE) as db:
        for table, field in (("documents", "document"), ("heads", "head")):
            if poison == "bad slices" and table == "heads":
                continue
            for key, body in db.execute(f"SELECT key, body FROM {table}").fetchall():
                data = json.loads(body)
                if poison == "pickle":
                    value: object = pickle.dumps(_Payload(marker))
                elif poison == "not json":
                    value = "{not json"
                elif poison == "wrong shape":
                    data[field]["passages" if table == "documents" else "metadata"] = "no"
                    value = json.dumps(data)
                elif poison == "other document":
                    whole = other.load()
                    value = json.dumps({field: to_data(whole if table == "documents" else DocumentHead.of(whole),
                                                       exact=True)})
                else:
                    data[field]["text"] = "<script>window.__pwned = 1</script>" + data[field]["text"][40:]
                    value = json.dumps(data)
                db.execute(f"UPDATE {table} SET body = ? WHERE key = ?", (value, key))
    again = load_library(Path("library"), cache)
    assert not marker.exists()
    assert again == first
    assert all("<script>" not in d.text for d in again.documents)


_SCRIPTED_SVG = ('<svg xmlns="http://www.w3.org/2000/svg"><script>window.__pwned = 1</script>'
                 '<path d="M 0 0" onload="window.__pwned = 2"/></svg>')


@pytest.mark.parametrize("poison", ["pickle", "wrong shape", "extra field", "not json"])
def test_poisoned_report_and_plot_rows_are_rebuilt(project: Path, tmp_path: Path, made: list[str],
                                                   poison: str) -> None:
    _build(project)
    clean = _tree(project / "docs")
    marker = tmp_path / "PWNED"
    with sqlite3.connect(project / ".synth-cache" / "reports.sqlite") as db:
        for key, body in db.execute("SELECT key, body FROM reports").fetchall():
            data = json.loads(body)
            if poison == "pickle":
                value: object = pickle.dumps(_Payload(marker))
            elif poison == "wrong shape":
                value = json.dumps(dict(data, findings={"a": 1}))
            elif poison == "extra field":
                value = json.dumps(dict(data, injected="<script>"))
            else:
                value = "{"
            db.execute("UPDATE reports SET body = ? WHERE key = ?", (value, key))
        plots = db.execute("SELECT key FROM plots").fetchall()
        assert plots, "the example draws a plot"
        for (key,) in plots:
            db.execute("UPDATE plots SET body = ? WHERE key = ?", (json.dumps(_SCRIPTED_SVG), key))
    made.clear()
    summary = _build(project)
    assert not marker.exists()
    assert sorted(made) == sorted(summary.reports) and made, "every poisoned report was made again"
    assert summary.plots_drawn == len(plots)
    assert _tree(project / "docs") == clean


@pytest.mark.parametrize("svg", [
    _SCRIPTED_SVG,
    '<svg xmlns="http://www.w3.org/2000/svg"><use xmlns:l="http://www.w3.org/1999/xlink" l:href="http://x/y#a"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(http://x/a.css)</style></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
    '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
    "<html><script>1</script></html>",
    "not xml at all <",
])
def test_only_plain_drawings_pass_the_plot_check(svg: str) -> None:
    assert not is_plain_svg(svg)


def test_a_drawn_plot_passes_the_plot_check(project: Path) -> None:
    _build(project)
    plots = sorted((project / "docs" / "reports").rglob("*.svg"))
    assert plots and all(is_plain_svg(p.read_text(encoding="utf-8")) for p in plots)


def test_store_rebuilds_on_garbage_version_change_and_missing_tables(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with Store(path, 1, ("things",)) as store:
        store.put("things", "a", {"x": 1})
        assert store.get("things", "a", dict) == {"x": 1}
    with Store(path, 2, ("things",)) as store:  # another schema: nothing read
        assert store.get("things", "a", dict) is None
        store.put("things", "a", {"x": 2})
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE things")
    with Store(path, 2, ("things",)) as store:
        assert store.get("things", "a", dict) is None
        store.put("things", "a", [1])
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(b"SQLite format 3\0" + b"\xff" * 5000)
    with Store(path, 2, ("things",)) as store:
        assert store.get("things", "a", list) is None
        store.put("things", "a", [2])
        assert store.get("things", "a", list) == [2]


def test_store_prunes_by_use_and_by_scope(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with Store(path, 1, ("t",)) as store:
        store.put("t", "old", 1, scope="v1")
        store.put("t", "kept", 2, scope="v1")
    for _ in range(3):
        with Store(path, 1, ("t",)) as store:
            assert store.get("t", "kept", int) == 2
    with Store(path, 1, ("t",)) as store:
        store.put("t", "new", 3, scope="v2")
        store.prune("t", keep_generations=3)
        assert store.has("t", "kept") and store.has("t", "new") and not store.has("t", "old")
        store.prune("t", keep_scopes=1)
        assert not store.has("t", "kept") and store.has("t", "new")


@pytest.mark.parametrize("data", [
    {"passages": []},
    {"doc_id": 1},
    "a string",
    None,
])
def test_decoder_refuses_data_of_another_shape(data: object) -> None:
    with pytest.raises(DataError):
        from_data(Document, data)


def test_decoder_round_trips_a_document_exactly(tiny_library: tuple) -> None:  # type: ignore[type-arg]
    library, _ = tiny_library
    for handle in library.documents:
        document = handle.load()
        assert from_data(Document, json.loads(json.dumps(to_data(document, exact=True)))) == document
        head = DocumentHead.of(document)
        assert from_data(DocumentHead, json.loads(json.dumps(to_data(head, exact=True)))) == head
