"""Project settings: where the project root is, and synth's own options in mkdocs.yml.

The project root is the folder holding `mkdocs.yml`, found by walking up from the current folder
(like git finds its repository), so every command works from any folder of the project and paths in
question files mean the same thing wherever synth is run.

synth's options live in mkdocs.yml under `extra: synth:` (the key MkDocs and Zensical keep for
site-specific values), next to the site settings they go with:

```yaml
repo_url: https://github.com/org/project   # optional: report pages link to their question's YAML
extra:
  synth:
    citation_style: apa              # harvard-cite-them-right (default), apa, ieee, or a .csl path
    publish_library_files: false     # true: copy library files into the site, link PDF pages
```
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from synth.config import ConfigError, ConfigProblem
from synth.references import DEFAULT_STYLE, STYLES

MKDOCS_FILE = "mkdocs.yml"


def find_root(start: Path | None = None) -> Path | None:
    """The nearest folder at or above `start` holding mkdocs.yml, or None outside any project."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / MKDOCS_FILE).is_file():
            return folder
    return None


class SynthSettings(BaseModel):
    """synth's options, from mkdocs.yml `extra: synth:`."""

    model_config = ConfigDict(extra="forbid", strict=True, title="synth settings")

    citation_style: str = Field(
        DEFAULT_STYLE,
        description="CSL style for in-text citations and reference lists: one shipped in synth/styles "
        "(harvard-cite-them-right, apa, ieee) or a path to a .csl file relative to the project root. "
        "A numeric style (ieee) numbers the citations, an author-date style prints (Author, year).",
    )
    publish_library_files: bool = Field(
        False,
        description="Copy the library's files into the site (docs/library-files/) so source pages link "
        "each cited passage to its PDF page (file.pdf#page=N). Off by default: the library may hold "
        "papers the team may read but not republish.",
    )
    edit_branch: str = Field("main", description="Branch the question files are edited on (edit links).")


class Settings(BaseModel):
    """Everything synth takes from the project: its root, its repository and its options."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    root: Path = Field(description="The project root (the folder holding mkdocs.yml).")
    repo_url: str | None = Field(None, description="mkdocs.yml `repo_url`, for links to question files.")
    synth: SynthSettings = Field(default_factory=SynthSettings)

    def style_path(self) -> str:
        """The citation style as load_style takes it: a shipped name, or an absolute .csl path."""
        style = self.synth.citation_style
        if (STYLES / f"{style}.csl").is_file():
            return style
        return str(self.root / style)

    def edit_url(self, question_path: str) -> str | None:
        """Where a question file is edited on the forge (GitHub, GitLab …), if the repo is known."""
        if not self.repo_url:
            return None
        return f"{self.repo_url.rstrip('/')}/edit/{self.synth.edit_branch}/{question_path}"

    def digest(self) -> str:
        """Changes whenever something that shapes the pages changes, style file bytes included."""
        material = self.model_dump_json(exclude={"root"})
        style = Path(self.style_path())
        if style.is_file():
            material += hashlib.sha256(style.read_bytes()).hexdigest()
        return hashlib.sha256(material.encode()).hexdigest()[:16]


class _MkdocsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does for the parts synth needs: `!ENV` resolved, other tags
    (`!!python/name:…` for extensions) read as nothing."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names: list[Any] = ([loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode)
                        else loader.construct_sequence(node, deep=True))  # type: ignore[arg-type]
    *variables, default = names if len(names) > 1 else [*names, None]
    for name in variables:
        if str(name) in os.environ:
            return os.environ[str(name)]
    return default


def _ignored(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_MkdocsLoader.add_constructor("!ENV", _env)
_MkdocsLoader.add_multi_constructor("!", _ignored)
_MkdocsLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignored)


def _option_marks(text: str) -> dict[str, tuple[int, int]]:
    """1-based (line, column) of each `extra: synth:` option's value (`name:key` for its key, "" for
    the mapping itself)."""
    node = yaml.compose(text, Loader=_MkdocsLoader)
    for name in ("extra", "synth"):
        if not isinstance(node, yaml.MappingNode):
            return {}
        node = next((value for key, value in node.value if getattr(key, "value", None) == name), None)
    if not isinstance(node, yaml.MappingNode):
        return {}
    marks = {"": (node.start_mark.line + 1, node.start_mark.column + 1)}
    for key, value in node.value:
        marks[str(key.value)] = (value.start_mark.line + 1, value.start_mark.column + 1)
        marks[f"{key.value}:key"] = (key.start_mark.line + 1, key.start_mark.column + 1)
    return marks


def load_settings(root: Path | None = None) -> Settings:
    """The settings of the project at `root` (default: found from the current folder); defaults
    when there is no mkdocs.yml. Raises ConfigError pointing at mkdocs.yml for bad options."""
    root = root or find_root() or Path.cwd()
    path = root / MKDOCS_FILE
    if not path.is_file():
        return Settings(root=root)
    shown = os.path.relpath(path) if path.is_absolute() else str(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_MkdocsLoader) or {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise ConfigError([ConfigProblem(shown, line, col, "", f"invalid YAML: {exc.problem}")]) from exc
    except OSError as exc:
        raise ConfigError([ConfigProblem(shown, 1, 1, "", f"cannot read: {exc}")]) from exc
    extra = data.get("extra") if isinstance(data, dict) else None
    options = extra.get("synth") if isinstance(extra, dict) else None
    try:
        synth = SynthSettings.model_validate(options or {})
    except ValidationError as exc:
        marks = _option_marks(path.read_text(encoding="utf-8"))
        problems = []
        for error in exc.errors():
            name = str(error["loc"][0]) if error["loc"] else ""
            unknown = error["type"] == "extra_forbidden"
            line, col = marks.get(f"{name}:key" if unknown else name, marks.get("", (1, 1)))
            message = error["msg"]
            if unknown:
                message = f"unknown option (allowed: {', '.join(sorted(SynthSettings.model_fields))})"
            problems.append(ConfigProblem(shown, line, col, ".".join(["extra.synth", *map(str, error["loc"])]),
                                          message))
        raise ConfigError(problems) from exc
    repo_url = data.get("repo_url") if isinstance(data, dict) else None
    settings = Settings(root=root, repo_url=repo_url if isinstance(repo_url, str) and repo_url else None,
                        synth=synth)
    style = settings.style_path()
    if not (STYLES / f"{style}.csl").is_file() and not Path(style).is_file():
        from synth.references import style_names

        line, col = _option_marks(path.read_text(encoding="utf-8")).get("citation_style", (1, 1))
        raise ConfigError([ConfigProblem(shown, line, col, "extra.synth.citation_style",
                                         f"no such style {synth.citation_style!r}: use one of "
                                         f"{', '.join(style_names())} or a path to a .csl file")])
    return settings
