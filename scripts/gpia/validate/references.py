"""The second pass: index every record by id, then check every reference between records.

Both are tables (kind of file, where in the file, what it is) derived from the registry of kinds,
so adding a kind of reference is one field's metadata in gpia/model/records.py rather than a new loop.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from gpia.load.jsonpaths import Found, Pattern, find
from gpia.load.problems import Origin, Problem
from gpia.load.yaml_loader import YamlDocument
from gpia.model import kinds
from gpia.model import records as m

# Derived from the registry of kinds (gpia/model/kinds.py) and its models' field metadata:
# (file kind, where the records are, record kind)
RECORD_PLACES: tuple[tuple[str, Pattern, str], ...] = kinds.record_places()
# (file kind, where the reference is, the kinds it may point to), quotes' references included
REFERENCE_PLACES: tuple[tuple[str, Pattern, frozenset[str]], ...] = kinds.reference_places()
# The same by file kind, in the same order: a file's places are looked up, not picked out of every kind's.
REFERENCES_BY_FILE: dict[str, list[tuple[Pattern, frozenset[str]]]] = {
    file: [(pattern, allowed) for kind, pattern, allowed in REFERENCE_PLACES if kind == file]
    for file, _, _ in REFERENCE_PLACES}
# Quotes can sit in several kinds of record; these are their places.
QUOTE_PLACES: tuple[tuple[str, Pattern], ...] = kinds.quote_places()
ANY = kinds.ANY
LINKABLE = m.LINKABLE
# The reference whose target must be a requirement of an older version (gpia.validate.alignment).
DERIVES_FROM = "derives_from"
SOURCE_TEXT = m.SOURCE_TEXT


@dataclass(frozen=True)
class RecordEntry:
    id: str
    kind: str
    doc: YamlDocument
    path: tuple[Any, ...]

    @property
    def origin(self) -> Origin:
        """Where its id is written (looked up only when a message names it: most runs name none)."""
        return self.doc.origin(self.path + ("id",))

    @property
    def data(self) -> Any:
        value = self.doc.data
        for part in self.path:
            value = value[part]
        return value


class RecordIndex(dict):
    """Records by id, remembering the ids used more than once (never offered as "did you mean")."""

    def __init__(self) -> None:
        super().__init__()
        self.clashing: set[str] = set()


def index_records(docs: list[tuple[str, YamlDocument]]) -> tuple[dict[str, RecordEntry], list[Problem]]:
    """Every record with a text id, by id; a problem for each id used twice (naming both places)."""
    index = RecordIndex()
    problems: list[Problem] = []
    for file_kind, doc in docs:
        for kind_of_file, pattern, record_kind in RECORD_PLACES:
            if kind_of_file != file_kind:
                continue
            for path, record in find(doc.data, pattern):
                if not isinstance(record, dict) or not isinstance(record.get("id"), str):
                    continue
                entry = RecordEntry(record["id"], record_kind, doc, path)
                first = index.get(entry.id)
                if first is None:
                    index[entry.id] = entry
                else:
                    index.clashing.add(entry.id)
                    problems.append(entry.origin.problem(
                        f"duplicate id '{entry.id}': already used by the {first.kind} at {first.origin}; "
                        "ids must be unique across the knowledge base, so rename one of them"))
    return index, problems


def record_kinds(file_kind: str) -> frozenset[str]:
    """The kinds of record a file of this kind defines."""
    return frozenset(record for kind, _, record in RECORD_PLACES if kind == file_kind)


def reference_problems(docs: list[tuple[str, YamlDocument]], index: dict[str, RecordEntry],
                       unknown: frozenset[str] = frozenset(), skipped: list[Origin] | None = None) -> list[Problem]:
    """A problem for each reference to no record, or to a record of the wrong kind.

    `unknown` names the kinds of record that a file which could not be read (or failed its
    schema) may define: a reference to a missing id of such a kind is not reported, since the id
    may well be in that file, and its place is added to `skipped` instead."""
    problems: list[Problem] = []
    compared_from = _compared_from(docs)
    for file_kind, doc in docs:
        for pattern, allowed in REFERENCES_BY_FILE.get(file_kind, ()):
            # Most references name a record of a kind allowed: they are checked from the values alone,
            # and a path is worked out only for one that does not (jsonpaths.Found).
            found = Found(doc.data, pattern)
            for i, target in enumerate(found.values):
                if not isinstance(target, str):
                    continue
                entry = index.get(target)
                if entry is not None and entry.kind in allowed:
                    continue  # the one statement of what a reference may name
                path = found.path(i)
                if entry is None and allowed & unknown:
                    if skipped is not None:
                        skipped.append(doc.origin(path))
                    continue
                problems.append(_target_problem(doc.origin(path), path, target, allowed, index,
                                                _ancestor_version(file_kind, doc, path, compared_from)))
    return problems


def _compared_from(docs: list[tuple[str, YamlDocument]]) -> dict[str, str]:
    """For each version a comparison in clauses/versions.yaml compares to, the version it compares
    from (the first such comparison, as the alignment reads them)."""
    found: dict[str, str] = {}
    for kind, doc in docs:
        if kind != "versions" or not isinstance(doc.data, dict):
            continue
        for c in doc.data.get("comparisons") or ():
            if isinstance(c, dict) and isinstance(c.get("from"), str) and isinstance(c.get("to"), str):
                found.setdefault(c["to"], c["from"])
    return found


def _ancestor_version(file_kind: str, doc: YamlDocument, path: tuple[Any, ...],
                      compared_from: dict[str, str]) -> tuple[str, str | None] | None:
    """For a requirement's `derives_from`: its own version and the version it is compared from (None
    if none is declared), whose requirements are the only ancestors it can name."""
    if file_kind != "requirement-table" or DERIVES_FROM not in path or not isinstance(doc.data, dict):
        return None
    version = doc.data.get("version")
    return (version, compared_from.get(version)) if isinstance(version, str) else None


def _target_problem(origin: Origin, path: tuple[Any, ...], target: str, allowed: frozenset[str],
                    index: dict[str, RecordEntry], ancestors: tuple[str, str | None] | None = None) -> Problem:
    """What is wrong with a reference that names no record of the kinds allowed: it names no record
    at all, or one of another kind."""
    field = next((p for p in reversed(path) if isinstance(p, str)), "reference")
    kinds = sorted(allowed)
    wanted = " or ".join(kinds) if len(kinds) <= 2 else ", ".join(kinds[:-1]) + " or " + kinds[-1]
    entry = index.get(target)
    if entry is None:
        clashing = getattr(index, "clashing", set())
        close = closest(target, index, allowed, ancestors)
        if close and close[0] in clashing:  # which of the two records would it mean?
            hint = (f"'{close[0]}' is close, but two records use that id: rename one of them first, then "
                    "check this reference")
        elif close:
            hint = f"did you mean '{close[0]}'?"
        elif ancestors is not None and ancestors[1] is not None:
            hint = f"check the spelling: it names {_a(ancestors[1])} requirement, the version this one is compared from"
        else:
            hint = "check the spelling or add the record"
        noun = wanted if len(kinds) <= 2 else "record of those kinds"
        return origin.problem(f"'{field}' refers to '{target}', but no {noun} has that id; {hint}")
    return origin.problem(
        f"'{field}' refers to '{target}', which is {_a(entry.kind)} ({entry.origin}); it must be {_a(wanted)}")


def closest(target: str, index: dict[str, RecordEntry], allowed: frozenset[str],
            ancestors: tuple[str, str | None] | None = None) -> list[str]:
    """The id the "did you mean" of a reference to no record suggests (none, or one): among the
    records of the kinds allowed, and for a `derives_from` (`ancestors`: the referring requirement's
    version and the version it is compared from) among the requirements it may name."""
    candidates = sorted(i for i, e in index.items() if e.kind in allowed and _may_derive_from(e, ancestors))
    return difflib.get_close_matches(target, candidates, n=1, cutoff=0.6)


def _may_derive_from(entry: RecordEntry, ancestors: tuple[str, str | None] | None) -> bool:
    """Whether a `derives_from` may name the record: a requirement of the version compared from (when
    a comparison is declared), never one of the referring requirement's own version."""
    if ancestors is None:
        return True
    version = entry.doc.data.get("version") if isinstance(entry.doc.data, dict) else None
    own, older = ancestors
    return version == older if older is not None else version != own


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"
