"""The Word downloads for drafting (gpia.pages.drafting): every schedule's template and worked example is
built, opens as a Word document, says what the data says, labels our words, and is reproducible."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from conftest import page as built_page
from docx import Document

from gpia.pages.build_views import build_views
from gpia.pages.drafting import EXAMPLE_LABEL, KPI_COLUMNS, drafting_files, example_path, target_text, template_path
from gpia.model.records import KnowledgeBase, Kpi
from gpia.pages.word import NOTE_STYLE, document_text


def test_every_schedule_with_fields_has_a_template_and_its_example(kb: KnowledgeBase) -> None:
    files = drafting_files(kb)
    for s in kb.schedules.values():
        assert (template_path(s.id) in files) == bool(s.fields)
        assert (example_path(s.id) in files) == bool(s.fields and s.example)
    assert files == drafting_files.__wrapped__(kb)  # made again (not the build's cached copy): byte for byte
    for content in files.values():
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            assert {i.date_time for i in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_each_template_holds_every_field_and_its_drafting_note_as_a_note(kb: KnowledgeBase) -> None:
    files = drafting_files(kb)
    for s in kb.schedules.values():
        if not s.fields:
            continue
        document = Document(io.BytesIO(files[template_path(s.id)]))
        assert document.core_properties.title == f"{s.label}: blank template"
        assert document.core_properties.created.date().isoformat() == s.last_reviewed
        headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
        assert [h.rsplit(" (", 1)[0] for h in headings] == [f.label for f in s.fields]
        notes = [p.text for p in document.paragraphs if p.style.name == NOTE_STYLE]
        assert notes[0] == f"What goes in this schedule (not NHS wording): {s.summary}"
        for f in s.fields:
            assert f"Drafting note (not NHS wording): {f.guidance}" in notes
            if f.kind == "table":
                assert any([c.text for c in t.rows[0].cells] == [c.label for c in f.columns] for t in document.tables)
        for q in s.quotes:
            assert f"“{q.text}”" in document_text(files[template_path(s.id)])


def test_each_example_is_labelled_and_holds_the_example_values(kb: KnowledgeBase) -> None:
    files = drafting_files(kb)
    for s in kb.schedules.values():
        if not (s.fields and s.example):
            continue
        content = files[example_path(s.id)]
        text = document_text(content)
        paragraphs = [p for p in Document(io.BytesIO(content)).paragraphs]
        assert paragraphs[1].text == EXAMPLE_LABEL and paragraphs[-1].text == EXAMPLE_LABEL
        for f in s.fields:
            value = s.example.values.get(f.id)
            if value is None:
                continue
            if f.kind == "list":
                assert all(item in text for item in value)
            elif f.kind == "table":
                assert all(str(row.get(c.id, "")) in text for row in value for c in f.columns)
            elif f.kind == "kpi-table":
                for k in value:
                    assert isinstance(k, Kpi)
                    assert k.name in text and k.definition in text and target_text(k) in text
                assert all(c in text for c in KPI_COLUMNS)
            elif f.kind == "text":
                assert str(value) in text


def test_schedule_pages_and_the_data_page_link_the_documents(built_site: Path, kb: KnowledgeBase) -> None:
    data = built_page(built_site, "data/")
    for uri, content in drafting_files(kb).items():
        assert (built_site / uri).read_bytes() == content
        assert f'href="{uri.removeprefix("data/")}"' in data
    for s in kb.schedules.values():
        if s.fields:
            assert f'href="../../{template_path(s.id)}"' in built_page(built_site, f"schedules/{s.id}/")


def test_a_long_title_from_the_data_is_cut_to_words_core_property_limit() -> None:
    from gpia.pages.word import new_document
    document = new_document("Schedule 3: " + "x" * 400, "subject " * 60, "2026-12-01")
    assert len(document.core_properties.title) == 255 and document.core_properties.title.endswith("…")
    assert len(document.core_properties.subject) <= 255


def test_the_data_page_lists_the_documents_of_one_schedules_page_however_many_there_are(kb10: KnowledgeBase) -> None:
    from gpia.pages.downloads import drafting_list
    from gpia.views.schedules import SCHEDULES_PER_PAGE
    assert len(kb10.schedules) > SCHEDULES_PER_PAGE
    lines = drafting_list(build_views(kb10).view()).splitlines()
    assert len(lines) == SCHEDULES_PER_PAGE + 1
    assert lines[-1] == (f"- The other {len(kb10.schedules) - SCHEDULES_PER_PAGE:,} schedules: each links its own "
                         "documents from its page; see [the list of schedules](schedules.md).")
