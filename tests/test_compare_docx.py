"""The comparison as a Word document with tracked changes: every redline of /compare/ as w:del and
w:ins runs (author and date fixed), readable by python-docx, and the same bytes on every build."""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from gpia.compare.redline import Op, compare, redline
from gpia.knowledge_base import load_or_raise
from gpia.model.records import KnowledgeBase
from gpia.compare.pairs import default_pairing
from gpia.pages.compare_docx import comparison_docx, comparison_items, comparison_path, merged_paragraphs
from gpia.pages.tracked import AUTHOR, Item, accept_all, reject_all, tracked_changes_docx, tracked_text

from conftest import ROOT, SOURCES


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_or_raise(ROOT, SOURCES)


def _items(content: bytes) -> list[Item]:
    """The document's headings and, under each, its paragraphs' ops, read back from its XML."""
    document = Document(io.BytesIO(content))
    found: list[Item] = []
    for paragraph in document.paragraphs:
        if paragraph.style.name.startswith("Heading "):
            found.append(Item(paragraph.text, (), int(paragraph.style.name.split()[1])))
        elif found:
            last = found[-1]
            found[-1] = Item(last.label, (*last.paragraphs, tracked_text(paragraph._p)), last.level)
    return found


def test_each_change_is_a_tracked_deletion_or_insertion() -> None:
    ops = redline("Co-produce with others, in designing", "Co-design with others in designing?")
    content = tracked_changes_docx("A title", [("An item", ops)], reviewed="2019-08-01")
    body = Document(io.BytesIO(content)).element.body
    dels, inss = body.findall(".//" + qn("w:del")), body.findall(".//" + qn("w:ins"))
    assert ["".join(t.text for t in d.iter(qn("w:delText"))) for d in dels] == ["Co-produce", ","]
    assert ["".join(t.text for t in i.iter(qn("w:t"))) for i in inss] == ["Co-design", "?"]
    for change in dels + inss:
        assert change.get(qn("w:author")) == AUTHOR == "GP IA guide"
        assert change.get(qn("w:date")) == "2019-08-01T00:00:00Z"
    assert len({c.get(qn("w:id")) for c in dels + inss}) == 4  # each revision has its own id
    # A deletion's text is w:delText (Word shows w:t inside w:del as live text).
    assert not any(d.findall(".//" + qn("w:t")) for d in dels)
    assert _items(content) == [Item("An item", (ops,))]


def _nhs_paragraphs(body) -> list[str]:  # noqa: ANN001
    texts = []
    for p in body.iter(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is not None and style.get(qn("w:val")) == "NHSWording":
            texts.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
    return texts


def test_a_merged_text_accepts_to_one_paragraph_and_rejects_to_each_older_one() -> None:
    paragraphs = merged_paragraphs(("Plan the workforce.", "Share the premises and staff."),
                                   "Plan the workforce and share the staff.")
    assert paragraphs[1] == (Op("delete", "Share the premises and staff."),)
    content = tracked_changes_docx("A title", [Item("Merged", paragraphs)], reviewed="2019-08-01")
    body = Document(io.BytesIO(content)).element.body
    assert _nhs_paragraphs(accept_all(body)) == ["Plan the workforce and share the staff."]
    assert _nhs_paragraphs(reject_all(body)) == ["Plan the workforce.", "Share the premises and staff."]
    # The first paragraph's mark is a tracked deletion: Word joins it to the next when accepted.
    marks = [p.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:del')}") for p in body.iter(qn("w:p"))]
    assert [m is not None for m in marks][-2:] == [True, False]


def test_accept_all_gives_the_newer_bullets_and_reject_all_the_older_each_whole(kb: KnowledgeBase) -> None:
    pairing = default_pairing(kb)
    body = Document(io.BytesIO(comparison_docx(kb, pairing))).element.body
    headings = 2 * len(pairing.kinds)  # each table's section heading and column heading come first
    accepted, rejected = _nhs_paragraphs(accept_all(body)), _nhs_paragraphs(reject_all(body))
    tables = [t for t in kb.tables.values() if t.kind in pairing.kinds]
    newer = [r.text for t in tables if t.version == pairing.new for a in t.areas for r in a.requirements]
    older = [r.text for t in tables if t.version == pairing.old for a in t.areas for r in a.requirements]
    assert sorted(t for t in accepted[headings:] if t) == sorted(newer)
    assert sorted(t for t in rejected[headings:] if t) == sorted(older)
    assert accepted[:headings] == [x for t in tables if t.version == pairing.new for x in (t.section, t.column_heading)]
    assert rejected[:headings] == [x for t in tables if t.version == pairing.old for x in (t.section, t.column_heading)]


def test_the_document_holds_every_redline_of_the_comparison(kb: KnowledgeBase) -> None:
    content = comparison_docx(kb, default_pairing(kb))
    items = _items(content)
    assert items == comparison_items(kb, default_pairing(kb))
    for pair in compare(kb).pairs:
        mine = [i.paragraphs for i in items if i.level == 3 and f"from {_was(kb, pair.old[0].id)}" in i.label
                and i.label.startswith(f"Bullet {pair.new.bullet}: ")]
        if len(pair.old) == 1:
            assert (pair.redline,) in mine, pair.new.id
    dropped = [i for i in items if i.label.endswith("dropped from MCP 2016")]
    assert len(dropped) == len(compare(kb).dropped)


def _was(kb: KnowledgeBase, requirement_id: str) -> str:
    r = kb.requirements[requirement_id]
    return f"{kb.versions[r.version].label} row {kb.areas[r.area].row.rstrip('.')}, bullet {r.bullet}"


def test_a_merged_bullet_is_shown_once_with_the_other_older_bullet_deleted(kb: KnowledgeBase) -> None:
    olds = ("mcp-2016-int-workforce-strategy", "mcp-2016-int-primary-care-resources")
    merged = [i for i in comparison_items(kb, default_pairing(kb)) if i.label.endswith(_was(kb, olds[1]))]
    assert [i.label for i in merged] == [
        f"Bullet {kb.requirements['icp-2019-int-workforce-strategy'].bullet}: merged, from "
        f"{_was(kb, olds[0])} and {_was(kb, olds[1])}"]
    assert merged[0].paragraphs == merged_paragraphs(tuple(kb.requirements[o].text for o in olds),
                                                     kb.requirements["icp-2019-int-workforce-strategy"].text)
    assert sum(1 for p in merged[0].paragraphs if [op.kind for op in p] == ["delete"]) == 1


def test_the_document_is_the_same_bytes_on_every_build(kb: KnowledgeBase, data_copy: Path) -> None:
    again = load_or_raise(data_copy, SOURCES)
    assert comparison_docx(kb, default_pairing(kb)) == comparison_docx(again, default_pairing(again))
    with zipfile.ZipFile(io.BytesIO(comparison_docx(kb, default_pairing(kb)))) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_the_document_is_built_and_linked_from_compare_and_data(built_site: Path, kb) -> None:
    path = comparison_path(default_pairing(kb))
    assert (built_site / path).read_bytes().startswith(b"PK")
    for page in ("compare", "data"):
        markup = (built_site / page / "index.html").read_text(encoding="utf-8")
        hrefs = re.findall(r'<a href="([^"]+\.docx)">every redline as a Word document with tracked changes</a>', markup)
        assert [posixpath.normpath(posixpath.join(page, h)) for h in hrefs] == [path], page
