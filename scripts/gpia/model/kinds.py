"""The registry of kinds: each kind of record is declared once, here, and everything else derives from it.

A `Kind` says which file kind (and so which schema) holds its records and where in such a file they
are (and, on the kind at the top of a file kind, where those files are: LAYOUT), its model class and where the KnowledgeBase holds its records
(a field of its own, or `by_kind`: KnowledgeBase.records), the templates of its pages when no renderer of its own shows them,
the kind of record it sits inside, where its page is, its label, what its download holds and whether
`make new` can add one. Its references and its fields of NHS wording are the metadata of its model's
fields (`gpia.model.records.refers`, `nhs`), walked here into:

- `record_places` and `reference_places`, the YAML patterns of the second pass (gpia.validate.references);
- `quote_places` and `wording_fields`, the fields of NHS wording CONTRIBUTING.md lists;
- `linked_references`, every link between records of a built model (gpia.model.backlinks);
- `kind_of`, `page_of` (gpia.model.urls), `label`, the export's order and `counts()`;
- the kinds `make new` adds (MAKE_NEW, gpia.model.recipes), what search calls each kind's page and
  whether it is mostly NHS wording (gpia.sitemap, gpia.pages.search), and the records a file lists
  at its top, which gpia.knowledge_base builds from this registry alone.

Every page and download address derives from here in the site map (gpia.sitemap); the views bind a
renderer to each kind of page (gpia.views.pages, or gpia.views.generic from the kind's templates) and
nothing else: the model never imports a view. A kind can be declared outside the core too: a module
named in GPIA_KINDS calls `register(Kind(...))`, before anything derives from the registry.
"""
from __future__ import annotations

import dataclasses
import os
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import Any

from gpia.load import layout
from gpia.model import records as m
from gpia.model.derived import once_per_knowledge_base

Pattern = tuple[str, ...]


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _requirement_label(kb: m.KnowledgeBase, record_id: str) -> str:
    r = kb.requirements[record_id]
    area = kb.areas[r.area]
    return f"{kb.versions[r.version].label}, {area.row} {area.title}, bullet {r.bullet}"


def _table_folder(kb: m.KnowledgeBase, table_id: str) -> str:
    return "governance/" if kb.tables[table_id].kind == "governance" else "commitments/"


@dataclass(frozen=True)
class Kind:
    name: str  # as references, messages and downloads name it: "faq-section"
    file: str  # the kind of data file that holds its records (its schema: schemas/<file>.json)
    place: Pattern  # where its records are in such a file; "*" is every item of a list
    model: type  # its class in gpia.model.records
    label: Callable[[m.KnowledgeBase, str], str]  # how a link to one of its records reads
    records: str | None = None  # kb.records(<this>) holds its records by id: a KnowledgeBase field, or kept in
    # its `by_kind` when it has none; None: held in its parent's
    parent: str | None = None  # the kind of record it sits inside
    parent_field: str | None = None  # the model field naming that parent, when its page is the parent's
    folder: str | None = None  # site-root-relative folder of its page(s) (urls.PAGE_OF_KIND)
    own_page: bool = False  # a page per record, <folder><id>/ (gpia.views.pages.RECORD_PAGES renders it)
    page: Callable[[m.KnowledgeBase, str], str] | None = None  # where its page is, when not by the rules above
    listings: tuple[str, ...] = ()  # the paged lists that show its records (gpia.views.pages.LISTINGS)
    download: str | None = None  # what its CSV download holds, for the "Data and reuse" page
    cloned: bool = True  # multiplied in the synthetic corpora of `make bench` (False: a short curated list)
    make_new: int = 0  # its place in the list of kinds `make new KIND=...` adds (1 first); 0: not added that way
    search_label: str | None = None  # what search results call its page (default: its name, capitalised)
    nhs_wording: bool = False  # its page's text is mostly the sources' own wording, quoted (a search filter)
    files: str | None = None  # on the kind at the top of its file kind: where those files are (a glob; LAYOUT)
    # A kind with no bespoke renderer in gpia.views.pages is shown by the generic ones, from templates
    # it names: `page_template` its record page (given `record`), `list_template` one entry of its
    # list (given `record` and `href`), the list being `listings[0]`, titled `list_title`, at `folder`,
    # whose first page is generated too (no page in docs/).
    page_template: str | None = None
    list_template: str | None = None
    list_title: str | None = None
    # For a kind registered from outside the core (register): the folder holding its schema
    # (<file>.json) and its page templates; None: the core's (gpia/schemas, gpia/views/templates).
    home: Path | None = None

    @property
    def list_key(self) -> str:
        """The list its records are items of (`terms`, `questions`); "" for a record that is a whole file."""
        return self.place[-2] if self.place[-1:] == ("*",) else ""

    @property
    def template(self) -> str:
        """Its template in templates/, for the kinds `make new` adds (MAKE_NEW)."""
        return f"{self.name}.yaml"


