"""Every Word file the site writes is in the guide's one Word style (gpia.pages.word_style.STYLE):
A4, en-GB, a footer with the title, date and page numbers, header rows that repeat, no column under
2 cm (a wider table in a landscape section), and the document's own properties with no thumbnail."""
from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn

from gpia.model.records import KnowledgeBase
from gpia.pages.compare_docx import comparison_files
from gpia.pages.drafting import KPI_COLUMNS, decisions_docx, drafting_files, example_path
from gpia.pages.word_style import STYLE, column_layout, long_date, twips
from gpia.views.common import BuildViews

A4 = (11906, 16838)  # twentieths of a point


@pytest.fixture(scope="module")
def word_files(kb: KnowledgeBase) -> dict[str, bytes]:
    files = {**drafting_files(kb), **comparison_files(kb)}
    files["data/before-you-sign.docx"] = decisions_docx(BuildViews.for_knowledge_base(kb).view())
    assert len(files) == 26
    return files


def test_every_page_is_a4_portrait_or_landscape_with_the_styles_margins(word_files: dict[str, bytes]) -> None:
    for path, content in word_files.items():
        body = Document(io.BytesIO(content)).element.body
        sections = list(body.iter(qn("w:sectPr")))
        assert sections, path
        for section in sections:
            size = section.find(qn("w:pgSz"))
            width, height = int(size.get(qn("w:w"))), int(size.get(qn("w:h")))
            landscape = size.get(qn("w:orient")) == "landscape"
            assert (height, width) == A4 if landscape else (width, height) == A4, path
            margins = section.find(qn("w:pgMar"))
            assert {int(margins.get(qn(f"w:{side}"))) for side in ("top", "bottom", "left", "right")} \
                == {twips(STYLE.margin_mm)}, path


def test_every_document_is_british_english_in_the_styles_font(word_files: dict[str, bytes]) -> None:
    for path, content in word_files.items():
        document = Document(io.BytesIO(content))
        defaults = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        assert defaults.find(qn("w:lang")).get(qn("w:val")) == "en-GB", path
        assert defaults.find(qn("w:rFonts")).get(qn("w:ascii")) == STYLE.font, path
        assert document.settings.element.find(qn("w:themeFontLang")).get(qn("w:val")) == "en-GB", path
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            assert b"en-US" not in package.read("word/styles.xml"), path


def test_every_page_has_a_footer_with_the_title_date_and_page_numbers(word_files: dict[str, bytes]) -> None:
    for path, content in word_files.items():
        document = Document(io.BytesIO(content))
        footer = document.sections[0].footer
        assert not footer.is_linked_to_previous, path
        element = footer._element
        fields = [f.get(qn("w:instr")).strip() for f in element.iter(qn("w:fldSimple"))]
        assert fields == ["PAGE", "NUMPAGES"], path
        text = "".join(t.text for t in element.iter(qn("w:t")))
        title, created = document.core_properties.title, document.core_properties.created.date().isoformat()
        assert text == f"{title} · {long_date(created)} · Page 1 of 1", path
        for section in document.sections:  # later (landscape) sections keep the same footer
            assert section.footer._element is None or section.footer.is_linked_to_previous or \
                section.footer._element is element


def test_every_table_repeats_its_header_row_and_no_column_is_under_2_cm(word_files: dict[str, bytes]) -> None:
    tables = 0
    for path, content in word_files.items():
        for grid in Document(io.BytesIO(content)).tables:
            tables += 1
            rows = grid._tbl.tr_lst
            assert rows[0].trPr is not None and rows[0].trPr.find(qn("w:tblHeader")) is not None, path
            assert all(r.trPr is None or r.trPr.find(qn("w:tblHeader")) is None for r in rows[1:]), path
            widths = [int(c.get(qn("w:w"))) for c in grid._tbl.tblGrid.findall(qn("w:gridCol"))]
            assert min(widths) >= twips(20), path
            assert grid._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed", path
    assert tables >= 12


