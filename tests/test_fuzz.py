"""Property-based fuzzing of everything a pull request or a library file can bring in: question YAML,
BibTeX, markdown and text sources, file names. The properties: a clean error or a valid result,
never a traceback; output untouched on error; no payload live in the HTML.

`make test` runs each property on a small, derandomized set of examples (a few seconds each, the same
examples every run); `make fuzz` (SYNTH_FUZZ=1) runs them on many random examples.
"""

from __future__ import annotations

import hashlib
import os
import string
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from payloads import live_payloads, payload

from synth import markdown as md
from synth import yamlfile
from synth.cli import main
from synth.config import parse_question
from synth.library import load_library
from synth.library.base import Unreadable
from synth.library.bibtex import parse_bibtex
from synth.library.markdown import MarkdownReader
from synth.library.text import TextReader
from synth.models import PassageKind

ROOT = Path(__file__).resolve().parents[1]
_SLOW = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large,
         HealthCheck.filter_too_much]
settings.register_profile("suite", max_examples=60, derandomize=True, database=None, deadline=None,
                          suppress_health_check=_SLOW, print_blob=True)
settings.register_profile("fuzz", max_examples=2000, deadline=None, suppress_health_check=_SLOW, print_blob=True)
settings.load_profile("fuzz" if os.environ.get("SYNTH_FUZZ") else "suite")
FUZZ = bool(os.environ.get("SYNTH_FUZZ"))
# Builds cost seconds each: a handful in the suite, more in `make fuzz`.
BUILD_EXAMPLES = 60 if FUZZ else 4
MKDOCS_EXTENSIONS = ["admonition", "attr_list", "footnotes", "tables", "toc", "pymdownx.details",
                     "pymdownx.superfences"]

EXAMPLE_QUESTIONS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "reports").glob("*.yaml"))]
EXAMPLE_BIB = (ROOT / "library" / "references.bib").read_text(encoding="utf-8")
# Characters and pieces that mean something to YAML, BibTeX, markdown or HTML, and ones that break readers.
BREAKERS = [*":-[]{}&*!|>'\"#%@`,?=\\()<>~^$_+", " ", "\n", "\t", "\r", "\x00", "\x07", "\x1b", "\x85", "\u2028",
            "\ufeff", "\ud800", "é", "日", "ﬁ", "√", "<<", "!!python/name:os.system", "!foo", "&a", "*a", "---",
            "...", "@misc{", "}", "{{", "<table>", "<td>", "# ", "| a | b |", "\n| --- | --- |\n", "```",
            "<script>", "javascript:", "]]>", "&amp;", "\\\"", "%"]
pieces = st.one_of(st.sampled_from(BREAKERS), st.text(string.printable, max_size=8), st.text(max_size=4))
hostile_text = st.lists(pieces, max_size=40).map("".join)


@st.composite
def mutated(draw: st.DrawFn, originals: list[str]) -> str:
    """An original text with a few pieces inserted, deleted or duplicated."""
    text = draw(st.sampled_from(originals))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate"]))
        if action == "insert":
            text = text[:at] + draw(pieces) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 30)):]
        else:
            end = min(len(text), at + draw(st.integers(1, 40)))
            text = text[:at] + text[at:end] * draw(st.integers(2, 5)) + text[end:]
    return text


# --- question YAML ----------------------------------------------------------------------------------


def _check_problems(problems: list, path: str) -> None:  # type: ignore[type-arg]
    for problem in problems:
        assert problem.path == path and problem.line >= 1 and problem.column >= 1 and problem.message


@given(st.one_of(mutated(EXAMPLE_QUESTIONS), hostile_text))
def test_question_text_gives_a_question_or_located_problems(text: str) -> None:
    question, problems = parse_question(text, Path("reports/fuzz.yaml"), root=ROOT)
    _check_problems(problems, "reports/fuzz.yaml")
    assert (question is None) == bool(problems)


@given(st.one_of(mutated(EXAMPLE_QUESTIONS).map(lambda t: t.encode("utf-8", "surrogatepass")),
                 st.binary(max_size=300)))
def test_question_bytes_decode_or_give_a_located_problem(data: bytes) -> None:
    text, problems = yamlfile.decode(data)
    assert (text is None) == bool(problems)
    assert all(p.line >= 1 and p.column >= 1 for p in problems)
    if text is not None:
        _, _, found = yamlfile.load(text)
        assert all(p.line >= 1 and p.column >= 1 for p in found)


def _tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _live_in_pages(docs: Path) -> dict[str, list[str]]:
    """Every generated page rendered as MkDocs renders it, scanned for live payload markup."""
    found = {}
    for page in sorted((docs / ".synth" / "current").rglob("*.md")):
        rendered = markdown.markdown(page.read_text(encoding="utf-8"), extensions=MKDOCS_EXTENSIONS)
        if live := live_payloads(rendered):
            found[str(page)] = live
    return found


