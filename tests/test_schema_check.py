"""The fast schema check and jsonschema must agree, or a file could pass one and fail the other."""
from __future__ import annotations

import copy
import random

import pytest

from gpia.load.layout import data_files
from gpia.model.kinds import file_kind
from gpia.validate import schema_predicate
from gpia.validate.schema_check import _fast_check, checked_schema, is_calendar_date, validator_for
from gpia.load.yaml_loader import load_yaml_file

from conftest import ROOT


def _fast_passes(kind: str, data: object) -> bool:
    return _fast_check(kind)(data)


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


def test_every_schema_has_the_quick_check() -> None:
    # No kind of the project falls back to the generated validator.
    for kind in {kind for kind, _ in _documents()}:
        schema_predicate.build(checked_schema(kind), is_calendar_date)


# Values put in place of a random value of a real file, so the quick check meets every keyword's
# failures: each one, on each value, must agree with jsonschema (or give up, when unsure).
_ODD_VALUES = [None, 0, 1, 2.0, 1.5, True, False, "", " ", "x", "x" * 70, "Not_Kebab", "term-x\n", "2026-02-30",
               "2026-11-25", "1.", "https://example.org", [], [None], ["a", "a"], ["a", "b"], [1, True], [1, 1.0],
               {}, {"id": "x"}, {"paragraph": "x"}, {"numbered": ["x"]}, {"table": "t"}, {"paragraph": "x", "table": "t"}]


def _paths(data: object, path: tuple = ()) -> list[tuple]:
    out = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            out += _paths(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            out += _paths(value, path + (index,))
    return out


def _agrees(kind: str, data: object) -> None:
    check = schema_predicate.build(checked_schema(kind), is_calendar_date)
    try:
        quick = check(data)
    except schema_predicate.Unsure:
        return
    assert quick == (not list(validator_for(kind).iter_errors(data))), kind


def test_quick_check_agrees_with_jsonschema_on_random_changes() -> None:
    rng = random.Random(20261206)
    for kind, data in _documents():
        paths = _paths(data)
        for _ in range(40):
            changed = copy.deepcopy(data)
            path = rng.choice(paths)
            if not path:
                continue
            holder = changed
            for part in path[:-1]:
                holder = holder[part]
            what = rng.random()
            if what < 0.15 and isinstance(holder, dict):
                del holder[path[-1]]
            elif what < 0.3 and isinstance(holder, dict):
                holder[rng.choice(["colour", "id", "why", "derives_from", "text"])] = rng.choice(_ODD_VALUES)
            else:
                holder[path[-1]] = copy.deepcopy(rng.choice(_ODD_VALUES))
            _agrees(kind, changed)


@pytest.mark.parametrize("schema, values", [
    ({"type": ["string", "null"], "minLength": 2}, ["ab", None, "a", 1, True]),
    ({"type": "integer"}, [1, True, 2.0, "1", None]),
    ({"type": "number"}, [1, 1.5, True, "1"]),
    ({"minimum": 0, "maximum": 100, "exclusiveMaximum": 100}, [0, -1, 99.5, 100, True, "x", float("nan"), float("inf")]),
    ({"enum": ["a", "b"]}, ["a", "c", 1, None]),
    ({"const": "a"}, ["a", "b", None]),
    ({"enum": [True, None, "a"]}, [True, 1, None, 0, False, "a", "b", [], {}]),
    ({"anyOf": [{"type": "string"}, {"type": "integer"}]}, ["a", 1, 1.5, None]),
    ({"not": {"type": "string"}}, ["a", 1]),
    ({"allOf": [{"minLength": 2}, {"maxLength": 3}]}, ["a", "ab", "abcd", 5]),
    ({"oneOf": [{"minLength": 2}, {"maxLength": 3}]}, ["a", "ab", "abcd", 5]),
    ({"type": "object", "patternProperties": {"\\A(?:^x)\\Z": {"type": "integer"}}, "additionalProperties": False},
     [{"x": 1}, {"x": "a"}, {"y": 1}, {}]),
    ({"type": "object", "properties": {"a": {"type": "string"}}, "patternProperties": {"a": {"minLength": 2}}},
     [{"a": "xy"}, {"a": "x"}, {"ab": 1}, {"ab": "x"}, {"b": 3}]),
    ({"type": "object", "minProperties": 1, "maxProperties": 2}, [{}, {"a": 1}, {"a": 1, "b": 2, "c": 3}, []]),
    ({"type": "object", "dependentRequired": {"why": ["derives_from"]}},
     [{"why": "x"}, {"why": "x", "derives_from": []}, {}]),
    ({"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 2, "uniqueItems": True},
     [[], ["a"], ["a", "a"], ["a", "b", "c"], [1], "a"]),
    ({"format": "date"}, ["2026-02-28", "2026-02-30", "x", 3]),
    ({"$defs": {"n": {"type": "array", "items": {"$ref": "#/$defs/n"}}}, "$ref": "#/$defs/n"},
     [[], [[]], [[[1]]], 1]),
])
def test_quick_check_keywords(schema: dict, values: list) -> None:
    from jsonschema import Draft202012Validator, FormatChecker, validators

    # As schema_check.validator_for applies a schema: integers are Python ints, dates are real days.
    strict = validators.extend(Draft202012Validator, type_checker=Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda checker, value: isinstance(value, int) and not isinstance(value, bool)))
    formats = FormatChecker(formats=())
    formats.checks("date")(is_calendar_date)
    full = strict(schema, format_checker=formats)
    check = schema_predicate.build(schema, is_calendar_date)
    for value in values:
        assert check(value) == full.is_valid(value), (schema, value)


def test_quick_check_gives_up_where_unsure() -> None:
    check = schema_predicate.build({"type": "array", "uniqueItems": True}, is_calendar_date)
    with pytest.raises(schema_predicate.Unsure):
        check([1, True])
    with pytest.raises(schema_predicate.Unsupported):
        schema_predicate.build({"type": "array", "prefixItems": [{"type": "string"}]}, is_calendar_date)