KINDS: tuple[Kind, ...] = (
    Kind("source", "sources", ("sources", "*"), m.Source, lambda kb, i: kb.sources[i].title,
         records="sources", folder="sources/", download="the source documents", cloned=False,
         files="clauses/sources.yaml"),
    Kind("version", "versions", ("versions", "*"), m.Version, lambda kb, i: kb.versions[i].label,
         records="versions", folder="sources/", download="the versions of the guidance, oldest first",
         cloned=False, files="clauses/versions.yaml"),
    # A comparison declared in clauses/versions.yaml: which version is compared with which, and the
    # kinds of table aligned. Its pages are the compare pages (gpia.views.compare, by pair).
    Kind("comparison", "versions", ("comparisons", "*"), m.VersionComparison,
         lambda kb, i: f"{kb.versions[kb.comparisons[i].old].label} → {kb.versions[kb.comparisons[i].new].label}",
         records="comparisons", folder="compare/",
         download="the comparisons between versions: from, to and the kinds of table aligned", cloned=False),
    Kind("table", "requirement-table", (), m.RequirementTable,
         lambda kb, i: f"{kb.versions[kb.tables[i].version].label} {kb.tables[i].kind} table",
         records="tables", page=_table_folder, download="the printed requirement tables", cloned=False,
         files="clauses/requirements/*.yaml"),
    Kind("area", "requirement-table", ("areas", "*"), m.Area,
         lambda kb, i: f"{kb.versions[kb.areas[i].version].label}, {kb.areas[i].row} {kb.areas[i].title}",
         records="areas", parent="table", parent_field="table", own_page=True,
         page=lambda kb, i: f"{_table_folder(kb, kb.areas[i].table)}{i}/", listings=("governance", "commitments"),
         download="the rows (areas) of the requirement tables", search_label="Requirement", nhs_wording=True),
    Kind("requirement", "requirement-table", ("areas", "*", "requirements", "*"), m.Requirement, _requirement_label,
         records="requirements", parent="area", parent_field="area",
         download="the requirements, one per printed bullet, with their alignment to the versions they are compared with",
         make_new=6),
    Kind("clause", "clauses", ("clauses", "*"), m.Clause,
         lambda kb, i: f"Clause {kb.clauses[i].number} ({kb.versions[kb.clauses[i].template].label}): {kb.clauses[i].title}",
         records="clauses", folder="clauses/", own_page=True, listings=("clauses",),
         download="clauses of the template agreements that the guidance cites",
         make_new=4, search_label="Clause", nhs_wording=True, files="clauses/clauses.yaml"),
    Kind("schedule", "schedule", ("schedule",), m.Schedule, lambda kb, i: kb.schedules[i].label,
         records="schedules", folder="schedules/", own_page=True, listings=("schedules", "traceability"),
         download="schedules of the agreement", make_new=7, search_label="Schedule",
         files="clauses/schedules/*.yaml"),
    # An indicator of a schedule's worked example: shown, linked and exported as part of its schedule.
    Kind("kpi", "schedule", ("schedule", "example", "values", "kpis", "*"), m.Kpi,
         lambda kb, i: next(k.name for s in kb.schedules.values() for k in s.kpis if k.id == i), parent="schedule"),
    Kind("agreement", "agreements", ("agreements", "*"), m.Agreement,
         lambda kb, i: f"{kb.agreements[i].name} ({kb.agreements[i].abbreviation})" if kb.agreements[i].abbreviation
         else kb.agreements[i].name,
         records="agreements", folder="agreements/", own_page=True, listings=("agreements",),
         download="the agreements the guidance mentions", search_label="Agreement",
         files="clauses/agreements.yaml"),
    Kind("term", "glossary", ("terms", "*"), m.Term,
         lambda kb, i: f"{kb.terms[i].term} ({kb.terms[i].abbreviation})" if kb.terms[i].abbreviation else kb.terms[i].term,
         records="terms", folder="glossary/", own_page=True, listings=("glossary",),
         download="glossary terms and abbreviations", make_new=1, search_label="Glossary",
         files="clauses/glossary.yaml"),
    Kind("citation", "citations", ("citations", "*"), m.Citation, lambda kb, i: kb.citations[i].title,
         records="citations", folder="sources/", own_page=True, listings=("citations",),
         download="other public sources the guide cites", make_new=2, search_label="Source",
         files="clauses/citations.yaml"),
    Kind("faq-section", "faq-section", ("section",), m.FaqSection,
         lambda kb, i: f"{kb.faq_sections[i].number} {kb.faq_sections[i].title}",
         records="faq_sections", folder="faq/", own_page=True, listings=("faq",),
         download="the sections of the FAQs", make_new=8, search_label="FAQ answer", nhs_wording=True,
         files="faq/*.yaml"),
    Kind("question", "faq-section", ("questions", "*"), m.Question, lambda kb, i: kb.questions[i].question,
         records="questions", parent="faq-section", parent_field="section", folder="faq/",
         download="the FAQs, question and answer", make_new=5),
    # A paragraph or list of an FAQ answer that has an id: an anchor on its section's page, shown and
    # exported as part of its question.
    Kind("answer", "faq-section", ("questions", "*", "answer", "*"), m.AnswerBlock,
         lambda kb, i: kb.questions[answer_questions(kb)[i]].question, parent="question",
         page=lambda kb, i: page_of(kb, answer_questions(kb)[i])),
    Kind("change", "changes", ("changes", "*"), m.Change,
         lambda kb, i: "What changed: " + _short(kb.changes[i].summary),
         records="changes", folder="compare/", listings=("compare",),  # on the comparison's first page
         download="our notes on what changed in each comparison of versions, with how the rows that show each are found",
         cloned=False, make_new=3, files="clauses/changes.yaml"),
    Kind("document", "document", ("document",), m.Document,
         lambda kb, i: f"{kb.sources[kb.documents[i].source].title}: the whole text",
         # A source's whole text, read in printed order: /sources/<source id>/read/.
         records="documents", own_page=True, page=lambda kb, i: f"sources/{kb.documents[i].source}/read/",
         cloned=False, search_label="Source text", nhs_wording=True, files="clauses/documents/*.yaml"),
    Kind("passage", "document", ("blocks", "*"), m.Passage, lambda kb, i: _short(kb.passages[i].text or ""),
         records="passages", parent="document", parent_field="document", cloned=False),
    # Only blocks with an id: tables and questions are records already.
    Kind("guidance", "guidance", ("guidance", "*"), m.Guidance, lambda kb, i: kb.guidance[i].question,
         records="guidance", folder="guidance/", own_page=True, listings=("guidance",),
         cloned=False, make_new=9, search_label="Our guidance", files="clauses/guidance.yaml"),
    Kind("decision", "decisions", ("decisions", "*"), m.Decision,
         lambda kb, i: "Before you sign: " + kb.decisions[i].title,
         records="decisions", folder="checklist/", listings=("checklist",),  # on the checklist's first page
         download="the “before you sign” checklist: the decisions the sources put to a site, with the passages "
                  "that raise each",
         cloned=False, files="clauses/decisions.yaml"),
)


