"""The registry of kinds (gpia/model/kinds.py): every kind has what the pipeline derives from it."""
from __future__ import annotations

import csv
import dataclasses
import io

import pytest

from gpia.pages.build_views import build_views
from gpia.load.layout import SCHEMA_DIR, schema_path
from gpia.model import kinds
from gpia.model.kinds import KIND, KINDS, LAYOUT, MAKE_NEW, STORED, counts
from gpia.model.records import STORES, KnowledgeBase
from gpia.pages.export import csv_files
from gpia.tools.scaffold import RECIPES, TEMPLATE_DIR
from gpia.knowledge_base import read_documents
from gpia.load.jsonpaths import Found, find
from gpia.validate.references import REFERENCE_PLACES, REFERENCES_BY_FILE
from gpia.pages.export_names import _RENAMED
from gpia.sitemap import GENERATED_LISTS, LISTS
from gpia.views.pages import LISTINGS, RECORD_PAGES, record_page

from conftest import ROOT

# Record pages that are not one record's: a row group of the comparison.
# Pages of the comparisons (by row group, by pair of versions), not of a kind of record.
NOT_A_KIND = {"compare-group", "compare-pair", "compare-pair-group", "compare-pair-list"}


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_kind_has_its_file_schema_and_model(kind: kinds.Kind) -> None:
    assert kind.file in {file_kind for _, file_kind in LAYOUT}, kind.name
    assert schema_path(kind.file).is_file(), kind.name
    assert kind.home is not None or schema_path(kind.file).parent == SCHEMA_DIR, kind.name
    assert dataclasses.is_dataclass(kind.model) and "id" in {f.name for f in dataclasses.fields(kind.model)}
    assert kind.parent is None or kind.parent in KIND
    if kind.parent_field:
        assert kind.parent_field in {f.name for f in dataclasses.fields(kind.model)}



def test_each_file_kind_says_once_where_its_files_are() -> None:
    # The layout the loader reads is the registry's: one glob per file kind, on one of its kinds.
    declared = [k.file for k in KINDS if k.files]
    assert sorted(declared) == sorted({k.file for k in KINDS})
    assert len(LAYOUT) == len(declared) == len({pattern for pattern, _ in LAYOUT})
    assert kinds.file_kind("clauses/glossary.yaml") == "glossary"
    assert kinds.file_kind("faq/01-introduction.yaml") == "faq-section"
    assert kinds.file_kind("faq/more/01-introduction.yaml") is None  # a glob's * is one name, not a folder
    assert kinds.file_kind("clauses/notes.yaml") is None

def test_the_knowledge_base_holds_exactly_the_stored_kinds() -> None:
    # A field per core kind; a kind registered from outside the core is kept in `by_kind` (none here).
    held = [f.name for f in dataclasses.fields(KnowledgeBase) if f.name not in ("derived", "by_kind")]
    assert sorted(held) + sorted(STORES) == sorted(k.records for k in STORED)
    assert KnowledgeBase().records("terms") == {}
    with pytest.raises(KeyError, match="no kind of record is stored as 'notes'"):
        KnowledgeBase().records("notes")
    assert list(counts(KnowledgeBase())) == [k.records for k in STORED]


@pytest.mark.parametrize("name", MAKE_NEW)
def test_every_kind_make_new_adds_has_its_template(name: str) -> None:
    template = ROOT / TEMPLATE_DIR / KIND[name].template
    assert template.is_file(), name
    assert RECIPES[name].file_kind == KIND[name].file


def test_every_kind_with_pages_has_its_renderer_and_its_lists(kb: KnowledgeBase) -> None:
    view = build_views(kb).view("../../")
    assert set(RECORD_PAGES) - NOT_A_KIND == {k.name for k in KINDS if k.own_page}
    for kind in KINDS:
        if kind.own_page:
            first = next(iter(getattr(kb, kind.records)))
            assert record_page(view, kind.name, first).strip(), kind.name
        for listing in kind.listings:
            assert listing in LISTINGS, (kind.name, listing)


