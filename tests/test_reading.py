"""Read, cite, print: NHS wording is quoted and our words sit outside every quote; each record
carries its citation for the copy buttons; /print/ holds the whole guide once, ids unique."""
from __future__ import annotations

import html as htmllib
import re
from collections import Counter
from pathlib import Path

from conftest import page as built_page

from gpia.model.records import KnowledgeBase

BLOCKQUOTE = re.compile(r"<blockquote\b.*?</blockquote>", re.DOTALL)


def test_our_note_of_a_printed_table_is_outside_the_quote(built_site: Path) -> None:
    html = built_page(built_site, "faq/faq-section-essential-content/")
    assert "answer prints a table here" in html
    for quote in BLOCKQUOTE.findall(html):
        assert "answer prints a table here" not in quote
        assert "not NHS wording" not in quote


def test_every_record_on_its_page_carries_a_citation(built_site: Path, kb: KnowledgeBase) -> None:
    for q in kb.questions.values():
        html = built_page(built_site, f"faq/{q.section}/")
        cite = re.search(rf'data-gpia-cite="([^"]*)" data-gpia-anchor="{q.id}"', html)
        assert cite, q.id
        assert htmllib.unescape(cite.group(1)).endswith(f"question “{q.question}”")
    for r in list(kb.requirements.values())[:5]:
        html = built_page(built_site, f"{'governance' if kb.tables[r.table].kind == 'governance' else 'commitments'}/{r.area}/")
        assert f'data-gpia-anchor="{r.id}"' in html and f"bullet {r.bullet}" in html


def test_the_print_page_has_the_whole_guide_once(built_site: Path, kb: KnowledgeBase) -> None:
    html = built_page(built_site, "print/")
    ids = Counter(re.findall(r'\bid="([^"]+)"', html))
    assert [i for i, n in ids.items() if n > 1] == []
    for record_id in [*kb.areas, *kb.questions, *kb.clauses, *kb.schedules, *kb.terms, *kb.decisions]:
        assert ids[record_id] == 1, record_id
    for href in re.findall(r'href="#([^"]+)"', html):
        assert href in ids, href
