"""The registry of kinds (gpia/model/kinds.py): every kind has what the pipeline derives from it."""
from __future__ import annotations

import csv
import dataclasses
import io

import pytest

from gpia.pages.build_views import build_views
from gpia.load.layout import LAYOUT, SCHEMA_DIR
from gpia.model import kinds
from gpia.model.kinds import KIND, KINDS, MAKE_NEW, STORED, counts
from gpia.model.records import KnowledgeBase
from gpia.pages.export import csv_files
from gpia.tools.scaffold import RECIPES, TEMPLATE_DIR
from gpia.validate.references import REFERENCE_PLACES
from gpia.pages.export import _RENAMED
from gpia.views.pages import LISTINGS, RECORD_PAGES, record_page

from conftest import ROOT

# Record pages that are not one record's: a row group of the comparison.
# Pages of the comparisons (by row group, by pair of versions), not of a kind of record.
NOT_A_KIND = {"compare-group", "compare-pair", "compare-pair-group", "compare-pair-list"}


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_kind_has_its_file_schema_and_model(kind: kinds.Kind) -> None:
    assert kind.file in {file_kind for _, file_kind in LAYOUT}, kind.name
    assert (SCHEMA_DIR / f"{kind.file}.json").is_file(), kind.name
    assert dataclasses.is_dataclass(kind.model) and "id" in {f.name for f in dataclasses.fields(kind.model)}
    assert kind.parent is None or kind.parent in KIND
    if kind.parent_field:
        assert kind.parent_field in {f.name for f in dataclasses.fields(kind.model)}


def test_the_knowledge_base_holds_exactly_the_stored_kinds() -> None:
    held = [f.name for f in dataclasses.fields(KnowledgeBase) if f.name != "derived"]
    assert sorted(held) == sorted(k.records for k in STORED)
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
        header = next(csv.reader(io.StringIO(files[f"data/{kind.name}.csv"])))
        for f in dataclasses.fields(kind.model):
            if f.name not in ("id", "path", "line", "last_reviewed"):
                name = _RENAMED.get((kind.name, f.name), f.name)  # as the export names it (comparison: from, to)
                assert any(column in header for column in (name, f"{kind.name}_{name}")), (kind.name, f.name)
        assert {"id", "kind", "provenance_file", "references", "referenced_by"} <= set(header), kind.name


def test_every_reference_field_is_checked_where_the_yaml_has_it() -> None:
    # Spot checks of the derivation from the models' field metadata to the YAML patterns.
    places = {(file, pattern): allowed for file, pattern, allowed in REFERENCE_PLACES}
    assert places[("requirement-table", ("areas", "*", "requirements", "*", "defers_to", "*", "schedule"))] == {"schedule"}
    assert places[("agreements", ("agreements", "*", "facets", "monitoring", "*", "quotes", "*", "faq"))] == {"question"}
    assert places[("document", ("blocks", "*", "faq_section"))] == {"faq-section"}
    assert places[("schedule", ("schedule", "example", "values", "kpis", "*", "evidences", "*"))] == {"requirement"}
    assert ("faq-section", ("questions", "*", "section")) not in places  # the model's field, not the data's


def test_a_kind_of_record_is_found_by_its_id(kb: KnowledgeBase) -> None:
    for kind in STORED:
        for record_id in list(getattr(kb, kind.records))[:3]:
            assert kinds.kind_of(kb, record_id) == kind.name
            assert kinds.label(kb, record_id)
    with pytest.raises(KeyError):
        kinds.kind_of(kb, "no-such-record")
