"""References: BibTeX entries (or a file's own metadata) formatted by citeproc-py in a CSL style.

citeproc-py does the formatting, so the style is a data file, not code: `harvard-cite-them-right`
(the default), `apa` and `ieee` ship in `synth/styles/`, and a project may name its own `.csl` file
(mkdocs.yml `extra: synth: citation_style:`, see synth.settings). A numeric style (IEEE) gives
numbered citations `[1, p. 5]`, an author-date style `(Hui et al., 2024, p. 5)`.

Each Reference keeps its CSL-JSON item and its BibTeX, so a report folder can publish
`references.json` and `references.bib` from the Report alone (cached or read back from report.json).
DOI, arXiv and URL are left out of the text citeproc formats and printed once, as links, after it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from synth import markdown as md
from synth.models import BibEntry, Reference, Source
from synth.text import collapse

STYLES = Path(__file__).with_name("styles")
DEFAULT_STYLE = "harvard-cite-them-right"
_ARXIV = re.compile(r"(?:arxiv[:/ ]\s*|arxiv\.org/(?:abs|pdf)/)(\d{4}\.\d{4,5})(?:v\d+)?", re.IGNORECASE)
_ARXIV_ID = re.compile(r"\d{4}\.\d{4,5}")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_PDF_DATE = re.compile(r"^D:((?:1[89]|20)\d\d)")
_SAFE_URL = re.compile(r"https?://[^\s<>\"'()\[\]`]+")
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
# Links are printed by `reference_links`, once each; in the formatted text they would repeat.
_LINK_FIELDS = ("DOI", "URL")


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


# Marks a byline puts after a name for equal contribution or an affiliation ("Daniel M. Ziegler∗"): a citation
# prints the name alone.
_FOOTNOTE_MARKS = re.compile(r"[*∗†‡§¶]+|(?<=[a-z])\d+\b")


def metadata_authors(field: str | None) -> list[dict[str, str]]:
    """Authors as a PDF's metadata writes them: "Noam Shazeer, Mitchell Stern", "Jacob Devlin ; Ming-Wei
    Chang", "Kingma, Diederik" or BibTeX's "A and B"."""
    if not field or not field.strip():
        return []
    if ";" in field:
        parts = field.split(";")
    elif re.search(r"\s+and\s+", field):
        return authors(field)
    elif "," in field and all(" " in part.strip() for part in field.split(",") if part.strip()):
        parts = field.split(",")
    else:
        parts = [field]
    return [_person(cleaned) for part in parts if (cleaned := _FOOTNOTE_MARKS.sub("", part).strip())]


def metadata_byline(field: str | None) -> str:
    """A PDF's metadata authors as a byline, marks removed: "Daniel M. Ziegler, Nisan Stiennon"."""
    people = metadata_authors((field or "").strip("{}"))
    return ", ".join(p.get("literal") or " ".join(part for part in (p.get("given"), p.get("family")) if part)
                     for p in people)


def metadata_year(source: Source) -> int | None:
    """The year of a file without a BibTeX entry: its PDF creation date (`D:20240618…`)."""
    found = _PDF_DATE.match(source.document.meta("creationdate") or "") if source.document else None
    return int(found.group(1)) if found else None


def _short_title(title: str) -> str:
    """A title as an in-text citation names an anonymous work: up to its colon, at most eight words."""
    head = title.split(":", 1)[0].strip() if ":" in title[3:] else title.strip()
    words = head.split()
    return " ".join(words[:8]) + ("…" if len(words) > 8 else "")


def arxiv_id(*fields: str | None) -> str | None:
    for field in fields:
        match = _ARXIV.search(field or "")
        if match:
            return match.group(1)
    return None


def csl_item(source: Source) -> dict[str, Any]:
    """The source as a CSL-JSON item (the format citeproc and reference managers read)."""
    item: dict[str, Any] = {"id": source.key, "title": source.title}
    entry, document = source.entry, source.document
    year = None
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
        item["author"] = metadata_authors(document.meta("author") if document else None)
    issued = int(year.group(1)) if year else (metadata_year(source) if entry is None else None)
    if issued:
        item["issued"] = {"date-parts": [[issued]]}
    if not item.get("author"):
        item.pop("author", None)
    return item


