"""`report.json`: a Report serialised to sorted, stable JSON and read back into the same objects.

Incremental builds read the previous pages' `report.json` back (to relist reports not rebuilt
on the home page), so the round trip must be exact; it is driven by the dataclasses' own type
hints rather than a hand-kept field list, so a new field cannot be forgotten.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from enum import Enum
from functools import cache
from typing import Any

from synth import models
from synth.models import Report


def to_data(value: Any) -> Any:
    """Plain JSON-able data: dataclasses become objects, enums their values, tuples lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [to_data(item) for item in value]
    if isinstance(value, float):
        return round(value, 6)
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(models))


def from_data(kind: Any, data: Any) -> Any:
    """Rebuild a typed value from `to_data` output, following the type hints."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        if data is None:
            return None
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        return from_data(options[0], data)
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_data(args[0], item) for item in data)
        return tuple(from_data(a, item) for a, item in zip(args, data, strict=True))
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        return kind(**{f.name: from_data(hints[f.name], data[f.name]) for f in dataclasses.fields(kind)
                       if f.name in data})
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(data)
    if kind is float and isinstance(data, int):
        return float(data)
    return data


def report_to_json(report: Report) -> str:
    return json.dumps(to_data(report), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def report_from_json(text: str) -> Report:
    return from_data(Report, json.loads(text))
