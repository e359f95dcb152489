"""A copy of the data with a hostile payload in every string field whose schema allows free text.

The fields come from the JSON Schemas (tests/browser/schema_fields.py), not from a list: a field
added to a schema is poisoned, or reported, without an edit here. Each poisoned value becomes

    <original> + HOSTILE + " " + <marker>

where the marker (`qz007qz`) names the field. A page or download that holds a marker received that
field, so the payload must stand literally just before it; a marker also tells which field carried
markup that escaped.

String fields whose schema rejects the payload cannot carry it and are listed as constrained. That
is decided from the schema, not from a list: the payload appended to each of the field's values (or
to a made-up word, when the data has none) must fail the field's own schema, and the schema must
say why (a pattern, an enum, a const, a format or a maxLength). A free-text field the data never
uses gets a made-up value, so it is tested too; one that cannot be made up fails the test.
"""
from __future__ import annotations

import itertools
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from conftest import NO_SOURCES, mkdocs_build
from gpia.load.layout import SCHEMA_DIR, data_files
from gpia.model.kinds import file_kind
from gpia.knowledge_base import LoadResult, load_knowledge_base
from gpia.load.problems import Problem
from gpia.load.yaml_loader import load_yaml_file

from .schema_fields import (CONSTRAINING, DataString, StringField, branches, data_strings, field_name, inline,
                            kinds, load_schema, string_fields)

PAYLOADS = (
    "<b>x</b>",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)",
    "[click](javascript:alert(1))",
    "![i](x)",
    "\n\n<script>alert(3)</script>",
    "{{ 7*7 }}",
    "{% raw %}",
    "{{ config }}",
    "</title></textarea><script>alert(2)</script>",
)
HOSTILE = " " + " ".join(PAYLOADS)
# What a reader sees of HOSTILE: HTML shows any run of white space as one space.
HOSTILE_SHOWN = " ".join(HOSTILE.split())
# HOSTILE as it would read had Jinja rendered it: `{{ 7*7 }}` became 49.
JINJA_RAN = "49"
MARKER = re.compile(r"qz(\d{3})qz")


def marker(number: int) -> str:
    return f"qz{number:03d}qz"


# --- The wording check -------------------------------------------------------------------------
# NHS wording (requirement text, FAQ answers, quotes...) is compared with the source documents,
# which do not hold the payloads: the hostile site is built and loaded with that check off. These
# two functions are the only place that says how.

def build_without_wording_check(site: Path, data_root: Path) -> subprocess.CompletedProcess:
    return mkdocs_build(site, data_root, NO_SOURCES)  # no source documents: nothing to compare with


def load_without_wording_check(data_root: Path) -> LoadResult:
    return load_knowledge_base(data_root, check_wording=False)


# --- Fields the checks look up in other text ----------------------------------------------------
# Some free-text values are searched for in other values by the semantic checks, so a payload in
# them alone would make the data invalid rather than test the site:
#   - a requirement's `defers_to[].placeholder` must be words of its `text` (gpia.validate.checks);
#   - a change's `find.before`, `find.after` and `find.first_words[]` must find bullets (or row
#     titles) of the comparison, or the change is reported as showing nowhere (gpia.compare.changes).
# Each of these values is poisoned like any other, and the poisoned value then replaces the old one
# wherever it occurs in the fields it is looked up in, so what it finds is unchanged: the payload
# starts with a space and the marker ends with a letter, so whole-word matches stay whole-word
# matches, a text that began with the words still begins with them, and a placeholder stays inside
# its text. (Field -> the fields it is looked up in.)
_TEXT = ("requirement-table", "areas[].requirements[].text")
_ROW_TITLE = ("requirement-table", "areas[].title")
LOOKED_UP: dict[tuple[str, str], frozenset[tuple[str, str]]] = {
    ("requirement-table", "areas[].requirements[].defers_to[].placeholder"): frozenset({_TEXT}),
    ("changes", "changes[].find.before"): frozenset({_TEXT, _ROW_TITLE}),
    ("changes", "changes[].find.after"): frozenset({_TEXT, _ROW_TITLE}),
    ("changes", "changes[].find.first_words[]"): frozenset({_TEXT}),
}


@dataclass
class FieldReport:
    field: StringField
    number: int
    constrained: list[str] = field(default_factory=list)  # the schema keywords that reject the payload
    poisoned: int = 0  # values that carry the payload
    synthesised: str | None = None  # where a value was added because the data had none

    @property
    def marker(self) -> str:
        return marker(self.number)

    @property
    def suffix(self) -> str:
        return HOSTILE + " " + self.marker

    def line(self) -> str:
        if self.constrained:
            return f"constrained ({', '.join(self.constrained)}) {self.field.name}"
        note = f"; synthesised at {self.synthesised}" if self.synthesised else ""
        untyped = " (untyped: every string under it)" if self.field.untyped else ""
        return f"poisoned    {self.marker} {self.field.name}{untyped}: {self.poisoned} value(s){note}"


