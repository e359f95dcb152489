"""Apply one JSON Schema per kind and turn its errors into messages for authors."""
from __future__ import annotations

import calendar
import json
import math
import re
from collections.abc import Callable, Iterator
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

from gpia.load.layout import schema_path
from gpia.load.problems import Problem
from gpia.validate import schema_predicate
from gpia.load.yaml_loader import YamlDocument

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError


@cache
def schema_for(kind: str) -> dict[str, Any]:
    return json.loads(schema_path(kind).read_text(encoding="utf-8"))


# Stricter than JSON Schema, in both validators below, because the data is YAML read by Python:
# - a pattern matches the whole value: Python's `$` also matches before a final line feed, so
#   "term-x\n" would pass `^[a-z0-9-]+$` (every `pattern` and `patternProperties` key is checked as
#   \A(?:pattern)\Z, i.e. with re.fullmatch semantics);
# - format "date" is a day of the calendar (2026-02-30 is not);
# - "integer" is a Python int: YAML reads `2.0` as a float, which JSON Schema counts as an integer;
# - no number is NaN or infinite (YAML's .nan, .inf, -.inf), whatever the schema says of the field.
_WHOLE_VALUE = "\\A(?:{})\\Z"
_DATE_FORM = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Keywords whose value maps names (not keywords) to subschemas.
_SCHEMA_MAPS = ("properties", "$defs", "definitions", "dependentSchemas")
_LITERALS = ("enum", "const", "default", "examples", "description", "title", "required")


def _whole_value(pattern: str) -> str:
    return _WHOLE_VALUE.format(pattern)


