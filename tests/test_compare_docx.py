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

from gpia.compare.redline import Op, compare, per_ancestor, redline
from gpia.knowledge_base import load_or_raise
from gpia.model.records import KnowledgeBase
from gpia.compare.pairs import default_pairing
from gpia.pages.compare_docx import comparison_docx, comparison_items, comparison_path
from gpia.pages.tracked import AUTHOR, tracked_changes_docx, tracked_text

from conftest import ROOT, SOURCES


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_or_raise(ROOT, SOURCES)


def _items(content: bytes) -> list[tuple[str, tuple[Op, ...]]]:
    """(heading, ops) per item, read back from the document's XML."""
    document = Document(io.BytesIO(content))
    found, label = [], None
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 2":
            label = paragraph.text
        elif label is not None:
            found.append((label, tracked_text(paragraph._p)))
            label = None
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
    assert _items(content) == [("An item", ops)]


def test_the_document_holds_every_redline_of_the_comparison(kb: KnowledgeBase) -> None:
    content = comparison_docx(kb, default_pairing(kb))
    items = _items(content)
    assert items == [(label, tuple(ops)) for label, ops in comparison_items(kb, default_pairing(kb))]
    read = {label: ops for label, ops in items}
    for pair in compare(kb).pairs:
        mine = [ops for label, ops in items if label.startswith(_where(kb, pair.new.id) + " (")]
        if len(pair.old) == 1:
            assert mine == [pair.redline], pair.new.id
        else:  # merged: one item per 2016 bullet, never run together
            assert mine == list(per_ancestor(pair.redline, [len(o.text) for o in pair.old])), pair.new.id
    assert any(label.endswith("(new in ICP 2019)") for label in read) or not compare(kb).new
    dropped = [label for label in read if label.endswith("(dropped from MCP 2016)")]
    assert len(dropped) == len(compare(kb).dropped)


def _where(kb: KnowledgeBase, requirement_id: str) -> str:
    r = kb.requirements[requirement_id]
    area = kb.areas[r.area]
    return f"{kb.versions[r.version].label} {area.row} {area.title}, bullet {r.bullet}"


def test_a_merged_bullet_is_one_item_per_2016_bullet(kb: KnowledgeBase) -> None:
    labels = [label for label, _ in comparison_items(kb, default_pairing(kb))
              if label.startswith(_where(kb, "icp-2019-int-workforce-strategy") + " (")]
    assert labels == [
        f"{_where(kb, 'icp-2019-int-workforce-strategy')} (merged, part {n} of 2), from {_where(kb, old)}"
        for n, old in enumerate(("mcp-2016-int-workforce-strategy", "mcp-2016-int-primary-care-resources"), 1)]


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
