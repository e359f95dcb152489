"""Typed records of the knowledge base, built from data that has passed validation.

The fields say what the registry of kinds (gpia/model/kinds.py) derives from them, in their
metadata: `refers(...)` marks a reference to other records (checked in the second pass, and a
"Referenced by" backlink where `linked`), `nhs(...)` a field of NHS wording (what it must match in
the source), `key` the field's name in the YAML where it differs.
"""
from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field
from functools import cache
from typing import Any, TypeVar

R = TypeVar("R")

FACETS = ("parties", "purpose", "legal_nature", "monitoring", "relationships")

# The records a page links to in "see also" lists (related, relates_to, see).
LINKABLE = frozenset({"clause", "schedule", "agreement", "term", "table", "area", "requirement", "question"})
# Records that hold the sources' wording: what our own words rest on (rests_on). An answer (a
# paragraph or list of an FAQ answer, by its id) is quoted alone, with a link to the whole answer.
SOURCE_TEXT = frozenset({"passage", "question", "answer", "requirement", "area", "table", "faq-section"})


def refers(*kinds: str | frozenset[str], linked: bool = True, default: Any = MISSING,
           by_key: dict[str, frozenset[str]] | None = None) -> Any:
    """A field holding the id (or ids) of records of these kinds.

    `linked`: the site shows it as a link, so the target lists this record under "Referenced by".
    `by_key`: the YAML names the field by the kind it points to (a document's block: `table:`,
    `question:` or `faq_section:`); the model keeps the one value."""
    allowed = frozenset().union(*(frozenset({k}) if isinstance(k, str) else k for k in kinds))
    metadata = {"refers_to": allowed, "linked": linked}
    if by_key:
        metadata["by_key"] = by_key
    return field(default=default, metadata=metadata)


def nhs(must_be: str, *, key: str | None = None, default: Any = MISSING) -> Any:
    """A field of NHS wording, checked word for word: `must_be` says what it must match in the source."""
    metadata: dict[str, Any] = {"nhs": must_be}
    if key:
        metadata["key"] = key
    return field(default=default, metadata=metadata)


def keyed(*keys: str) -> Any:
    """A mapping whose YAML keys are these names (an agreement's facets)."""
    return field(metadata={"keys": keys})


def data_key(key: str | tuple[str, ...], *, absent: Any = MISSING) -> Any:
    """A field whose YAML key (or path of keys) differs from its name, or whose value when the YAML
    leaves it out is `absent` (an optional field is None, a list empty, without saying so)."""
    metadata: dict[str, Any] = {"key": key}
    if absent is not MISSING:
        metadata["absent"] = absent
    return field(metadata=metadata)


@cache
def type_hints(cls: type) -> dict[str, Any]:
    """The class's field types, resolved in this module (once per class: the registry of kinds and
    from_data both ask, and resolving them compiles every annotation)."""
    return typing.get_type_hints(cls, globals())


def from_data(cls: type[R], data: dict[str, Any], **given: Any) -> R:
    """A model built from its validated YAML by field name: each field from the YAML key of its name
    (or its `key`), converted to the field's type (a list to a tuple, a mapping to its dataclass); a
    field the YAML leaves out is None, empty or its default. `given` sets fields the YAML does not
    hold (the file's path, the parent's id, a position)."""
    return _maker(cls)(data, given)


_ABSENT = object()
_DEFAULT = object()  # a field the YAML leaves out takes the dataclass's default

# One field's recipe: its name, its path of YAML keys, how to convert its value (None: as it is), the
# keys of a keyed mapping (or None), and its value when the YAML leaves it out.
_Step = tuple[str, tuple[str, ...], Any, tuple[str, ...] | None, Any]


