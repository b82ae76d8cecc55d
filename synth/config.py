"""Question files: the pydantic model, and loading YAML with errors that point at `file:line:col`.

The YAML is read by synth.yamlfile (bounded, tag-free, every value with its position, never a
traceback whatever the bytes); pydantic's error locations are then mapped back onto those
positions. File names (report ids) and library folders are checked here too, so every problem is
reported as `file:line:col`. All errors of all files are collected and reported together, so one
run shows everything that needs fixing.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationError

from synth import yamlfile
from synth.confine import FileRefused, library_folder, read_regular
from synth.yamlfile import Marks

# One source of truth for `synth check` and the JSON Schema: every constraint is a type or a Field
# constraint pydantic also writes into the schema (never a validator the schema cannot see), and
# the models are strict, so '25' is no integer for either (tests/test_schema_agreement.py).
NonBlank = Annotated[str, StringConstraints(pattern=r"\S")]


class Analysis(BaseModel):
    """A quantitative series the report should build from the sources' tables."""

    model_config = ConfigDict(extra="forbid", strict=True)

    kind: Literal["scaling"] = Field(
        "scaling", description="Kind of analysis; `scaling` fits the metric against log2(parameters)."
    )
    metric: str = Field(description="Benchmark or metric name as it appears in tables, e.g. `LiveCodeBench`.")
    by: Literal["parameters"] = Field(
        "parameters", description="The scaling variable; only the parameter count is supported."
    )
    entities: str = Field(
        "*",
        description="Glob over entity (model) names to keep, e.g. `Qwen2.5-*-Instruct`; `*` keeps all.",
    )


class Subject(BaseModel):
    """What the question asks about: a model, method, paper or dataset, with its other spellings."""

    model_config = ConfigDict(extra="forbid", strict=True)

    name: NonBlank = Field(description="The name as the question uses it, e.g. `Mixtral 8x7B`.")
    aliases: list[NonBlank] = Field(
        default_factory=list, description="Other spellings the sources use, e.g. `[Mixtral-8x7B]`."
    )


class Column(BaseModel):
    """One attribute asked of every subject: a column of the answer table, with optional instructions."""

    model_config = ConfigDict(extra="forbid", strict=True)

    name: NonBlank = Field(description="The attribute, e.g. `MMLU`, `activated parameters`, "
                      "`normalization layer`.")
    aliases: list[NonBlank] = Field(
        default_factory=list, description="Other labels the sources use, e.g. `[\"# Activated Params\"]`."
    )
    kind: Literal["metric", "quantity", "text", "mechanism"] | None = Field(
        None,
        description="`metric`: a score on a benchmark; `quantity`: a count or size (parameters, tokens); "
        "`text`: a short textual value (a layer type, an algorithm); `mechanism`: how the subject does it. "
        "Read from the name and the library when omitted.",
    )
    unit: str | None = Field(None, description="Unit to report the value in, e.g. `B` or `%`; values are "
                             "never converted silently: a value in another unit is shown as stated.")
    variant: str | None = Field(
        None,
        description="Only values of this variant, e.g. `base`, `instruct`, `thinking`, `v5`, `pass@1`; "
        "without it every variant the sources give is a separate cell.",
    )
    instructions: str | None = Field(None, description="A note for readers on how the column is read.")


def _named(item: Any) -> Any:
    """`- Mixtral 8x7B` is shorthand for `- {name: Mixtral 8x7B}`."""
    return {"name": item} if isinstance(item, str) else item


SubjectItem = Annotated[Subject, BeforeValidator(_named, json_schema_input_type=NonBlank | Subject)]
ColumnItem = Annotated[Column, BeforeValidator(_named, json_schema_input_type=NonBlank | Column)]