@dataclass
class Poisoned:
    """What poison_data did, field by field."""
    fields: list[FieldReport]

    def by_marker(self) -> dict[str, FieldReport]:
        return {f.marker: f for f in self.fields if not f.constrained}

    def poisoned(self) -> list[FieldReport]:
        return [f for f in self.fields if not f.constrained]

    def constrained(self) -> list[FieldReport]:
        return [f for f in self.fields if f.constrained]

    def names(self, markers: set[str] | list[str]) -> str:
        known = self.by_marker()
        return ", ".join(sorted({known[m].field.name if m in known else f"unknown marker {m}" for m in markers}))

    def report(self) -> str:
        lines = []
        for kind, group in itertools.groupby(self.fields, key=lambda f: f.field.kind):
            group = list(group)
            poisoned = sum(1 for f in group if not f.constrained)
            lines.append(f"{kind}: {len(group)} string fields in the schema, {poisoned} poisoned, "
                         f"{len(group) - poisoned} constrained")
            lines += ["  " + f.line() for f in group]
        total = len(self.fields)
        lines.append(f"total: {total} string fields, {len(self.poisoned())} poisoned, {len(self.constrained())} constrained")
        return "\n".join(lines) + "\n"


@dataclass
class _File:
    path: Path
    kind: str
    comments: str  # the leading comment lines (the editor modeline), kept
    data: Any


def poison_data(root: Path) -> Poisoned:
    """Rewrite every YAML file under `root` (a copy from conftest.copy_data) with its free-text fields
    poisoned; raise AssertionError when a declared field cannot be covered."""
    files = _read(root)
    numbers = itertools.count(1)
    reports: list[FieldReport] = []
    for kind in kinds(SCHEMA_DIR):
        for f in string_fields(SCHEMA_DIR, kind):
            reports.append(FieldReport(f, next(numbers)))
    for report in reports:
        _classify(report, files)
    for report in reports:
        if not report.constrained and not _strings_of(report.field, files):
            report.synthesised = _synthesise(report.field, files, reports)
    _apply(reports, files)
    for file in files:
        file.path.write_text(file.comments + yaml.safe_dump(file.data, allow_unicode=True, sort_keys=False,
                                                            width=10_000), encoding="utf-8")
    return Poisoned(reports)


def _read(root: Path) -> list[_File]:
    files = []
    for path in data_files(root):
        relative = path.relative_to(root).as_posix()
        kind = file_kind(relative)
        assert kind is not None, f"{relative} is not a data file of any kind"
        document = load_yaml_file(path, relative)
        assert not isinstance(document, Problem), str(document)
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        comments = "".join(itertools.takewhile(lambda line: line.startswith("#"), lines))
        files.append(_File(path, kind, comments, document.data))
    return files


def _strings_of(f: StringField, files: list[_File]) -> list[tuple[_File, DataString]]:
    return [(file, s) for file in files if file.kind == f.kind
            for s in data_strings(SCHEMA_DIR, file.kind, file.data) if s.field_path == f.path]


def _classify(report: FieldReport, files: list[_File]) -> None:
    """Constrained when the schema rejects the payload after the field's values (or after a made-up
    word when the data has none): then every value must reject it, and the schema must say why."""
    f = report.field
    if f.untyped:
        return
    values = [s.value for _, s in _strings_of(f, files)] or ["Text"]
    accepted = [v for v in values if f.accepts(v + report.suffix)]
    if len(accepted) == len(values):
        return
    assert not accepted, (f"{f.name} accepts the payload after {accepted[0]!r} but not after every value: "
                          "the test cannot tell whether it is free text")
    constraints = f.constraints()
    assert constraints, (f"{f.name} rejects the payload, but its schema has none of {', '.join(CONSTRAINING)}: "
                         "the test does not know why, so it cannot call the field constrained")
    report.constrained = constraints


def _get(data: Any, at: tuple[Any, ...]) -> Any:
    for part in at:
        data = data[part]
    return data


def _set(data: Any, at: tuple[Any, ...], value: Any) -> None:
    _get(data, at[:-1])[at[-1]] = value


def _apply(reports: list[FieldReport], files: list[_File]) -> None:
    by_path = {(r.field.kind, r.field.path): r for r in reports}
    free: list[tuple[_File, DataString, FieldReport]] = [
        (file, s, by_path[(file.kind, s.field_path)]) for file in files
        for s in data_strings(SCHEMA_DIR, file.kind, file.data) if not by_path[(file.kind, s.field_path)].constrained]
    key = lambda r: (r.field.kind, field_name(r.field.path))  # noqa: E731
    declared = {key(r) for r in reports if not r.constrained}
    named = set(LOOKED_UP).union(*LOOKED_UP.values())
    assert named <= declared, f"LOOKED_UP names fields the schemas do not declare as free text: {sorted(named - declared)}"
    looked_up = [(file, s, r) for file, s, r in free if key(r) in LOOKED_UP]
    for file, s, report in looked_up:
        old = _get(file.data, s.json_path)
        report.poisoned += 1
        if old.endswith(report.suffix):
            continue  # the same words, already renamed through another value
        new = old + report.suffix
        assert old not in HOSTILE, f"{report.field.name} value {old!r} occurs in the payload itself; rename it in the test"
        for other_file, other, other_report in free:
            if key(other_report) not in LOOKED_UP[key(report)] and other_report is not report:
                continue
            text = _get(other_file.data, other.json_path)
            if old in text:
                _set(other_file.data, other.json_path, text.replace(old, new))
    for file, s, report in free:
        if key(report) in LOOKED_UP:
            continue
        _set(file.data, s.json_path, _get(file.data, s.json_path) + report.suffix)
        report.poisoned += 1


