"""Rules for the alignment of the 2016 and 2019 requirements, run with the other second-pass checks.

The alignment is reviewed data, not a guess made at build time: every ICP 2019 requirement names
the MCP 2016 requirement(s) it derives from (`derives_from`) or is `status: new`, and every
MCP 2016 requirement that no 2019 requirement derives from is `status: dropped`. These rules keep
that data complete and pointing the right way, so /compare/ can show every bullet of both versions.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from gpia.load.jsonpaths import find
from gpia.model.records import VERSION_IDS
from gpia.load.problems import Origin, Problem
from gpia.validate.references import RecordEntry
from gpia.load.yaml_loader import YamlDocument

OLD, NEW = VERSION_IDS
_REQUIREMENTS = ("areas", "*", "requirements", "*")


@dataclass(frozen=True)
class _Record:
    """One requirement as written, with what the rules need to place their messages."""

    doc: YamlDocument
    path: tuple[Any, ...]
    data: dict[str, Any]
    version: Any

    @property
    def id(self) -> str:
        return self.data["id"]

    def origin(self, *key: str) -> Origin:
        return self.doc.origin(self.path + key)


def _records(docs: list[tuple[str, YamlDocument]]) -> Iterator[_Record]:
    for kind, doc in docs:
        if kind.removeprefix("invalid:") != "requirement-table" or not isinstance(doc.data, dict):
            continue
        for path, data in find(doc.data, _REQUIREMENTS):
            if isinstance(data, dict) and isinstance(data.get("id"), str):
                yield _Record(doc, path, data, doc.data.get("version"))


def _derives_from(record: _Record) -> list[str]:
    value = record.data.get("derives_from")
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def alignment_problems(valid: list[tuple[str, YamlDocument]], every: list[tuple[str, YamlDocument]],
                       index: dict[str, RecordEntry]) -> list[Problem]:
    """Problems in the valid requirement tables' alignment keys.

    `every` also holds files with schema problems: their derives_from still count, so a 2016
    requirement is not reported as unaligned just because the 2019 file that names it has a typo.
    """
    derived_by: dict[str, list[_Record]] = {}
    for record in _records(every):
        if record.version == NEW:
            for target in _derives_from(record):
                derived_by.setdefault(target, []).append(record)

    problems: list[Problem] = []
    for record in _records(valid):
        if record.version == NEW:
            problems += _new_version_problems(record, index)
        elif record.version == OLD:
            problems += _old_version_problems(record, derived_by.get(record.id, []))
    return problems


def _new_version_problems(record: _Record, index: dict[str, RecordEntry]) -> list[Problem]:
    data = record.data
    status = data.get("status")
    problems: list[Problem] = []
    if "derives_from" in data:
        if not data["derives_from"]:
            problems.append(record.origin("derives_from").problem(
                f"'derives_from' is empty; name the {OLD} requirement(s) this one comes from, "
                "or replace it with 'status: new'"))
        for position, target in enumerate(data["derives_from"]):
            entry = index.get(target)
            # Unknown ids and ids of other kinds of record are reported by records.py.
            if entry is not None and entry.kind == "requirement" and entry.doc.data.get("version") != OLD:
                problems.append(record.origin("derives_from", position).problem(
                    f"'derives_from' refers to '{target}', which is an {entry.doc.data.get('version')} "
                    f"requirement ({entry.origin}); it must be an {OLD} requirement"))
        if status == "new":
            problems.append(record.origin("status").problem(
                f"requirement '{record.id}' has both 'status: new' and 'derives_from'; a new requirement has "
                f"no {OLD} ancestor, so remove one of them"))
    elif status != "new" and status != "dropped":
        problems.append(record.origin("id").problem(
            f"requirement '{record.id}' is not aligned with {OLD}: add 'derives_from: [...]' naming the {OLD} "
            "requirement(s) it comes from, or 'status: new' if it has none (make propose suggests candidates)"))
    if status == "dropped":
        problems.append(record.origin("status").problem(
            f"'status: dropped' is only for {OLD} requirements that no {NEW} requirement carries forward; "
            f"an {NEW} requirement has 'derives_from' or 'status: new'"))
    if "change" in data and "derives_from" not in data:
        problems.append(record.origin("change").problem(
            f"'change' overrides the kind of change from the {OLD} requirement(s) this one derives from, "
            "so it needs 'derives_from'; add 'derives_from' or remove 'change'"))
    return problems


def _old_version_problems(record: _Record, derived_by: list[_Record]) -> list[Problem]:
    data = record.data
    status = data.get("status")
    problems: list[Problem] = []
    if "derives_from" in data:
        problems.append(record.origin("derives_from").problem(
            f"'derives_from' is only for {NEW} requirements; name '{record.id}' in the 'derives_from' of the "
            f"{NEW} requirement that carries it, and remove it here"))
    if status == "new":
        problems.append(record.origin("status").problem(
            f"'status: new' is only for {NEW} requirements; an {OLD} requirement is carried forward "
            f"(named in an {NEW} 'derives_from') or 'status: dropped'"))
    if "change" in data:
        problems.append(record.origin("change").problem(
            f"'change' is only for {NEW} requirements with 'derives_from'; remove it here and, if needed, "
            f"write it on the {NEW} requirement that derives from '{record.id}'"))
    if derived_by:
        heirs = ", ".join(f"'{r.id}' ({r.origin('id')})" for r in derived_by)
        if status == "dropped":
            verb = "derives" if len(derived_by) == 1 else "derive"
            problems.append(record.origin("status").problem(
                f"requirement '{record.id}' is marked 'status: dropped' but {heirs} {verb} from it; "
                "remove 'status: dropped' or the reference"))
        elif "why" in data:
            problems.append(record.origin("why").problem(
                f"'why' on an {OLD} requirement explains why it was dropped, but {heirs} "
                f"{'carries' if len(derived_by) == 1 else 'carry'} it forward; move the note to the {NEW} requirement"))
    elif status != "dropped":
        problems.append(record.origin("id").problem(
            f"requirement '{record.id}' is not carried forward by any {NEW} requirement: name it in the "
            f"'derives_from' of the {NEW} requirement(s) that carry it, or add 'status: dropped'"))
    return problems