def _anchored(node: Any) -> Any:
    """The schema with every pattern anchored to the whole value."""
    if isinstance(node, list):
        return [_anchored(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _LITERALS:
            out[key] = value
        elif key in _SCHEMA_MAPS and isinstance(value, dict):
            out[key] = {name: _anchored(sub) for name, sub in value.items()}
        elif key == "patternProperties" and isinstance(value, dict):
            out[key] = {_whole_value(pattern): _anchored(sub) for pattern, sub in value.items()}
        elif key == "pattern" and isinstance(value, str):
            out[key] = _whole_value(value)
        else:
            out[key] = _anchored(value)
    return out


@cache
def checked_schema(kind: str) -> dict[str, Any]:
    """The schema of `kind` as both validators apply it (patterns anchored to the whole value)."""
    return _anchored(schema_for(kind))


def is_calendar_date(value: Any) -> bool:
    """Format "date": a value written YYYY-MM-DD is a real day. Other text passes here (the pattern
    beside the format reports it), so one slip gets one message."""
    if not isinstance(value, str) or not _DATE_FORM.fullmatch(value):
        return True
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_integer(checker: Any, value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@cache
def validator_for(kind: str) -> Draft202012Validator:
    # jsonschema (and the check of the schema itself against the JSON Schema metaschema) is needed
    # only to explain a file that fails the fast check, so a build of valid data never imports it:
    # a fixed cost of every build and every `mkdocs serve` rebuild. tests/test_schema_check.py
    # builds this validator for every kind, so a broken schema still fails `make test`.
    from jsonschema import Draft202012Validator, FormatChecker, validators

    Draft202012Validator.check_schema(schema_for(kind))
    strict = validators.extend(
        Draft202012Validator,
        type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer))
    formats = FormatChecker(formats=())
    formats.checks("date")(is_calendar_date)
    return strict(checked_schema(kind), format_checker=formats)


@cache
def _fast_check(kind: str) -> Callable[[Any], bool]:
    """Whether a file of `kind` passes its schema, quickly: jsonschema is used only for files that
    fail, to list every problem. The check is built from the schema by gpia.validate.schema_predicate,
    which gives up on a value it cannot be sure of (the file is then explained by jsonschema, which
    decides); a schema that uses a keyword it does not apply is compiled by fastjsonschema instead,
    whose integers accept 2.0, so a file with such a float is always explained (see schema_problems)."""
    schema = checked_schema(kind)
    try:
        check = schema_predicate.build(schema, is_calendar_date)
    except schema_predicate.Unsupported:
        return _compiled(schema)

    def passes(data: Any) -> bool:
        try:
            return check(data)
        except schema_predicate.Unsure:
            return False
    return passes


def _compiled(schema: dict[str, Any]) -> Callable[[Any], bool]:
    # fastjsonschema compiles the schema to Python and stops at the first error.
    import fastjsonschema

    validate = fastjsonschema.compile(schema, formats={"date": is_calendar_date})

    def passes(data: Any) -> bool:
        try:
            validate(data)
        except fastjsonschema.JsonSchemaException:
            return False
        return True
    return passes


def _floats(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], float]]:
    """Every float in the data, with its path (real data has few: targets and worked examples)."""
    if isinstance(node, float):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _floats(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _floats(value, path + (index,))


def _yaml_number(value: float) -> str:
    """A non-finite float as YAML writes it."""
    return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")


def _non_finite(doc: YamlDocument, floats: list[tuple[tuple[Any, ...], float]]) -> list[Problem]:
    return [doc.origin(path).problem(
        f"'{_where(path)}' is {_yaml_number(value)}, which YAML reads as "
        f"{'not a number' if math.isnan(value) else 'infinity' if value > 0 else 'minus infinity'}; write a number such as 95 "
        "(or, for text, put the value in quotes)")
        for path, value in floats if not math.isfinite(value)]


def schema_problems(doc: YamlDocument, kind: str) -> list[Problem]:
    if doc.data is None:
        return [Problem(doc.path, 1, 1, f"file is empty; it should hold {_title(kind)} (see {kind}.json)")]
    floats = doc.floats if doc.floats is not None else list(_floats(doc.data))
    problems = _non_finite(doc, floats)
    if _fast_check(kind)(doc.data) and \
            not any(value.is_integer() for _, value in floats if math.isfinite(value)):
        return problems
    validator = validator_for(kind)
    seen: set[Problem] = set()
    errors = list(validator.iter_errors(doc.data))
    # A value of the wrong form is named for its form, not also for its length: one slip, one message.
    formed = {tuple(e.absolute_path) for e in errors if e.validator != "maxLength"}
    for error in errors:
        if isinstance(error.instance, float) and not math.isfinite(error.instance):
            continue  # reported above, once
        if error.validator == "maxLength" and tuple(error.absolute_path) in formed:
            continue
        for problem in _explain(doc, error, kind):
            # One slip, one message: an empty item fails both "must be a mapping" and "one of".
            if problem not in seen:
                seen.add(problem)
                problems.append(problem)
    return problems


def _title(kind: str) -> str:
    return validator_for(kind).schema.get("title", kind).lower()


def _where(path: tuple[Any, ...]) -> str:
    """'areas[2].requirements[0].text' from a JSON path."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


# Longer text is shown cut short: a message names the value, it does not copy it.
_SHOWN_LENGTH = 80


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    if value is None:
        return "nothing"
    if isinstance(value, str) and len(value) > _SHOWN_LENGTH:
        return f"{json.dumps(value[:_SHOWN_LENGTH - 20], ensure_ascii=False)[:-1]}…\" ({len(value):,} characters)"
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else repr(value)


_TYPE_NAMES = {"string": "text", "array": "a list", "object": "a mapping of fields", "boolean": "true or false",
               "integer": "a whole number", "number": "a number"}


def _explain(doc: YamlDocument, error: ValidationError, kind: str) -> list[Problem]:
    path = tuple(error.absolute_path)
    field = _where(path)
    if isinstance(error.instance, dict) and isinstance(error.instance.get("id"), str):
        field += f" ('{error.instance['id']}')"
    check = error.validator
    value = error.instance
    if check == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extras = [k for k in value if k not in allowed]
        return [
            doc.origin(path + (extra,), key=True).problem(
                f"unknown field '{extra}' in {field}; remove it or correct its spelling "
                f"(allowed here: {', '.join(allowed)})"
            )
            for extra in extras
        ]
    if check == "required":
        missing = error.message.split("'")[1]
        return [doc.origin(path).problem(f"missing required field '{missing}' in {field}; add it")]
    origin = doc.origin(path)
    if value is None and path and check in ("type", "oneOf", "anyOf", "minLength"):
        if isinstance(path[-1], int):
            return [origin.problem(f"'{field}' is an empty list item (a '-' with nothing after it); delete that "
                                   "'-', or write the item after it")]
        return [origin.problem(f"'{field}' is empty; write its value after '{path[-1]}:', or delete the line "
                               "if the field is optional")]
    if check == "type" and not path:
        fields = ", ".join(error.schema.get("required", ()))
        return [origin.problem(f"this file holds {_shown(value)} on its own, but it must hold the fields of "
                               f"{_title(kind)} ({fields}), as in {kind}.json")]
    if check == "type" and error.validator_value == "integer" and isinstance(value, float) and value.is_integer():
        return [origin.problem(f"'{field}' must be a whole number, not {value!r}; write it without the decimal "
                               f"point: {int(value)}")]
    if check == "type":
        wanted = error.validator_value
        wanted_name = _TYPE_NAMES.get(wanted, wanted)
        hint = ""
        if wanted == "string" and not isinstance(value, (dict, list)):
            hint = " (YAML reads unquoted numbers, dates and yes/no as other types); put the value in quotes"
        elif wanted == "string":
            hint = "; write a single value"
        return [origin.problem(f"'{field}' must be {wanted_name}, not {_shown(value)}{hint}")]
    if check == "enum":
        options = ", ".join(_shown(v) for v in error.validator_value)
        return [origin.problem(f"'{field}' must be one of {options}; got {_shown(value)}")]
    if check == "pattern":
        pattern = _unanchored(error.validator_value)
        name = _pattern_name(pattern)
        if isinstance(value, str) and value != value.strip() and re.fullmatch(pattern, value.strip()):
            return [origin.problem(f"'{field}' is {_shown(value.strip())} with {_edges(value, 'a')}; remove "
                               f"{_edges(value, 'the')}")]
        return [origin.problem(f"'{field}' is {_shown(value)}, which is not {name}")]
    if check == "format" and error.validator_value == "date":
        return [origin.problem(f"'{field}' is {_shown(value)}, which is not a day of the calendar "
                               f"({_month_days(value)}); write a real date as YYYY-MM-DD")]
    if check == "minItems":
        return [origin.problem(f"'{field}' is an empty list; add at least one item or remove the field")]
    if check == "minProperties":
        return [origin.problem(f"'{field}' is empty; fill in its fields (see the schema's description) or remove it")]
    if check == "maxLength" and _unanchored(error.schema.get("pattern", "")) == READERS_WORDS:
        return [origin.problem(f"'{field}' is {len(value):,} characters long; a word readers type is at most "
                               f"{error.validator_value} characters, so shorten it or split it in two")]
    if check == "maxLength" and _unanchored(error.schema.get("pattern", "")) == _ID:  # a page's address
        return [origin.problem(f"'{field}' is {len(value):,} characters long; an id is at most "
                               f"{error.validator_value} characters, because it becomes the address of a page, "
                               "so shorten it")]
    if check == "maxLength":  # a limit on sizes (CONTRIBUTING.md, "Limits on sizes")
        return [origin.problem(f"'{field}' is {len(value):,} characters long; a {_limited(path)} is at most "
                               f"{error.validator_value:,} characters (see Limits on sizes in CONTRIBUTING.md), "
                               "so shorten it")]
    if check == "maxItems" and _unanchored(error.schema.get("items", {}).get("pattern", "")) == READERS_WORDS:
        return [origin.problem(f"'{field}' lists {len(value)} items; at most {error.validator_value}, so keep "
                               "the ones readers use most")]
    if check == "maxItems":
        return [origin.problem(f"'{field}' lists {len(value):,} items; it may list at most "
                               f"{error.validator_value:,} (see Limits on sizes in CONTRIBUTING.md), so remove some")]
    if check == "minLength" and value:
        return [origin.problem(f"'{field}' is {_shown(value)}; it must be at least {error.validator_value} "
                               "characters long")]
    if check == "minLength":
        return [origin.problem(f"'{field}' is empty; write the text or remove the field")]
    if check == "uniqueItems":
        words = _unanchored(error.schema.get("items", {}).get("pattern", "")) == READERS_WORDS
        return [origin.problem(f"'{field}' lists the same {'word' if words else 'id'} twice; remove the repeat")]
    if check == "oneOf" and isinstance(value, dict):
        # The one branch whose required fields are all there is what the author meant: explain its
        # errors (a line break in a table's id), not "must be exactly one of".
        fitting = [i for i, option in enumerate(error.validator_value)
                   if option.get("required") and all(name in value for name in option["required"])]
        inner = [e for e in error.context or () if len(fitting) == 1 and e.schema_path and e.schema_path[0] == fitting[0]]
        if inner:
            return [problem for e in inner for problem in _explain(doc, e, kind)]
    if check == "oneOf":
        options = ", ".join(next(iter(option.get("required", ["?"]))) for option in error.validator_value)
        return [origin.problem(f"'{field}' must be exactly one of: {options} (got {_keys(value)})")]
    return [origin.problem(f"'{field}': {error.message}")]


def _limited(path: tuple[Any, ...]) -> str:
    """What a field with a limit on its length is, for a message: 'glossary term', 'slip's printed words'."""
    names = {"term": "glossary term", "abbreviation": "glossary term's abbreviation",
             "printed": "slip's printed words"}
    name = next((part for part in reversed(path) if isinstance(part, str)), "value")
    return names.get(name, f"'{name}'")


def _keys(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(str(k) for k in value) or "no fields"
    return _shown(value)


_ID = "^[a-z0-9]+(-[a-z0-9]+)*$"
# The words readers may type for a record (`also_known_as`); like every pattern, a whole value.
READERS_WORDS = "^[A-Za-z0-9][A-Za-z0-9&'./+()-]*( [A-Za-z0-9&'./+()-]+)*$"
_PATTERNS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "a kebab-case id (lowercase letters, digits and single hyphens, e.g. term-gp-federation)",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "a date written YYYY-MM-DD",
    "^[0-9]+(\\.[0-9]+)*(\\([a-z]+\\))?$": "a clause number such as \"6.2(d)\"",
    "^[0-9]+$": "a number written in quotes, such as \"5\"",
    "^https://[^\\s\"<>\\\\^`{|}]+$": "an https:// address (one line, without spaces or \" < > \\ ^ ` { | })",
    "^[A-Za-z0-9&'./+()-]+( [A-Za-z0-9&'./+()-]+)*$":
        "an abbreviation as the text writes it: one line of letters, digits and & ' . / + ( ) -, "
        "words separated by single spaces, such as \"GP IA\"",
    READERS_WORDS: "a word or phrase a reader may type: one line of letters, digits and & ' . / + ( ) -, "
                   "starting with a letter or digit, words separated by single spaces, such as \"data protection\"",
}


def _unanchored(pattern: str) -> str:
    prefix, suffix = _WHOLE_VALUE.split("{}")
    return pattern[len(prefix):-len(suffix)] if pattern.startswith(prefix) and pattern.endswith(suffix) else pattern


def _edges(value: str, article: str) -> str:
    """'a line break at the end', 'a space at the start and …' for text with white space around it."""
    found = []
    for where, edge in (("start", value[:len(value) - len(value.lstrip())]), ("end", value[len(value.rstrip()):])):
        if edge:
            what = "line break" if "\n" in edge or "\r" in edge else "space" if edge.strip(" ") == "" else "white space"
            found.append(f"{article} {what} at the {where}")
    return " and ".join(found)


def _month_days(value: str) -> str:
    year, month, _day = (int(part) for part in value.split("-"))
    if not 1 <= month <= 12:
        return "a year has 12 months"
    return f"{calendar.month_name[month]} {year} has {calendar.monthrange(year, month)[1]} days"


def _pattern_name(pattern: str) -> str:
    return _PATTERNS.get(pattern, f"in the form {pattern}")


def ours_fields(kind: str, path: tuple[Any, ...]) -> list[str]:
    """The fields of our own words (schema `$defs/ours`) of the nearest record holding the value at
    `path` in a file of `kind`: where a "move our words to …" hint may send an author."""
    schema = schema_for(kind)
    nodes = [_resolved(schema, schema)]
    for part in path[:-1]:
        node = nodes[-1]
        node = node.get("items", {}) if isinstance(part, int) else node.get("properties", {}).get(part, {})
        nodes.append(_resolved(schema, node))
    for node in reversed(nodes):
        fields = [name for name, value in node.get("properties", {}).items()
                  if isinstance(value, dict) and value.get("$ref", "").endswith("/ours")]
        if fields:
            return fields
    return []


def _resolved(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while isinstance(node, dict) and "$ref" in node and node["$ref"].startswith("#/"):
        target: Any = root
        for part in node["$ref"][2:].split("/"):
            target = target[part]
        node = target
    return node
