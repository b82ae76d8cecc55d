"""Untrusted text stays text: the markdown helpers every page is built with, checked by rendering
their output with Python-Markdown (what MkDocs runs), and colliding output names resolved."""

from __future__ import annotations

import html
import json
from pathlib import Path

import markdown
import pytest
import yaml

from synth import markdown as md
from synth.cli import main
from synth.site import navigation

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "a`b``c```d",
    "`leading and trailing`",
    "``",
    "back\\slash\\",
    'quote " and \' apostrophe',
    "]]> </script><script>alert(1)</script>",
    "{: onclick=alert(1) }",
    "[link](javascript:alert(1))",
    "line\nbreak\r\nand\ttab",
    "\x02klzzwxh:0000\x03 stash marker",
    "| pipe | in | it |",
    "- a: b # !!python/object/apply:os.system ['x'] &x *x ---",
    "café “quotes” ☃ 日本",
]


def _render(source: str) -> str:
    return markdown.markdown(source, extensions=["tables", "attr_list", "admonition", "footnotes"])


@pytest.mark.parametrize("value", HOSTILE)
def test_text_renders_as_exactly_that_text(value: str) -> None:
    rendered = _render(f"Before {md.text(value)} after")
    assert "<img" not in rendered and "<script" not in rendered and "href=" not in rendered and "onclick" not in \
        rendered.replace("{: onclick", "")
    shown = html.unescape(rendered.removeprefix("<p>").removesuffix("</p>"))
    assert shown == f"Before {md.printable(value)} after"


@pytest.mark.parametrize("value", HOSTILE)
def test_code_spans_cannot_be_closed_by_their_value(value: str) -> None:
    rendered = _render(f"- {md.code(value)} and text after\n")
    one_line = md.printable(value)
    if not one_line:
        assert md.code(value) == ""
        return
    assert rendered.count("<code>") == 1 and "<img" not in rendered and "<script" not in rendered
    inside = rendered.split("<code>")[1].split("</code>")[0]
    assert html.unescape(inside) == one_line.strip()
    assert "and text after" in rendered.split("</code>")[1]


def test_code_spans_hold_in_a_table_cell() -> None:
    rendered = _render("| File | Reason |\n| --- | --- |\n| " + md.code("a|b``<img src=x>``.pdf") + " | broken |\n")
    assert rendered.count("<td>") == 2 and "<img" not in rendered


@pytest.mark.parametrize("value", HOSTILE)
def test_front_matter_is_valid_yaml_holding_the_escaped_title(value: str) -> None:
    lines = md.front_matter(value)
    assert lines[0] == lines[2] == "---"
    loaded = yaml.safe_load(lines[1])
    assert loaded == {"title": html.escape(md.printable(value), quote=True)}
    assert "<" not in loaded["title"] and '"' not in loaded["title"]


@pytest.mark.parametrize("value", HOSTILE)
def test_nav_titles_are_escaped_html_in_valid_yaml(value: str) -> None:
    class Report:
        title = value
        report_id = "r"

    nav = yaml.safe_load(navigation([Report()], ["about.md"]))["nav"]  # type: ignore[list-item]
    [entry] = [e for e in nav[1]["Reports"] if isinstance(e, dict)]
    assert entry == {html.escape(md.printable(value), quote=True): "reports/r/index.md"}


def test_slugs_never_take_synth_s_own_page_names_and_never_come_out_empty() -> None:
    assert md.slug("index") != "index" and md.slug("INDEX") != "index" and md.slug("index") != md.slug("INDEX")
    assert md.slug("日本") != md.slug("中文") and md.slug("日本").startswith("item-")
    assert md.slug("Qwen2.5 Report") == "qwen2-5-report"


def test_a_bibtex_key_index_and_a_library_index_md_get_pages_of_their_own(project: Path) -> None:
    """Both used to end the build with `DuplicateOutput: sources/index.md would be written twice`."""
    (project / "library" / "index.md").write_text("# An index of notes\n\nLiveCodeBench is mentioned here.\n",
                                                  encoding="utf-8")
    with (project / "library" / "references.bib").open("a", encoding="utf-8") as bib:
        bib.write("\n@misc{index, title = {A source whose key is index}}\n@misc{INDEX, title = {And INDEX}}\n")
    assert main(["build"]) == 0
    sources = project / "docs" / "sources"
    assert "\n# Library sources\n" in (sources / "index.md").read_text(encoding="utf-8")
    pages = {p.name for p in sources.glob("index-*.md")}
    assert len(pages) == 3, pages
    titles = {p.read_text(encoding="utf-8").split("\n")[1] for p in sources.glob("index-*.md")}
    assert titles == {f"title: {json.dumps(t)}" for t in ("A source whose key is index", "And INDEX",
                                                          "An index of notes")}