_READ = False


def register(*kinds: Kind) -> None:
    """Add kinds to the registry, before anything derives from it: call it from a module named in
    GPIA_KINDS, which the registry imports as it is first read (tests/fixtures/kind does)."""
    global KINDS
    if _READ:
        raise RuntimeError("the registry of kinds has been read already: register kinds from a module named "
                           "in GPIA_KINDS, which the registry imports before anything derives from it")
    taken = {k.name for k in KINDS}
    for kind in kinds:
        if kind.name in taken:
            raise ValueError(f"a kind called '{kind.name}' is declared already")
        if kind.records in m.FIELDS:
            raise ValueError(f"kind '{kind.name}': '{kind.records}' is a field of KnowledgeBase already")
        if kind.page_template and not (kind.own_page and kind.records):
            raise ValueError(f"kind '{kind.name}' has a page_template: give it own_page=True and its records")
        if kind.list_template and not (kind.listings and kind.list_title and kind.folder):
            raise ValueError(f"kind '{kind.name}' has a list_template: give it listings, list_title and folder")
        if kind.home is not None:
            layout.add_schema_folder(kind.home)
        taken.add(kind.name)
    KINDS = (*KINDS, *kinds)


# Kinds declared outside the core: the modules named in GPIA_KINDS (comma-separated), each of which
# calls register(...) when imported. Read here, once, so that everything derived below includes them.
for _module in filter(None, (name.strip() for name in os.environ.get("GPIA_KINDS", "").split(","))):
    import_module(_module)

