"""A redline as a Word document with real tracked changes, to open in Word's Review pane.

`tracked_changes_docx(title, items)` writes each item as a heading and its paragraphs: unchanged
words as plain runs, deleted words inside `w:del` (as `w:delText`) and inserted words inside
`w:ins`, each change with the author AUTHOR and one fixed date, so Word and LibreOffice list every
change and can accept or reject it, and a rebuild of the same data gives the same bytes
(gpia.pages.word.docx_bytes). python-docx has no API for tracked changes: the runs are built as
OOXML elements here.

An item of several paragraphs is one newer text made from several older ones (a merged bullet): the
mark ending each paragraph but the last is a deleted one (`w:pPr/w:rPr/w:del`), so accepting every
change gives the newer text as one paragraph and rejecting every change gives the older texts, a
paragraph each. `accept_all` and `reject_all` do the same to a document's XML, as Word does.

The items come from gpia.compare.redline (`redline(old, new)` ops); nothing here knows about the
knowledge base.
"""
from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass

from gpia.compare.redline import Op
from gpia.pages import word

AUTHOR = "GP IA guide"


@dataclass(frozen=True)
class Item:
    """A heading (`label`, at `level`) and the paragraphs under it, each a redline. Accepted, the
    paragraphs join into one; rejected, each is one older text. No paragraphs: a heading alone."""
    label: str
    paragraphs: tuple[tuple[Op, ...], ...] = ()
    level: int = 2


def tracked_changes_docx(title: str, items: Sequence[Item | tuple[str, Sequence[Op]]], *, reviewed: str,
                         subject: str = "A redline with tracked changes",
                         notes: Sequence[tuple[str, str]] = ()) -> bytes:
    """A .docx: the title, our `notes` (label, text) styled as notes, then each item (an Item, or a
    (label, ops) pair: one paragraph under a level-2 heading) as its heading and its paragraphs of
    tracked changes, all dated `reviewed` (YYYY-MM-DD)."""
    document = word.new_document(title, subject, reviewed)
    for label, text in notes:
        word.note(document, label, text)
    date = f"{reviewed}T00:00:00Z"
    revision = 0

    def change(tag: str):  # noqa: ANN202
        nonlocal revision
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        revision += 1
        element = OxmlElement(tag)
        element.set(qn("w:id"), str(revision))
        element.set(qn("w:author"), AUTHOR)
        element.set(qn("w:date"), date)
        return element

    for item in items:
        if not isinstance(item, Item):
            item = Item(item[0], (tuple(item[1]),))
        document.add_heading(item.label, item.level)
        for n, ops in enumerate(item.paragraphs):
            paragraph = document.add_paragraph(style=word.NHS_STYLE)._p
            for op in ops:
                if op.kind == "equal":
                    paragraph.append(_run(op.text, "w:t"))
                    continue
                tracked = change("w:del" if op.kind == "delete" else "w:ins")
                tracked.append(_run(op.text, "w:delText" if op.kind == "delete" else "w:t"))
                paragraph.append(tracked)
            if n < len(item.paragraphs) - 1:  # accepted, this paragraph joins the next
                from docx.oxml import OxmlElement
                mark = OxmlElement("w:rPr")
                mark.append(change("w:del"))
                paragraph.get_or_add_pPr().append(mark)
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


def accept_all(body):  # noqa: ANN001, ANN201 (lxml elements of python-docx's)
    """A copy of a document body with every tracked change accepted, as Word's "Accept All Changes":
    deletions dropped, insertions kept as plain runs, a paragraph whose mark was deleted joined to
    the next (which keeps its own properties)."""
    return _resolved(body, keep="w:ins", drop="w:del")


def reject_all(body):  # noqa: ANN001, ANN201
    """A copy of a document body with every tracked change rejected: insertions dropped, deleted
    text restored as plain runs (w:delText as w:t), deleted paragraph marks restored."""
    return _resolved(body, keep="w:del", drop="w:ins")


def _resolved(body, keep: str, drop: str):  # noqa: ANN001, ANN202
    from docx.oxml.ns import qn

    body = copy.deepcopy(body)
    for mark in list(body.iter(qn("w:pPr"))):
        properties = mark.find(qn("w:rPr"))
        deleted = properties is not None and properties.find(qn("w:del")) is not None
        if properties is not None:
            for tag in ("w:del", "w:ins"):
                for element in properties.findall(qn(tag)):
                    properties.remove(element)
        if deleted and keep == "w:ins":  # accepted: this paragraph's runs move into the next one
            paragraph = mark.getparent()
            following = paragraph.getnext()
            runs = [c for c in paragraph if c.tag != qn("w:pPr")]
            anchor = following.find(qn("w:pPr"))
            position = 0 if anchor is None else 1
            for n, run in enumerate(runs):
                following.insert(position + n, run)
            paragraph.getparent().remove(paragraph)
    for element in list(body.iter(qn(drop))):
        element.getparent().remove(element)
    for element in list(body.iter(qn(keep))):
        parent = element.getparent()
        index = parent.index(element)
        for n, child in enumerate(list(element)):
            parent.insert(index + n, child)
        parent.remove(element)
    for text in body.iter(qn("w:delText")):
        text.tag = qn("w:t")
    return body
