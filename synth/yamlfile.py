"""YAML written by anyone who can open a pull request, read as plain data with every value's position.

PyYAML's safe loader is safe from code execution, not from everything else: NUL and control
characters, recursive aliases (`&a [*a]`), "billion laughs" alias expansion, 10,000-deep nesting,
unknown or malformed tags (`!foo`, `!!int x`) and merge keys all end in tracebacks or unbounded
memory. Here every such input becomes a problem with its line and column instead:

* the bytes must be UTF-8 text without NUL or other control characters (tab and line ends aside);
* nesting is at most MAX_DEPTH levels, checked while composing (before Python's recursion limit);
* explicit tags are refused except the plain core ones (`!!str`, `!!int`, …), whose values must
  then be valid; merge keys (`<<`) are refused;
* aliases are followed, but a value that contains itself is refused and the whole document may not
  expand to more than MAX_VALUES values;
* mapping keys are plain text (`yes:` is the key "yes", not True), duplicate keys are problems.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

MAX_BYTES = 256 * 1024
MAX_DEPTH = 32
MAX_VALUES = 20_000
_CORE = "tag:yaml.org,2002:"
_PLAIN_TAGS = frozenset(_CORE + name for name in ("str", "int", "float", "bool", "null", "seq", "map"))
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff\ud800-\udfff]")
_IMPLICIT = frozenset(_CORE + name for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp"))

Location = tuple[str | int, ...]
Marks = dict[Location, tuple[int, int]]


@dataclass(frozen=True)
class YamlProblem:
    """Something wrong at a 1-based line and column; `field` is the dotted path of the value, if any."""

    line: int
    column: int
    field: str
    message: str


class _Refused(Exception):
    def __init__(self, mark: yaml.Mark | None, message: str) -> None:
        super().__init__(message)
        self.line = mark.line + 1 if mark else 1
        self.column = mark.column + 1 if mark else 1
        self.message = message


def _shown_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader's composer with a depth limit and a tag check on every node."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        event = self.peek_event()
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(event.start_mark, f"nested deeper than {MAX_DEPTH} levels")
            tag = getattr(event, "tag", None)
            if tag not in (None, "!") and tag not in _PLAIN_TAGS:
                raise _Refused(event.start_mark, f"the tag {_shown_tag(tag)} is not allowed here: write plain values")
            return super().compose_node(parent, index)  # type: ignore[no-any-return]
        finally:
            self._depth -= 1


def decode(data: bytes) -> tuple[str | None, list[YamlProblem]]:
    """UTF-8 text (a BOM is allowed) without NUL or control characters, or the problems found."""
    if len(data) > MAX_BYTES:
        return None, [YamlProblem(1, 1, "", f"file is larger than {MAX_BYTES:,} bytes, the most a question "
                                            "file may be")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [YamlProblem(line, column, "", f"not UTF-8 text (byte 0x{data[exc.start]:02x}): save the file "
                                                    "as UTF-8")]
    return (text, []) if not (found := check_text(text)) else (None, found)


def check_text(text: str) -> list[YamlProblem]:
    """The first NUL or control character (tab and line ends aside), with its position."""
    found = _CONTROL.search(text)
    if found is None:
        return []
    index = found.start()
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    code = ord(found.group())
    name = "NUL" if code == 0 else f"U+{code:04X}"
    return [YamlProblem(line, column, "", f"control character {name} is not allowed in a question file")]


def dotted(location: Location) -> str:
    out = ""
    for part in location:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


class _Builder:
    """Composed nodes to plain Python, with the position of every value; aliases bounded."""

    def __init__(self) -> None:
        self.marks: Marks = {}
        self.problems: list[YamlProblem] = []
        self.values = 0
        self._open: set[int] = set()

    def build(self, node: yaml.Node, location: Location) -> Any:
        self.values += 1
        if self.values > MAX_VALUES:
            raise _Refused(node.start_mark, f"the document expands to more than {MAX_VALUES:,} values "
                                            "(aliases repeated inside aliases?)")
        if id(node) in self._open:
            raise _Refused(node.start_mark, "this alias refers to a value that contains it")
        self.marks.setdefault(location, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, location)
        self._open.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.build(item, (*location, i)) for i, item in enumerate(node.value)]
            return self._mapping(node, location)
        finally:
            self._open.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, location: Location) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(YamlProblem(line, column, dotted(location), "keys must be plain text"))
                continue
            if key_node.tag == _CORE + "merge":
                self.problems.append(YamlProblem(line, column, dotted(location),
                                                 "merge keys (<<) are not supported: write the keys out"))
                continue
            key = key_node.value
            if key in result:
                self.problems.append(YamlProblem(line, column, dotted((*location, key)), "duplicate key"))
            self.marks[(*location, key, "__key__")] = (line, column)
            result[key] = self.build(value_node, (*location, key))
        return result

    def _scalar(self, node: yaml.ScalarNode, location: Location) -> Any:
        if node.tag not in _IMPLICIT:  # `=` or `<<` as a value: explicit tags were refused while composing
            return node.value
        try:
            return yaml.SafeLoader("").construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError, ArithmeticError) as exc:
            self.problems.append(YamlProblem(node.start_mark.line + 1, node.start_mark.column + 1, dotted(location),
                                             f"invalid {_shown_tag(node.tag)} value {node.value[:40]!r} "
                                             f"({type(exc).__name__})"))
            return node.value


def load(text: str) -> tuple[Any, Marks, list[YamlProblem]]:
    """(data, position of every value, problems) for one YAML document; data is None when the text
    could not be read at all. Never raises for bad input."""
    refused = check_text(text)
    if refused:
        return None, {}, refused
    loader = _BoundedLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}, []
        builder = _Builder()
        data = builder.build(node, ())
        return data, builder.marks, builder.problems
    except _Refused as exc:
        return None, {}, [YamlProblem(exc.line, exc.column, "", exc.message)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, {}, [YamlProblem(line, column, "", f"invalid YAML: {exc.problem or exc}")]
    except yaml.YAMLError as exc:
        return None, {}, [YamlProblem(1, 1, "", f"invalid YAML: {exc}")]
    except RecursionError:
        return None, {}, [YamlProblem(1, 1, "", "nested too deeply")]
    finally:
        loader.dispose()
