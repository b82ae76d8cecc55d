"""Typed objects to plain JSON data and back, checked field by field on the way back.

`report.json` is a Report serialised; incremental builds read previous pages' `report.json` back,
and the caches (synth.store) keep documents and reports as the same JSON, so the round trip must be
exact and must never trust its input: `from_data` accepts only data of exactly the shape the type
hints describe (no unknown fields, no wrong types) and raises `DataError` otherwise. Decoders are
compiled once per type from the dataclasses' own type hints, so a new field cannot be forgotten and
reading a cached document costs one check per value.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from enum import Enum
from functools import cache
from typing import Any

from synth import models
from synth.models import Report

Decoder = Callable[[Any], Any]


class DataError(ValueError):
    """Data that does not have the shape of the type it is read as."""


_SCALARS = frozenset({str, int, bool, type(None)})


@cache
def _field_names(kind: type) -> tuple[str, ...] | None:
    """A dataclass's field names (None for any other type): `dataclasses.fields` is slow, and a
    cached Document is tens of thousands of objects of a handful of classes."""
    if dataclasses.is_dataclass(kind):
        return tuple(f.name for f in dataclasses.fields(kind))
    return None


def to_data(value: Any, exact: bool = False) -> Any:
    """Plain JSON-able data: dataclasses become objects, enums their values, tuples lists.

    Floats are rounded to 6 places for `report.json` (stable, readable), a figure under 0.001 to 6 significant
    digits (a learning rate of 7.07 × 10−6 is not 7e-06); `exact` keeps them as they are, for caches whose objects
    must come back equal."""
    kind = type(value)
    if kind in _SCALARS:  # exact types only: a str- or int-valued Enum is an Enum, handled below
        return value
    names = _field_names(kind)
    if names is not None:
        return {name: to_data(getattr(value, name), exact) for name in names}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [to_data(item, exact) for item in value]
    if isinstance(value, dict):
        return {key: to_data(item, exact) for key, item in value.items()}
    if isinstance(value, float) and not exact:
        return float(f"{value:.6g}") if 0 < abs(value) < 1e-3 else round(value, 6)
    return value


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(models))


def _fail(kind: Any, data: Any) -> DataError:
    shown = repr(data)
    return DataError(f"expected {getattr(kind, '__name__', kind)}, got {shown[:60]}")


def _plain(kind: type) -> Decoder:
    def decode(data: Any) -> Any:
        if type(data) is not kind:
            raise _fail(kind, data)
        return data
    return decode


def _float(data: Any) -> float:
    if type(data) is float:
        return data
    if type(data) is int:
        return float(data)
    raise _fail(float, data)


def _none(data: Any) -> None:
    if data is not None:
        raise _fail(None, data)
    return None


def _any(data: Any) -> Any:
    return data


def _union(options: list[Decoder], nullable: bool) -> Decoder:
    def decode(data: Any) -> Any:
        if data is None and nullable:
            return None
        for option in options:
            try:
                return option(data)
            except DataError:
                continue
        raise DataError(f"no accepted form for {repr(data)[:60]}")
    return decode


def _sequence(item: Decoder, make: type) -> Decoder:
    def decode(data: Any) -> Any:
        if type(data) is not list:
            raise _fail(list, data)
        return make(item(value) for value in data)
    return decode


def _fixed_tuple(items: list[Decoder]) -> Decoder:
    def decode(data: Any) -> Any:
        if type(data) is not list or len(data) != len(items):
            raise _fail(tuple, data)
        return tuple(item(value) for item, value in zip(items, data, strict=True))
    return decode


def _mapping(key: Decoder, value: Decoder) -> Decoder:
    def decode(data: Any) -> Any:
        if type(data) is not dict:
            raise _fail(dict, data)
        return {key(k): value(v) for k, v in data.items()}
    return decode


def _enum(kind: type[Enum]) -> Decoder:
    def decode(data: Any) -> Any:
        try:
            return kind(data)
        except (ValueError, TypeError) as exc:
            raise _fail(kind, data) from exc
    return decode


def _literal(values: tuple[Any, ...]) -> Decoder:
    def decode(data: Any) -> Any:
        if not any(type(data) is type(v) and data == v for v in values):
            raise DataError(f"expected one of {values}, got {repr(data)[:60]}")
        return data
    return decode


def _simple_types(kind: Any) -> frozenset[type] | None:
    """The JSON types a field of this kind takes as they are (str, int, bool, optional ones)."""
    args = typing.get_args(kind) if typing.get_origin(kind) in (typing.Union, types.UnionType) else (kind,)
    if all(a in (str, int, bool, type(None)) for a in args):
        return frozenset(args)
    return None


def _dataclass(kind: type) -> Decoder:
    fields = dataclasses.fields(kind)
    names = frozenset(f.name for f in fields)
    required = frozenset(f.name for f in fields if f.default is dataclasses.MISSING
                         and f.default_factory is dataclasses.MISSING)
    hints = _hints(kind)
    # name → the types passed through unchanged, or the decoder (filled on first use: types may nest)
    plan: dict[str, tuple[frozenset[type] | None, Decoder | None]] = {}

    def decode(data: Any) -> Any:
        if type(data) is not dict:
            raise _fail(kind, data)
        keys = data.keys()
        if not keys <= names or not required <= keys:
            raise DataError(f"{kind.__name__}: unexpected fields {sorted(keys - names)} or missing "
                            f"{sorted(required - keys)}")
        if not plan:
            for f in fields:
                simple = _simple_types(hints[f.name])
                plan[f.name] = (simple, None if simple else decoder(hints[f.name]))
        values = {}
        for name, value in data.items():
            simple, decode_field = plan[name]
            if simple is not None:
                if type(value) not in simple:
                    raise _fail(hints[name], value)
                values[name] = value
            else:
                values[name] = decode_field(value)  # type: ignore[misc]
        return kind(**values)
    return decode


@cache
def decoder(kind: Any) -> Decoder:
    """A function that checks `data` against `kind` and builds the typed value, or raises DataError."""
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if kind is Any:
        return _any
    if kind is type(None) or kind is None:
        return _none
    if origin in (typing.Union, types.UnionType):
        options = [decoder(a) for a in args if a is not type(None)]
        return options[0] if len(options) == 1 and type(None) not in args else _union(
            options, type(None) in args)
    if origin is typing.Literal:
        return _literal(args)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return _sequence(decoder(args[0]), tuple)
        return _fixed_tuple([decoder(a) for a in args])
    if origin is list:
        return _sequence(decoder(args[0]), list)
    if origin is dict:
        return _mapping(decoder(args[0]), decoder(args[1]))
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _dataclass(kind)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return _enum(kind)
    if kind is float:
        return _float
    if kind in (str, int, bool):
        return _plain(kind)
    raise TypeError(f"cannot decode values of type {kind!r}")


def from_data(kind: Any, data: Any) -> Any:
    """Rebuild a typed value from `to_data` output, checking its shape; DataError if it does not fit."""
    try:
        return decoder(kind)(data)
    except TypeError as exc:  # a dataclass's own __post_init__ or constructor refusing the values
        raise DataError(str(exc)) from exc


def report_to_json(report: Report) -> str:
    return json.dumps(to_data(report), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def report_from_json(text: str) -> Report:
    """A Report from `report.json` text; DataError (a ValueError) if it is not one."""
    return from_data(Report, json.loads(text))


def report_schema() -> str:
    """The JSON Schema of `report.json`, generated from the Report dataclasses themselves (pydantic's
    TypeAdapter), so the published schema cannot drift from what is written."""
    from pydantic import TypeAdapter

    schema = TypeAdapter(Report).json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "synth report.json"
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
