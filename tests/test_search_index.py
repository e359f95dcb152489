"""search_index.json, which every reader's browser downloads: the content in, the boilerplate out.

The views mark boilerplate around records with data-search-exclude (Material then skips it):
backlinks, review dates and data files, quote captions, provenance lines and permalink glyphs.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from gpia.load import load_or_raise
from gpia.model import KnowledgeBase

from conftest import ROOT, SOURCES


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_or_raise(ROOT, SOURCES)


@pytest.fixture(scope="module")
def index(built_site: Path) -> list[dict[str, str]]:
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def _plain(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def _page_text(index: list[dict[str, str]], page: str) -> str:
    return " ".join(_plain(d["title"] + " " + d["text"]) for d in index if d["location"].split("#")[0] == page)


def test_every_requirement_text_is_indexed_on_its_table_page(kb: KnowledgeBase, index) -> None:
    pages = {"governance": _page_text(index, "governance/"), "integration": _page_text(index, "commitments/")}
    missing = [r.id for r in kb.requirements.values() if " ".join(r.text.split()) not in pages[kb.tables[r.table].kind]]
    assert missing == []


def test_every_faq_answer_is_indexed(kb: KnowledgeBase, index) -> None:
    faq = _page_text(index, "faq/")
    texts = [t for q in kb.questions.values() for b in q.answer for t in ((b.text,) if b.text else b.items)]
    assert texts
    assert [t[:60] for t in texts if " ".join(t.split()) not in faq] == []


def test_clause_and_schedule_numbers_are_indexed(index) -> None:
    clauses = _page_text(index, "clauses/")
    assert "6.2(d)" in clauses and "4.1(b)" in clauses and "Schedule 5" in clauses
    titles = {d["location"]: _plain(d["title"]) for d in index}
    assert titles["schedules/schedule-5-kpis/"].startswith("Schedule 5:")


@pytest.mark.parametrize("boilerplate", [
    "Referenced by:", "Last reviewed", "data: clauses/", "Question and answer quoted verbatim from",
    "Rows compared —", "Source wording —", "as printed in “",
])
def test_boilerplate_is_left_out(index, boilerplate: str) -> None:
    assert [d["location"] for d in index if boilerplate in _plain(d["title"] + " " + d["text"])] == []


def test_permalink_glyphs_are_left_out(index) -> None:
    # The pages that explain the glyph still say so in a sentence ("the ¶ after it").
    assert [d["location"] for d in index if "¶" in d["title"]] == []
    assert [d["location"] for d in index if re.search(r"¶(?! after it| beside its badge)", d["text"])] == []
