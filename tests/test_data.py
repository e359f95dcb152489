"""The real data: complete, counted, and every id and reference sound."""
from __future__ import annotations

from gpia.knowledge_base import load_knowledge_base

from conftest import ROOT, SOURCES


def test_real_data_has_no_problems() -> None:
    result = load_knowledge_base(ROOT, SOURCES)
    assert result.problems == []
    assert result.verbatim_checked


def test_every_requirement_bullet_of_both_sources_is_a_record() -> None:
    kb = load_knowledge_base(ROOT, SOURCES).knowledge_base
    assert kb is not None
    per_table = {t.id: sum(len(a.requirements) for a in t.areas) for t in kb.tables.values()}
    assert per_table == {"mcp-2016-governance": 9, "mcp-2016-integration": 22,
                         "icp-2019-governance": 9, "icp-2019-integration": 17}
    assert {t.id: len(t.areas) for t in kb.tables.values()} == {
        "mcp-2016-governance": 3, "mcp-2016-integration": 9, "icp-2019-governance": 3, "icp-2019-integration": 7}


def test_the_2016_source_numbers_two_rows_8_and_we_keep_it() -> None:
    kb = load_knowledge_base(ROOT, SOURCES).knowledge_base
    assert kb is not None
    rows = [a.row for a in kb.tables["mcp-2016-integration"].areas]
    assert rows.count("8.") == 2


def test_all_nine_faqs_in_five_sections() -> None:
    kb = load_knowledge_base(ROOT, SOURCES).knowledge_base
    assert kb is not None
    assert [len(s.questions) for s in kb.faq_sections.values()] == [2, 3, 1, 1, 2]


def test_cited_clauses_and_schedules_exist() -> None:
    kb = load_knowledge_base(ROOT, SOURCES).knowledge_base
    assert kb is not None
    assert sorted(c.number for c in kb.clauses.values()) == ["4.1(b)", "6.1(e)", "6.2(d)"]
    assert {s.number for s in kb.schedules.values() if s.number} == {"3", "5"}
    assert sum(len(r.defers_to) for r in kb.requirements.values()) >= 10
