"""Rules for the comparisons between versions and their alignment, run with the second-pass checks.

Which versions are compared is declared in clauses/versions.yaml (`comparisons:`, each `from` an
older version `to` a newer one, over some kinds of table); `comparison_problems` checks those
declarations. The alignment is reviewed data, not a guess made at build time: in a comparison, every
requirement of the newer version names the older version's requirement(s) it derives from
(`derives_from`) or is `status: new`, and every requirement of the older version that no newer
requirement derives from is `status: dropped`. `alignment_problems` keeps that data complete and
pointing the right way, so each compare page can show every bullet of both versions;
`prose_alignment_problems` does the same for the FAQ answers' `derives_from` (gpia.compare.prose). No version is
named here: the rules read them from the data.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from gpia.compare.prose import PROSE
from gpia.load.jsonpaths import find
from gpia.load.problems import Origin, Problem
from gpia.validate.references import RecordEntry, closest
from gpia.load.yaml_loader import YamlDocument

_REQUIREMENTS = ("areas", "*", "requirements", "*")


@dataclass(frozen=True)
class _Record:
    """One requirement as written, with what the rules need to place their messages."""

    doc: YamlDocument
    path: tuple[Any, ...]
    data: dict[str, Any]
    version: Any
    kind: Any  # its table's kind

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
                yield _Record(doc, path, data, doc.data.get("version"), doc.data.get("table"))


def _derives_from(record: _Record) -> list[str]:
    value = record.data.get("derives_from")
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


@dataclass(frozen=True)
class _Declared:
    """A comparison as declared in clauses/versions.yaml."""

    id: str
    old: str
    new: str
    tables: tuple[str, ...]
    doc: YamlDocument
    position: int

    def origin(self, *key: Any) -> Origin:
        return self.doc.origin(("comparisons", self.position) + key)


def _versions_doc(docs: list[tuple[str, YamlDocument]]) -> YamlDocument | None:
    return next((doc for kind, doc in docs if kind == "versions" and isinstance(doc.data, dict)), None)


def declared_comparisons(docs: list[tuple[str, YamlDocument]]) -> list[_Declared]:
    """The comparisons clauses/versions.yaml declares, as written (for tools that read data with problems)."""
    return _declared(_versions_doc([(kind.removeprefix("invalid:"), doc) for kind, doc in docs]))


def _declared(doc: YamlDocument | None) -> list[_Declared]:
    if doc is None:
        return []
    found = []
    for position, c in enumerate(doc.data.get("comparisons") or ()):
        if isinstance(c, dict) and all(isinstance(c.get(k), str) for k in ("id", "from", "to")):
            found.append(_Declared(c["id"], c["from"], c["to"], tuple(c.get("tables") or ()), doc, position))
    return found


def comparison_problems(docs: list[tuple[str, YamlDocument]]) -> list[Problem]:
    """Problems in the declared comparisons: each names two listed versions, and each version is compared from at most one version and to at most one (so any two versions
    on a chain of comparisons can be compared, with one reading of the alignment); and the notes on
    what changed name a declared comparison."""
    doc = _versions_doc(docs)
    if doc is None:
        return []
    versions = [v["id"] for v in doc.data.get("versions") or () if isinstance(v, dict) and isinstance(v.get("id"), str)]
    listed = ", ".join(versions)
    problems: list[Problem] = []
    seen: dict[str, _Declared] = {}
    into: dict[str, _Declared] = {}
    out_of: dict[str, _Declared] = {}
    for c in _declared(doc):
        if c.id in seen:
            problems.append(c.origin("id").problem(
                f"comparison id '{c.id}' is already used at {seen[c.id].origin('id')}; give each comparison its own id"))
        seen.setdefault(c.id, c)
        known = True
        for key, version in (("from", c.old), ("to", c.new)):
            if version not in versions:
                known = False
                problems.append(c.origin(key).problem(
                    f"comparison '{c.id}' compares {key} '{version}', but no version has that id; "
                    f"use one of the versions listed above ({listed}), or add the version"))
        if not known:
            continue
        if c.old == c.new:
            problems.append(c.origin("to").problem(
                f"comparison '{c.id}' compares '{c.old}' with itself; 'to' names the newer version"))
            continue
        if c.new in into:
            problems.append(c.origin("to").problem(
                f"version '{c.new}' is already compared from '{into[c.new].old}' ({into[c.new].origin('to')}); "
                "a version's requirements derive from one older version, so remove one of the comparisons"))
        into.setdefault(c.new, c)
        if c.old in out_of:
            problems.append(c.origin("from").problem(
                f"version '{c.old}' is already compared to '{out_of[c.old].new}' ({out_of[c.old].origin('from')}); "
                "compare it with the next version only (a chain of comparisons lets readers compare it with "
                "later ones)"))
        out_of.setdefault(c.old, c)
    problems.extend(_circle_problems(out_of))
    ids = ", ".join(seen)
    for kind, changes in docs:
        if kind != "changes" or not isinstance(changes.data, dict):
            continue
        for position, change in enumerate(changes.data.get("changes") or ()):
            if isinstance(change, dict) and isinstance(change.get("comparison"), str) and change["comparison"] not in seen:
                problems.append(changes.origin(("changes", position, "comparison")).problem(
                    f"change '{change.get('id')}' is about comparison '{change['comparison']}', but no comparison "
                    f"in {doc.path} has that id; use one of: {ids or 'none is declared'}"))
    return problems


def _circles(out_of: dict[str, _Declared]) -> list[list[_Declared]]:
    """The comparisons that go round in a circle (a version compared, by steps, to itself), each circle
    once, ending with the declaration written last."""
    circles, done = [], set()
    for start in out_of:
        steps: dict[str, int] = {}
        chain: list[_Declared] = []
        version = start
        while version in out_of and version not in done and version not in steps:
            steps[version] = len(chain)
            chain.append(out_of[version])
            version = out_of[version].new
        if version in steps:
            circle = chain[steps[version]:]
            last = max(range(len(circle)), key=lambda i: circle[i].position)
            circles.append(circle[last + 1:] + circle[:last + 1])
        done.update(steps)
    return circles


def _circle_problems(out_of: dict[str, _Declared]) -> list[Problem]:
    problems = []
    for circle in _circles(out_of):
        last, others = circle[-1], circle[:-1]
        route = " → ".join([c.old for c in circle] + [circle[0].old])
        named = ", ".join(f"comparison '{c.id}' ({c.origin('from')}) from '{c.old}' to '{c.new}'" for c in others)
        problems.append(last.origin("from").problem(
            f"comparison '{last.id}' compares '{last.old}' to '{last.new}', but {named} already "
            f"{'leads' if len(others) == 1 else 'lead'} the other way: the comparisons go round in a circle ({route}); "
            "each compares an older version to a newer one, so remove one of them or correct its 'from' and 'to'"))
    return problems


class _Alignment:
    """The declared comparisons, by the version they compare to and the version they compare from."""

    def __init__(self, docs: list[tuple[str, YamlDocument]]) -> None:
        doc = _versions_doc(docs)
        versions = {v.get("id") for v in (doc.data.get("versions") or ()) if isinstance(v, dict)} if doc else set()
        declared = _declared(doc)
        usable = [c for c in declared if c.old in versions and c.new in versions and c.old != c.new]
        # A comparison with an unknown end leaves unknown which versions it meant to link: the
        # alignment waits until it is fixed (comparison_problems reports it), so one typo is one problem.
        self.waiting = len(usable) < len(declared)
        self.into: dict[str, _Declared] = {}
        self.out_of: dict[str, _Declared] = {}
        for c in usable:
            self.into.setdefault(c.new, c)
            self.out_of.setdefault(c.old, c)
        # Comparisons in a circle say no version is older: the alignment waits for that too.
        self.waiting = self.waiting or bool(_circles(self.out_of))

    def incoming(self, record: _Record) -> _Declared | None:
        """The comparison whose newer version is the record's, if it aligns the record's table."""
        c = self.into.get(record.version)
        return c if c is not None and record.kind in c.tables else None

    def outgoing(self, record: _Record) -> _Declared | None:
        """The comparison whose older version is the record's, if it aligns the record's table."""
        c = self.out_of.get(record.version)
        return c if c is not None and record.kind in c.tables else None


def alignment_problems(valid: list[tuple[str, YamlDocument]], every: list[tuple[str, YamlDocument]],
                       index: dict[str, RecordEntry]) -> list[Problem]:
    """Problems in the valid requirement tables' alignment keys, and in the tables each declared
    comparison aligns.

    `every` also holds files with schema problems: their derives_from still count, so an older
    requirement is not reported as unaligned just because the newer file that names it has a typo.
    """
    alignment = _Alignment(valid)
    if alignment.waiting:
        return []
    derived_by: dict[str, list[_Record]] = {}
    for record in _records(every):
        for target in _derives_from(record):
            if target not in index and isinstance(record.version, str):
                # A mistyped id is reported once, with the id it suggests (gpia.validate.references);
                # the older requirement it suggests is not reported again as carried by nothing.
                incoming = alignment.into.get(record.version)
                close = closest(target, index, frozenset({"requirement"}),
                                (record.version, incoming.old if incoming else None))
                target = close[0] if close else target
            derived_by.setdefault(target, []).append(record)

    problems = _missing_tables(valid, alignment)
    uncompared: set[str] = set()
    for record in _records(valid):
        incoming, outgoing = alignment.incoming(record), alignment.outgoing(record)
        if incoming is None and outgoing is None:
            # A table of a version no comparison aligns: said once per file, not once per bullet.
            if record.doc.path in uncompared:
                continue
            found = _not_compared_from(record, None)
            if found:
                uncompared.add(record.doc.path)
            problems += found
            continue
        problems += _newer_side_problems(record, incoming, outgoing, index)
        problems += _older_side_problems(record, incoming, outgoing, derived_by.get(record.id, []))
        if incoming is not None and outgoing is not None and record.data.get("status") == "new" \
                and record.id not in derived_by:
            problems.append(record.origin("status").problem(
                f"requirement '{record.id}' is new in '{record.version}' (compared from '{incoming.old}') and "
                f"carried into '{outgoing.new}' by no requirement; the data cannot record both yet, so name it in "
                f"the 'derives_from' of the '{outgoing.new}' requirement that comes closest"))
    return problems


def _missing_tables(docs: list[tuple[str, YamlDocument]], alignment: _Alignment) -> list[Problem]:
    """A comparison that aligns a kind of table one of its versions does not have."""
    have = {(doc.data.get("version"), doc.data.get("table")) for kind, doc in docs
            if kind == "requirement-table" and isinstance(doc.data, dict)}
    problems = []
    for c in alignment.into.values():
        for position, table in enumerate(c.tables):
            for version in (c.old, c.new):
                if (version, table) not in have:
                    problems.append(c.origin("tables", position).problem(
                        f"comparison '{c.id}' aligns the {table} tables, but version '{version}' has no {table} "
                        f"table (clauses/requirements/{version}-{table}.yaml); add the table or remove '{table}'"))
    return problems


def _newer_side_problems(record: _Record, incoming: _Declared | None, outgoing: _Declared | None,
                         index: dict[str, RecordEntry]) -> list[Problem]:
    """The keys that belong to a requirement of a comparison's newer version: derives_from, status: new, change."""
    data = record.data
    status = data.get("status")
    problems: list[Problem] = []
    if incoming is None:
        return _not_compared_from(record, outgoing)
    old, new = incoming.old, incoming.new
    if "derives_from" in data:
        if not data["derives_from"]:
            problems.append(record.origin("derives_from").problem(
                f"'derives_from' is empty; name the {old} requirement(s) this one comes from, "
                "or replace it with 'status: new'"))
        for position, target in enumerate(data["derives_from"]):
            entry = index.get(target)
            # Unknown ids and ids of other kinds of record are reported by records.py.
            if entry is not None and entry.kind == "requirement" and entry.doc.data.get("version") != old:
                problems.append(record.origin("derives_from", position).problem(
                    f"'derives_from' refers to '{target}', which is an {entry.doc.data.get('version')} "
                    f"requirement ({entry.origin}); it must be an {old} requirement"))
        if status == "new":
            problems.append(record.origin("status").problem(
                f"requirement '{record.id}' has both 'status: new' and 'derives_from'; a new requirement has "
                f"no {old} ancestor, so remove one of them"))
    elif status != "new" and not (status == "dropped" and outgoing is None):  # that one is said below
        problems.append(record.origin("id").problem(
            f"requirement '{record.id}' is not aligned with {old}: add 'derives_from: [...]' naming the {old} "
            "requirement(s) it comes from, or 'status: new' if it has none (make propose suggests candidates)"))
    if status == "dropped" and outgoing is None:
        problems.append(record.origin("status").problem(
            f"'status: dropped' is only for {old} requirements that no {new} requirement carries forward; "
            f"an {new} requirement has 'derives_from' or 'status: new'"))
    if "change" in data and "derives_from" not in data:
        problems.append(record.origin("change").problem(
            f"'change' overrides the kind of change from the {old} requirement(s) this one derives from, "
            "so it needs 'derives_from'; add 'derives_from' or remove 'change'"))
    return problems


