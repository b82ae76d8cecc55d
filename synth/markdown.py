"""Safe markdown building blocks: every string from a source or a question passes through here.

Source text is untrusted: a PDF may contain `<script>` or markdown that would turn into links,
footnotes or attributes. `text()` makes any string inert for Python-Markdown (MkDocs) and
CommonMark alike, so pages show exactly what the source says.
"""

from __future__ import annotations

import hashlib
import html
import json
import re

from synth.scientific import raised_powers

# Only characters Python-Markdown accepts a backslash before (plus `|` from its tables extension).
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]#|!+])")
_SLUG = re.compile(r"[^a-z0-9]+")
# C0 and C1 controls (Python-Markdown uses STX/ETX as placeholders; YAML refuses C1), surrogates,
# non-characters. Whitespace controls are turned into spaces by the callers first.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BACKTICKS = re.compile("`+")
# Page names synth writes itself in a folder of source pages: a key may not take them.
_RESERVED_SLUGS = frozenset({"index"})


def printable(value: str) -> str:
    """One line: whitespace runs (line breaks included) as one space, control characters dropped."""
    return " ".join(_UNPRINTABLE.sub(" ", value).split())


def text(value: str) -> str:
    """One line of inert text: HTML escaped, markdown punctuation backslash-escaped, a power of ten the table
    reader marked with a caret ("10^−3") raised as the paper prints it ("10⁻³")."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", html.escape(raised_powers(printable(value)), quote=False))


def attribute(value: str) -> str:
    """A string safe inside a double-quoted admonition title."""
    return text(value).replace('"', "&quot;")


def code(value: str) -> str:
    """An inline code span that no value can close early: its fence is one backtick longer than the
    longest run of backticks in the value (a name holding backticks used to break out of it), and it
    is padded with spaces, which the code span drops, so a value starting or ending with one works."""
    one_line = printable(value)
    if not one_line:
        return ""
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(one_line)), default=0) + 1)
    pad = " " if "`" in one_line else ""
    return f"{fence}{pad}{one_line}{pad}{fence}"


def slug(value: str) -> str:
    """A file-name and anchor-safe form of a key: `Qwen2.5 Report` → `qwen2-5-report`. A key with no
    letter or digit, or one that would take a page synth writes itself (`index`), gets a digest of
    the key appended, so it still has a page of its own."""
    base = _SLUG.sub("-", value.lower()).strip("-")
    if not base or base in _RESERVED_SLUGS:
        return f"{base or 'item'}-{hashlib.sha256(value.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"
    return base


def nav_title(value: str) -> str:
    """A title for the nav file: Material prints nav titles into the HTML as they are, so the
    title is HTML-escaped (YAML quoting is yaml.safe_dump's job)."""
    return html.escape(printable(value), quote=True)


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A pipe table from already-escaped cells."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def indent(lines: list[str], spaces: int = 4) -> list[str]:
    pad = " " * spaces
    return [pad + line if line else "" for line in lines]


def front_matter(title: str) -> list[str]:
    """YAML front matter naming the page (MkDocs and Zensical take the nav title from it). Material
    prints the title into the page header and `<title>` as it is, so it is HTML-escaped; a JSON
    string is a valid YAML double-quoted scalar, so no YAML syntax in it can escape its quotes."""
    return ["---", f"title: {json.dumps(html.escape(printable(title), quote=True), ensure_ascii=False)}", "---", ""]
