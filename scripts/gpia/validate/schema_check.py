"""Apply one JSON Schema per kind and turn its errors into messages for authors."""
from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Any

import fastjsonschema

from gpia.load.layout import SCHEMA_DIR
from gpia.load.problems import Problem
from gpia.load.yaml_loader import YamlDocument

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError


@cache
def schema_for(kind: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / f"{kind}.json").read_text(encoding="utf-8"))


@cache
def validator_for(kind: str) -> Draft202012Validator:
    # jsonschema (and the check of the schema itself against the JSON Schema metaschema) is needed
    # only to explain a file that fails the fast check, so a build of valid data never imports it:
    # a fixed cost of every build and every `mkdocs serve` rebuild. tests/test_schema_check.py
    # builds this validator for every kind, so a broken schema still fails `make test`.
    from jsonschema import Draft202012Validator

    schema = schema_for(kind)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@cache
def _fast_check(kind: str) -> Any:
    # fastjsonschema compiles the schema to Python and is about ten times quicker; it stops at
    # the first error, so jsonschema is used only for files that fail, to list every problem.
    # The schemas use no keyword where the two differ (tests/test_schema_check.py keeps it so).
    return fastjsonschema.compile(schema_for(kind))


def schema_problems(doc: YamlDocument, kind: str) -> list[Problem]:
    if doc.data is None:
        return [Problem(doc.path, 1, 1, f"file is empty; it should hold {_title(kind)} (see {kind}.json)")]
    try:
        _fast_check(kind)(doc.data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    validator = validator_for(kind)
    problems: list[Problem] = []
    seen: set[Problem] = set()
    for error in validator.iter_errors(doc.data):
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
        return [origin.problem(f"'{field}' is {_shown(value)}, which is not {_pattern_name(error.validator_value)}")]
    if check == "minItems":
        return [origin.problem(f"'{field}' is an empty list; add at least one item or remove the field")]
    if check == "minProperties":
        return [origin.problem(f"'{field}' is empty; fill in its fields (see the schema's description) or remove it")]
    if check == "maxLength" and error.schema.get("pattern") == READERS_WORDS:
        return [origin.problem(f"'{field}' is {len(value):,} characters long; a word readers type is at most "
                               f"{error.validator_value} characters, so shorten it or split it in two")]
    if check == "maxLength":  # ids: they become page addresses (folder names)
        return [origin.problem(f"'{field}' is {len(value):,} characters long; an id is at most "
                               f"{error.validator_value} characters, because it becomes the address of a page, "
                               "so shorten it")]
    if check == "maxItems":
        return [origin.problem(f"'{field}' lists {len(value)} items; at most {error.validator_value}, so keep "
                               "the ones readers use most")]
    if check == "minLength" and value:
        return [origin.problem(f"'{field}' is {_shown(value)}; it must be at least {error.validator_value} "
                               "characters long")]
    if check == "minLength":
        return [origin.problem(f"'{field}' is empty; write the text or remove the field")]
    if check == "uniqueItems":
        what = "word" if error.schema.get("items", {}).get("pattern") == READERS_WORDS else "id"
        return [origin.problem(f"'{field}' lists the same {what} twice; remove the repeat")]
    if check == "oneOf":
        options = ", ".join(next(iter(option.get("required", ["?"]))) for option in error.validator_value)
        return [origin.problem(f"'{field}' must be exactly one of: {options} (got {_keys(value)})")]
    return [origin.problem(f"'{field}': {error.message}")]


def _keys(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(str(k) for k in value) or "no fields"
    return _shown(value)


# The words readers may type for a record (`also_known_as`), a whole value: nothing may follow it.
READERS_WORDS = "^[A-Za-z0-9][A-Za-z0-9&'./+()-]*( [A-Za-z0-9&'./+()-]+)*(?![\\s\\S])"

_PATTERNS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "a kebab-case id (lowercase letters, digits and single hyphens, e.g. term-gp-federation)",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "a date written YYYY-MM-DD",
    "^[0-9]+(\\.[0-9]+)*(\\([a-z]+\\))?$": "a clause number such as \"6.2(d)\"",
    "^[0-9]+$": "a number written in quotes, such as \"5\"",
    "^https://": "an https:// address",
    "^[A-Za-z0-9&'./+()-]+( [A-Za-z0-9&'./+()-]+)*$":
        "an abbreviation as the text writes it: one line of letters, digits and & ' . / + ( ) -, "
        "words separated by single spaces, such as \"GP IA\"",
    READERS_WORDS: "a word or phrase a reader may type: one line of letters, digits and & ' . / + ( ) -, "
                   "starting with a letter or digit, words separated by single spaces, such as \"data protection\"",
}


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
