"""The JSON Schema of the download data/knowledge-base.json (published as DOWNLOAD_SCHEMA_PATH).

The schemas under schema/<file>.json describe the YAML files that policy teams edit, not the
download, whose records are the model's (gpia.model.records) exported field by field
(gpia.pages.export.record_dicts): a YAML `reference: {label, value}` is the model's
reference_label and reference_value, an optional value absent from the YAML is null or an empty
list, and each record gains kind, provenance, references, referenced_by and last_reviewed. So this
schema is made from the same model, by the same naming rules, and cannot drift from the download:
each kind of record is an object with exactly its exported keys, each typed as its model field is
(a record inside another is its id; a mapping from the data is an object of any keys).
"""
from __future__ import annotations

import dataclasses
import json
import types
import typing
from typing import Any

from gpia.model import records as model
from gpia.model.kinds import STORED
from gpia.pages.export_names import exported_names
from gpia.sitemap import DOWNLOAD_SCHEMA

DOWNLOAD_SCHEMA_PATH = DOWNLOAD_SCHEMA
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_ID_LIST = {"type": "array", "items": {"type": "string"}}
_RECORD_TYPES = tuple(k.model for k in STORED)


def _type(hint: Any) -> dict[str, Any]:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        options = [_type(a) for a in args if a is not type(None)]
        schema = options[0] if len(options) == 1 else {"anyOf": options}
        return {"anyOf": [schema, {"type": "null"}]} if type(None) in args else schema
    if origin in (tuple, list):
        return {"type": "array", "items": _type(args[0]) if args else {}}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type(args[1]) if len(args) == 2 else {}}
    if origin is typing.Literal:
        return {"enum": list(args)}
    if hint in _RECORD_TYPES:
        return {"type": "string"}  # a record inside another is named by its id (export._plain)
    if dataclasses.is_dataclass(hint):
        return _object(hint)
    simple = {str: {"type": "string"}, bool: {"type": "boolean"}, int: {"type": "integer"},
              float: {"type": "number"}}
    if hint in simple:
        return simple[hint]
    return {}  # Any or object: a value from the data, of any JSON type


def _object(cls: type, names: dict[str, str] | None = None) -> dict[str, Any]:
    hints = typing.get_type_hints(cls, vars(model))
    properties = {(names or {}).get(f.name, f.name): _type(hints[f.name]) for f in dataclasses.fields(cls)
                  if names is None or f.name in names}
    return {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}


def record_schema(kind: str, cls: type) -> dict[str, Any]:
    """One kind of record as the download writes it (export.record_dicts)."""
    names = exported_names(kind, cls)
    own = _object(cls, names)["properties"]
    if kind == "requirement":  # the alignment export._alignment adds
        own |= {"derived_into": _ID_LIST, "change_shown": {"type": ["string", "null"]}}
    properties = {
        "id": {"type": "string"}, "kind": {"const": kind}, **own,
        "provenance": {"type": "object", "additionalProperties": False,
                       "required": ["file", "source", "section", "row"],
                       "properties": {"file": {"type": "string"}, "source": {"type": ["string", "null"]},
                                      "section": {"type": ["string", "null"]}, "row": {"type": ["string", "null"]}}},
        "references": _ID_LIST, "referenced_by": _ID_LIST,
        "last_reviewed": {"anyOf": [_DATE, {"type": "null"}]},
    }
    return {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}


def download_schema() -> dict[str, Any]:
    kinds = [(k.name, k.model) for k in STORED]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "The GP Integration Agreement guide's knowledge base, as downloaded (data/knowledge-base.json)",
        "type": "object",
        "additionalProperties": False,
        "required": ["$schema", "title", "about", "version", "licence", "site", "counts", "records"],
        "properties": {
            "$schema": {"type": "string"},
            "title": {"type": "string"},
            "about": {"type": "string"},
            "version": {"type": "string", "description": "When the data was last changed: the build's commit "
                        "time (SOURCE_DATE_EPOCH), else the latest review date of its records"},
            "licence": {"type": "object", "required": ["nhs_wording", "our_words"], "additionalProperties": False,
                        "properties": {key: {"type": "object", "required": ["name", "url", "applies_to"],
                                             "additionalProperties": False,
                                             "properties": {"name": {"type": "string"}, "url": {"type": "string"},
                                                            "applies_to": {"type": "string"}}}
                                       for key in ("nhs_wording", "our_words")}},
            "site": {"type": ["string", "null"], "description": "The site's address, when the build knows it"},
            "counts": {"type": "object", "additionalProperties": False, "required": [n for n, _ in kinds],
                       "properties": {name: {"type": "integer", "minimum": 0} for name, _ in kinds}},
            # Each record by its kind: one if/then per kind gives a message about the fields of that kind.
            "records": {"type": "array", "items": {
                "type": "object", "required": ["kind"],
                "properties": {"kind": {"enum": [name for name, _ in kinds]}},
                "allOf": [{"if": {"properties": {"kind": {"const": name}}}, "then": record_schema(name, cls)}
                          for name, cls in kinds]}},
        },
    }


def download_schema_json() -> str:
    return json.dumps(download_schema(), ensure_ascii=False, indent=2) + "\n"