@settings(max_examples=BUILD_EXAMPLES)
@given(question=st.one_of(mutated(EXAMPLE_QUESTIONS), st.sampled_from(EXAMPLE_QUESTIONS).map(
    lambda q: q.replace("title: ", "title: " + payload("fuzz-title").replace('"', "'") + " ", 1))))
def test_a_build_with_a_fuzzed_question_succeeds_or_changes_nothing(project: Path, question: str) -> None:
    docs = project / "docs"
    if not (docs / "reports").exists():
        assert main(["build"]) == 0
    before = _tree(docs)
    (project / "reports" / "fuzz.yaml").write_text(question, encoding="utf-8", errors="surrogatepass")
    status = main(["build"])
    assert status in (0, 1)
    if status == 1:
        assert _tree(docs) == before, "a refused build changed docs/"
    else:
        assert _live_in_pages(docs) == {}
    (project / "reports" / "fuzz.yaml").unlink()


# --- BibTeX -----------------------------------------------------------------------------------------


@given(st.one_of(mutated([EXAMPLE_BIB]), hostile_text.map(lambda t: f"@misc{{k{t[:5]}, title = {{{t}}}}}\n{t}")))
def test_bibtex_gives_entries_or_located_problems(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    path = tmp_path_factory.mktemp("bib") / "refs.bib"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    entries, problems = parse_bibtex(path)
    assert all(isinstance(e.key, str) and e.key and e.line >= 1 for e in entries)
    assert all(p.line >= 1 and p.message for p in problems)


# --- markdown and text sources ---------------------------------------------------------------------


@st.composite
def markdown_source(draw: st.DrawFn) -> str:
    blocks = draw(st.lists(st.one_of(
        hostile_text,
        hostile_text.map(lambda t: "#" * 3 + " " + t),
        st.integers(1, 60).map(lambda n: "<table><tr><td>" * n + "x" + "</td></tr></table>" * n),
        st.tuples(hostile_text, hostile_text).map(lambda c: f"| {c[0]} | {c[1]} |\n| --- | --- |\n| 1 | 2 |"),
        st.integers(1, 3000).map(lambda n: "# a" + " " * n + "b"),
        st.just("---\ntitle: front\n---"),
    ), max_size=8))
    return "\n\n".join(blocks)


@given(markdown_source(), st.sampled_from(["md", "txt"]))
def test_readers_give_a_document_or_a_reason(source: str, kind: str) -> None:
    reader = MarkdownReader() if kind == "md" else TextReader()
    data = source.encode("utf-8", "surrogatepass")
    try:
        document = reader.read(Path(f"x.{kind}"), f"x.{kind}", data)
    except Unreadable as exc:
        assert exc.reason
        return
    for passage in document.passages:
        if passage.kind is not PassageKind.TABLE_ROW:
            assert document.text[passage.start:passage.end] == passage.text
    assert document.title is None or isinstance(document.title, str)


# --- file names -------------------------------------------------------------------------------------

name_text = st.text(st.characters(exclude_characters="/\x00", exclude_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=300 if FUZZ else 15)
@given(st.lists(st.one_of(name_text, st.binary(min_size=1, max_size=20).map(
    lambda b: b.replace(b"/", b"_").replace(b"\0", b"_"))), min_size=1, max_size=5, unique=True))
def test_any_file_names_load_and_stay_text(tmp_path_factory: pytest.TempPathFactory, names: list) -> None:  # type: ignore[type-arg]
    root = tmp_path_factory.mktemp("names")
    created = []
    for n, name in enumerate(names):
        raw = name if isinstance(name, bytes) else os.fsencode(name)
        assume(raw not in (b".", b"..") and len(raw) < 200)
        suffix = [b".md", b".txt", b".pdf", b".bib"][n % 4]
        path = os.path.join(os.fsencode(root), raw + suffix)
        try:
            with open(path, "wb") as handle:
                handle.write(b"Notes\n\nThe zebrafish model scores 41.5 on TaskOne.\n")
        except OSError:
            continue
        created.append(raw + suffix)
    library = load_library(root, tmp_path_factory.mktemp("cache"))
    shown = [d.doc_id for d in library.documents] + [s.path for s in library.skipped]
    for name in shown:
        rendered = markdown.markdown(f"- {md.code(name)}: {md.text(name)}\n", extensions=MKDOCS_EXTENSIONS)
        assert rendered.count("<code>") <= 1 and "<img" not in rendered and "<script" not in rendered
        name.encode("utf-8")  # every name shown is text that can be published
    readable = [c for c in created if not c.startswith(b".") and not c.endswith(b".bib")]
    assert len(shown) == len(readable)