@cache
def _plan(cls: type) -> tuple[_Step, ...]:
    """How `from_data` builds each field of `cls`, worked out once per class from its type hints and
    field metadata (working it out for every record made the model about five times slower)."""
    hints = type_hints(cls)
    steps: list[_Step] = []
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        key = f.metadata.get("key", f.name)
        path = (key,) if isinstance(key, str) else tuple(key)
        if "keys" in f.metadata:
            element = _converter(typing.get_args(hints[f.name])[1])
            steps.append((f.name, path, element or (lambda value: value), tuple(f.metadata["keys"]), _DEFAULT))
            continue
        if "absent" in f.metadata:
            missing: Any = f.metadata["absent"]
        elif f.default is MISSING and f.default_factory is MISSING:  # type: ignore[misc]
            try:
                missing = _empty(hints[f.name])  # () or None: the same (immutable) value for every record
            except TypeError:
                missing = functools.partial(_empty, hints[f.name])  # raises when a record leaves it out
        else:
            missing = _DEFAULT
        steps.append((f.name, path, _converter(hints[f.name]), None, missing))
    return tuple(steps)


def _dig(data: Any, path: tuple[str, ...]) -> Any:
    """The value at a path of keys, or _ABSENT."""
    value = data
    for part in path:
        value = value.get(part, _ABSENT) if isinstance(value, dict) else _ABSENT
    return value


@cache
def _maker(cls: type) -> Callable[[dict[str, Any], dict[str, Any]], Any]:
    """`from_data` for one class, as one function written from its plan: the loop over the plan, run
    for every record, was most of the time of building the model. The record is made as the
    dataclass's own __init__ makes it (each field set in order, the frozen class's __setattr__
    bypassed), without the call: the classes have no __post_init__."""
    if getattr(cls, "__post_init__", None) is not None or not hasattr(cls, "__dict__") or \
            any(f.default_factory is not MISSING or not f.init for f in dataclasses.fields(cls)):  # type: ignore[misc, arg-type]
        raise TypeError(f"{cls.__name__} cannot be built without its __init__")
    constants: dict[str, Any] = {"_ABSENT": _ABSENT, "_dig": _dig, "_new": object.__new__,
                                 "_setattr": object.__setattr__, "_cls": cls}
    lines = ["def make(data, given):", "    get = data.get"]
    fields = []
    for number, (name, path, convert, keys, missing) in enumerate(_plan(cls)):
        value, converter, absent = f"v{number}", f"c{number}", f"m{number}"
        constants[converter] = convert
        if missing is _DEFAULT:
            default = next(f.default for f in dataclasses.fields(cls) if f.name == name)  # type: ignore[arg-type]
            constants[absent], call = default, False
        else:
            constants[absent], call = missing, callable(missing)
        when_absent = f"{absent}()" if call else absent
        lines.append(f"    if {name!r} in given:")
        lines.append(f"        {value} = given[{name!r}]")
        lines.append("    else:")
        found = f"get({path[0]!r}, _ABSENT)" if len(path) == 1 else f"_dig(data, {path!r})"
        if keys is not None:
            lines.append(f"        {value} = {found}")
            lines.append(f"        {value} = {{}} if {value} is _ABSENT else {value}")
            lines.append(f"        {value} = {{key: {converter}({value}.get(key, ())) for key in {keys!r}}}")
        elif convert is None and not call and len(path) == 1:
            lines.append(f"        {value} = get({path[0]!r}, {absent})")
        else:
            lines.append(f"        {value} = {found}")
            converted = value if convert is None else f"{converter}({value})"
            lines.append(f"        {value} = {when_absent} if {value} is _ABSENT else {converted}")
        fields.append(f"{name!r}: {value}")
    lines.append("    record = _new(_cls)")
    lines.append(f"    _setattr(record, '__dict__', {{{', '.join(fields)}}})")
    lines.append("    return record")
    exec("\n".join(lines), constants)  # noqa: S102 (the code is written above from the class's fields)
    return constants["make"]  # type: ignore[no-any-return]


