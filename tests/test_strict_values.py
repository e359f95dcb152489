"""Values that JSON Schema (read by Python) would let through, generated from the schemas themselves so a
new field gets them too: every pattern-checked text with a trailing line feed, every date with a day
that is not in the calendar, every integer written as 2.0, every number written as .nan or .inf.

Each case changes one value of a real data file, in its YAML text, and expects exactly one problem,
at the value's line and column, that says what to write instead.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from browser.schema_fields import inline, load_schema
from gpia.load.layout import SCHEMA_DIR, data_files
from gpia.model.kinds import file_kind as kind_of
from gpia.load.yaml_loader import load_yaml_file, parse_yaml
from gpia.validate.schema_check import schema_problems

from conftest import ROOT, problems, write


@dataclass(frozen=True)
class Leaf:
    file: str  # relative to the project
    kind: str
    path: tuple[Any, ...]  # keys and indexes in the file's data
    value: Any
    schema: dict[str, Any]


def _field(path: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple("[]" if isinstance(part, int) else part for part in path)


def _leaves(schema: dict[str, Any], node: Any, at: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Any, dict]]:
    for key in ("oneOf", "anyOf"):
        branches = [b for b in schema.get(key, ()) if set(b) - {"required", "not", "description"}]
        if branches:
            chosen = [b for b in branches if Draft202012Validator(b).is_valid(node)]
            if chosen:
                yield from _leaves(chosen[0], node, at)
            return
    for branch in schema.get("allOf", ()):
        yield from _leaves(branch, node, at)
    if isinstance(node, dict):
        for name, value in node.items():
            sub = schema.get("properties", {}).get(name, schema.get("additionalProperties"))
            if isinstance(sub, dict):
                yield from _leaves(sub, value, at + (name,))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            if isinstance(schema.get("items"), dict):
                yield from _leaves(schema["items"], item, at + (i,))
    else:
        yield at, node, schema


def _first_leaf_per_field() -> list[Leaf]:
    """One value per field of each kind: the first one the real data holds."""
    seen: set[tuple[str, tuple[Any, ...]]] = set()
    out = []
    for file in data_files(ROOT):
        relative = file.relative_to(ROOT).as_posix()
        kind = kind_of(relative)
        root = load_schema(SCHEMA_DIR, kind)
        data = load_yaml_file(file, relative).data
        for path, value, schema in _leaves(inline(root, root), data, ()):
            if (kind, _field(path)) not in seen:
                seen.add((kind, _field(path)))
                out.append(Leaf(relative, kind, path, value, schema))
    return out


LEAVES = _first_leaf_per_field()


def _where(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _shown(text: str) -> str:
    """Text as a message shows it: quoted, and cut short past 80 characters."""
    if len(text) <= 80:
        return json.dumps(text, ensure_ascii=False)
    return f"{json.dumps(text[:60], ensure_ascii=False)[:-1]}…\" ({len(text):,} characters)"


def _cases() -> list[tuple[str, Leaf, str, str]]:
    """(case id, leaf, the YAML written instead of the value, the message expected after line:col)."""
    cases = []
    for leaf in LEAVES:
        where, types = _where(leaf.path), leaf.schema.get("type")
        name = f"{leaf.kind}: {_where(_field(leaf.path))}"
        if isinstance(leaf.value, str) and "pattern" in leaf.schema:
            cases.append((f"{name} line feed", leaf, json.dumps(leaf.value + "\n"),
                          f"'{where}' is {_shown(leaf.value)} with a line break at the end; "
                          "remove the line break at the end"))
        if leaf.schema.get("format") == "date":
            cases.append((f"{name} impossible day", leaf, "2026-02-30",
                          f"'{where}' is \"2026-02-30\", which is not a day of the calendar (February 2026 has "
                          "28 days); write a real date as YYYY-MM-DD"))
        if types == "integer":
            cases.append((f"{name} as a float", leaf, f"{leaf.value}.0",
                          f"'{where}' must be a whole number, not {leaf.value}.0; write it without the decimal "
                          f"point: {leaf.value}"))
        if types in ("integer", "number"):
            for token, reads in ((".nan", "not a number"), (".inf", "infinity"), ("-.inf", "minus infinity")):
                cases.append((f"{name} {token}", leaf, token,
                              f"'{where}' is {token}, which YAML reads as {reads}; write a number such as 95 "
                              "(or, for text, put the value in quotes)"))
    return cases


CASES = _cases()


def _span(text: str, path: tuple[Any, ...]) -> tuple[int, int, int, int]:
    """Start and end offsets of the scalar at `path`, and its line and column (from 1)."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    for part in path:
        if isinstance(part, int):
            node = node.value[part]
        else:
            node = next(v for k, v in node.value if k.value == part)
    return node.start_mark.index, node.end_mark.index, node.start_mark.line + 1, node.start_mark.column + 1


def _changed(relative: str, path: tuple[Any, ...], token: str) -> tuple[str, int, int]:
    """The text of the data file `relative` with the value at `path` written as `token`, and that
    value's line and column."""
    text = (ROOT / relative).read_text(encoding="utf-8")
    start, end, line, col = _span(text, path)
    return text[:start] + token + text[end:], line, col