def _not_compared_from(record: _Record, outgoing: _Declared | None) -> list[Problem]:
    """derives_from, status: new and change on a requirement of a version no comparison compares to."""
    data = record.data
    problems = []
    if outgoing is not None:
        old, new = outgoing.old, outgoing.new
        if "derives_from" in data:
            problems.append(record.origin("derives_from").problem(
                f"'derives_from' is only for {new} requirements; name '{record.id}' in the 'derives_from' of the "
                f"{new} requirement that carries it, and remove it here"))
        if data.get("status") == "new":
            problems.append(record.origin("status").problem(
                f"'status: new' is only for {new} requirements; an {old} requirement is carried forward "
                f"(named in an {new} 'derives_from') or 'status: dropped'"))
        if "change" in data:
            problems.append(record.origin("change").problem(
                f"'change' is only for {new} requirements with 'derives_from'; remove it here and, if needed, "
                f"write it on the {new} requirement that derives from '{record.id}'"))
        return problems
    for key in ("derives_from", "change"):
        if key in data:
            problems.append(record.origin(key).problem(
                f"'{key}' needs a comparison to version '{record.version}', and clauses/versions.yaml declares none "
                f"for its {record.kind} table; add one under 'comparisons' (this file's other requirements wait for "
                f"it) or remove '{key}'"))
            break
    if not problems and data.get("status") in ("new", "dropped"):
        problems.append(record.origin("status").problem(
            f"'status: {data['status']}' needs a comparison of version '{record.version}' with another, and "
            f"clauses/versions.yaml declares none for its {record.kind} table; add one under 'comparisons' (this "
            "file's other requirements wait for it) or remove 'status'"))
    return problems


