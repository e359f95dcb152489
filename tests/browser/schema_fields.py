"""Every string field the JSON Schemas declare, read from the schemas themselves, and the strings of
a data file matched to those fields.

A field is named by its kind (the schema, e.g. "glossary") and a path from the file's top: property
names, "[]" for the items of a list ("[0]" for `prefixItems`), "*" for the values of a mapping's other keys
(`additionalProperties`) and "<pattern>" for those of `patternProperties`, e.g.
"glossary: terms[].abbreviation" or "schedule: schedule.example.values.*".

`$ref` (to the schema's own `$defs`), `oneOf`/`anyOf`/`allOf`, `items`/`prefixItems`,
`properties`, `patternProperties` and `additionalProperties` are followed. A schema with no type
keyword accepts anything, strings included: such a field is listed as untyped and every string under
it in the data belongs to it.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

# Keywords that restrict which strings a field accepts beyond "some text".
CONSTRAINING = ("pattern", "enum", "const", "format", "maxLength")
_COMBINATORS = ("oneOf", "anyOf", "allOf")
_STRUCTURE = ("type", "properties", "patternProperties", "additionalProperties", "items", "prefixItems",
              "enum", "const", *_COMBINATORS)


@dataclass(frozen=True)
class StringField:
    kind: str
    path: tuple[str, ...]
    schema: dict[str, Any]  # the field's own schema, every $ref replaced by what it points at
    untyped: bool = False  # the schema says nothing of the type: any value, strings included

    @property
    def name(self) -> str:
        return self.kind + ": " + field_name(self.path)

    def constraints(self) -> list[str]:
        """The keywords of the field's schema (or of any branch of it) that restrict its strings."""
        return sorted({key for part in branches(self.schema) for key in CONSTRAINING if key in part})

    def accepts(self, value: str) -> bool:
        """Whether the field's schema accepts `value` (formats checked too, as a strict validator would)."""
        return Draft202012Validator(self.schema, format_checker=Draft202012Validator.FORMAT_CHECKER).is_valid(value)


def field_name(path: tuple[str, ...]) -> str:
    out = ""
    for part in path:
        out += part if part.startswith("[") else (f".{part}" if out else part)
    return out or "(the file)"


@cache
def load_schema(schema_dir: Path, kind: str) -> dict[str, Any]:
    return json.loads((schema_dir / f"{kind}.json").read_text(encoding="utf-8"))


def kinds(schema_dir: Path) -> list[str]:
    return sorted(p.stem for p in schema_dir.glob("*.json"))