_READ = True  # from here on the registry is derived from, and register() refuses
KIND = {k.name: k for k in KINDS}
# A stored kind without a field of its own in KnowledgeBase keeps its records in `by_kind`.
m.STORES.update(k.records for k in KINDS if k.records and k.records not in m.FIELDS)
# Where each file kind's files are (glob relative to the data root, file kind), from the kinds that
# declare it: single files first, then folders of files, each in the registry's order. The loader
# (gpia.load.layout, below the model) is given it; the editor's settings (.vscode) follow it.
LAYOUT: layout.Layout = tuple(sorted(((k.files, k.file) for k in KINDS if k.files), key=lambda p: "*" in p[0]))


def file_kind(relative: str) -> str | None:
    """The file kind of a data file (its path relative to the data root), by LAYOUT; None: none."""
    return layout.kind_of(relative, LAYOUT)


# The kinds `make new KIND=...` adds, in the order it lists them (gpia.tools.scaffold, CONTRIBUTING.md).
MAKE_NEW = tuple(k.name for k in sorted((k for k in KINDS if k.make_new), key=lambda k: k.make_new))
# Kinds with records of their own in the KnowledgeBase, in the order they are exported.
STORED: tuple[Kind, ...] = tuple(k for k in KINDS if k.records)
ANY = frozenset(k.name for k in STORED)


def kind_of(kb: m.KnowledgeBase, record_id: str) -> str:
    for kind in STORED:
        if record_id in getattr(kb, kind.records):  # type: ignore[arg-type]
            return kind.name
    if record_id in answer_questions(kb):
        return "answer"
    raise KeyError(record_id)


@once_per_knowledge_base
def answer_questions(kb: m.KnowledgeBase) -> dict[str, str]:
    """The question of each FAQ answer block that has an id (a paragraph or list a page can quote on
    its own and link to), by the block's id."""
    return {b.id: q.id for q in kb.questions.values() for b in q.answer if b.id}


def answer_block(kb: m.KnowledgeBase, block_id: str) -> m.AnswerBlock:
    return next(b for b in kb.questions[answer_questions(kb)[block_id]].answer if b.id == block_id)


def label(kb: m.KnowledgeBase, record_id: str) -> str:
    """How a link to a record reads: "Clause 6.2(d) (<version label>): ..."."""
    return KIND[kind_of(kb, record_id)].label(kb, record_id)


