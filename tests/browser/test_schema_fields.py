"""The schema walk behind the hostile-data test finds string fields however a schema declares them,
including by keywords the project's schemas do not use yet (anyOf, patternProperties, prefixItems)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from gpia.load.layout import SCHEMA_DIR

from .schema_fields import data_strings, kinds, string_fields

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "id": {"$ref": "#/$defs/id"},
        "title": {"$ref": "#/$defs/text", "description": "sibling keywords of $ref are kept"},
        "kind": {"enum": ["a", "b"]},
        "flag": {"const": True},
        "url": {"type": "string", "pattern": "^https://"},
        "blocks": {"type": "array", "items": {"oneOf": [
            {"type": "object", "required": ["paragraph"], "properties": {"paragraph": {"$ref": "#/$defs/text"}}},
            {"type": "object", "required": ["ref"], "properties": {"ref": {"$ref": "#/$defs/id"}}},
        ]}},
        "either": {"anyOf": [{"type": "string", "format": "date"}, {"type": "number"}]},
        "labels": {"type": "object", "patternProperties": {"^x-": {"type": "string"}},
                   "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        "pair": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}]},
        "anything": {"description": "no type: any value"},
    },
    "$defs": {
        "id": {"type": "string", "pattern": "^[a-z]+$"},
        "text": {"type": "string", "minLength": 1},
    },
}


@pytest.fixture
def schema_dir(tmp_path: Path) -> Path:
    (tmp_path / "sample.json").write_text(json.dumps(SCHEMA), encoding="utf-8")
    return tmp_path


def test_every_way_of_declaring_a_string_is_found(schema_dir: Path) -> None:
    fields = {f.name.split(": ", 1)[1]: f for f in string_fields(schema_dir, "sample")}
    assert list(fields) == ["id", "title", "kind", "url", "blocks[].paragraph", "blocks[].ref", "either",
                            "labels.<^x->", "labels.*[]", "pair[0]", "anything"]
    assert {name: f.constraints() for name, f in fields.items() if f.constraints()} == {
        "id": ["pattern"], "kind": ["enum"], "url": ["pattern"], "blocks[].ref": ["pattern"], "either": ["format"]}
    assert [name for name, f in fields.items() if f.untyped] == ["anything"]


def test_a_pattern_that_only_anchors_the_start_still_takes_the_payload(schema_dir: Path) -> None:
    fields = {f.name.split(": ", 1)[1]: f for f in string_fields(schema_dir, "sample")}
    assert fields["url"].accepts("https://example.org/ <script>alert(1)</script>")
    assert not fields["id"].accepts("abc <script>alert(1)</script>")
    assert not fields["kind"].accepts("a <b>x</b>")
    assert not fields["either"].accepts("2024-01-31 <b>x</b>")  # formats are checked


def test_strings_of_the_data_are_matched_to_their_fields(schema_dir: Path) -> None:
    data = {"id": "abc", "blocks": [{"paragraph": "Text"}, {"ref": "abc"}], "labels": {"x-a": "A", "other": ["B"]},
            "pair": ["P", 1], "anything": {"deep": ["Z"]}}
    found = {(s.json_path, "/".join(s.field_path)) for s in data_strings(schema_dir, "sample", data)}
    assert found == {(("id",), "id"), (("blocks", 0, "paragraph"), "blocks/[]/paragraph"),
                     (("blocks", 1, "ref"), "blocks/[]/ref"), (("labels", "x-a"), "labels/<^x->"),
                     (("labels", "other", 0), "labels/*/[]"), (("pair", 0), "pair/[0]"),
                     (("anything", "deep", 0), "anything")}


def test_a_string_the_schema_does_not_declare_is_an_error(schema_dir: Path) -> None:
    with pytest.raises(ValueError, match="not declared"):
        list(data_strings(schema_dir, "sample", {"unknown": "text"}))


def test_the_project_schemas_declare_string_fields_of_every_kind() -> None:
    assert all(string_fields(SCHEMA_DIR, kind) for kind in kinds(SCHEMA_DIR))