class Question(BaseModel):
    """One research question: what to ask, which library to ask it of, and what to check."""

    model_config = ConfigDict(extra="forbid", strict=True, title="synth question")

    title: str = Field(min_length=3, description="Title of the report page.")
    question: str = Field(min_length=10, description="The research question, one sentence.")
    keywords: list[NonBlank] = Field(
        default_factory=list,
        description="Terms the answer must be about (model names, benchmarks). Sources and claims that "
        "mention none of them are screened out; if no source mentions a keyword, the report says so.",
    )
    aliases: dict[str, list[NonBlank]] = Field(
        default_factory=dict,
        description="Other spellings of a keyword, e.g. `{LiveCodeBench: [LCB]}`.",
    )
    library: str = Field(
        "library", description="Library folder, relative to the project root (the folder holding reports/)."
    )
    include: list[str] = Field(
        default_factory=list,
        description="Only consider these sources: BibTeX keys or globs over keys and file names.",
    )
    exclude: list[str] = Field(
        default_factory=list, description="Never consider these sources: BibTeX keys or globs."
    )
    max_sources: int = Field(8, ge=1, le=200, description="At most this many sources are included.")
    max_findings: int = Field(12, ge=1, le=500, description="At most this many findings are shown (sentences "
                              "that bear on an asked cell, besides the answer table).")
    claims: list[NonBlank] = Field(
        default_factory=list,
        description="Claims the author wants checked against the library; shown in their own section.",
    )
    analysis: list[Analysis] = Field(
        default_factory=list, description="Quantitative analyses to build from tables."
    )
    subjects: list[SubjectItem] = Field(
        default_factory=list,
        description="What the question asks about (a name, or `{name, aliases}`); replaces the subjects read "
        "from the question's wording. `synth plan` shows how a question was read.",
    )
    columns: list[ColumnItem] = Field(
        default_factory=list,
        description="The attributes asked of every subject (a name, or `{name, aliases, kind, unit, variant, "
        "instructions}`); replaces the attributes read from the question's wording.",
    )
    relation: Literal["lookup", "compare", "rank", "trend", "mechanism"] | None = Field(
        None,
        description="What the question does with the values: `lookup` each, `compare` or `rank` the subjects, "
        "a `trend` against parameter count, or how a `mechanism` works. Read from the wording when omitted.",
    )

    tags: list[NonBlank] = Field(
        default_factory=list,
        description="Labels that group reports on the home page, e.g. `[scaling, code]`.",
    )

    def terms(self) -> list[tuple[str, list[str]]]:
        """Each keyword with all its spellings (the keyword itself first)."""
        return [(k, [k, *self.aliases.get(k, [])]) for k in self.keywords]


@dataclass(frozen=True)
class ConfigProblem:
    path: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        return f"{self.path}:{self.line}:{self.column}: {where}{self.message}"


class ConfigError(Exception):
    """All problems found in a set of question files; raised once, after reading every file."""

    def __init__(self, problems: list[ConfigProblem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.path, p.line, p.column, p.field))
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class LoadedQuestion:
    """A validated question and where it came from."""

    report_id: str
    path: Path
    question: Question
    raw_text: str


# A report id is the question file's name: it becomes a folder and a URL, so it is kept to
# characters that mean the same thing on every file system and in every URL.
_REPORT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
_MODELINE = "yaml-language-server"


def _mark_for(loc: tuple[str | int, ...], marks: Marks, extra_key: bool) -> tuple[int, int]:
    if extra_key and (*loc, "__key__") in marks:
        return marks[(*loc, "__key__")]
    probe = loc
    while probe:
        if probe in marks:
            return marks[probe]
        probe = probe[:-1]
    return marks.get((), (1, 1))


def _strings(data: Any, location: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], str]]:
    """Every string value of the data with its location."""
    if isinstance(data, str):
        return [(location, data)]
    if isinstance(data, dict):
        return [found for key, value in data.items() for found in _strings(value, (*location, key))]
    if isinstance(data, list):
        return [found for i, value in enumerate(data) for found in _strings(value, (*location, i))]
    return []