def page_of(kb: m.KnowledgeBase, record_id: str) -> str:
    """The site-root-relative URL of the page that shows a record, e.g. 'faq/faq-introduction/'."""
    kind = KIND[kind_of(kb, record_id)]
    if kind.page:
        return kind.page(kb, record_id)
    if kind.parent_field:
        return page_of(kb, getattr(getattr(kb, kind.records)[record_id], kind.parent_field))  # type: ignore[arg-type]
    assert kind.folder is not None, kind.name
    return f"{kind.folder}{record_id}/" if kind.own_page else kind.folder


def parent_of(kb: m.KnowledgeBase, kind: Kind, record: Any) -> tuple[Kind, Any] | None:
    """The record a record sits inside (a requirement's area, an area's table), if the model names it."""
    if not kind.parent_field or kind.parent is None:
        return None
    parent = KIND[kind.parent]
    return parent, getattr(kb, parent.records)[getattr(record, kind.parent_field)]  # type: ignore[arg-type]


def provenance(kb: m.KnowledgeBase, kind: Kind, record: Any) -> m.Provenance:
    """Where a record comes from: its file and review date (or those of the record it sits inside:
    bullets are reviewed with their row, passages with their whole text), its source, and for a
    printed table's row or an FAQ, where the source prints it."""
    chain = [(kind, record)]
    while (up := parent_of(kb, *chain[-1])) is not None:
        chain.append(up)
    def first(name: str) -> Any:
        return next((getattr(r, name) for _, r in chain if getattr(r, name, None) is not None), None)
    section = row = None
    table = next((r for k, r in chain if k.name == "table"), None)
    if table is not None:
        section = table.section
        row = next((r.row for k, r in chain if k.name == "area"), None)
    elif kind.name == "question":
        s = chain[1][1]
        section = f"{s.number} {s.title}"
    # The file of a printed table's records is the table's; a passage's is its document's.
    file = table.path if table is not None else first("path")
    return m.Provenance(file, first("source"), section, row, getattr(record, "line", None), first("last_reviewed"))


def counts(kb: m.KnowledgeBase) -> dict[str, int]:
    """How many records of each stored kind, by KnowledgeBase field."""
    return {kind.records: len(getattr(kb, kind.records)) for kind in STORED}  # type: ignore[misc]


# --- What the model's field metadata says, walked over the YAML patterns ------------------------------

@dataclass(frozen=True)
class FieldPlace:
    file: str  # file kind
    kind: str  # the record kind the field belongs to
    pattern: Pattern  # where the value is in the file
    field: dataclasses.Field  # type: ignore[type-arg]
    via: tuple[type, ...]  # the nested (non-record) types on the way, e.g. (Quote,)


_RECORD_TYPES = frozenset(k.model for k in KINDS)


def _element(tp: Any) -> tuple[Pattern, Any]:
    """(pattern suffix, element type) of a field type: tuple[X, ...] is ("*",), X; X | None is X."""
    origin = typing.get_origin(tp)
    if origin is tuple:
        args = typing.get_args(tp)
        return ("*",), args[0]
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return _element(args[0])
    return (), tp


def _walk(cls: type, file: str, kind: str, base: Pattern, via: tuple[type, ...]) -> Iterator[FieldPlace]:
    hints = m.type_hints(cls)
    for f in dataclasses.fields(cls):
        key = f.metadata.get("key", f.name)
        tp = hints[f.name]
        if "keys" in f.metadata:  # a mapping with named keys, each a value of the mapping's type
            suffixes = [(name,) for name in f.metadata["keys"]]
            tp = typing.get_args(tp)[1]
        else:
            suffixes = [()]
        star, element = _element(tp)
        for suffix in suffixes:
            pattern = base + (key,) + suffix + star
            if "refers_to" in f.metadata or "nhs" in f.metadata:
                yield FieldPlace(file, kind, pattern, f, via)
            elif dataclasses.is_dataclass(element) and element not in _RECORD_TYPES:
                yield from _walk(element, file, kind, pattern, via + (element,))