def test_the_indicator_table_is_in_a_landscape_section_of_its_own(kb: KnowledgeBase, word_files: dict[str, bytes]) -> None:
    with_kpis = [s for s in kb.schedules.values() if s.example and any(f.kind == "kpi-table" for f in s.fields)]
    assert with_kpis
    for s in with_kpis:
        body = Document(io.BytesIO(word_files[example_path(s.id)])).element.body
        children = list(body)
        table = next(n for n, c in enumerate(children) if c.tag == qn("w:tbl")
                     and len(c.tblGrid.findall(qn("w:gridCol"))) == len(KPI_COLUMNS))
        # The section the table is in ends at the first section break after it: landscape.
        after = next(c for c in children[table:] if c.find(f".//{qn('w:sectPr')}") is not None or c.tag == qn("w:sectPr"))
        section = after if after.tag == qn("w:sectPr") else after.find(f".//{qn('w:sectPr')}")
        assert section.find(qn("w:pgSz")).get(qn("w:orient")) == "landscape"
        # ... and the one before it (ending just before the table) is portrait.
        before = [c for c in children[:table] if c.find(f".//{qn('w:sectPr')}") is not None]
        assert before and before[-1].find(f".//{qn('w:sectPr')}/{qn('w:pgSz')}").get(qn("w:orient")) in (None, "portrait")


def test_the_documents_own_properties_and_no_thumbnail(word_files: dict[str, bytes]) -> None:
    for path, content in word_files.items():
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            names = package.namelist()
            assert not any("thumbnail" in n for n in names), path
            assert b"thumbnail" not in package.read("_rels/.rels"), path
            app = package.read("docProps/app.xml").decode("utf-8")
            assert f"<Application>{STYLE.application}</Application>" in app and "Macintosh" not in app, path
        core = Document(io.BytesIO(content)).core_properties
        assert core.title and core.author == "GP Integration Agreement guide", path


def test_a_table_goes_landscape_only_when_a_portrait_column_would_be_under_2_cm() -> None:
    assert column_layout(3) == (False, [170 / 3] * 3)
    assert column_layout(8)[0] is False  # 8 x 21.25 mm fit the portrait width
    landscape, widths = column_layout(9)
    assert landscape and min(widths) >= 20
    landscape, widths = column_layout(10, [1, 2, 1, 1, 1, 1, 1, 1, 1, 2])
    assert landscape and widths[1] == 2 * widths[0] and round(sum(widths)) == 257
    with pytest.raises(ValueError, match="13 columns"):
        column_layout(13)
    assert long_date("2019-08-01") == "1 August 2019"


def test_every_document_spaces_its_paragraphs_and_headings_as_the_style_says(word_files: dict[str, bytes]) -> None:
    for path, content in word_files.items():
        document = Document(io.BytesIO(content))
        spacing = document.styles.element.find(
            f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
        assert int(spacing.get(qn("w:after"))) == round(STYLE.space_after_pt * 20), path
        assert int(spacing.get(qn("w:line"))) == round(STYLE.line_spacing * 240), path
        for level in (1, 2, 3):
            assert document.styles[f"Heading {level}"].paragraph_format.space_before.pt == STYLE.heading_space_before_pt
        assert document.styles["Title"].font.size.pt == STYLE.title_size_pt, path
        # A quotation is set a point smaller, and where it is from comes just before it, on the same page.
        for n, p in enumerate(document.paragraphs):
            if p.style.name == "NHS Wording" and p.text.startswith("“"):
                assert {r.font.size.pt for r in p.runs} == {STYLE.quotation_size_pt}, path
            if p.style.name == "Drafting Note" and p.text.startswith("Source wording: "):
                assert {r.font.size.pt for r in p.runs} == {STYLE.quotation_size_pt}, path
                assert p.paragraph_format.keep_with_next and p.paragraph_format.space_after == 0, path
                assert document.paragraphs[n + 1].style.name == "NHS Wording", path