def bibtex(source: Source) -> str:
    """The source's BibTeX entry (written by bibtexparser); a file without one becomes `@misc`."""
    import bibtexparser
    from bibtexparser.model import Entry, Field
    from bibtexparser.writer import BibtexFormat

    if source.entry is not None:
        entry = Entry(source.entry.entry_type.lower(), source.key,
                      [Field(name, value) for name, value in source.entry.fields])
    else:
        fields = [Field("title", source.title)]
        people = metadata_authors(source.document.meta("author") if source.document else None)
        if people:
            fields.append(Field("author", " and ".join(
                p.get("literal") or f"{p.get('family', '')}, {p.get('given', '')}".strip(", ") for p in people)))
        year = metadata_year(source)
        if year:
            fields.append(Field("year", str(year)))
        if source.document is not None:
            fields.append(Field("note", f"Library file: {source.document.path}"))
        entry = Entry("misc", source.key, fields)
    layout = BibtexFormat()
    layout.indent = "  "
    return bibtexparser.write_string(bibtexparser.Library([entry]), bibtex_format=layout).strip() + "\n"


@cache
def load_style(name: str) -> Any:
    """A CSL style: a name shipped in synth/styles, or a path to a .csl file."""
    from citeproc import CitationStylesStyle

    path = STYLES / f"{name}.csl" if "/" not in name and not name.endswith(".csl") else Path(name)
    if not path.is_file():
        shipped = ", ".join(sorted(p.stem for p in STYLES.glob("*.csl")))
        raise ValueError(f"unknown citation style {name!r} (shipped: {shipped}; or a path to a .csl file)")
    return CitationStylesStyle(str(path), validate=False)


def style_names() -> list[str]:
    return sorted(p.stem for p in STYLES.glob("*.csl"))