def _older_side_problems(record: _Record, incoming: _Declared | None, outgoing: _Declared | None,
                         derived_by: list[_Record]) -> list[Problem]:
    """Whether a requirement of a comparison's older version is carried forward or marked dropped."""
    if outgoing is None:
        return []
    data = record.data
    status = data.get("status")
    problems: list[Problem] = []
    new = outgoing.new
    if derived_by:
        def heirs() -> str:  # named only in a problem: their places are looked up then
            return ", ".join(f"'{r.id}' ({r.origin('id')})" for r in derived_by)

        if status == "dropped":
            verb = "derives" if len(derived_by) == 1 else "derive"
            problems.append(record.origin("status").problem(
                f"requirement '{record.id}' is marked 'status: dropped' but {heirs()} {verb} from it; "
                "remove 'status: dropped' or the reference"))
        elif "why" in data and incoming is None:
            problems.append(record.origin("why").problem(
                f"'why' on an {outgoing.old} requirement explains why it was dropped, but {heirs()} "
                f"{'carries' if len(derived_by) == 1 else 'carry'} it forward; move the note to the {new} requirement"))
    elif status != "dropped" and not (status == "new" and incoming is not None):
        problems.append(record.origin("id").problem(
            f"requirement '{record.id}' is not carried forward by any {new} requirement: name it in the "
            f"'derives_from' of the {new} requirement(s) that carry it, or add 'status: dropped'"))
    return problems


