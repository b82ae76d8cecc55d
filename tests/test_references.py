"""Citations: CSL styles shipped with synth, in-text labels linking to the reference entry, each URL
printed once, and the BibTeX and CSL-JSON exports a report folder publishes."""

from __future__ import annotations

import json

import bibtexparser
import pytest

from synth.models import BibEntry, Source
from synth.references import (
    author_names,
    bibtex_file,
    cite,
    csl_json,
    format_references,
    metadata_authors,
    metadata_byline,
    reference_entry,
    reference_links,
    style_names,
)


def _source(key: str, author: str, year: str = "2024", **fields: str) -> Source:
    entry = BibEntry(key, "article", (("title", f"The {key} report"), ("author", author), ("year", year),
                                      *fields.items()), 1)
    return Source(key, entry, None, "entry only")


SOURCES = [
    _source("qwen", "{Qwen Team}", doi="10.48550/arXiv.2412.15115", url="https://arxiv.org/abs/2412.15115",
            eprint="2412.15115"),
    _source("zhu", "Zhu, Qihao and Guo, Daya and Shao, Zhihong and others", url="https://example.org/zhu"),
    _source("jiang", "Albert Q. Jiang and Alexandre Sablayrolles", year="2023"),
]


def test_shipped_styles_are_offline_files() -> None:
    assert {"harvard-cite-them-right", "apa", "ieee"} <= set(style_names())


@pytest.mark.parametrize(("style", "label", "located"), [
    ("harvard-cite-them-right", "(Zhu et al., 2024)", "(Zhu et al., 2024, p. 5)"),
    ("apa", "(Zhu et al., 2024)", "(Zhu et al., 2024, p. 5)"),
    ("ieee", "[3]", "[3, p. 5]"),
])
def test_in_text_citation_links_to_the_reference_entry(style: str, label: str, located: str) -> None:
    references = format_references(SOURCES, style)
    assert {r.key: r.label for r in references}["zhu"] == label
    from synth import markdown as md

    assert cite(references, "zhu", "p. 5") == f"[{md.text(located)}](#ref-zhu)"
    assert cite(references, "zhu") == f"[{md.text(label)}](#ref-zhu)"
    assert cite(references, "unknown", "p. 1") == "unknown, p. 1", "an uncited key is plain text, not a broken link"


def test_numeric_style_numbers_follow_the_reference_list() -> None:
    references = format_references(SOURCES, "ieee")
    assert [r.label for r in references] == ["[1]", "[2]", "[3]"]
    assert [r.key for r in references] == ["jiang", "qwen", "zhu"]


def test_each_url_is_printed_once() -> None:
    for reference in format_references(SOURCES):
        line = reference_entry(reference)
        for url in ("https://doi.org/10.48550/arXiv.2412.15115", "https://arxiv.org/abs/2412.15115",
                    "https://example.org/zhu"):
            assert line.count(url) <= 1, line
    qwen = {r.key: r for r in format_references(SOURCES)}["qwen"]
    assert reference_links(qwen) == ["[doi:10.48550/arXiv.2412.15115](https://doi.org/10.48550/arXiv.2412.15115)",
                                     "[arXiv:2412.15115](https://arxiv.org/abs/2412.15115)"]
    assert "http" not in qwen.text, "links are not repeated inside the formatted text"


def test_exports_round_trip() -> None:
    references = format_references(SOURCES)
    parsed = bibtexparser.parse_string(bibtex_file(references))
    assert sorted(e.key for e in parsed.entries) == ["jiang", "qwen", "zhu"]
    assert parsed.entries[1].fields_dict["doi"].value == "10.48550/arXiv.2412.15115"
    items = json.loads(csl_json(references))
    assert {i["id"] for i in items} == {"jiang", "qwen", "zhu"}
    assert {i["id"]: i for i in items}["qwen"]["DOI"] == "10.48550/arXiv.2412.15115"
    assert {i["id"]: i for i in items}["zhu"]["author"][0] == {"family": "Zhu", "given": "Qihao"}


def test_authors_read_as_names_not_bibtex() -> None:
    assert author_names(SOURCES[1].entry) == "Qihao Zhu, Daya Guo, Zhihong Shao and others"
    assert author_names(SOURCES[2].entry) == "Albert Q. Jiang and Alexandre Sablayrolles"
    many = BibEntry("m", "article", (("author", " and ".join(f"A{i} B{i}" for i in range(20))),), 1)
    assert author_names(many).endswith("A11 B11 and 8 more")


