"""BibTeX: broken blocks become problems with their line; everything else still parses."""

from __future__ import annotations

from pathlib import Path

import pytest

from synth.library.bibtex import clean_value, parse_bibtex

FIXTURES = Path(__file__).parent / "fixtures" / "library" / "basic"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def test_broken_entry_is_a_problem_and_the_rest_parse() -> None:
    entries, problems = parse_bibtex(FIXTURES / "refs.bib")
    assert [e.key for e in entries] == ["notes2024", "mojibake", "entryonly"]
    assert len(problems) == 1
    problem = problems[0]
    assert problem.line == 15
    assert "@article{broken}" in problem.message
    assert problem.path == str(FIXTURES / "refs.bib")


def test_entry_fields_are_cleaned_and_sorted() -> None:
    entries, _ = parse_bibtex(FIXTURES / "refs.bib")
    entry = next(e for e in entries if e.key == "mojibake")
    assert entry.entry_type == "article"
    assert entry.line == 9
    assert entry.get("author") == "Lebrón, Carlos"
    assert entry.get("year") == "2023"
    assert [name for name, _ in entry.fields] == sorted(name for name, _ in entry.fields)


def test_duplicates_missing_titles_and_garbage(tmp_path: Path) -> None:
    bib = tmp_path / "x.bib"
    bib.write_text(
        "@misc{a, title = {First}}\n"
        "@misc{a, title = {Second}}\n"
        "@misc{untitled, author = {Someone}}\n"
        "@article{\n"
        "@misc{b, title = \"Quoted {T}itle\", URL = {https://example.org/~me/a_b}}\n",
        encoding="utf-8",
    )
    entries, problems = parse_bibtex(bib)
    assert [e.key for e in entries] == ["a", "untitled", "b"]
    assert entries[0].title == "First"
    assert entries[2].title == "Quoted Title"
    assert entries[2].get("url") == "https://example.org/~me/a_b"
    messages = {p.line: p.message for p in problems}
    assert "duplicate key 'a'" in messages[2]
    assert messages[3] == "entry untitled has no title"
    assert "broken" in messages[4]


def test_unreadable_bib_file_is_a_problem(tmp_path: Path) -> None:
    entries, problems = parse_bibtex(tmp_path / "missing.bib")
    assert entries == []
    assert problems[0].line == 1
    assert "cannot read" in problems[0].message


def test_latex_is_cleaned() -> None:
    assert clean_value('M{\\"u}ller and Kaiser, {\\L}ukasz') == "Müller and Kaiser, Łukasz"
    assert clean_value("{BERT}: Pre-training of \\emph{deep} models") == "BERT: Pre-training of deep models"
    assert clean_value("Gonz\\'alez \\c{c}a \\& {\\ss}") == "González ça & ß"
    assert clean_value("pages 1--2") == "pages 1–2"
    assert clean_value("  spread\n   over   lines ") == "spread over lines"


def test_shared_corpus_bibliography_parses() -> None:
    bib = SHARED / "corpus" / "pdfs" / "references.bib"
    if not bib.is_file():
        pytest.skip("../shared/corpus/pdfs/references.bib not present")
    entries, problems = parse_bibtex(bib)
    assert len(entries) == 26
    assert problems == []
    assert all(e.title for e in entries)