def prose_alignment_problems(valid: list[tuple[str, YamlDocument]], index: dict[str, RecordEntry]) -> list[Problem]:
    """Each `derives_from` of an answer's block names a body paragraph or list item of the document of
    the version that a declared comparison (`comparisons:` in versions.yaml) compares the block's
    own version from."""
    version_of: dict[str, str] = {}  # source id -> the version whose text it is
    older_of: dict[str, set[str]] = {}  # version id -> the versions compared to it
    declared: list[dict] = []
    for kind, doc in valid:
        if kind == "versions":
            for version in doc.data.get("versions", []):
                version_of.setdefault(version["source"], version["id"])
            declared += doc.data.get("comparisons", [])
    known = set(version_of.values())
    if any(c["from"] not in known or c["to"] not in known or c["from"] == c["to"] for c in declared):
        return []  # a broken comparison is reported where it is declared; these checks wait for it
    for comparison in declared:
        older_of.setdefault(comparison["to"], set()).add(comparison["from"])
    problems: list[Problem] = []
    for kind, doc in valid:
        if kind != "faq-section":
            continue
        own = version_of.get(doc.data["section"]["source"])
        for path, ancestor in find(doc.data, ("questions", "*", "answer", "*", "derives_from", "*")):
            entry = index.get(ancestor)
            if entry is None or entry.kind != "passage":
                continue  # reported by the reference check
            passage = entry.data
            printed = next((k for k in ("paragraph", "item", "heading", "contents", "figure") if k in passage), "block")
            if printed not in PROSE or passage.get("matter"):
                part = f"{passage['matter']} matter" if passage.get("matter") else f"a {printed}"
                problems.append(doc.origin(path).problem(
                    f"'derives_from' names '{ancestor}', which is {part} of {entry.doc.path}; name the body "
                    "paragraphs or list items that this block rewrites"))
            elif version_of.get(entry.doc.data["document"]["source"]) not in older_of.get(own or "", set()):
                older = sorted(older_of.get(own or "", set()))
                problems.append(doc.origin(path).problem(
                    f"'derives_from' names '{ancestor}', a passage of {entry.doc.path}, which is not the text of a "
                    f"version that {own or 'this FAQ'} is compared from"
                    + (f" ({', '.join(older)}, in the comparisons of clauses/versions.yaml)" if older else
                       " (clauses/versions.yaml declares no comparison to it)")
                    + "; name a passage of the older version's document"))
    return problems
