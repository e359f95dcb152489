"""The fast schema check and jsonschema must agree, or a file could pass one and fail the other."""
from __future__ import annotations

import copy

import fastjsonschema
import pytest

from gpia.load.layout import data_files
from gpia.model.kinds import file_kind
from gpia.validate.schema_check import _fast_check, validator_for
from gpia.load.yaml_loader import load_yaml_file

from conftest import ROOT


def _fast_passes(kind: str, data: object) -> bool:
    try:
        _fast_check(kind)(data)
        return True
    except fastjsonschema.JsonSchemaException:
        return False


def _documents() -> list[tuple[str, object]]:
    out = []
    for file in data_files(ROOT):
        relative = file.relative_to(ROOT).as_posix()
        out.append((file_kind(relative), load_yaml_file(file, relative).data))
    return out


MUTATIONS = [
    ("extra field", lambda d: d.update({"colour": "blue"})),
    ("float where text", lambda d: d.update({"id": 6.1})),
    ("bad id", lambda d: d.update({"id": "Not_Kebab"})),
    ("empty list", lambda d: [d.update({k: []}) for k, v in list(d.items()) if isinstance(v, list)][:1]),
    ("boolean where text", lambda d: d.update({"last_reviewed": False})),
    ("bad date", lambda d: d.update({"last_reviewed": "2026-1-1"})),
    # Patterns match whole values, and dates are days of the calendar, in both validators.
    ("id with a trailing line feed", lambda d: d.update({"id": str(d.get("id", "x")) + "\n"})),
    ("date with a trailing line feed", lambda d: d.update({"last_reviewed": "2026-11-25\n"})),
    ("impossible day", lambda d: d.update({"last_reviewed": "2026-02-30"})),
]


def _first_record(data: object) -> dict:
    assert isinstance(data, dict)
    for value in data.values():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            return value[0]
        if isinstance(value, dict) and "id" in value:
            return value
    return data


@pytest.mark.parametrize("kind, data", _documents(), ids=[k for k, _ in _documents()])
def test_real_files_pass_both(kind: str, data: object) -> None:
    assert _fast_passes(kind, data)
    assert list(validator_for(kind).iter_errors(data)) == []


@pytest.mark.parametrize("name, mutate", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_broken_records_fail_both(name: str, mutate) -> None:
    for kind, data in _documents():
        broken = copy.deepcopy(data)
        mutate(_first_record(broken))
        fast = _fast_passes(kind, broken)
        full = not list(validator_for(kind).iter_errors(broken))
        assert fast == full, (kind, name)