@cache
def field_places() -> tuple[FieldPlace, ...]:
    """Every field with metadata (a reference, NHS wording) of every kind, with its YAML pattern."""
    return tuple(place for kind in KINDS for place in _walk(kind.model, kind.file, kind.name, kind.place, ()))


def record_places() -> tuple[tuple[str, Pattern, str], ...]:
    """(file kind, where the records are, record kind), for the index of the second pass."""
    return tuple((k.file, k.place, k.name) for k in KINDS)


def reference_places() -> tuple[tuple[str, Pattern, frozenset[str]], ...]:
    """(file kind, where a reference is, the kinds it may point to), for the second pass."""
    places = []
    for p in field_places():
        if "refers_to" not in p.field.metadata:
            continue
        by_key = p.field.metadata.get("by_key")
        if by_key:  # the YAML key names the kind: blocks[].table, blocks[].question, ...
            places += [(p.file, p.pattern[:-1] + (key,), kinds) for key, kinds in by_key.items()]
        else:
            places.append((p.file, p.pattern, p.field.metadata["refers_to"]))
    return tuple(places)


def quote_places() -> tuple[tuple[str, Pattern], ...]:
    """(file kind, pattern) of every quote of the sources' wording."""
    seen: dict[tuple[str, Pattern], None] = {}
    for p in field_places():
        if p.via[-1:] == (m.Quote,):
            seen[(p.file, p.pattern[:-1])] = None
    return tuple(seen)


def wording_fields() -> tuple[tuple[str, Pattern, str], ...]:
    """(file kind, pattern, what it must match in the source) of every field of NHS wording: the
    records' own fields, then the quotes' (each field of a quote in every place quotes are)."""
    own = [(p.file, p.pattern, p.field.metadata["nhs"]) for p in field_places()
           if "nhs" in p.field.metadata and m.Quote not in p.via]
    quoted = [(file, pattern + (f.metadata.get("key", f.name),), f.metadata["nhs"])
              for f in dataclasses.fields(m.Quote) if "nhs" in f.metadata for file, pattern in quote_places()]
    return tuple(own + quoted)


# --- The references of a built model --------------------------------------------------------------------

@cache
def _linked_fields(cls: type) -> tuple[tuple[str, bool], ...]:
    """(field name, is it a linked reference) of the fields worth walking: linked references, and
    values that may hold nested (non-record) dataclasses."""
    hints = m.type_hints(cls)
    found = []
    for f in dataclasses.fields(cls):
        if "refers_to" in f.metadata:
            if f.metadata["linked"]:
                found.append((f.name, True))
        elif _may_hold_dataclass(hints[f.name]):
            found.append((f.name, False))
    return tuple(found)


def _may_hold_dataclass(tp: Any) -> bool:
    return dataclasses.is_dataclass(tp) or any(_may_hold_dataclass(a) for a in typing.get_args(tp))


def _targets(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _targets(item)


def _nested(value: Any) -> Iterator[str]:
    """The linked references inside a value that is not itself a record of a stored kind."""
    if isinstance(value, tuple):
        for item in value:
            yield from _nested(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _nested(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type) and not _stored(type(value)):
        for name, linked in _linked_fields(type(value)):
            item = getattr(value, name)
            yield from _targets(item) if linked else _nested(item)


@cache
def _stored(cls: type) -> bool:
    return any(k.model is cls and k.records for k in KINDS)


def linked_references(kb: m.KnowledgeBase) -> Iterator[tuple[str, str]]:
    """(from id, to id) for every reference in the data that the site shows as a link. A record held
    inside another without records of its own (a worked example's indicator) links from its holder."""
    for kind in STORED:
        for record in getattr(kb, kind.records).values():  # type: ignore[arg-type]
            for name, linked in _linked_fields(kind.model):
                value = getattr(record, name)
                for target in (_targets(value) if linked else _nested(value)):
                    yield record.id, target