# --- Declared fields the data does not use -------------------------------------------------------

def _synthesise(f: StringField, files: list[_File], reports: list[FieldReport]) -> str:
    """Add a minimal valid value for `f` under the deepest node of the data that exists on its path
    (the first such node); return where. Required constrained strings of what is added (a quote's
    source id, say) are copied from a value the data gives a field of the same name and schema."""
    candidates = [(len(rest), i, file, at, holder, rest) for file in files if file.kind == f.kind
                  for i, (at, holder, rest) in enumerate(_ancestors(file.data, f.path))]
    if not candidates:
        raise AssertionError(f"{f.name} is declared by the schema but never occurs in the data, and no record can "
                             "hold it: the field is untested; add it to the data or teach the test to synthesise it")
    _, _, file, at, holder, rest = min(candidates, key=lambda c: c[:2])
    if any(part == "*" or part.startswith("<") for part in rest):
        raise AssertionError(f"{f.name} never occurs in the data, and the test cannot make up the key of a mapping "
                             "(additionalProperties, patternProperties) to hold it: the field is untested; add it to the data")
    below = _schema_below(f, len(f.path) - len(rest))
    if isinstance(holder, list):
        holder.append(_build(f, _part(below, "[]"), rest[1:], files, reports))
        where = at + (len(holder) - 1,)
    else:
        holder[rest[0]] = _build(f, _part(below, rest[0]), rest[1:], files, reports)
        where = at + (rest[0],)
    return f"{file.path.name}: {'.'.join(str(p) for p in where)}"


def _ancestors(data: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[Any, ...], Any, tuple[str, ...]]]:
    """(json path, node, the rest of the field path) for each node along `path` that has no child
    for the next step of the path."""
    found: list[tuple[tuple[Any, ...], Any]] = [((), data)]
    for depth, part in enumerate(path):
        deeper = []
        for at, node in found:
            if part == "[]" and isinstance(node, list) and node:
                deeper += [(at + (i,), item) for i, item in enumerate(node)]
            elif part != "[]" and isinstance(node, dict) and part in node:
                deeper.append((at + (part,), node[part]))
            elif isinstance(node, list if part == "[]" else dict):
                yield at, node, path[depth:]
        found = deeper


def _schema_below(f: StringField, depth: int) -> dict[str, Any]:
    """The (inlined) schema of the node `depth` steps down the field's path."""
    root = load_schema(SCHEMA_DIR, f.kind)
    node: dict[str, Any] = inline(root, root)
    for part in f.path[:depth]:
        node = _part(node, part)
    return node


def _part(schema: dict[str, Any], part: str) -> dict[str, Any]:
    """The schema of a property ('[]': of the items) in `schema` or in one of its branches."""
    for branch in branches(schema):
        if part == "[]" and isinstance(branch.get("items"), dict):
            return branch["items"]
        if part in branch.get("properties", {}):
            return branch["properties"][part]
    raise AssertionError(f"no schema for {part!r} in {schema.get('description', schema)!r}")


def _build(f: StringField, schema: dict[str, Any], rest: tuple[str, ...], files: list[_File],
           reports: list[FieldReport]) -> Any:
    """The smallest value of `schema` that holds `f` at `rest` below it, with every required field."""
    if not rest:
        return "Synthetic " + f.path[-1].replace("_", " ")
    if rest[0] == "[]":
        return [_build(f, _part(schema, "[]"), rest[1:], files, reports)]
    value = {rest[0]: _build(f, _part(schema, rest[0]), rest[1:], files, reports)}
    for name in schema.get("required", ()):
        if name not in value:
            value[name] = _borrowed(f, name, _part(schema, name), files, reports)
    return value


def _borrowed(f: StringField, name: str, schema: dict[str, Any], files: list[_File], reports: list[FieldReport]) -> Any:
    """A value the data gives a string field called `name` with the same schema; a free-text field
    gets a made-up word instead."""
    for report in reports:
        other = report.field
        if other.path[-1] == name and other.schema == schema:
            if not report.constrained:
                return "Synthetic " + name.replace("_", " ")
            for _, s in _strings_of(other, files):
                return s.value
    raise AssertionError(f"{f.name} never occurs in the data, and synthesising it needs a value for '{name}', "
                         "which no string field of the same name and schema gives: the field is untested")
