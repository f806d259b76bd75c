"""The shape of a criteria file as the models declare it: which model reads the table
at a place, the fields it takes, and the table headers a file may have.

Messages use it to say what belongs where; it follows the models' own annotations, so
a field or table added to a model is named without being listed here again.
"""

from __future__ import annotations

import types
from collections.abc import Iterator, Sequence
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

Loc = tuple[str | int, ...]


def _bare(annotation: Any) -> Any:
    """The type without Annotated[…] and without None of an optional."""
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) in (Union, types.UnionType):
        members = [a for a in get_args(annotation) if a is not type(None)]
        if len(members) == 1:
            return _bare(members[0])
    return annotation


def _model(annotation: Any) -> type[BaseModel] | None:
    bare = _bare(annotation)
    return bare if isinstance(bare, type) and issubclass(bare, BaseModel) else None


def _members(annotation: Any) -> list[type[BaseModel]]:
    """The models of a union of models (the item kinds), else the model itself."""
    bare = _bare(annotation)
    if get_origin(bare) in (Union, types.UnionType):
        return [m for a in get_args(bare) if (m := _model(a)) is not None]
    model = _model(bare)
    return [model] if model else []


def _element(annotation: Any) -> Any | None:
    """What a list or tuple holds (`list[Option]`, `tuple[Level, ...]`), else None."""
    bare = _bare(annotation)
    if get_origin(bare) in (list, tuple) and get_args(bare):
        return get_args(bare)[0]
    return None


def _field(model: type[BaseModel], key: str) -> Any | None:
    """The annotation of the field written `key` in the file (its alias, else its name)."""
    for name, info in model.model_fields.items():
        if (info.alias or name) == key:
            return info.annotation
    return None


def _tagged(models: list[type[BaseModel]], tag: str) -> type[BaseModel] | None:
    """The member of a tagged union whose tag (a Literal field, e.g. kind) is `tag`."""
    for model in models:
        for info in model.model_fields.values():
            if get_origin(info.annotation) is Literal and tag in get_args(info.annotation):
                return model
    return None


def model_at(root: type[BaseModel], loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The model that reads the table at `loc`, a location as pydantic gives it (the
    tag of a tagged union included), or None when `loc` is not a table of `root`."""
    annotation: Any = root
    for part in loc:
        models = _members(annotation)
        if isinstance(part, int):
            annotation = _element(annotation)
        elif len(models) > 1:
            annotation = _tagged(models, part)
        elif models:
            annotation = _field(models[0], part)
        else:
            return None
        if annotation is None:
            return None
    members = _members(annotation)
    return members[0] if len(members) == 1 else None


def field_names(model: type[BaseModel]) -> list[str]:
    """The keys a table read by `model` takes, in the order the model declares them."""
    return [info.alias or name for name, info in model.model_fields.items()]


def required_fields(model: type[BaseModel]) -> set[str]:
    """The keys a table read by `model` must have."""
    return {info.alias or name for name, info in model.model_fields.items() if info.is_required()}


def table_headers(root: type[BaseModel]) -> list[tuple[tuple[str, ...], bool]]:
    """Every table header a file may have: (its key path, whether it is `[[…]]`), in
    the order the models declare them, each once."""
    return list(dict.fromkeys(_headers(root, ())))


def _headers(
    model: type[BaseModel], path: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], bool]]:
    for name, info in model.model_fields.items():
        key = (*path, info.alias or name)
        element = _element(info.annotation)
        array = element is not None
        for member in _members(element if array else info.annotation):
            yield key, array
            yield from _headers(member, key)