def inline(schema: Any, root: dict[str, Any], seen: tuple[str, ...] = ()) -> Any:
    """`schema` with every $ref replaced by a copy of its target (siblings of $ref kept), so a part of
    the schema can be validated on its own."""
    if isinstance(schema, list):
        return [inline(item, root, seen) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    if "$ref" in schema:
        ref = schema["$ref"]
        if ref in seen:
            raise ValueError(f"recursive $ref {ref}: the field walk would not end")
        out.update(inline(_target(ref, root), root, seen + (ref,)))
    for key, value in schema.items():
        if key in ("$ref", "$defs", "$schema", "$id"):
            continue
        if key in ("properties", "patternProperties"):
            out[key] = {name: inline(sub, root, seen) for name, sub in value.items()}
        else:
            out[key] = inline(value, root, seen)
    return out


def _target(ref: str, root: dict[str, Any]) -> Any:
    if not ref.startswith("#/"):
        raise ValueError(f"$ref {ref!r} points outside its schema; the field walk reads local references only")
    node: Any = root
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


# Keywords that only assert something about a value the schema around them declares
# (`oneOf: [{required: [heading]}, …]` says which one field is present): such a branch declares no field.
_ASSERTIONS = frozenset({"required", "not", "minProperties", "maxProperties", "dependentRequired",
                         "description", "title"})


def _assertion_only(branch: Any) -> bool:
    return isinstance(branch, dict) and set(branch) <= _ASSERTIONS


def branches(schema: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The schema and every branch of its combinators that declares fields, at any depth."""
    yield schema
    for key in _COMBINATORS:
        for branch in schema.get(key, ()):
            if not _assertion_only(branch):
                yield from branches(branch)


def _types(schema: dict[str, Any]) -> set[str] | None:
    """The JSON types a (branch-free) schema allows, or None when it does not restrict them."""
    if "type" in schema:
        declared = schema["type"]
        return set(declared) if isinstance(declared, list) else {declared}
    values = schema["enum"] if "enum" in schema else [schema["const"]] if "const" in schema else None
    if values is not None:
        return {_json_type(v) for v in values}
    found = set()
    if any(k in schema for k in ("properties", "patternProperties", "additionalProperties")):
        found.add("object")
    if any(k in schema for k in ("items", "prefixItems")):
        found.add("array")
    if found:
        return found
    if any(not _assertion_only(b) for k in _COMBINATORS for b in schema.get(k, ())):
        return set()  # the branches say
    return None


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (int, float)):
        return "number"
    if value is None:
        return "null"
    return "array" if isinstance(value, list) else "object"


def string_fields(schema_dir: Path, kind: str) -> list[StringField]:
    """Every string field the schema of `kind` declares, in schema order, each path once."""
    root = load_schema(schema_dir, kind)
    found: dict[tuple[str, ...], list[tuple[dict[str, Any], bool]]] = {}
    _walk(inline(root, root), (), found)
    fields = []
    for path, schemas in found.items():
        untyped = any(u for _, u in schemas)
        # One path reached through several branches (oneOf): the field accepts what any of them does.
        schema = schemas[0][0] if len(schemas) == 1 else {"anyOf": [s for s, _ in schemas]}
        fields.append(StringField(kind, path, schema, untyped))
    return fields


def _walk(schema: dict[str, Any], path: tuple[str, ...], found: dict[tuple[str, ...], list]) -> None:
    for part in branches(schema):
        types = _types(part)
        if types is None and not any(k in part for k in _STRUCTURE):
            found.setdefault(path, []).append((part, True))
            continue
        if types and "string" in types:
            found.setdefault(path, []).append((part, False))
        for name, sub in part.get("properties", {}).items():
            _walk(sub, path + (name,), found)
        for pattern, sub in part.get("patternProperties", {}).items():
            _walk(sub, path + (f"<{pattern}>",), found)
        if isinstance(part.get("additionalProperties"), dict):
            _walk(part["additionalProperties"], path + ("*",), found)
        if isinstance(part.get("items"), dict):
            _walk(part["items"], path + ("[]",), found)
        for i, sub in enumerate(part.get("prefixItems", ())):
            _walk(sub, path + (f"[{i}]",), found)


@dataclass(frozen=True)
class DataString:
    """One string in a data file, with the field that declares it."""
    field_path: tuple[str, ...]
    json_path: tuple[Any, ...]  # where it is in the file's data: keys and list indexes
    value: str


def data_strings(schema_dir: Path, kind: str, data: Any) -> Iterator[DataString]:
    """Every string in a file of `kind` (keys excluded), matched to the schema field that declares it.
    A string the schema does not declare raises ValueError: the data would not be valid."""
    root = load_schema(schema_dir, kind)
    yield from _locate(inline(root, root), data, (), ())


def _locate(schema: dict[str, Any], node: Any, field: tuple[str, ...], at: tuple[Any, ...]) -> Iterator[DataString]:
    untyped = _types(schema) is None and not any(k in schema for k in _STRUCTURE)
    if untyped:
        yield from _strings_under(node, field, at)
        return
    for key in ("oneOf", "anyOf"):
        if key in schema and not all(_assertion_only(b) for b in schema[key]):
            chosen = [b for b in schema[key] if Draft202012Validator(b).is_valid(node)]
            if not chosen:
                raise ValueError(f"{field_name(field)} at {at}: the value fits no branch of {key}")
            yield from _locate(chosen[0], node, field, at)
            return
    for branch in schema.get("allOf", ()):
        yield from _locate(branch, node, field, at)
    if isinstance(node, str):
        yield DataString(field, at, node)
    elif isinstance(node, dict):
        for name, value in node.items():
            if name in schema.get("properties", {}):
                yield from _locate(schema["properties"][name], value, field + (name,), at + (name,))
                continue
            pattern = next((p for p in schema.get("patternProperties", {}) if re.search(p, name)), None)
            if pattern is not None:
                yield from _locate(schema["patternProperties"][pattern], value, field + (f"<{pattern}>",), at + (name,))
            elif isinstance(schema.get("additionalProperties"), dict):
                yield from _locate(schema["additionalProperties"], value, field + ("*",), at + (name,))
            else:
                raise ValueError(f"{field_name(field + (name,))}: not declared by the schema")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            if isinstance(schema.get("items"), dict):
                yield from _locate(schema["items"], item, field + ("[]",), at + (i,))
            elif i < len(schema.get("prefixItems", ())):
                yield from _locate(schema["prefixItems"][i], item, field + (f"[{i}]",), at + (i,))


def _strings_under(node: Any, field: tuple[str, ...], at: tuple[Any, ...]) -> Iterator[DataString]:
    """Strings anywhere under an untyped field: all of them belong to it."""
    if isinstance(node, str):
        yield DataString(field, at, node)
    elif isinstance(node, dict):
        for name, value in node.items():
            yield from _strings_under(value, field, at + (name,))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _strings_under(item, field, at + (i,))
