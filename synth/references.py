"""References: BibTeX entries (or a file's own metadata) formatted by citeproc-py in a CSL style.

citeproc-py does the formatting so the style is a data file, not code; this module only turns
BibTeX fields into CSL-JSON and pulls out the links a reader follows (DOI, arXiv, URL).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from synth.models import Reference, Source
from synth.text import collapse

STYLE = "harvard-cite-them-right"
_ARXIV = re.compile(r"(?:arxiv[:/ ]\s*|arxiv\.org/(?:abs|pdf)/)(\d{4}\.\d{4,5})(?:v\d+)?", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_CSL_TYPES = {
    "article": "article-journal",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "book": "book",
    "incollection": "chapter",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "techreport": "report",
    "misc": "document",
    "online": "webpage",
}


def _person(name: str) -> dict[str, str]:
    name = collapse(name)
    if name.startswith("{") or (" " not in name and "," not in name):
        return {"literal": name.strip("{}")}
    if "," in name:
        family, given = (part.strip() for part in name.split(",", 1))
        return {"family": family, "given": given}
    given, family = name.rsplit(" ", 1)
    return {"family": family, "given": given}


def authors(field: str | None) -> list[dict[str, str]]:
    """BibTeX `A and B and others` as CSL names; `{Qwen Team}` stays one literal name."""
    if not field:
        return []
    names = [n for n in re.split(r"\s+and\s+", field) if n.strip()]
    people = [_person(n) for n in names if n.strip().lower() != "others"]
    if len(names) != len(people):
        people.append({"literal": "others"})
    return people


def arxiv_id(*fields: str | None) -> str | None:
    for field in fields:
        match = _ARXIV.search(field or "")
        if match:
            return match.group(1)
    return None


def _csl_item(source: Source) -> dict[str, Any]:
    item: dict[str, Any] = {"id": source.key, "title": source.title}
    entry, document = source.entry, source.document
    if entry is not None:
        item["type"] = _CSL_TYPES.get(entry.entry_type.lower(), "document")
        item["author"] = authors(entry.get("author")) or authors(entry.get("editor"))
        container = entry.get("journal") or entry.get("booktitle") or entry.get("howpublished")
        if container:
            item["container-title"] = container
        for bib_name, csl_name in (("publisher", "publisher"), ("volume", "volume"), ("pages", "page"),
                                   ("doi", "DOI"), ("url", "URL"), ("note", "note")):
            if entry.get(bib_name):
                item[csl_name] = entry.get(bib_name)
        year = _YEAR.search(entry.get("year") or entry.get("date") or "")
    else:
        item["type"] = "document"
        item["author"] = authors(document.meta("author") if document else None)
        year = None
    if year:
        item["issued"] = {"date-parts": [[int(year.group(1))]]}
    if not item.get("author"):
        item.pop("author", None)
    return item


def format_references(sources: Sequence[Source]) -> tuple[Reference, ...]:
    """One formatted reference per source, in key order."""
    ordered = sorted({s.key: s for s in sources}.values(), key=lambda s: s.key)
    if not ordered:
        return ()
    items = [_csl_item(s) for s in ordered]
    bibliography = CitationStylesBibliography(
        CitationStylesStyle(STYLE, validate=False), CiteProcJSON(items), formatter.plain
    )
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    texts = {str(key): collapse(str(text)) for key, text in zip(bibliography.keys, bibliography.bibliography(),
                                                                  strict=True)}
    references = []
    for source in ordered:
        entry = source.entry
        doi = entry.get("doi") if entry else None
        url = entry.get("url") if entry else None
        arxiv = arxiv_id(entry.get("eprint"), entry.get("journal"), url, doi) if entry else None
        text = texts.get(source.key.lower(), texts.get(source.key, source.title))
        if entry is None and source.document is not None:
            text = f"{text} Library file: {source.document.path}."
        references.append(Reference(source.key, text, doi, arxiv, url))
    return tuple(references)
