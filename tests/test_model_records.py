"""Records built from their YAML (gpia.model.records.from_data) are those their dataclass makes."""
from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from gpia.model import records as m
from gpia.model.records import KnowledgeBase, from_data


def _records(value: Any) -> list[Any]:
    """Every record inside value (itself included), depth first."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        found = [value]
        for f in dataclasses.fields(value):
            found += _records(getattr(value, f.name))
        return found
    if isinstance(value, (tuple, list)):
        return [r for item in value for r in _records(item)]
    if isinstance(value, dict):
        return [r for item in value.values() for r in _records(item)]
    return []


def _hash(record: Any) -> int | None:
    try:
        return hash(record)
    except TypeError:  # a record holding a mapping (an agreement's facets) has none
        return None


def test_every_record_is_the_one_its_init_makes(kb: KnowledgeBase) -> None:
    # from_data sets the fields without calling __init__: each record must equal (and hash, print and
    # keep its attributes in the order of) the record __init__ makes from the same fields.
    stores = {f.name: getattr(kb, f.name) for f in dataclasses.fields(kb) if f.name not in ("derived", "by_kind")}
    seen = 0
    for records in stores.values():
        for record in _records(list(records.values())):
            made = type(record)(**{f.name: getattr(record, f.name) for f in dataclasses.fields(record)})
            assert record == made and repr(record) == repr(made)
            assert _hash(record) == _hash(made)
            assert list(vars(record)) == list(vars(made))
            seen += 1
    assert seen > 500


def test_a_field_left_out_takes_its_default_or_is_empty() -> None:
    term = from_data(m.Term, {"id": "t", "term": "T", "definition": "d", "last_reviewed": "2025-01-01"}, path="p")
    assert term == m.Term(id="t", term="T", abbreviation=None, definition="d", note=None, quotes=(), citations=(),
                          tooltip=True, last_reviewed="2025-01-01", path="p")
    assert from_data(m.Column, {"id": "c", "label": "C"}, label="given") == m.Column("c", "given")


def test_a_required_field_left_out_is_an_error() -> None:
    with pytest.raises(TypeError):
        from_data(m.Target, {"value": 1.0, "unit": "%"})
