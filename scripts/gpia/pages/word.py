"""Word documents (.docx) for drafting: written with python-docx, byte-for-byte reproducible.

python-docx stamps every part of the package with the time it is saved (zip entry dates) and
leaves the core properties as its template has them. `docx_bytes` fixes both, so a rebuild of the
same data gives the same bytes: the core properties carry the date the records were last reviewed,
and every zip entry the same fixed date.

The guide's own words are styled as notes ("Drafting Note") and a worked example opens with its
label, so a document copied out of the site still says which words are not NHS wording.

A document is first described as data (`Draft`: its title and what to write, in order), then written
(`Draft.docx`). Writing is most of the cost, and the same description always gives the same bytes,
so the bytes are remembered by description: a rebuild during `mkdocs serve` writes again only the
documents whose content changed.
"""
from __future__ import annotations

import copy
import datetime as dt
import functools
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

# python-docx (about a tenth of a second to import) is imported where a document is written or read,
# so checking the data (`make validate`), which reaches this module through the page table, does not pay it.
from gpia.pages.word_style import STYLE, add_footer, column_layout, styled, twips

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

AUTHOR = "GP Integration Agreement guide"
NOTE_STYLE = "Drafting Note"
NHS_STYLE = "NHS Wording"
LABEL_STYLE = "Example Label"
# Zip entries cannot be dated before 1980.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def _property(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 255 else text[:254] + "…"


def new_document(title: str, subject: str, reviewed: str) -> DocxDocument:
    """A document with the guide's styles and fixed core properties (`reviewed` is YYYY-MM-DD)."""
    document = copy.deepcopy(_styled_template())
    _remember_style_ids(document)
    add_footer(document, _property(title), reviewed)
    when = dt.datetime.fromisoformat(reviewed).replace(tzinfo=dt.timezone.utc)
    core = document.core_properties
    # Word's core properties hold at most 255 characters; a title from the data may be longer.
    core.title, core.subject = _property(title), _property(subject)
    core.author, core.last_modified_by = AUTHOR, AUTHOR
    core.created = core.modified = core.last_printed = when
    core.revision = 1
    core.comments = ("Generated from the guide's knowledge base. NHS wording is quoted in the style "
                     f"'{NHS_STYLE}'; the guide's own words are in the style '{NOTE_STYLE}'.")
    core.keywords = "GP Integration Agreement"
    document.add_heading(title, 0)
    return document


@functools.cache
def _styled_template() -> DocxDocument:
    """python-docx's empty document with the guide's styles added, made once per process and
    copied for each document (reading python-docx's template and adding the styles took about
    three times as long as copying the result). Never changed once made."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt, RGBColor

    document = Document()
    styled(document)
    styles = document.styles
    note = styles.add_style(NOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = styles["Normal"]
    note.font.italic = True
    note.font.color.rgb = RGBColor(0x40, 0x40, 0x40)
    note.paragraph_format.left_indent = Pt(18)
    nhs = styles.add_style(NHS_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    nhs.base_style = styles["Normal"]
    nhs.paragraph_format.left_indent = Pt(18)
    label = styles.add_style(LABEL_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    label.base_style = styles["Normal"]
    label.font.bold = True
    label.font.color.rgb = RGBColor(0x80, 0x20, 0x00)
    return document


# Style name and type -> the style's id, the same in every copy of _styled_template.
_STYLE_IDS: dict[tuple[str, object], str | None] = {}


def _remember_style_ids(document: DocxDocument) -> None:
    """Look each style name up once per process rather than once per paragraph.

    python-docx finds a named style's id by walking every style of the document, twice (the name,
    then the type's default), for each paragraph, heading and table given a style: about a
    millisecond each. Every document starts as a copy of _styled_template and no style is added
    to it after, so a name's id is the same in all of them, and is remembered. The ids written
    are the ones python-docx finds."""
    part = document.part
    look_up = part.get_style_id

    def get_style_id(style_or_name, style_type):  # noqa: ANN001, ANN202 (python-docx has no stubs)
        if not isinstance(style_or_name, str):
            return look_up(style_or_name, style_type)
        key = (style_or_name, style_type)
        if key not in _STYLE_IDS:
            _STYLE_IDS[key] = look_up(style_or_name, style_type)
        return _STYLE_IDS[key]

    part.get_style_id = get_style_id


def note(document: DocxDocument, label: str, text: str) -> None:
    """Our words, styled as a note and introduced by what they are."""
    paragraph = document.add_paragraph(style=NOTE_STYLE)
    paragraph.add_run(f"{label} (not NHS wording): ").bold = True
    paragraph.add_run(text)


def note_list(document: DocxDocument, label: str, items: Sequence[str]) -> None:
    """Our words as a list, introduced by what they are: the label styled as a note, kept on the
    page of the list's first item, and the items bulleted."""
    lead = document.add_paragraph(style=NOTE_STYLE)
    lead.add_run(f"{label} (not NHS wording):").bold = True
    lead.paragraph_format.space_after = 0
    lead.paragraph_format.keep_with_next = True
    for item in items:
        document.add_paragraph(item, "List Bullet")


