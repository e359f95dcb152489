"""Typed records of the knowledge base, built from data that has passed validation."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FACETS = ("parties", "purpose", "legal_nature", "monitoring", "relationships")


@dataclass(frozen=True)
class Quote:
    source: str
    section: str
    text: str
    row: str | None = None
    faq: str | None = None

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Quote:
        return cls(data["source"], data["section"], data["text"], data.get("row"), data.get("faq"))


def quotes(data: dict[str, Any]) -> tuple[Quote, ...]:
    return tuple(Quote.from_data(q) for q in data.get("quotes", ()))


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
    reference_label: str
    reference_value: str
    file: str
    status: str
    classification: str | None
    note: str
    last_reviewed: str
    path: str
    sic: tuple[Sic, ...] = ()


@dataclass(frozen=True)
class Version:
    id: str
    label: str
    source: str
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
    old: str  # the version compared from (`from` in the YAML)
    new: str  # the version compared to (`to`)
    tables: tuple[str, ...]  # table kinds aligned: governance, integration
    summary: str | None
    last_reviewed: str
    path: str


@dataclass(frozen=True)
class ScheduleRef:
    schedule: str
    placeholder: str


@dataclass(frozen=True)
class Requirement:
    id: str
    text: str
    version: str
    table: str  # table id
    area: str  # area id
    bullet: int  # 1-based position in its area, as printed
    defers_to: tuple[ScheduleRef, ...]
    related: tuple[str, ...]
    derives_from: tuple[str, ...]
    status: str | None
    change: str | None
    why: str | None
    path: str
    line: int
    rests_on: tuple[str, ...] = ()  # the source passages our `why` rests on


@dataclass(frozen=True)
class Area:
    id: str
    row: str
    title: str
    note: str | None
    version: str
    table: str
    requirements: tuple[Requirement, ...]
    last_reviewed: str


@dataclass(frozen=True)
class RequirementTable:
    id: str
    version: str
    kind: str  # governance | integration
    source: str
    section: str
    column_heading: str
    note: str | None
    areas: tuple[Area, ...]
    path: str


@dataclass(frozen=True)
class Clause:
    id: str
    number: str
    template: str
    title: str
    schedule: str | None
    quotes: tuple[Quote, ...]
    summary: str
    optional_wording: bool
    drafting_note: str | None
    last_reviewed: str
    path: str
    rests_on: tuple[str, ...] = ()  # the source passages our summary and drafting note rest on


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
    evidences: tuple[str, ...]


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
    rests_on: tuple[str, ...] = ()  # the source passages our summary rests on

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
    other_agreements: tuple[str, ...] = ()


@dataclass(frozen=True)
class Agreement:
    id: str
    name: str
    abbreviation: str | None
    summary: str
    facets: dict[str, tuple[Statement, ...]]
    last_reviewed: str
    path: str
    terms: tuple[str, ...] = ()  # glossary terms for its name
    rests_on: tuple[str, ...] = ()  # the source passages our summary rests on


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    abbreviation: str | None
    definition: str
    note: str | None
    quotes: tuple[Quote, ...]
    citations: tuple[str, ...]
    tooltip: bool
    last_reviewed: str
    path: str
    rests_on: tuple[str, ...] = ()  # the source passages our definition and note rest on


@dataclass(frozen=True)
class Citation:
    id: str
    title: str
    publisher: str
    published: str
    url: str
    last_reviewed: str


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
    records: tuple[str, ...]
    last_reviewed: str
    path: str
    rests_on: tuple[str, ...] = ()  # the source passages our summary rests on


@dataclass(frozen=True)
class Decision:
    """One item of the "before you sign" checklist: a decision or piece of local drafting the sources
    put to a site. All but rests_on, see and example are our words."""

    id: str
    title: str
    ask: str
    who_decides: str
    options: tuple[str, ...]
    rests_on: tuple[str, ...]
    see: tuple[str, ...]
    example: str | None  # a schedule whose worked example shows one way to settle it
    last_reviewed: str
    path: str


@dataclass(frozen=True)
class AnswerBlock:
    kind: str  # paragraph | numbered | table
    text: str | None = None
    items: tuple[str, ...] = ()
    table: str | None = None


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    answer: tuple[AnswerBlock, ...]
    relates_to: tuple[str, ...]
    section: str
    last_reviewed: str
    path: str


@dataclass(frozen=True)
class FaqSection:
    id: str
    number: str
    title: str
    source: str
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
    ref: str | None = None  # the table, question or FAQ section printed here
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
    source: str
    passages: tuple[Passage, ...]
    last_reviewed: str
    path: str


@dataclass(frozen=True)
class Guidance:
    """A question sites ask that the sources do not answer directly, answered in our words."""

    id: str
    question: str  # ours
    answer: str  # ours
    rests_on: tuple[str, ...]
    last_reviewed: str
    path: str


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
    # Values derived from the records, computed once per build (gpia/model/derived.py): the records do
    # not change once the model is built.
    derived: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def table_for(self, version: str, kind: str) -> RequirementTable:
        return next(t for t in self.tables.values() if t.version == version and t.kind == kind)

    def requirements_of(self, version: str, kind: str | None = None) -> list[Requirement]:
        return [r for r in self.requirements.values()
                if r.version == version and (kind is None or self.tables[r.table].kind == kind)]

    def counts(self) -> dict[str, int]:
        return {
            "sources": len(self.sources), "versions": len(self.versions), "tables": len(self.tables),
            "areas": len(self.areas), "requirements": len(self.requirements), "clauses": len(self.clauses),
            "schedules": len(self.schedules), "agreements": len(self.agreements), "terms": len(self.terms),
            "citations": len(self.citations), "faq_sections": len(self.faq_sections),
            "questions": len(self.questions), "documents": len(self.documents), "passages": len(self.passages),
            "guidance": len(self.guidance),
            "decisions": len(self.decisions),
        }
