"""Rules for schedule templates and worked examples that a JSON Schema cannot express.

The schema cannot see that an example value's key is one of the same file's field ids, or that
its shape matches that field's kind, because field ids are written by authors. These checks run
after the schema, on files that passed it, and name the allowed ids in every message.
Indicator (KPI) fields, frequencies, owners and targets are the schema's; `evidences` references
are resolved by records.py like any other reference.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from gpia.load.problems import Problem
from gpia.validate.references import RecordEntry
from gpia.load.yaml_loader import YamlDocument

KPI_FIELD = "kpis"  # the one example key the schema types itself (schedule.json, example.values.kpis)
_WANTED = {"text": "text", "list": "a list of text items", "number": "a number", "table": "a list of rows",
           "kpi-table": "a list of indicators"}


def schedule_problems(docs: list[tuple[str, YamlDocument]], index: dict[str, RecordEntry]) -> list[Problem]:
    problems: list[Problem] = []
    referenced = referenced_schedules(index)
    for kind, doc in docs:
        if kind != "schedule":
            continue
        problems += template_problems(doc)
        problems += example_problems(doc)
        schedule = doc.data["schedule"]
        if schedule["id"] not in referenced and not any("faq" in q for q in schedule.get("quotes", ())):
            problems.append(doc.origin(("schedule", "id")).problem(
                f"schedule '{schedule['id']}' is not referenced by any requirement, clause or FAQ; point a "
                "requirement's defers_to or related, a clause's schedule or an FAQ's relates_to at it, "
                "or quote the FAQ that mentions it"))
    return problems


def referenced_schedules(index: dict[str, RecordEntry]) -> set[str]:
    """Ids named by requirements, clauses and FAQs, read leniently (their files may be invalid, so
    a reference may be a list or a mapping: only text is an id)."""
    found: set[str] = set()

    def add(values: Iterator[Any] | list[Any]) -> None:
        found.update(v for v in values if isinstance(v, str))

    for entry in index.values():
        if entry.kind not in ("requirement", "clause", "question"):
            continue
        data = entry.data
        if not isinstance(data, dict):
            continue
        if entry.kind == "requirement":
            add(d.get("schedule") for d in _list(data.get("defers_to")) if isinstance(d, dict))
            add(_list(data.get("related")))
        elif entry.kind == "clause":
            add([data.get("schedule")])
        elif entry.kind == "question":
            add(_list(data.get("relates_to")))
    return found


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def template_problems(doc: YamlDocument) -> list[Problem]:
    problems: list[Problem] = []
    first: dict[str, int] = {}  # each field id's first field
    for i, field in enumerate(doc.data["schedule"].get("fields", ())):
        at = ("schedule", "fields", i)
        fid, kind = field["id"], field["kind"]
        if fid in first:
            line = doc.origin(("schedule", "fields", first[fid], "id")).line
            problems.append(doc.origin(at + ("id",)).problem(
                f"field id '{fid}' is used twice in this schedule (first on line {line}); "
                "give each field its own id"))
        first.setdefault(fid, i)
        if kind == "table" and "columns" not in field:
            problems.append(doc.origin(at + ("kind",)).problem(
                f"field '{fid}' is a table but declares no columns; add 'columns', each with an id and a label"))
        if kind != "table" and "columns" in field:
            problems.append(doc.origin(at + ("columns",), key=True).problem(
                f"field '{fid}' is of kind {kind}, so 'columns' does not apply; remove it or make the kind table"))
        if kind == "number" and "unit" not in field:
            problems.append(doc.origin(at + ("kind",)).problem(
                f"field '{fid}' is a number but has no 'unit'; add the unit it is counted in"))
        if kind != "number" and "unit" in field:
            problems.append(doc.origin(at + ("unit",), key=True).problem(
                f"field '{fid}' is of kind {kind}, so 'unit' does not apply; remove it or make the kind number"))
        if (kind == "kpi-table") != (fid == KPI_FIELD):
            problems.append(doc.origin(at + ("id",)).problem(
                f"field '{fid}' is of kind kpi-table, so its id must be '{KPI_FIELD}'; rename it" if kind == "kpi-table"
                else f"field id '{KPI_FIELD}' is kept for the indicator table; make its kind kpi-table or choose another id"))
        seen: dict[str, int] = {}  # each column id's first column (its line looked up only for a message)
        for j, column in enumerate(field.get("columns", ())):
            if column["id"] in seen:
                line = doc.origin(at + ("columns", seen[column["id"]], "id")).line
                problems.append(doc.origin(at + ("columns", j, "id")).problem(
                    f"column id '{column['id']}' is used twice in field '{fid}' (first on line {line}); "
                    "give each column its own id"))
            seen.setdefault(column["id"], j)
    return problems


def example_problems(doc: YamlDocument) -> list[Problem]:
    schedule = doc.data["schedule"]
    fields: dict[str, dict[str, Any]] = {}
    for f in schedule.get("fields", ()):
        fields.setdefault(f["id"], f)  # a repeated id is reported by template_problems; the first one counts
    if "example" not in schedule:
        if fields:
            return [doc.origin(("schedule", "fields"), key=True).problem(
                f"schedule '{schedule['id']}' has a blank template but no worked example; add 'example' with "
                "a value for each required field")]
        return []
    if not fields:
        return [doc.origin(("schedule", "example"), key=True).problem(
            f"schedule '{schedule['id']}' has an example but no fields; declare what a site fills in under "
            "'fields' first")]
    problems: list[Problem] = []
    values = schedule["example"]["values"]
    at = ("schedule", "example", "values")
    allowed = ", ".join(fields)
    for key, value in values.items():
        field = fields.get(key)
        if field is None:
            problems.append(doc.origin(at + (key,), key=True).problem(
                f"example value '{key}' is not a field of this schedule; use one of its field ids "
                f"(allowed here: {allowed})"))
        else:
            problems += _value_problems(doc, at + (key,), field, value)
    for fid, field in fields.items():
        if field["required"] and fid not in values:
            problems.append(doc.origin(at, key=True).problem(
                f"required field '{fid}' ({field['label']}) has no value in the example; add it under "
                "example.values"))
    return problems


def _value_problems(doc: YamlDocument, at: tuple[Any, ...], field: dict[str, Any], value: Any) -> list[Problem]:
    fid, kind = field["id"], field["kind"]
    if kind == "kpi-table":
        return []  # typed by the schema
    where = "'" + ".".join(str(p) for p in at) + "'"
    shape_ok = {"text": _is_text(value), "number": isinstance(value, (int, float)) and not isinstance(value, bool),
                "list": isinstance(value, list) and bool(value),
                "table": isinstance(value, list) and bool(value)}[kind]
    if not shape_ok:
        return [doc.origin(at).problem(f"{where} must be {_WANTED[kind]}, because field '{fid}' is of kind {kind}; "
                                       f"got {_shown(value)}")]
    if kind == "list":
        return [doc.origin(at + (i,)).problem(f"item {i + 1} of {where} must be text; got {_shown(item)}")
                for i, item in enumerate(value) if not _is_text(item)]
    if kind == "table" and field.get("columns"):  # without columns the template problem says it all
        return list(_row_problems(doc, at, where, field, value))
    return []


def _row_problems(doc: YamlDocument, at: tuple[Any, ...], where: str, field: dict[str, Any],
                  rows: list[Any]) -> Iterator[Problem]:
    columns = [c["id"] for c in field["columns"]]
    for i, row in enumerate(rows):
        if not isinstance(row, dict):
            yield doc.origin(at + (i,)).problem(
                f"row {i + 1} of {where} must be a mapping of column ids to text ({', '.join(columns)}); "
                f"got {_shown(row)}")
            continue
        for key, cell in row.items():
            if key not in columns:
                yield doc.origin(at + (i, key), key=True).problem(
                    f"'{key}' in row {i + 1} of {where} is not a column of field '{field['id']}'; use one of its "
                    f"column ids (allowed here: {', '.join(columns)})")
            elif not _is_text(cell):
                yield doc.origin(at + (i, key)).problem(
                    f"'{key}' in row {i + 1} of {where} must be text; got {_shown(cell)} (put it in quotes)")
        missing = [c for c in columns if c not in row]
        if missing:
            yield doc.origin(at + (i,)).problem(
                f"row {i + 1} of {where} leaves out {', '.join(missing)}; fill in every column")


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "an empty list" if not value else "a list"
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return "empty text" if not value.strip() else f'"{value}"'
    return repr(value)
