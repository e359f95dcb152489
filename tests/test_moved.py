"""Old one-page anchors lead to the record's own page now (gpia.pages.moved, assets/moved-anchors.js)."""
from __future__ import annotations

import pytest

from gpia.model.records import KnowledgeBase
from gpia.pages.moved import moved_anchors


@pytest.mark.parametrize(("old_page", "anchor", "now"), [
    ("faq/", "faq-purpose-of-gp-ia", "faq/faq-section-introduction/#faq-purpose-of-gp-ia"),
    ("faq/", "faq-section-introduction", "faq/faq-section-introduction/"),
    ("governance/", "icp-2019-gov-best-for-service-decisions",
     "governance/icp-2019-gov-working-together/#icp-2019-gov-best-for-service-decisions"),
    ("clauses/", "clause-6-2-d", "clauses/clause-6-2-d/"),
    ("agreements/", "la-ia", "agreements/la-ia/"),
    ("checklist/", "decision-clause-4-1-b", "clauses/clause-4-1-b/#decision"),
    ("compare/", "cmp-icp-2019-gov-best-for-service-decisions",
     "compare/icp-2019-gov-working-together/#cmp-icp-2019-gov-best-for-service-decisions"),
])
def test_old_anchors_map_to_the_records_url(kb: KnowledgeBase, old_page: str, anchor: str, now: str) -> None:
    assert moved_anchors(kb)[old_page][anchor] == now


def test_every_moved_record_is_in_the_map_once(kb: KnowledgeBase) -> None:
    moved = moved_anchors(kb)
    assert set(moved) == {"agreements/", "checklist/", "clauses/", "commitments/", "compare/", "faq/", "glossary/",
                          "governance/", "sources/"}
    assert len(moved["faq/"]) == len(kb.questions) + len(kb.faq_sections)
    assert len(moved["sources/"]) == len(kb.citations)  # sources and versions stay on /sources/
    assert sum(len(v) for k, v in moved.items() if k in ("governance/", "commitments/")) == \
        len(kb.areas) + len(kb.requirements)
