"""A project whose every untrusted string is an attack: titles, file and folder names, BibTeX keys and
fields, PDF metadata, question fields. Each payload, if it ever runs in a browser, sets
`window.__pwned` to its own id, so a test can say which place leaked.

`live_payloads(html)` is the static half of the check (no browser needed): payload markup that an
HTML parser sees as live (an element with an event handler or a script, a `javascript:` link) rather
than as text.
"""

from __future__ import annotations

import html.parser
import shutil
from pathlib import Path

from pdfs import make_pdf

ROOT = Path(__file__).resolve().parents[1]


def payload(tag: str) -> str:
    """Every breaker at once: tags, an attribute break-out, a script end, backticks, a CDATA end,
    attr_list, a javascript: link, YAML and markdown syntax."""
    run = f"window.__pwned='{tag}'"
    return (f"<img src=x onerror=\"{run}\"> \"'><svg onload={run}> </title></script><script>{run}</script> "
            f"`x` ``y`` ]]> {{: onclick=\"{run}\" }} [l](javascript:{run}) <a href='javascript:{run}'>a</a> "
            f"- a: b # !!python/object &x *x ---")


def title_payload(tag: str) -> str:
    """A payload short enough to be taken as a title (readers take lines of < 150 characters)."""
    run = f"window.__pwned='{tag}'"
    return f"<img src=x onerror=\"{run}\"> <svg onload={run}> `x` ``y`` ]]> Notes"


def name_payload(tag: str) -> str:
    """A payload that is a valid file or folder name (no slash, no quote)."""
    return f"<img src=x id={tag} onerror=window.__pwned=this.id>"


def key_payload(tag: str) -> str:
    """A payload that is a valid BibTeX key (no space, comma, brace, quote or `=`)."""
    return f"<script>alert('{tag}')</script>"


LIVECODEBENCH = ("Qwen2.5-72B-Instruct scores 55.5 on LiveCodeBench, ahead of smaller models, according to "
                 "these notes.")


def hostile_project(root: Path) -> list[str]:
    """Write the project at `root` (the example's questions, library, docs and mkdocs.yml plus the
    payloads) and return the payload tags it holds."""
    for name in ("reports", "library", "schemas", "docs"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns(".synth*", "reports", "sources",
                                                                                "files", "index.md"))
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    library = root / "library"
    tags: list[str] = []

    def tag(name: str) -> str:
        tags.append(name)
        return name

    (library / "payload-notes.md").write_text(
        f"# {title_payload(tag('md-h1'))}\n\n## {title_payload(tag('md-h2'))}\n\n"
        f"{LIVECODEBENCH} {payload(tag('md-body'))}\n\n"
        f"| Model | {payload(tag('md-table-head'))} |\n| --- | --- |\n| Qwen2.5-72B-Instruct | 55.5 |\n",
        encoding="utf-8")
    (library / "payload-text.txt").write_text(f"{title_payload(tag('txt-first-line'))}\n\n{LIVECODEBENCH}\n",
                                              encoding="utf-8")
    (library / "payload.pdf").write_bytes(make_pdf([LIVECODEBENCH], title=title_payload(tag("pdf-title")),
                                                   author=payload(tag("pdf-author"))))
    (library / f"{name_payload(tag('file-name-read'))}.md").write_text(f"Notes\n\n{LIVECODEBENCH}\n", encoding="utf-8")
    (library / f"{name_payload(tag('file-name-skipped'))}.pdf").write_bytes(b"%PDF-1.4 broken")
    (library / f"ticks``{name_payload(tag('file-name-backticks'))}``.txt").write_text(
        f"Tick notes\n\n{LIVECODEBENCH}\n", encoding="utf-8")
    (library / f"{name_payload(tag('bib-file-name'))}.bib").write_text(
        "@misc{bibfile, title = {Entry of a payload-named BibTeX file}}\n@misc{broken, title = {no end\n",
        encoding="utf-8")
    with (library / "references.bib").open("a", encoding="utf-8") as bib:
        bib.write(f"\n@article{{{key_payload(tag('bib-key'))},\n  title = {{{payload(tag('bib-title'))}}},\n"
                  f"  author = {{{payload(tag('bib-author'))}}},\n  journal = {{{payload(tag('bib-journal'))}}},\n"
                  f"  year = {{2024}},\n  url = {{javascript:window.__pwned='{tag('bib-url')}'}},\n"
                  f"  note = {{{payload(tag('bib-note'))}}}\n}}\n")
        bib.write(f"\n@misc{{doi-payload,\n  title = {{Entry with a hostile DOI}},\n"
                  f"  doi = {{10.1/x\" onmouseover=\"window.__pwned='{tag('bib-doi')}'}},\n"
                  f"  url = {{https://example.org/\"><script>window.__pwned='{tag('bib-url2')}'</script>}}\n}}\n")
    folder = library.parent / f"lib {name_payload(tag('library-folder'))}"
    folder.mkdir()
    (folder / "notes.md").write_text(f"# Folder notes\n\n{LIVECODEBENCH}\n", encoding="utf-8")
    question = (
        f"title: {_yaml(payload(tag('q-title')))}\n"
        f"question: {_yaml(payload(tag('q-question')) + ' How does LiveCodeBench scale with model size?')}\n"
        f"keywords: [LiveCodeBench, {_yaml(payload(tag('q-keyword')))}]\n"
        f"aliases: {{LiveCodeBench: [{_yaml(payload(tag('q-alias')))}]}}\n"
        f"claims:\n  - {_yaml(payload(tag('q-claim')) + ' Qwen2.5-72B-Instruct scores 55.5 on LiveCodeBench.')}\n")
    (root / "reports" / "payload.yaml").write_text(question, encoding="utf-8")
    (root / "reports" / "payload-library.yaml").write_text(
        f"title: Payload library folder\nquestion: How does LiveCodeBench scale with model size?\n"
        f"keywords: [LiveCodeBench]\nlibrary: {_yaml(folder.name)}\n", encoding="utf-8")
    return tags


def _yaml(value: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"}


class _LiveScan(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.live: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and "__pwned" in value:
                self.live.append(f"<{tag} {name}={value!r}>")
            if name in _URL_ATTRIBUTES and value.strip().lower().startswith("javascript:"):
                self.live.append(f"<{tag} {name}={value!r}>")
        self._script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._script = False

    def handle_data(self, data: str) -> None:
        if self._script and data.lstrip().startswith("window.__pwned"):
            self.live.append(f"<script>{data[:60]}")


def live_payloads(page: str) -> list[str]:
    """Payload markup that is live in this HTML (an event handler, a script, a javascript: URL)."""
    scan = _LiveScan()
    scan.feed(page)
    scan.close()
    return scan.live