def format_references(sources: Sequence[Source], style: str = DEFAULT_STYLE) -> tuple[Reference, ...]:
    """One formatted reference per source, in the style's bibliography order, each with its in-text
    citation label (`(Hui et al., 2024)` or `[1]`; numbers follow citation-key order)."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    by_key = {s.key: s for s in sources}
    ordered = [by_key[key] for key in sorted(by_key)]
    if not ordered:
        return ()
    items = {s.key: csl_item(s) for s in ordered}
    printed = [{k: v for k, v in item.items() if k not in _LINK_FIELDS} for item in items.values()]
    bibliography = CitationStylesBibliography(load_style(style), CiteProcJSON(printed), formatter.plain)
    citations = {s.key: Citation([CitationItem(s.key)]) for s in ordered}
    for citation in citations.values():
        bibliography.register(citation)
    labels = {key: collapse(str(bibliography.cite(citation, lambda _item: None)))
              for key, citation in citations.items()}
    # citeproc lower-cases keys; map them back to the sources' own keys.
    lowered = {s.key.lower(): s for s in ordered}
    references = []
    for key, text in zip(bibliography.keys, bibliography.bibliography(), strict=True):
        source = lowered[str(key)]
        entry = source.entry
        doi = entry.get("doi") if entry else None
        url = entry.get("url") if entry else None
        arxiv = arxiv_id(entry.get("eprint") if entry and _ARXIV_ID.fullmatch(entry.get("eprint") or "") else None,
                         entry.get("journal"), url, doi) if entry else None
        formatted, label = collapse(str(text)), labels[source.key]
        if items[source.key].get("author", [{}])[-1] == {"literal": "others"}:
            # CSL has no "others": citeproc prints the literal name ("Jiang and others"); readers expect et al.
            formatted = re.sub(r",? and others\b", " et al.", formatted, count=1)
            label = re.sub(r",? and others\b", " et al.", label, count=1)
        if entry is None and not items[source.key].get("author") and label.startswith("("):
            formatted, label = _anonymous(source, label)
        if entry is None and source.document is not None:
            formatted = f"{formatted} Library file: {source.document.path}."
        references.append(Reference(source.key, formatted, doi, arxiv, url, label=label,
                                    csl=json.dumps(items[source.key], sort_keys=True, ensure_ascii=False),
                                    bibtex=bibtex(source)))
    return tuple(references)


def _anonymous(source: Source, label: str) -> tuple[str, str]:
    """A file with neither a BibTeX entry nor an author in its metadata, in an author-date style:
    "Title (2018)." and "(Title, 2018)". citeproc-py puts the title in the author's place and prints
    it again (it does not suppress a substituted variable), and writes "no date" where the file
    simply has none."""
    year = metadata_year(source)
    text = source.title.rstrip(".") + (f" ({year})." if year else ".")
    return text, f"({_short_title(source.title)}{f', {year}' if year else ''})"


def reference_anchor(key: str) -> str:
    """The id of a reference entry on a report page."""
    return f"ref-{md.slug(key)}"


def cite(references: Sequence[Reference], key: str, locator: str | None = None, bare: bool = False) -> str:
    """An in-text citation as a markdown link to the reference entry on the same page.

    `cite(report.references, "qwen2.5", "p. 5")` → `[(Yang et al., 2024, p. 5)](#ref-qwen2-5)` in an
    author-date style, `[\\[3, p. 5\\]](#ref-qwen2-5)` in a numeric one. `bare` drops an author-date
    label's parentheses, for a citation inside a parenthesis of its own ("(also in Hui et al., 2024)").
    A key without a reference (not cited by the report) is shown as the bare key, never a broken
    link. Safe for untrusted text.
    """
    reference = next((r for r in references if r.key == key), None)
    label = reference.label if reference is not None and reference.label else key
    if bare and label.startswith("(") and label.endswith(")"):
        label = label[1:-1]
    if locator:
        label = (f"{label[:-1]}, {locator}{label[-1]}" if label[-1:] in ")]" and label[:1] in "(["
                 else f"{label}, {locator}")
    if reference is None:
        return md.text(label)
    return f"[{md.text(label)}](#{reference_anchor(key)})"


def reference_links(reference: Reference) -> list[str]:
    """Markdown links for the DOI, the arXiv id and a URL that is neither: each printed once."""
    links = []
    if reference.doi:
        links.append(f"[doi:{md.text(reference.doi)}](https://doi.org/{quote(reference.doi, safe='/:.;-_()')})")
    if reference.arxiv:
        links.append(f"[arXiv:{reference.arxiv}](https://arxiv.org/abs/{reference.arxiv})")
    url = reference.url or ""
    shown = bool(reference.doi and reference.doi.lower() in url.lower()) or bool(
        reference.arxiv and reference.arxiv in url)
    if url and not shown and _SAFE_URL.fullmatch(url):
        links.append(f"<{url}>")
    return links


def reference_entry(reference: Reference, source_page: str | None = None) -> str:
    """One line of a reference list: anchor, formatted text, links, and the source's page if any."""
    parts = [md.text(reference.text), *reference_links(reference)]
    if source_page:
        parts.append(f"[library page]({source_page})")
    return f'<a id="{reference_anchor(reference.key)}"></a>' + " · ".join(parts)


def csl_json(references: Sequence[Reference]) -> str:
    """The references as a CSL-JSON array (Zotero, pandoc and citeproc read it)."""
    items = [json.loads(r.csl) for r in references if r.csl]
    return json.dumps(items, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def bibtex_file(references: Sequence[Reference]) -> str:
    """The references as one BibTeX file, in key order."""
    return "\n".join(r.bibtex for r in sorted(references, key=lambda r: r.key) if r.bibtex)


def author_names(entry: BibEntry | None, limit: int = 12) -> str:
    """Authors as a reader writes them (`Qihao Zhu, Daya Guo and 8 others`), not raw BibTeX."""
    people = authors((entry.get("author") or entry.get("editor")) if entry else None)
    names = [p.get("literal") or f"{p.get('given', '')} {p.get('family', '')}".strip() for p in people]
    others = names[-1] == "others" if names else False
    names = [n for n in names if n != "others"]
    hidden = len(names) - limit if len(names) > limit else 0
    shown = names[:limit]
    if not shown:
        return ""
    if hidden or others:
        rest = f"{hidden} more" if hidden else "others"
        return f"{', '.join(shown)} and {rest}"
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"