def nhs_wording(document: DocxDocument, text: str, where: str) -> None:
    """A quotation set off from the text (STYLE.quotation_size_pt), introduced by where it is from
    (`where`, kept on the page of the quotation's first lines; empty when the quotation before it
    is from the same place and has said so)."""
    from docx.shared import Pt

    size = Pt(STYLE.quotation_size_pt)
    if where:
        lead = document.add_paragraph(style=NOTE_STYLE)
        lead.add_run(f"Source wording: {where}").font.size = size
        lead.paragraph_format.space_after = 0
        lead.paragraph_format.keep_with_next = True
    document.add_paragraph(style=NHS_STYLE).add_run(f"“{text}”").font.size = size


def table(document: DocxDocument, headings: Sequence[str], rows: Sequence[Sequence[str]],
          weights: Sequence[float] | None = None, *, in_landscape: bool = False) -> bool:
    """A table in the guide's table style: its heading row repeated on every page it runs to, each
    column as wide as `weights` share out (STYLE.min_column_mm at least), in a landscape section
    when the portrait page is too narrow for that (word_style.column_layout). Returns whether the
    document now ends in a landscape section (`in_landscape`: it did before); the writer goes back
    to portrait at the next heading (`_written`), so a table at the end leaves no empty page."""
    landscape, widths = column_layout(len(headings), weights)
    if landscape and not in_landscape:
        _new_section(document, landscape=True)
    grid = document.add_table(rows=1, cols=len(headings))
    grid.style = STYLE.table_style
    for cell, heading in zip(grid.rows[0].cells, headings):
        cell.text = heading
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = value
    _lay_out(grid, widths)
    document.add_paragraph()
    return landscape or in_landscape


def _lay_out(grid, widths_mm: Sequence[float]) -> None:  # noqa: ANN001 (python-docx's Table)
    """Fixed column widths (w:gridCol, and each cell's w:tcW, which Word reads first) and the first
    row marked as a header row that repeats (w:tblHeader)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table = grid._tbl
    grid.autofit = False  # w:tblLayout w:type="fixed": the widths below, not the text's, decide
    for column, mm in zip(table.tblGrid.findall(qn("w:gridCol")), widths_mm):
        column.set(qn("w:w"), str(twips(mm)))
    for row in table.tr_lst:
        for cell, mm in zip(row.tc_lst, widths_mm):
            width = cell.get_or_add_tcPr().get_or_add_tcW()
            width.set(qn("w:type"), "dxa")
            width.set(qn("w:w"), str(twips(mm)))
    header = table.tr_lst[0].get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    header.append(repeat)


def _new_section(document: DocxDocument, landscape: bool) -> None:
    """A new section from here on, on a new page, landscape or portrait (its footer as before)."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Mm

    section = document.add_section(WD_SECTION.NEW_PAGE)
    width, height = STYLE.page_mm
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(height), Mm(width)) if landscape else (Mm(width), Mm(height))


W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
_BOX_FONT = "MS Gothic"  # Word's own checkbox controls draw ☐ and ☒ in it
_UNTICKED, _TICKED = "2610", "2612"  # ☐ and ☒


