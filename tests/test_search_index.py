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

from conftest import without_sic

from gpia.model import KnowledgeBase
from gpia.urls import page_of


@pytest.fixture(scope="module")
def index(built_site: Path) -> list[dict[str, str]]:
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def _plain(markup: str) -> str:
    markup = without_sic(markup)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def _page_text(index: list[dict[str, str]], page: str) -> str:
    return " ".join(_plain(d["title"] + " " + d["text"]) for d in index if d["location"].split("#")[0] == page)


def test_every_requirement_text_is_indexed_on_its_rows_page_only(kb: KnowledgeBase, index) -> None:
    missing = [r.id for r in kb.requirements.values()
               if " ".join(r.text.split()) not in _page_text(index, page_of(kb, r.id))]
    assert missing == []
    # The copies in the traceability view and the checklist are left out of the index.
    copies = " ".join(_plain(d["text"]) for d in index if d["location"].startswith(("traceability/", "checklist/")))
    assert [r.id for r in kb.requirements.values() if " ".join(r.text.split()) in copies] == []


def test_every_faq_answer_is_indexed_on_its_sections_page(kb: KnowledgeBase, index) -> None:
    missing = [t[:60] for q in kb.questions.values() for b in q.answer for t in ((b.text,) if b.text else b.items)
               if " ".join(t.split()) not in _page_text(index, page_of(kb, q.id))]
    assert missing == []


def test_each_requirement_and_answer_is_indexed_once(kb: KnowledgeBase, index) -> None:
    """A text in the index on two pages is downloaded twice by every reader: each is on its record's page only."""
    pages: dict[str, str] = {}
    for d in index:
        page = d["location"].split("#")[0]
        pages[page] = pages.get(page, "") + " " + _plain(d["title"] + " " + d["text"])
    texts = {" ".join(r.text.split()): page_of(kb, r.id) for r in kb.requirements.values()}
    texts.update({" ".join(t.split()): page_of(kb, q.id) for q in kb.questions.values() for b in q.answer
                  for t in ((b.text,) if b.text else b.items) if len(t) > 80})
    # Where 2016 and 2019 print the same words, each row's page holds its own record of them.
    homes: dict[str, set[str]] = {}
    for r in kb.requirements.values():
        homes.setdefault(" ".join(r.text.split()), set()).add(page_of(kb, r.id))
    elsewhere = {text[:50]: sorted(p for p, words in pages.items()
                                   if text in words and p != home and p not in homes.get(text, ()))
                 for text, home in texts.items()}
    assert {text: found for text, found in elsewhere.items() if found} == {}


def test_clause_and_schedule_numbers_are_indexed(kb: KnowledgeBase, index) -> None:
    titles = {d["location"]: _plain(d["title"]) for d in index}
    for c in kb.clauses.values():  # each clause on its own page, titled with its number
        assert titles[page_of(kb, c.id)].startswith(f"Clause {c.number}: "), c.id
        assert " ".join(c.summary.split()) in _page_text(index, page_of(kb, c.id)), c.id
    clauses = _page_text(index, "clauses/")  # and the list of them
    assert "6.2(d)" in clauses and "4.1(b)" in clauses and "6.1(e)" in clauses
    assert titles["schedules/schedule-5-kpis/"].startswith("Schedule 5:")


def test_terms_and_agreements_are_indexed_on_their_own_pages_only(kb: KnowledgeBase, index) -> None:
    # The glossary list copies the first sentence of each definition and the matrix each point's few
    # words; both copies are left out, so a search finds the record's own page.
    lists = _page_text(index, "glossary/") + " " + _page_text(index, "agreements/")
    for t in kb.terms.values():
        definition = " ".join(t.definition.split())
        assert definition in _page_text(index, page_of(kb, t.id)), t.id
        assert definition.split(". ")[0] not in lists, t.id
    for a in kb.agreements.values():
        own = _page_text(index, page_of(kb, a.id))
        for statements in a.facets.values():
            for st in statements:
                assert " ".join(st.says.split()) in own, (a.id, st.says)
                assert " ".join(st.short.split()) not in lists, (a.id, st.short)


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