def test_every_stored_kind_has_its_download_with_a_column_per_field(kb: KnowledgeBase) -> None:
    files = csv_files(kb)
    for kind in STORED:
        header = next(csv.reader(io.StringIO(files[f"data/{kind.name}.csv"].removeprefix("\ufeff"))))
        for f in dataclasses.fields(kind.model):
            if f.name not in ("id", "path", "line", "last_reviewed"):
                name = _RENAMED.get((kind.name, f.name), f.name)  # as the export names it (comparison: from, to)
                # A column of its own, columns of its parts (find_before, ...), or a CSV of its own
                # when it holds a list of structures (data/schedule-fields.csv).
                assert (any(column in header for column in (name, f"{kind.name}_{name}"))
                        or any(column.startswith(f"{name}_") for column in header)
                        or f"data/{kind.name}-{name}.csv" in files), (kind.name, f.name)
        assert {"id", "kind", "provenance_file", "references", "referenced_by"} <= set(header), kind.name


def test_every_reference_field_is_checked_where_the_yaml_has_it() -> None:
    # Spot checks of the derivation from the models' field metadata to the YAML patterns.
    places = {(file, pattern): allowed for file, pattern, allowed in REFERENCE_PLACES}
    assert places[("requirement-table", ("areas", "*", "requirements", "*", "defers_to", "*", "schedule"))] == {"schedule"}
    assert places[("agreements", ("agreements", "*", "facets", "monitoring", "*", "quotes", "*", "faq"))] == {"question"}
    assert places[("document", ("blocks", "*", "faq_section"))] == {"faq-section"}
    assert places[("schedule", ("schedule", "example", "values", "kpis", "*", "evidences", "*"))] == {"requirement"}
    assert ("faq-section", ("questions", "*", "section")) not in places  # the model's field, not the data's


def test_each_file_kinds_references_are_its_places_in_the_same_order() -> None:
    assert [(file, pattern, allowed) for file, places in REFERENCES_BY_FILE.items()
            for pattern, allowed in places] == sorted(REFERENCE_PLACES, key=lambda p: list(REFERENCES_BY_FILE).index(p[0]))


def test_the_reference_check_finds_each_value_and_its_path_as_find_does() -> None:
    # The check reads the values alone and asks for a path only where a reference is wrong.
    docs, _, _ = read_documents(ROOT)
    walked = 0
    for file_kind, doc in docs:
        for pattern, _ in REFERENCES_BY_FILE.get(file_kind, ()):
            found, expected = Found(doc.data, pattern), list(find(doc.data, pattern))
            assert found.values == [value for _, value in expected]
            assert [found.path(i) for i in reversed(range(len(expected)))] == [path for path, _ in reversed(expected)]
            walked += len(expected)
    assert walked > 100
    # A list where a mapping is wanted, and the reverse, are passed over by both.
    data = {"a": [{"b": ["x", "y"]}, "z", {"b": "w"}, {"c": 1}]}
    found = Found(data, ("a", "*", "b", "*"))
    assert found.values == ["x", "y"] and [found.path(0), found.path(1)] == [("a", 0, "b", 0), ("a", 0, "b", 1)]


def test_a_kind_of_record_is_found_by_its_id(kb: KnowledgeBase) -> None:
    for kind in STORED:
        for record_id in list(getattr(kb, kind.records))[:3]:
            assert kinds.kind_of(kb, record_id) == kind.name
            assert kinds.label(kb, record_id)
    with pytest.raises(KeyError):
        kinds.kind_of(kb, "no-such-record")


def test_a_kind_shown_by_its_templates_declares_what_they_need() -> None:
    # gpia.views.generic: a page per record needs `own_page`; a list needs its name, title and folder.
    # (The core's kinds all have renderers of their own; tests/test_fixture_kind.py registers one without.)
    for kind in KINDS:
        if kind.page_template:
            assert kind.own_page and kind.records, kind.name
        if kind.list_template:
            assert kind.listings and kind.list_title and kind.folder, kind.name
            assert LISTS[kind.listings[0]] == kind.folder, kind.name
    assert set(GENERATED_LISTS) == {k.listings[0] for k in KINDS if k.list_template}


def test_register_is_refused_once_the_registry_is_read() -> None:
    # Everything derived from the registry (the layout, the site map, the renderers) is made once, as
    # it is imported: a kind registered later would be missing from all of it.
    late = dataclasses.replace(KIND["guidance"], name="late", records="late")
    with pytest.raises(RuntimeError, match="register kinds from a module named in GPIA_KINDS"):
        kinds.register(late)
    assert "late" not in KIND and late not in kinds.KINDS