def parse_question(text: str, path: Path, root: Path | None = None,
                   library_roots: Sequence[Path] = ()) -> tuple[Question | None, list[ConfigProblem]]:
    """Validate one question file's text; never raises for bad input, returns its problems.

    With `root` (the project folder), `library:` is also checked: it must be a folder inside the
    project, or inside one of the explicitly allowed `library_roots` (synth.paths.library_folder)."""
    shown = str(path)
    data, marks, found = yamlfile.load(text)
    problems = [ConfigProblem(shown, p.line, p.column, p.field, p.message) for p in found]
    if data is None:
        if not problems:
            problems.append(ConfigProblem(shown, 1, 1, "", "file is empty; expected a mapping with title and question"))
        return None, problems
    if not isinstance(data, dict):
        line, col = marks.get((), (1, 1))
        return None, [*problems, ConfigProblem(shown, line, col, "", "expected a mapping with title and question")]
    for location, value in _strings(data):
        line, col = _mark_for(location, marks, False)
        if _MODELINE in value:
            problems.append(ConfigProblem(shown, line, col, yamlfile.dotted(location),
                                          "this is the `# yaml-language-server: $schema=…` comment read as a value: "
                                          "put it alone on the first line of the file"))
        elif any(ord(ch) < 0x20 and ch not in "\t\n" for ch in value):
            problems.append(ConfigProblem(shown, line, col, yamlfile.dotted(location),
                                          "control characters are not allowed"))
    reported = {p.field for p in problems if p.field}
    try:
        question = Question.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            if yamlfile.dotted(loc) in reported:
                continue
            line, col = _mark_for(loc, marks, err["type"] == "extra_forbidden")
            message = err["msg"]
            if err["type"] == "string_pattern_mismatch":
                message = "must not be empty or blank"
            if err["type"] == "extra_forbidden":
                message = f"unknown key (allowed: {', '.join(sorted(Question.model_fields))})"
                if len(loc) > 1:
                    message = "unknown key"
            problems.append(ConfigProblem(shown, line, col, yamlfile.dotted(loc), message))
        return None, problems
    if root is not None and not problems:
        try:
            library_folder(question.library, root, library_roots)
        except ValueError as exc:
            line, col = _mark_for(("library",), marks, False)
            problems.append(ConfigProblem(shown, line, col, "library", str(exc)))
    return (None if problems else question), problems


def _id_problems(paths: Sequence[Path]) -> list[ConfigProblem]:
    """Report ids (file names) that are not plain names, and two files that would be one report."""
    problems: list[ConfigProblem] = []
    seen: dict[str, Path] = {}
    for path in paths:
        report_id = path.stem if path.suffix in (".yaml", ".yml") else path.name
        if not _REPORT_ID.fullmatch(report_id) or report_id.endswith("."):
            problems.append(ConfigProblem(str(path), 1, 1, "", f"the file name {report_id!r} is the report's id "
                                          "and URL: use letters, digits, '.', '_' and '-' only (at most 100, "
                                          "starting with a letter or digit), and the .yaml extension"))
            continue
        if path.suffix not in (".yaml", ".yml"):
            problems.append(ConfigProblem(str(path), 1, 1, "", "question files end in .yaml"))
            continue
        other = seen.get(report_id.lower())
        if other is not None:
            problems.append(ConfigProblem(str(path), 1, 1, "", f"report id {report_id!r} is also the id of {other} "
                                          "(ids are file names, compared ignoring case): rename one"))
        else:
            seen[report_id.lower()] = path
    return problems


def read_question_file(path: Path) -> tuple[str | None, list[ConfigProblem]]:
    """The text of a question file, or why it cannot be read (not a file, too large, not UTF-8, NUL …)."""
    try:
        data = read_regular(path, yamlfile.MAX_BYTES)
    except OSError as exc:
        return None, [ConfigProblem(str(path), 1, 1, "", str(exc) if isinstance(exc, FileRefused)
                                    else f"cannot read: {exc.strerror or exc}")]
    text, found = yamlfile.decode(data)
    return text, [ConfigProblem(str(path), p.line, p.column, p.field, p.message) for p in found]


def load_questions(paths: Sequence[Path], root: Path | None = None,
                   library_roots: Sequence[Path] = ()) -> list[LoadedQuestion]:
    """Load and validate every question file, raising one ConfigError listing all problems.

    With `root`, each question's library folder is checked too (see parse_question)."""
    unique = sorted({os.path.normpath(p): p for p in paths}.values())
    loaded: list[LoadedQuestion] = []
    problems = _id_problems(unique)
    refused = {p.path for p in problems}
    for path in unique:
        if str(path) in refused:
            continue
        text, found = read_question_file(path)
        problems.extend(found)
        if text is None:
            continue
        question, found = parse_question(text, path, root, library_roots)
        problems.extend(found)
        if question is not None:
            loaded.append(LoadedQuestion(path.stem, path, question, text))
    if problems:
        raise ConfigError(problems)
    return loaded


def question_schema() -> str:
    """The JSON Schema of a question file, draft-7 style `definitions` refs for yaml-language-server."""
    schema = Question.model_json_schema(ref_template="#/definitions/{model}")
    if "$defs" in schema:
        schema["definitions"] = schema.pop("$defs")
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
