"""A redline as a Word document with real tracked changes, to open in Word's Review pane.

`tracked_changes_docx(title, items)` writes one labelled paragraph per item: its unchanged words as
plain runs, its deleted words inside `w:del` (as `w:delText`) and its inserted words inside `w:ins`,
each change with the author AUTHOR and one fixed date, so Word and LibreOffice list every change
and can accept or reject it, and a rebuild of the same data gives the same bytes
(gpia.pages.word.docx_bytes). python-docx has no API for tracked changes: the runs are built as
OOXML elements here.

The items come from gpia.compare.redline (`redline(old, new)` ops); nothing here knows about the
knowledge base.
"""
from __future__ import annotations

from collections.abc import Sequence

from gpia.compare.redline import Op
from gpia.pages import word

AUTHOR = "GP IA guide"


def tracked_changes_docx(title: str, items: Sequence[tuple[str, Sequence[Op]]], *, reviewed: str,
                         subject: str = "A redline with tracked changes",
                         notes: Sequence[tuple[str, str]] = ()) -> bytes:
    """A .docx: the title, our `notes` (label, text) styled as notes, then for each (label, ops) item
    a heading with the label and a paragraph with the ops as tracked changes, all dated `reviewed`
    (YYYY-MM-DD)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = word.new_document(title, subject, reviewed)
    for label, text in notes:
        word.note(document, label, text)
    date = f"{reviewed}T00:00:00Z"
    revision = 0
    for label, ops in items:
        document.add_heading(label, 2)
        paragraph = document.add_paragraph(style=word.NHS_STYLE)._p
        for op in ops:
            if op.kind == "equal":
                paragraph.append(_run(op.text, "w:t"))
                continue
            revision += 1
            change = OxmlElement("w:del" if op.kind == "delete" else "w:ins")
            change.set(qn("w:id"), str(revision))
            change.set(qn("w:author"), AUTHOR)
            change.set(qn("w:date"), date)
            change.append(_run(op.text, "w:delText" if op.kind == "delete" else "w:t"))
            paragraph.append(change)
    return word.docx_bytes(document)


def _run(text: str, tag: str):  # noqa: ANN202 (an lxml element of python-docx's, which has no stubs)
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = OxmlElement("w:r")
    t = OxmlElement(tag)
    t.set(qn("xml:space"), "preserve")
    t.text = text
    run.append(t)
    return run


def tracked_text(paragraph_element) -> tuple[Op, ...]:  # noqa: ANN001 (an lxml element of python-docx's)
    """The ops a paragraph written by tracked_changes_docx holds, read back from its XML (for tests
    and checks): plain runs as equal, w:del as delete, w:ins as insert."""
    from docx.oxml.ns import qn

    ops: list[Op] = []
    for child in paragraph_element.iterchildren():
        if child.tag == qn("w:r"):
            ops.append(Op("equal", "".join(t.text or "" for t in child.iter(qn("w:t")))))
        elif child.tag == qn("w:del"):
            ops.append(Op("delete", "".join(t.text or "" for t in child.iter(qn("w:delText")))))
        elif child.tag == qn("w:ins"):
            ops.append(Op("insert", "".join(t.text or "" for t in child.iter(qn("w:t")))))
    return tuple(ops)