def _empty(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin is tuple:
        return ()
    if origin in (typing.Union, types.UnionType) and type(None) in typing.get_args(tp):
        return None
    raise TypeError(f"no value for a required field of type {tp}")


@cache
def _converter(tp: Any) -> Callable[[Any], Any] | None:
    """How a YAML value becomes a value of type `tp`: a list a tuple (of converted items), a mapping
    its dataclass; None when it is kept as it is."""
    origin = typing.get_origin(tp)
    if origin is tuple:
        element = _converter(typing.get_args(tp)[0])
        if element is None:
            return tuple
        return lambda value: tuple([element(item) for item in value])
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        inner = _converter(options[0]) if len(options) == 1 else None
        if inner is None:
            return None
        return lambda value: None if value is None else inner(value)
    if dataclasses.is_dataclass(tp):
        return lambda value: from_data(tp, value) if isinstance(value, dict) else value  # type: ignore[arg-type]
    return None


@dataclass(frozen=True)
class Quote:
    source: str = refers("source", linked=False)
    section: str = nhs("a heading of the source")
    text: str = nhs("whole words of one paragraph, bullet or heading under that section")
    row: str | None = None
    faq: str | None = refers("question", default=None)


@dataclass(frozen=True)
class Sic:
    """A slip in a source, kept as printed and marked where it is shown."""

    printed: str
    meant: str  # our words


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    subtitle: str | None
    publisher: str
    author: str | None
    published: str
    version: str
    reference_label: str = data_key(("reference", "label"))
    reference_value: str = data_key(("reference", "value"))
    file: str
    status: str
    classification: str | None
    note: str
    last_reviewed: str
    path: str
    sic: tuple[Sic, ...] = ()
    url: str | None = None  # the publication's official address, when a person has checked it


@dataclass(frozen=True)
class Version:
    id: str
    label: str
    source: str = refers("source", linked=False)
    provider: str
    agreement: str
    summary: str
    last_reviewed: str
    path: str


@dataclass(frozen=True)
class VersionComparison:
    """A comparison declared in clauses/versions.yaml: the requirements of `new` name their
    ancestors among the requirements of `old` (`derives_from`), in the tables of the kinds listed."""

    id: str
    old: str = data_key("from")  # the version compared from
    new: str = data_key("to")  # the version compared to
    tables: tuple[str, ...]  # table kinds aligned: governance, integration
    summary: str | None
    last_reviewed: str
    path: str


@dataclass(frozen=True)
class ScheduleRef:
    schedule: str = refers("schedule")
    placeholder: str


@dataclass(frozen=True)
class Requirement:
    id: str
    text: str = nhs("a whole bullet of that row")
    version: str
    table: str  # table id
    area: str  # area id
    bullet: int  # 1-based position in its area, as printed
    defers_to: tuple[ScheduleRef, ...]
    related: tuple[str, ...] = refers(LINKABLE)
    derives_from: tuple[str, ...] = refers("requirement")
    status: str | None
    change: str | None
    why: str | None
    path: str
    line: int
    rests_on: tuple[str, ...] = refers(SOURCE_TEXT, linked=False, default=())  # the source passages our `why` rests on


@dataclass(frozen=True)
class Area:
    id: str
    row: str
    title: str = nhs("a row title of that table")
    note: str | None
    version: str
    table: str
    requirements: tuple[Requirement, ...]
    last_reviewed: str
    also_known_as: tuple[str, ...] = ()  # our words readers may type for it: search finds the record by them


@dataclass(frozen=True)
class RequirementTable:
    id: str
    version: str = refers("version", linked=False)
    kind: str = data_key("table")  # governance | integration
    source: str = refers("source", linked=False)
    section: str = nhs("a heading of the source")
    column_heading: str = nhs("the column heading of the table under that section")
    note: str | None
    areas: tuple[Area, ...]
    path: str


@dataclass(frozen=True)
class Clause:
    id: str
    number: str
    template: str = refers("version", linked=False)
    title: str
    schedule: str | None = refers("schedule")
    quotes: tuple[Quote, ...]
    summary: str
    optional_wording: bool = data_key("optional_wording", absent=False)
    drafting_note: str | None
    last_reviewed: str
    path: str
    rests_on: tuple[str, ...] = refers(SOURCE_TEXT, linked=False, default=())  # the source passages our summary and drafting note rest on


@dataclass(frozen=True)
class Column:
    id: str
    label: str


@dataclass(frozen=True)
class ScheduleField:
    """One thing a site fills in on a schedule's blank template."""

    id: str
    label: str
    kind: str  # text | list | table | number | kpi-table
    guidance: str  # drafting note, our words
    required: bool
    columns: tuple[Column, ...] = ()  # table only
    unit: str | None = None  # number only


@dataclass(frozen=True)
class Target:
    value: float
    unit: str
    direction: str  # at-least | at-most


# Readable names for the schema's enums (scripts/gpia/schemas/schedule.json, $defs.kpi).
FREQUENCIES = {"weekly": "Weekly", "monthly": "Monthly", "quarterly": "Quarterly", "six-monthly": "Six-monthly",
               "annually": "Annually"}
OWNERS = {
    "icp-clinical-director": "ICP clinical director",
    "icp-performance-lead": "ICP performance lead",
    "icp-business-intelligence-lead": "ICP business intelligence lead",
    "icp-workforce-lead": "ICP workforce lead",
    "practice-clinical-lead": "Practice clinical lead (each practice)",
    "practice-manager": "Practice manager (each practice)",
    "joint-board-chair": "Chair of the joint board",
}


@dataclass(frozen=True)
class Kpi:
    """One indicator of Schedule 5's worked example, with the commitments it evidences."""

    id: str
    name: str
    definition: str
    numerator: str
    denominator: str
    target: Target
    frequency: str
    data_source: str
    reporting_route: str
    owner: str
    evidences: tuple[str, ...] = refers("requirement")


# An example's value for one field; the shape follows the field's kind (text, list, table rows
# keyed by column id, number, or indicators).
ExampleValue = str | int | float | tuple[str, ...] | tuple[dict[str, str], ...] | tuple[Kpi, ...]


@dataclass(frozen=True)
class ScheduleExample:
    """A worked example for one fictional site: illustrative, never NHS wording."""

    site: str
    about: str | None
    values: dict[str, ExampleValue]


@dataclass(frozen=True)
class Schedule:
    id: str
    number: str | None
    title: str
    summary: str
    quotes: tuple[Quote, ...]
    last_reviewed: str
    path: str
    fields: tuple[ScheduleField, ...] = ()
    example: ScheduleExample | None = None
    rests_on: tuple[str, ...] = refers(SOURCE_TEXT, linked=False, default=())  # the source passages our summary rests on
    also_known_as: tuple[str, ...] = ()  # our words readers may type for it: search finds the record by them

    @property
    def label(self) -> str:
        return f"Schedule {self.number}: {self.title}" if self.number else self.title

    @property
    def kpis(self) -> tuple[Kpi, ...]:
        value = self.example.values.get("kpis", ()) if self.example else ()
        return tuple(k for k in value if isinstance(k, Kpi)) if isinstance(value, tuple) else ()


@dataclass(frozen=True)
class Statement:
    says: str
    quotes: tuple[Quote, ...]
    short: str  # the few words shown in the /agreements/ matrix
    other_agreements: tuple[str, ...] = refers("agreement", default=())


@dataclass(frozen=True)
class Agreement:
    id: str
    name: str
    abbreviation: str | None
    summary: str
    facets: dict[str, tuple[Statement, ...]] = keyed(*FACETS)
    last_reviewed: str
    path: str
    terms: tuple[str, ...] = refers("term", default=())  # glossary terms for its name
    rests_on: tuple[str, ...] = refers(SOURCE_TEXT, linked=False, default=())  # the source passages our summary rests on
    also_known_as: tuple[str, ...] = ()  # our words readers may type for it: search finds the record by them


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    abbreviation: str | None
    definition: str
    note: str | None
    quotes: tuple[Quote, ...]
    citations: tuple[str, ...] = refers("citation")
    tooltip: bool = data_key("tooltip", absent=True)
    last_reviewed: str
    path: str
    rests_on: tuple[str, ...] = refers(SOURCE_TEXT, linked=False, default=())  # the source passages our definition and note rest on
    also_known_as: tuple[str, ...] = ()  # our words readers may type for it: search finds the record by them


@dataclass(frozen=True)
class Citation:
    id: str
    title: str
    publisher: str
    published: str
    url: str
    last_reviewed: str
    path: str


@dataclass(frozen=True)
class ChangeFinder:
    """How the site finds the rows that show a change: exactly one way is set (checks.py)."""

    before: str | None = None  # words an older bullet has and the newer bullet has `after` in place of
    after: str | None = None
    in_row_titles: bool = False
    first_words: tuple[str, ...] = ()
    rows_not_carried: str | None = None  # a table kind
    clause_renumbered: bool = False


@dataclass(frozen=True)
class Change:
    """Our note on a change made in one declared comparison, shown on its compare page where the data
    has an example."""

    id: str
    comparison: str  # the id of the comparison (clauses/versions.yaml) the note is about
    summary: str
    find: ChangeFinder
    records: tuple[str, ...] = refers("term")
    last_reviewed: str
    path: str
    rests_on: tuple[str, ...] = refers(SOURCE_TEXT, linked=False, default=())  # the source passages our summary rests on


@dataclass(frozen=True)
class Decision:
    """One item of the "before you sign" checklist: a decision or piece of local drafting the sources
    put to a site. All but rests_on, see and example are our words."""

    id: str
    title: str
    ask: str
    who_decides: str
    options: tuple[str, ...]
    rests_on: tuple[str, ...] = refers(SOURCE_TEXT, linked=False)
    see: tuple[str, ...] = refers(LINKABLE, "agreement")
    example: str | None = refers("schedule")  # a schedule whose worked example shows one way to settle it
    last_reviewed: str
    path: str


@dataclass(frozen=True)
class AnswerBlock:
    kind: str  # paragraph | numbered | table
    text: str | None = nhs("a whole paragraph of that question's answer", key="paragraph", default=None)
    items: tuple[str, ...] = nhs("a whole numbered item of that answer", key="numbered", default=())
    table: str | None = refers("table", default=None)
    id: str | None = None  # a paragraph's or list's anchor on its FAQ section's page (a table has none)
    # The passages of an older version's document that it rewrites (the comparison of the whole
    # documents, gpia.compare.prose), and our words on what changed from them.
    derives_from: tuple[str, ...] = refers("passage", linked=False, default=())
    why: str | None = None


@dataclass(frozen=True)
class Question:
    id: str
    question: str = nhs("a question heading in that section")
    answer: tuple[AnswerBlock, ...]
    relates_to: tuple[str, ...] = refers(LINKABLE)
    section: str
    last_reviewed: str
    path: str
    also_known_as: tuple[str, ...] = ()  # our words readers may type for it: search finds the record by them


@dataclass(frozen=True)
class FaqSection:
    id: str
    number: str
    title: str = nhs("a numbered section heading of the source")
    source: str = refers("source", linked=False)
    questions: tuple[Question, ...]
    path: str


@dataclass(frozen=True)
class Passage:
    """One printed block of a source document, in printed order: a passage of text with its own id,
    or the place where a table, an FAQ question (with its answer) or an FAQ section heading is printed."""

    kind: str  # heading, paragraph, item, contents, figure; or table, question, faq_section
    document: str
    id: str | None  # the passage's own id; None for a table, question or FAQ section (their records' ids)
    text: str | None = None
    # the table, question or FAQ section printed here
    ref: str | None = refers(by_key={"table": frozenset({"table"}), "question": frozenset({"question"}),
                                     "faq_section": frozenset({"faq-section"})}, linked=False, default=None)
    matter: str | None = None  # front, back or None (the body)
    level: int | None = None
    number: str | None = None

    @property
    def anchor(self) -> str:
        return self.id or self.ref or ""


@dataclass(frozen=True)
class Document:
    """A source document's whole text, in printed order (clauses/documents/)."""

    id: str
    source: str = refers("source", linked=False)
    passages: tuple[Passage, ...]
    last_reviewed: str
    path: str


@dataclass(frozen=True)
class Guidance:
    """A question sites ask that the sources do not answer directly, answered in our words."""

    id: str
    question: str  # ours
    answer: str  # ours
    rests_on: tuple[str, ...] = refers(SOURCE_TEXT, linked=False)
    last_reviewed: str
    path: str


@dataclass(frozen=True)
class Provenance:
    """Where a record comes from, the same for every kind (gpia.model.kinds.provenance): the data file
    that holds it and, for the sources' own wording, where the source prints it."""

    file: str  # the data file, e.g. clauses/glossary.yaml
    source: str | None = None  # the source document that prints it
    section: str | None = None  # the section of that source it is printed under
    row: str | None = None  # the row of a printed table
    line: int | None = None  # the line of its id in the data file, where the model keeps it
    last_reviewed: str | None = None  # its own review date, or that of the record it is reviewed with


@dataclass
class KnowledgeBase:
    sources: dict[str, Source] = field(default_factory=dict)
    versions: dict[str, Version] = field(default_factory=dict)  # oldest first, as clauses/versions.yaml lists them
    comparisons: dict[str, VersionComparison] = field(default_factory=dict)  # as declared
    tables: dict[str, RequirementTable] = field(default_factory=dict)
    areas: dict[str, Area] = field(default_factory=dict)
    requirements: dict[str, Requirement] = field(default_factory=dict)
    clauses: dict[str, Clause] = field(default_factory=dict)
    schedules: dict[str, Schedule] = field(default_factory=dict)
    agreements: dict[str, Agreement] = field(default_factory=dict)
    terms: dict[str, Term] = field(default_factory=dict)
    citations: dict[str, Citation] = field(default_factory=dict)
    faq_sections: dict[str, FaqSection] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)
    changes: dict[str, Change] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    passages: dict[str, Passage] = field(default_factory=dict)  # the passages that have their own id
    guidance: dict[str, Guidance] = field(default_factory=dict)
    decisions: dict[str, Decision] = field(default_factory=dict)  # the "before you sign" checklist, in its order
    # The records of the kinds declared without a field above (gpia.model.kinds.register): by the
    # name their Kind gives as `records`. Read them as kb.records(name), or kb.<name> like the others.
    by_kind: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Values derived from the records, computed once per build (gpia/model/derived.py): the records do
    # not change once the model is built.
    derived: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def records(self, name: str) -> dict[str, Any]:
        """The records of a stored kind by id, by the name its Kind gives as `records` ('terms')."""
        if name in FIELDS:
            return getattr(self, name)  # type: ignore[no-any-return]
        if name in STORES:
            return self.by_kind.setdefault(name, {})
        raise KeyError(f"no kind of record is stored as '{name}'")

    def __getattr__(self, name: str) -> dict[str, Any]:
        # Only for the stores of kinds registered without a field: kb.notices as kb.records("notices").
        if name in STORES:
            return self.records(name)
        raise AttributeError(name)

    def table_for(self, version: str, kind: str) -> RequirementTable:
        return next(t for t in self.tables.values() if t.version == version and t.kind == kind)

    def requirements_of(self, version: str, kind: str | None = None) -> list[Requirement]:
        return [r for r in self.requirements.values()
                if r.version == version and (kind is None or self.tables[r.table].kind == kind)]


# The stores KnowledgeBase has a field for.
FIELDS = frozenset(f.name for f in dataclasses.fields(KnowledgeBase)) - {"derived", "by_kind"}
# The names of the stores in KnowledgeBase.by_kind: one per stored kind that has no field of its own,
# added by the registry of kinds (gpia.model.kinds) as it reads each declaration.
STORES: set[str] = set()
