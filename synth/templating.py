"""Markdown page templates (Jinja2, in synth/templates/), escaped by default.

Every `{{ value }}` is passed through `synth.markdown.text` unless it is already markdown built by
synth (a `Markup` from `md_safe`, or the output of a filter below), so text from a source or a
question file can never become a link, an HTML tag or a script: escaping is the default, not
something each template must remember.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from synth import markdown as md


def md_safe(value: str) -> Markup:
    """Mark markdown that synth built (from escaped parts) as safe to print as it is."""
    return Markup(value)


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return md.text(str(value))


def _table(header: list[Any], rows: list[list[Any]]) -> Markup:
    """A pipe table; cells are escaped unless already Markup."""
    def cell(value: Any) -> str:
        return str(_finalize(value))

    return Markup("\n".join(md.table([cell(h) for h in header], [[cell(c) for c in row] for row in rows])))


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("synth", "templates"),
        autoescape=False,
        finalize=_finalize,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["text"] = lambda v: Markup(md.text(str(v)))
    env.filters["code"] = lambda v: Markup(md.code(str(v)))
    env.filters["slug"] = lambda v: Markup(md.slug(str(v)))
    env.filters["safe_md"] = md_safe
    env.globals["table"] = _table
    env.globals["front_matter"] = lambda title: Markup("\n".join(md.front_matter(title)))
    return env


def render(template: str, **context: Any) -> str:
    """A page from synth/templates/<template>, ending with exactly one newline."""
    return environment().get_template(template).render(**context).rstrip() + "\n"
