"""Where things live in the site, relative to the docs folder: one place, so a report page, a
source page and the nav always agree on a link."""

from __future__ import annotations

from synth import markdown as md


def source_page_path(key: str) -> str:
    """Where a source's page lives."""
    return f"sources/{md.slug(key)}.md"


def passage_anchor(start: int, end: int) -> str:
    """The anchor of a cited span on its source page: the same span always gets the same id."""
    return f"q-{start}-{end}"


def passage_href(key: str, start: int, end: int) -> str:
    """Link target of a cited span (`start`/`end` of an Evidence or a SeriesCitation); a report
    page, two folders down, prefixes `../../`."""
    return f"{source_page_path(key)}#{passage_anchor(start, end)}"