def test_report_folder_publishes_references(project) -> None:  # type: ignore[no-untyped-def]
    from synth.cli import main

    assert main(["build"]) == 0
    folder = project / "docs/reports/qwen2.5-training-data"
    keys = {e.key for e in bibtexparser.parse_string((folder / "references.bib").read_text()).entries}
    data = json.loads((folder / "report.json").read_text())
    assert keys == {r["key"] for r in data["references"]} and keys
    assert {i["id"] for i in json.loads((folder / "references.json").read_text())} == keys
    page = (folder / "index.md").read_text()
    assert "(references.bib)" in page and "(references.json)" in page
    assert "](#ref-qwen2-5)" in page, "citations link to the reference entry"
    assert page.count("https://doi.org/10.48550/arXiv.2412.15115") == 1


def _file_only(*metadata: tuple[str, str]) -> Source:
    from synth.models import Document

    document = Document("d1", "library/adafactor.pdf", "0" * 64, "pdf", "pdfium", "Adafactor: Adaptive Learning Rates "
                        "with Sublinear Memory Cost", "text", (), (), tuple(sorted(metadata)), 3)
    return Source("adafactor", None, document, "no BibTeX entry")


@pytest.mark.parametrize("style", ["harvard-cite-them-right", "apa"])
def test_a_pdf_without_an_entry_or_metadata_gets_a_clean_title_only_reference(style: str) -> None:
    [reference] = format_references([_file_only()], style)
    assert reference.text == ("Adafactor: Adaptive Learning Rates with Sublinear Memory Cost. "
                              "Library file: library/adafactor.pdf.")
    assert reference.label == "(Adafactor)"
    dated = format_references([_file_only(("creationdate", "D:20180413004856Z"))], style)[0]
    assert dated.text.startswith("Adafactor: Adaptive Learning Rates with Sublinear Memory Cost (2018).")
    assert dated.label == "(Adafactor, 2018)"
    assert "no date" not in dated.text + reference.text and "n.d." not in dated.text + reference.text


@pytest.mark.parametrize(("author", "label", "text"), [
    ("Noam Shazeer, Mitchell Stern", "(Shazeer and Stern, 2018)", "Shazeer, N. and Stern, M. (2018) “Adafactor"),
    ("Jacob Devlin ; Ming-Wei Chang ; Kenton Lee", "(Devlin, Chang and Lee, 2018)", "Devlin, J., Chang, M.-W. and"),
    ("Kingma, Diederik", "(Kingma, 2018)", "Kingma, D. (2018)"),
    ("Noam Shazeer and others", "(Shazeer et al., 2018)", "Shazeer, N. et al. (2018) “Adafactor"),
    ("{DeepSeek-AI}", "(DeepSeek-AI, 2018)", "DeepSeek-AI (2018) “Adafactor"),
])
def test_a_pdf_without_an_entry_is_cited_from_its_metadata_author_and_date(author: str, label: str, text: str) -> None:
    source = _file_only(("author", author), ("creationdate", "D:20180413004856Z"))
    [reference] = format_references([source])
    assert reference.label == label
    assert reference.text.startswith(text)
    assert reference.text.count("Adafactor") == 1
    assert "year = {2018}" in reference.bibtex


def test_a_citation_inside_parentheses_drops_its_own() -> None:
    references = format_references(SOURCES)
    assert cite(references, "zhu", bare=True) == "[Zhu et al., 2024](#ref-zhu)"
    numbered = format_references(SOURCES, "ieee")
    assert cite(numbered, "zhu", bare=True) == "[\\[3\\]](#ref-zhu)"


@pytest.mark.parametrize(("field", "byline"), [
    ("Daniel M. Ziegler*, Nisan Stiennon*, Jeffrey Wu", "Daniel M. Ziegler, Nisan Stiennon, Jeffrey Wu"),
    ("Ashish Vaswani†, Noam Shazeer‡", "Ashish Vaswani, Noam Shazeer"),
    ("Jacob Devlin ; Ming-Wei Chang", "Jacob Devlin, Ming-Wei Chang"),
    ("{DeepSeek-AI}", "DeepSeek-AI"),
])
def test_metadata_authors_lose_their_footnote_marks(field: str, byline: str) -> None:
    assert metadata_byline(field) == byline
    assert all("*" not in person.get("family", "") for person in metadata_authors(field))