def _write_changed(data_copy: Path, relative: str, path: tuple[Any, ...], token: str) -> tuple[int, int]:
    """Write the changed file (_changed) into the copy of the data; the value's line and column."""
    text, line, col = _changed(relative, path, token)
    write(data_copy, relative, text)
    return line, col


def test_the_schemas_give_every_kind_of_case() -> None:
    """The walk finds fields of each kind; a schema change that hid them would make the test below empty."""
    ids = " ".join(case[0] for case in CASES)
    for kind in ("line feed", "impossible day", "as a float", ".nan", ".inf"):
        assert ids.count(kind) >= 1, kind
    assert ids.count("line feed") >= 20 and ids.count("impossible day") >= 10


@pytest.mark.parametrize("name, leaf, token, message", CASES, ids=[case[0] for case in CASES])
def test_value_is_refused_where_it_is_written(name: str, leaf: Leaf, token: str, message: str) -> None:
    text, line, col = _changed(leaf.file, leaf.path, token)
    doc = parse_yaml(text, leaf.file)
    assert not isinstance(doc, type(None)) and hasattr(doc, "data"), doc
    assert [str(p) for p in schema_problems(doc, leaf.kind)] == [f"{leaf.file}:{line}:{col}: {message}"]


def _example_number() -> tuple[str, str]:
    """A schedule file whose worked example has a number, and that number's field id."""
    for file in sorted((ROOT / "clauses" / "schedules").glob("*.yaml")):
        relative = file.relative_to(ROOT).as_posix()
        values = load_yaml_file(file, relative).data["schedule"].get("example", {}).get("values", {})
        for field_id, value in values.items():
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return relative, field_id
    raise AssertionError("no worked example has a number: the case below would test nothing")


@pytest.mark.parametrize("token, reads", [(".nan", "not a number"), ("-.inf", "minus infinity")])
def test_untyped_worked_example_number_must_be_finite(data_copy: Path, token: str, reads: str) -> None:
    """A worked example's values take any type (the schema says nothing of them); a number there must
    still be finite, or pages and Word files say "nan GP sessions a week"."""
    relative, field_id = _example_number()
    line, col = _write_changed(data_copy, relative, ("schedule", "example", "values", field_id), token)
    assert problems(data_copy) == [
        f"{relative}:{line}:{col}: 'schedule.example.values.{field_id}' is {token}, which YAML reads as {reads}; "
        "write a number such as 95 (or, for text, put the value in quotes)"]


def test_trailing_line_feed_id_beside_the_real_one_is_one_problem(data_copy: Path) -> None:
    """"term-mcp\\n" beside term-mcp used to pass the duplicate check and build a folder with a line feed."""
    relative = "clauses/glossary.yaml"
    text = (ROOT / relative).read_text(encoding="utf-8")
    first = text.index("  - id: ")
    line = text[:first].count("\n") + 1
    copy = text[first:text.index("  - id: ", first + 1)]
    term_id = copy.split("\n")[0].removeprefix("  - id: ")
    write(data_copy, relative, text[:first] + copy.replace(f"id: {term_id}", f'id: "{term_id}\\n"', 1) + text[first:])
    assert problems(data_copy) == [
        f"{relative}:{line}:9: 'terms[0].id' is \"{term_id}\" with a line break at the end; remove the line "
        "break at the end"]


def test_a_glossary_term_of_two_thousand_words_is_refused_naming_the_limit(data_copy: Path) -> None:
    """A term is a phrase every page is scanned for; 2,000 words are not a term."""
    relative = "clauses/glossary.yaml"
    long = " ".join(["word"] * 2000)
    line, col = _write_changed(data_copy, relative, ("terms", 0, "term"), long)
    assert problems(data_copy) == [
        f"{relative}:{line}:{col}: 'terms[0].term' is {len(long):,} characters long; a glossary term is at most 500 "
        "characters (see Limits on sizes in CONTRIBUTING.md), so shorten it"]


def test_too_many_slips_are_refused_naming_the_limit(data_copy: Path) -> None:
    relative = "clauses/sources.yaml"
    text = (ROOT / relative).read_text(encoding="utf-8")
    marker = "    sic:\n"
    at = text.index(marker) + len(marker)
    line = text[:at].count("\n") + 1
    slip = text[at:text.index("\n", text.index("meant:", at)) + 1]
    write(data_copy, relative, text[:at] + slip * 50 + text[at:])
    found = problems(data_copy)
    assert found[0] == (f"{relative}:{line}:7: 'sources[0].sic' lists {50 + text[at:].split('  - id:')[0].count('printed:'):,} "
                        "items; it may list at most 50 (see Limits on sizes in CONTRIBUTING.md), so remove some")
    assert len(found) == 1


def test_an_address_is_one_line_without_characters_that_end_an_attribute(data_copy: Path) -> None:
    relative = "clauses/citations.yaml"
    line, col = _write_changed(data_copy, relative, ("citations", 0, "url"), "'https://example.org/\"><script>x</script>'")
    assert problems(data_copy) == [
        f"{relative}:{line}:{col}: 'citations[0].url' is \"https://example.org/\\\"><script>x</script>\", which is not "
        "an https:// address (one line, without spaces or \" < > \\ ^ ` { | })"]
