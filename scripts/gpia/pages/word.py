"""Word documents (.docx) for drafting: written with python-docx, byte-for-byte reproducible.

python-docx stamps every part of the package with the time it is saved (zip entry dates) and
leaves the core properties as its template has them. `docx_bytes` fixes both, so a rebuild of the
same data gives the same bytes: the core properties carry the date the records were last reviewed,
and every zip entry the same fixed date.

The guide's own words are styled as notes ("Drafting Note") and a worked example opens with its
label, so a document copied out of the site still says which words are not NHS wording.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt, RGBColor

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
    document = Document()
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
    document.add_heading(title, 0)
    return document


def note(document: DocxDocument, label: str, text: str) -> None:
    """Our words, styled as a note and introduced by what they are."""
    paragraph = document.add_paragraph(style=NOTE_STYLE)
    paragraph.add_run(f"{label} (not NHS wording): ").bold = True
    paragraph.add_run(text)


def nhs_wording(document: DocxDocument, text: str, where: str) -> None:
    paragraph = document.add_paragraph(style=NHS_STYLE)
    paragraph.add_run(f"“{text}”")
    document.add_paragraph(f"Source wording: {where}", style=NOTE_STYLE)


def table(document: DocxDocument, headings: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    grid = document.add_table(rows=1, cols=len(headings))
    grid.style = "Table Grid"
    for cell, heading in zip(grid.rows[0].cells, headings):
        cell.text = heading
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = value
    document.add_paragraph()


def docx_bytes(document: DocxDocument) -> bytes:
    """The document's bytes, with every zip entry dated _ZIP_DATE and in the order python-docx wrote it."""
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source, \
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def document_text(content: bytes) -> list[str]:
    """Every paragraph's text, then every table cell's, in document order (for tests and checks)."""
    document = Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    for grid in document.tables:
        for row in grid.rows:
            texts += [cell.text for cell in row.cells]
    return texts
