"""The guide's Word style, declared once: every Word file the site writes derives from `STYLE`.

python-docx's built-in template is US Letter, has no language (so Word checks British spelling as US
English), no footer, and a `docProps/app.xml` that says "Microsoft Macintosh Word" with a preview
thumbnail. `styled(document)` turns such a document into the guide's: A4 with `STYLE`'s margins, the
language in the default run properties of styles.xml (and settings.xml's theme font language), the
fonts, and the document's own extended properties with no thumbnail. `add_footer` writes the footer
(the document's title and date, and "Page N of M" as PAGE and NUMPAGES fields), and `column_layout`
says how a table of N columns is laid out: across the portrait page, or in a landscape section when
a column would otherwise be narrower than `STYLE.min_column_mm`.

A template served to the browser (or any other writer of Word files) takes the same values from
`STYLE`; nothing here knows about the knowledge base.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument


@dataclass(frozen=True)
class WordStyle:
    page_mm: tuple[int, int] = (210, 297)  # A4, portrait (width, height)
    margin_mm: int = 20  # every side
    footer_distance_mm: int = 10  # from the page's foot to the footer
    language: str = "en-GB"
    # Arial is in every copy of Word and is NHS identity's alternative to Frutiger; LibreOffice
    # draws it with Liberation Sans, which has the same widths.
    font: str = "Arial"
    size_pt: float = 11
    # The space after each paragraph and the lines' height (python-docx's template has 10 pt and
    # 1.15 lines, and 24 pt above each heading), as a contract's body text sets them: a checklist of
    # nine items reads as one and prints on fewer pages, and the headings still stand apart.
    space_after_pt: float = 5
    line_spacing: float = 1.0
    heading_space_before_pt: float = 10
    title_size_pt: float = 20  # the document's title (python-docx's template: 26 pt, two lines for most)
    # A quotation set off from the text, and the line under it saying where it is from: a point
    # smaller than the text, as a contract sets an extract.
    quotation_size_pt: float = 10
    footer_size_pt: float = 9
    table_style: str = "Table Grid"
    table_size_pt: float = 9  # a table's text, so a 2 cm column holds a word such as "Denominator"
    min_column_mm: int = 20  # no column narrower than 2 cm: a wider table goes landscape
    application: str = "GP Integration Agreement guide"
    # {title} and {date} are the document's; the page numbers are Word fields.
    footer: str = "{title} · {date} · Page {page} of {pages}"

    def text_width_mm(self, landscape: bool = False) -> int:
        return (self.page_mm[1] if landscape else self.page_mm[0]) - 2 * self.margin_mm


STYLE = WordStyle()

_TWIPS_PER_MM = 1440 / 25.4


def twips(mm: float) -> int:
    return round(mm * _TWIPS_PER_MM)


def long_date(iso: str) -> str:
    """'YYYY-MM-DD' -> day, month name and year ('1 August' and the year), as the NHS style guide writes dates."""
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day.strftime('%B')} {day.year}"


def column_layout(count: int, weights: Sequence[float] | None = None,
                  style: WordStyle = STYLE) -> tuple[bool, list[float]]:
    """(landscape, widths in mm) for a table of `count` columns: shared out by `weights` (equal
    without), across the portrait text width if every column is then at least
    `style.min_column_mm`, else across the landscape one. A table too wide even for that is a
    mistake in the code that builds it."""
    weights = list(weights) if weights else [1.0] * count
    if len(weights) != count:
        raise ValueError(f"{count} columns but {len(weights)} weights")
    for landscape in (False, True):
        width = style.text_width_mm(landscape)
        widths = [width * w / sum(weights) for w in weights]
        if min(widths) >= style.min_column_mm:
            return landscape, widths
    raise ValueError(f"a table of {count} columns cannot keep every column at least {style.min_column_mm} mm wide")


def styled(document: DocxDocument, style: WordStyle = STYLE) -> None:
    """python-docx's empty document made the guide's: page, language, fonts, properties."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    section = document.sections[0]
    section.page_width, section.page_height = Mm(style.page_mm[0]), Mm(style.page_mm[1])
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(style.margin_mm))
    section.header_distance = section.footer_distance = Mm(style.footer_distance_mm)

    styles_element = document.styles.element
    run_defaults = styles_element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    fonts = run_defaults.find(qn("w:rFonts"))
    for key in list(fonts.attrib):
        del fonts.attrib[key]
    for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(key), style.font)
    language = run_defaults.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_defaults.append(language)
    language.set(qn("w:val"), style.language)
    language.set(qn("w:eastAsia"), style.language)
    for name in ("w:sz", "w:szCs"):
        run_defaults.find(qn(name)).set(qn("w:val"), str(round(style.size_pt * 2)))
    # The template's headings and title name theme fonts of their own: the same font everywhere.
    for each in document.styles:
        if getattr(each, "font", None) is not None and each.element.rPr is not None:
            theirs = each.element.rPr.find(qn("w:rFonts"))
            if theirs is not None:
                each.element.rPr.remove(theirs)
    settings = document.settings.element
    theme_language = settings.find(qn("w:themeFontLang"))
    if theme_language is not None:
        theme_language.set(qn("w:val"), style.language)
    spacing = styles_element.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    spacing.set(qn("w:after"), str(round(style.space_after_pt * 20)))
    spacing.set(qn("w:line"), str(round(style.line_spacing * 240)))
    spacing.set(qn("w:lineRule"), "auto")
    for level in (1, 2, 3):
        document.styles[f"Heading {level}"].paragraph_format.space_before = Pt(style.heading_space_before_pt)
    document.styles["Title"].font.size = Pt(style.title_size_pt)
    document.styles["Footer"].font.size = Pt(style.footer_size_pt)
    document.styles[style.table_style].font.size = Pt(style.table_size_pt)
    _own_properties(document, style)


def _own_properties(document: DocxDocument, style: WordStyle) -> None:
    """The template's app.xml ("Microsoft Macintosh Word", its own counts) replaced by the
    document's, and the template's preview thumbnail dropped."""
    package = document.part.package
    thumbnail = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
    for key, relationship in list(package.rels.items()):
        if relationship.reltype == thumbnail:
            del package.rels[key]
    for part in package.parts:
        if part.partname == "/docProps/app.xml":
            part._blob = (
                "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
                '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
                'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
                f"<Application>{escape(style.application)}</Application><DocSecurity>0</DocSecurity>"
                "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
                "<HyperlinksChanged>false</HyperlinksChanged></Properties>").encode("utf-8")


def add_footer(document: DocxDocument, title: str, date: str, style: WordStyle = STYLE) -> None:
    """The footer of every page: the title, the date (YYYY-MM-DD, written out) and the page numbers."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    footer = document.sections[0].footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = document.styles["Footer"]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    text = style.footer.replace("{title}", title).replace("{date}", long_date(date))
    for piece in _split_fields(text):
        if piece in ("PAGE", "NUMPAGES"):
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), f" {piece} ")
            run = OxmlElement("w:r")
            shown = OxmlElement("w:t")
            shown.text = "1"  # the cached result, until Word or LibreOffice lays the pages out
            run.append(shown)
            field.append(run)
            paragraph._p.append(field)
        elif piece:
            paragraph.add_run(piece)


def _split_fields(text: str) -> list[str]:
    """'a {page} b {pages}' -> ['a ', 'PAGE', ' b ', 'NUMPAGES']."""
    out: list[str] = []
    for chunk in text.split("{page}"):
        if out:
            out.append("PAGE")
        parts = chunk.split("{pages}")
        for n, part in enumerate(parts):
            if n:
                out.append("NUMPAGES")
            out.append(part)
    return out
