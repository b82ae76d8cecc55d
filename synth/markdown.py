"""Safe markdown building blocks: every string from a source or a question passes through here.

Source text is untrusted: a PDF may contain `<script>` or markdown that would turn into links,
footnotes or attributes. `text()` makes any string inert for Python-Markdown (MkDocs) and
CommonMark alike, so pages show exactly what the source says.
"""

from __future__ import annotations

import html
import re

# Only characters Python-Markdown accepts a backslash before (plus `|` from its tables extension).
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]#|!+])")
_SLUG = re.compile(r"[^a-z0-9]+")


def text(value: str) -> str:
    """One line of inert text: HTML escaped, markdown punctuation backslash-escaped."""
    one_line = " ".join(value.split())
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", html.escape(one_line, quote=False))


def attribute(value: str) -> str:
    """A string safe inside a double-quoted admonition title."""
    return text(value).replace('"', "&quot;")


def code(value: str) -> str:
    """An inline code span that cannot be closed early by the value itself."""
    fence = "``" if "`" in value else "`"
    return f"{fence} {value} {fence}" if "`" in value else f"{fence}{value}{fence}"


def slug(value: str) -> str:
    """A file-name and anchor-safe form of a key: `Qwen2.5 Report` → `qwen2-5-report`."""
    return _SLUG.sub("-", value.lower()).strip("-") or "item"


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A pipe table from already-escaped cells."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def indent(lines: list[str], spaces: int = 4) -> list[str]:
    pad = " " * spaces
    return [pad + line if line else "" for line in lines]


def front_matter(title: str) -> list[str]:
    """YAML front matter naming the page (MkDocs and Zensical take the nav title from it)."""
    clean = " ".join(title.split()).replace("<", "").replace(">", "").replace("\\", "\\\\").replace('"', '\\"')
    return ["---", f'title: "{clean}"', "---", ""]
