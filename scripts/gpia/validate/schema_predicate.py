"""A schema turned into one yes-or-no check of a whole file, for the data that passes (nearly all of it).

A file is explained by jsonschema (gpia.validate.schema_check), which lists every error but is slow;
it runs only for a file that fails the quick check here. So the check must never pass what
jsonschema refuses: it applies each keyword as jsonschema applies it with the project's rules
(patterns already anchored to the whole value, "integer" a Python int, format "date" a day of the
calendar). Where it cannot be sure (unique items that are not all text) it gives up on the file
(`Unsure`), and jsonschema decides.

Each part of a schema becomes one Python function, built once per kind: a whole file is checked in
one pass, with no messages made for the branches of a `oneOf` that do not fit (which is most of
the time of a generated validator that reports its first error). A schema using a keyword not
handled here gets no check (`Unsupported`), and its kind keeps the generated validator.
"""
from __future__ import annotations

import math
import numbers
import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]


class Unsupported(Exception):
    """The schema uses a keyword (or a form of one) that this module does not apply."""


class Unsure(Exception):
    """The check cannot tell, for this value, what jsonschema would say: let jsonschema decide."""


# Keywords that say nothing about the value.
_NOTES = frozenset({"$schema", "$id", "$defs", "definitions", "title", "description", "default", "examples",
                    "$comment", "deprecated", "readOnly", "writeOnly"})
_STRING = frozenset({"minLength", "maxLength", "pattern", "format"})
_ARRAY = frozenset({"items", "minItems", "maxItems", "uniqueItems"})
_OBJECT = frozenset({"properties", "additionalProperties", "patternProperties", "required", "minProperties",
                     "maxProperties", "dependentRequired"})
_NUMBER = frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"})
_ANY = frozenset({"type", "enum", "const", "$ref", "oneOf", "anyOf", "allOf", "not"})
_KNOWN = _NOTES | _STRING | _NUMBER | _ARRAY | _OBJECT | _ANY


def _is_integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


_TYPES: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "integer": _is_integer,
    "number": _is_number,
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def _accept(value: Any) -> bool:
    return True


def _reject(value: Any) -> bool:
    return False


def _unique(items: list[Any]) -> bool:
    # Text is equal as Python compares it; jsonschema's equality of other values (1 and 1.0 equal,
    # 1 and true not) is left to jsonschema.
    for item in items:
        if type(item) is not str:
            raise Unsure
    return len(set(items)) == len(items)


def build(schema: dict[str, Any], is_date: Callable[[Any], bool]) -> Check:
    """The check of a whole schema: True when jsonschema would find no error. It may raise Unsure.
    Raises Unsupported for a schema it cannot apply."""
    return _Builder(schema, is_date).check(schema)