def checkbox(document: DocxDocument, tag: str, text: str) -> None:
    """A paragraph opening with a box that ticks in Word: a content control (w:sdt) with a
    w14:checkbox (Word 2010's namespace, declared, and listed in mc:Ignorable, on the document
    element of python-docx's template), then `text`. Word ticks it on a click; a program that
    does not know w14 shows the ☐ it holds. `tag` names the control (w:tag), for programs that
    read the ticks back."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = document.add_paragraph()
    sdt = OxmlElement("w:sdt")
    properties = OxmlElement("w:sdtPr")
    for name, value in (("w:alias", "Done"), ("w:tag", tag)):
        element = OxmlElement(name)
        element.set(qn("w:val"), value)
        properties.append(element)
    control = OxmlElement("w:id")
    control.set(qn("w:val"), str(len(document.element.body.findall(".//" + qn("w:sdt"))) + 1))
    properties.append(control)
    box = properties.makeelement(f"{{{W14}}}checkbox", nsmap={"w14": W14})
    for name, value in (("checked", "0"), ("checkedState", _TICKED), ("uncheckedState", _UNTICKED)):
        state = box.makeelement(f"{{{W14}}}{name}", nsmap={"w14": W14})
        state.set(f"{{{W14}}}val", value)
        if name != "checked":
            state.set(f"{{{W14}}}font", _BOX_FONT)
        box.append(state)
    properties.append(box)
    sdt.append(properties)
    content = OxmlElement("w:sdtContent")
    run = OxmlElement("w:r")
    run_properties = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    for key in ("w:ascii", "w:eastAsia", "w:hAnsi"):
        fonts.set(qn(key), _BOX_FONT)
    run_properties.append(fonts)
    run.append(run_properties)
    shown = OxmlElement("w:t")
    shown.text = chr(int(_UNTICKED, 16))
    run.append(shown)
    content.append(run)
    sdt.append(content)
    paragraph._p.append(sdt)
    paragraph.add_run(f" {text}")


# One step of a Draft: ("heading", text, level), ("paragraph", text, style or None),
# ("note", label, text), ("note-list", label, items), ("nhs", text, where), ("table", headings, rows,
# weights or None) or ("checkbox", tag, text); all tuples of strings.
Step = tuple


@dataclass
class Draft:
    """A Word document described as data: its core properties and the steps that write its body."""
    title: str
    subject: str
    reviewed: str  # YYYY-MM-DD
    steps: list[Step] = field(default_factory=list)

    def heading(self, text: str, level: int) -> None:
        self.steps.append(("heading", text, level))

    def paragraph(self, text: str = "", style: str | None = None) -> None:
        self.steps.append(("paragraph", text, style))

    def note(self, label: str, text: str) -> None:
        self.steps.append(("note", label, text))

    def note_list(self, label: str, items: Sequence[str]) -> None:
        self.steps.append(("note-list", label, tuple(items)))

    def nhs_wording(self, text: str, where: str) -> None:
        self.steps.append(("nhs", text, where))

    def table(self, headings: Sequence[str], rows: Sequence[Sequence[str]],
              weights: Sequence[float] | None = None) -> None:
        self.steps.append(("table", tuple(headings), tuple(tuple(row) for row in rows),
                           tuple(weights) if weights else None))

    def checkbox(self, tag: str, text: str) -> None:
        self.steps.append(("checkbox", tag, text))

    def docx(self) -> bytes:
        return _written(self.title, self.subject, self.reviewed, tuple(self.steps))


# Enough for every document of the real data and more; a larger corpus writes the ones it evicts again.
@functools.lru_cache(maxsize=256)
def _written(title: str, subject: str, reviewed: str, steps: tuple[Step, ...]) -> bytes:
    document = new_document(title, subject, reviewed)
    landscape = False  # whether the last section is a landscape one, opened for a wide table
    for kind, *args in steps:
        if kind == "heading":
            if landscape:
                _new_section(document, landscape=False)
                landscape = False
            document.add_heading(*args)
        elif kind == "paragraph":
            document.add_paragraph(*args)
        elif kind == "note":
            note(document, *args)
        elif kind == "note-list":
            note_list(document, *args)
        elif kind == "nhs":
            nhs_wording(document, *args)
        elif kind == "table":
            landscape = table(document, *args, in_landscape=landscape)
        elif kind == "checkbox":
            checkbox(document, *args)
        else:
            raise ValueError(f"unknown step of a Word document: {kind!r}")
    return docx_bytes(document)


class _FixedDateZip:
    """What python-docx's PackageWriter writes a package's parts to (its PhysPkgWriter's `write`
    and `close`), with every zip entry dated _ZIP_DATE."""

    def __init__(self, stream: io.BytesIO):
        self._zip = zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED)

    def write(self, pack_uri, blob: bytes) -> None:  # noqa: ANN001
        fixed = zipfile.ZipInfo(pack_uri.membername, date_time=_ZIP_DATE)
        fixed.compress_type = zipfile.ZIP_DEFLATED
        fixed.external_attr = 0o644 << 16
        self._zip.writestr(fixed, blob)

    def close(self) -> None:
        self._zip.close()


def docx_bytes(document: DocxDocument) -> bytes:
    """The document's bytes, with every zip entry dated _ZIP_DATE and in the order python-docx writes it.

    The same steps as `document.save` (python-docx's OpcPackage.save and PackageWriter.write), into
    a zip whose entries carry a fixed date, so each part is compressed once rather than saved,
    read back and compressed again."""
    from docx.opc.pkgwriter import PackageWriter

    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    out = io.BytesIO()
    writer = _FixedDateZip(out)
    PackageWriter._write_content_types_stream(writer, package.parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, package.parts)
    writer.close()
    return out.getvalue()


def document_text(content: bytes) -> list[str]:
    """Every paragraph's text, then every table cell's, in document order (for tests and checks)."""
    from docx import Document

    document = Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    for grid in document.tables:
        for row in grid.rows:
            texts += [cell.text for cell in row.cells]
    return texts
