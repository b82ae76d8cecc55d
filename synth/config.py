"""Question files: the pydantic model, and loading YAML with errors that point at `file:line:col`.

The YAML is composed into nodes first so that every value keeps its position; pydantic's error
locations are then mapped back onto those positions. All errors of all files are collected and
reported together, so one run shows everything that needs fixing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationError

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
    max_findings: int = Field(25, ge=1, le=500, description="At most this many findings are shown.")
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


Marks = dict[tuple[str | int, ...], tuple[int, int]]


Structural = list[tuple[int, int, str, str]]


def _construct(node: yaml.Node, path: tuple[str | int, ...], marks: Marks, problems: Structural) -> Any:
    """Turn a composed node into plain Python, recording the 1-based position of every value."""
    marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
            if key in result:
                line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                problems.append((line, col, _dotted((*path, key)), "duplicate key"))
            marks[(*path, key, "__key__")] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = _construct(value_node, (*path, key), marks, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, (*path, i), marks, problems) for i, item in enumerate(node.value)]
    return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    """Resolve a scalar node (int, bool, null, str …) with PyYAML's own safe constructor."""
    return yaml.SafeLoader("").construct_object(node, deep=True)


def _dotted(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _mark_for(loc: tuple[str | int, ...], marks: Marks, extra_key: bool) -> tuple[int, int]:
    if extra_key and (*loc, "__key__") in marks:
        return marks[(*loc, "__key__")]
    probe = loc
    while probe:
        if probe in marks:
            return marks[probe]
        probe = probe[:-1]
    return marks.get((), (1, 1))


def parse_question(text: str, path: Path) -> tuple[Question | None, list[ConfigProblem]]:
    """Validate one question file's text; never raises for bad input, returns its problems."""
    shown = str(path)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [ConfigProblem(shown, line, col, "", f"invalid YAML: {exc.problem or exc}")]
    if node is None:
        return None, [ConfigProblem(shown, 1, 1, "", "file is empty; expected a mapping with title and question")]
    if not isinstance(node, yaml.MappingNode):
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        return None, [ConfigProblem(shown, line, col, "", "expected a mapping with title and question")]
    marks: Marks = {}
    structural: Structural = []
    data = _construct(node, (), marks, structural)
    problems = [ConfigProblem(shown, line, col, name, message) for line, col, name, message in structural]
    try:
        question = Question.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            line, col = _mark_for(loc, marks, err["type"] == "extra_forbidden")
            message = err["msg"]
            if err["type"] == "string_pattern_mismatch":
                message = "must not be empty or blank"
            if err["type"] == "extra_forbidden":
                message = f"unknown key (allowed: {', '.join(sorted(Question.model_fields))})"
                if len(loc) > 1:
                    message = "unknown key"
            problems.append(ConfigProblem(shown, line, col, _dotted(loc), message))
        return None, problems
    return (None if problems else question), problems


def load_questions(paths: list[Path]) -> list[LoadedQuestion]:
    """Load and validate every question file, raising one ConfigError listing all problems."""
    loaded: list[LoadedQuestion] = []
    problems: list[ConfigProblem] = []
    for path in sorted(paths):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(ConfigProblem(str(path), 1, 1, "", f"cannot read: {exc}"))
            continue
        question, found = parse_question(text, path)
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