class _Builder:
    def __init__(self, root: dict[str, Any], is_date: Callable[[Any], bool]):
        self.root = root
        self.base = root.get("$id", "") if isinstance(root, dict) else ""
        self.is_date = is_date
        self.built: dict[int, Check] = {}  # by the id of a schema reached by $ref, built once

    def check(self, schema: Any) -> Check:
        if schema is True:
            return _accept
        if schema is False:
            return _reject
        if not isinstance(schema, dict):
            raise Unsupported(f"a schema that is {type(schema).__name__}")
        unknown = set(schema) - _KNOWN
        if unknown:
            raise Unsupported(f"keywords {sorted(unknown)}")
        checks: list[Check] = []
        # A single type of string, list or mapping is checked by the keywords of that type at once.
        fused = schema.get("type") if schema.get("type") in ("string", "array", "object") else None
        if "type" in schema and not fused:
            checks.append(self._type(schema["type"]))
        if "enum" in schema:
            checks.append(self._enum(schema["enum"]))
        if "const" in schema:
            checks.append(self._enum([schema["const"]]))
        if _STRING.intersection(schema) or fused == "string":
            checks.append(self._string(schema, only=fused == "string"))
        if _NUMBER.intersection(schema):
            checks.append(self._number(schema))
        if _ARRAY.intersection(schema) or fused == "array":
            checks.append(self._array(schema, only=fused == "array"))
        if _OBJECT.intersection(schema) or fused == "object":
            checks.append(self._object(schema, only=fused == "object"))
        if "$ref" in schema:
            checks.append(self._ref(schema["$ref"]))
        if "allOf" in schema:
            checks += [self.check(s) for s in self._list(schema["allOf"])]
        if "anyOf" in schema:
            options = [self.check(s) for s in self._list(schema["anyOf"])]
            checks.append(lambda v: any(option(v) for option in options))
        if "oneOf" in schema:
            checks.append(self._one_of([self.check(s) for s in self._list(schema["oneOf"])]))
        if "not" in schema:
            negated = self.check(schema["not"])
            checks.append(lambda v: not negated(v))
        return _all(checks)

    @staticmethod
    def _list(value: Any) -> list[Any]:
        if not isinstance(value, list) or not value:
            raise Unsupported("a list of schemas that is not a list")
        return value

    def _type(self, wanted: Any) -> Check:
        names = [wanted] if isinstance(wanted, str) else wanted
        if not isinstance(names, list) or not all(name in _TYPES for name in names):
            raise Unsupported(f"type {wanted!r}")
        tests = [_TYPES[name] for name in names]
        return tests[0] if len(tests) == 1 else (lambda v: any(test(v) for test in tests))

    @staticmethod
    def _enum(options: Any) -> Check:
        # Text, true, false and null only: jsonschema compares text with text as Python does, text is
        # never equal to anything else, and true, false and null are each equal to themselves alone
        # (not to 1 or 0).
        if not isinstance(options, list) or not all(type(o) is str or o is None or type(o) is bool for o in options):
            raise Unsupported("enum or const of values other than text, true, false and null")
        allowed = frozenset(o for o in options if type(o) is str)
        others = tuple(o for o in options if type(o) is not str)
        if not others:
            return lambda v: isinstance(v, str) and v in allowed
        return lambda v: v in allowed if isinstance(v, str) else any(v is o for o in others)

    def _string(self, schema: dict[str, Any], only: bool) -> Check:
        """The string keywords; with `only`, a value that is not a string fails (its type is "string")."""
        shortest = schema.get("minLength", 0)
        longest = schema.get("maxLength", math.inf)
        if not _is_integer(shortest) or not (longest is math.inf or _is_integer(longest)):
            raise Unsupported("minLength or maxLength that is not a whole number")
        pattern = schema.get("pattern")
        if pattern is not None and not isinstance(pattern, str):
            raise Unsupported("pattern that is not text")
        search = re.compile(pattern).search if pattern is not None else None
        # The only format checked (as in schema_check.validator_for); jsonschema ignores the others.
        is_date = self.is_date if schema.get("format") == "date" else None

        def check(v: Any) -> bool:
            if not isinstance(v, str):
                return not only
            if not shortest <= len(v) <= longest:
                return False
            if search is not None and search(v) is None:
                return False
            return is_date is None or is_date(v)
        return check

    @staticmethod
    def _number(schema: dict[str, Any]) -> Check:
        bounds = [schema.get(k) for k in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")]
        if not all(b is None or _is_number(b) for b in bounds):
            raise Unsupported("a bound that is not a number")
        low, high, above, below = bounds

        def check(v: Any) -> bool:
            if not _is_number(v):
                return True
            # Written as jsonschema tests them, so that NaN passes as it does there.
            return not ((low is not None and v < low) or (high is not None and v > high) or
                        (above is not None and v <= above) or (below is not None and v >= below))
        return check

    def _array(self, schema: dict[str, Any], only: bool) -> Check:
        fewest = schema.get("minItems", 0)
        most = schema.get("maxItems", math.inf)
        if not _is_integer(fewest) or not (most is math.inf or _is_integer(most)):
            raise Unsupported("minItems or maxItems that is not a whole number")
        item = self.check(schema["items"]) if "items" in schema else None
        unique = schema.get("uniqueItems", False)
        if not isinstance(unique, bool):
            raise Unsupported("uniqueItems that is not true or false")

        def check(v: Any) -> bool:
            if not isinstance(v, list):
                return not only
            if not fewest <= len(v) <= most:
                return False
            if item is not None:
                for x in v:
                    if not item(x):
                        return False
            return not unique or _unique(v)
        return check

    def _object(self, schema: dict[str, Any], only: bool) -> Check:
        properties = schema.get("properties", {})
        patterns = schema.get("patternProperties", {})
        if not isinstance(properties, dict) or not isinstance(patterns, dict):
            raise Unsupported("properties or patternProperties that are not a mapping")
        named = {name: self.check(sub) for name, sub in properties.items()}
        matched = [(re.compile(p).search, self.check(sub)) for p, sub in patterns.items()]
        extra = self.check(schema.get("additionalProperties", True))
        required = schema.get("required", [])
        dependent = schema.get("dependentRequired", {})
        fewest = schema.get("minProperties", 0)
        most = schema.get("maxProperties", math.inf)
        if not isinstance(required, list) or not all(isinstance(name, str) for name in required) \
                or not isinstance(dependent, dict) \
                or not all(isinstance(names, list) and all(isinstance(n, str) for n in names) for names in dependent.values()) \
                or not _is_integer(fewest) or not (most is math.inf or _is_integer(most)):
            raise Unsupported("required, dependentRequired, minProperties or maxProperties of an unexpected form")
        needed = frozenset(required)
        depends = [(name, frozenset(names)) for name, names in dependent.items()]

        def check(v: Any) -> bool:
            if not isinstance(v, dict):
                return not only
            if not fewest <= len(v) <= most:
                return False
            if needed and not needed <= v.keys():
                return False
            for name, names in depends:
                if name in v and not names <= v.keys():
                    return False
            if matched:
                return _with_patterns(v, named, matched, extra)
            for key, value in v.items():
                sub = named.get(key)
                if not (sub or extra)(value):
                    return False
            return True
        return check

    def _ref(self, ref: Any) -> Check:
        if not isinstance(ref, str) or "#" not in ref:
            raise Unsupported(f"$ref {ref!r}")
        document, _, pointer = ref.partition("#")
        if document not in ("", self.base) or (pointer and not pointer.startswith("/")):
            raise Unsupported(f"$ref {ref!r} to another document")
        target: Any = self.root
        for part in pointer.split("/")[1:]:
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, dict) or part not in target:
                raise Unsupported(f"$ref {ref!r} to nothing")
            target = target[part]
        key = id(target)
        if key not in self.built:
            # A schema that refers to itself (directly or not) reaches this entry while it is built.
            cell: list[Check] = []
            self.built[key] = lambda v: cell[0](v)
            cell.append(self.check(target))
            self.built[key] = cell[0]
        return self.built[key]

    @staticmethod
    def _one_of(options: list[Check]) -> Check:
        def check(v: Any) -> bool:
            fits = 0
            for option in options:
                if option(v):
                    fits += 1
                    if fits > 1:
                        return False
            return fits == 1
        return check


def _with_patterns(v: dict[Any, Any], named: dict[str, Check], matched: list[tuple[Any, Check]], extra: Check) -> bool:
    for key, value in v.items():
        if not isinstance(key, str):
            raise Unsure
        sub = named.get(key)
        if sub is not None and not sub(value):
            return False
        hit = False
        for search, check in matched:
            if search(key) is not None:
                hit = True
                if not check(value):
                    return False
        if sub is None and not hit and not extra(value):
            return False
    return True


def _all(checks: list[Check]) -> Check:
    if not checks:
        return _accept
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda v: first(v) and second(v)
    return lambda v: all(check(v) for check in checks)
