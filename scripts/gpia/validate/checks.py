"""Rules that a schema cannot express, run once every file has loaded."""
from __future__ import annotations

from pathlib import PurePosixPath

from gpia.load.jsonpaths import find
from gpia.load.problems import Problem
from gpia.load.yaml_loader import YamlDocument


def semantic_problems(docs: list[tuple[str, YamlDocument]]) -> list[Problem]:
    problems: list[Problem] = []
    for kind, doc in docs:
        if kind == "requirement-table":
            problems += _table_problems(doc)
        if kind == "changes":
            problems += _change_problems(doc)
        if kind == "schedule":
            stem = PurePosixPath(doc.path).stem
            if doc.data["schedule"]["id"] != stem:
                problems.append(doc.origin(("schedule", "id")).problem(
                    f"schedule id '{doc.data['schedule']['id']}' must match its file name '{stem}.yaml'; "
                    "rename the file or the id"))
    return problems


def _table_problems(doc: YamlDocument) -> list[Problem]:
    problems: list[Problem] = []
    data = doc.data
    expected = f"{data['version']}-{data['table']}"
    if data["id"] != expected:
        problems.append(doc.origin(("id",)).problem(
            f"table id '{data['id']}' must be '{expected}' (its version and table); change the id"))
    stem = PurePosixPath(doc.path).stem
    if stem != data["id"]:
        problems.append(doc.origin(("id",)).problem(
            f"table id '{data['id']}' must match its file name '{stem}.yaml'; rename the file or the id"))
    for path, ref in find(data, ("areas", "*", "requirements", "*", "defers_to", "*")):
        text = data["areas"][path[1]]["requirements"][path[3]]["text"]
        if ref["placeholder"] not in text:
            problems.append(doc.origin(path + ("placeholder",)).problem(
                f"placeholder {ref['placeholder']!r} is not in the requirement's text; copy the exact words "
                "of the text that defer to the schedule"))
    return problems


_WAYS = ("before and after", "first_words", "rows_not_carried", "clause_renumbered")


def _change_problems(doc: YamlDocument) -> list[Problem]:
    """Each change says exactly one way to find the rows that show it."""
    problems: list[Problem] = []
    for path, finder in find(doc.data, ("changes", "*", "find")):
        ways = [way for way, keys in zip(_WAYS, (("before", "after"), ("first_words",), ("rows_not_carried",),
                                                    ("clause_renumbered",))) if any(k in finder for k in keys)]
        where = doc.origin(path)
        if ("before" in finder) != ("after" in finder):
            missing = "after" if "before" in finder else "before"
            problems.append(where.problem(f"'find' gives {'before' if missing == 'after' else 'after'} without "
                                          f"{missing}; add {missing}: the words the other version has instead"))
        elif "in_row_titles" in finder and "before" not in finder:
            problems.append(where.problem("'in_row_titles' goes with before and after; add them or remove it"))
        elif len(ways) != 1:
            problems.append(where.problem(
                f"'find' must use exactly one way to find the rows ({', '.join(_WAYS)}), not {' and '.join(ways)}; "
                "keep one and write another change for the rest"))
    return problems
