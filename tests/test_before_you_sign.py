"""The "before you sign" checklist (clauses/decisions.yaml): reviewed data, shown on /checklist/
with the wording that raises each item, and downloadable as CSV and Word with the same items."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from conftest import page as built_page

from gpia.pages.build_views import build_views
from gpia.pages.checklist import DECISIONS_HEADER, decisions_csv
from gpia.pages.drafting import decisions_docx
from gpia.model.records import KnowledgeBase
from gpia.pages.word import document_text

# What the sources put to a site, by the words its item must carry (issue "The guide as its readers use it").
TOPICS = {
    "decide-who-signs": "power of attorney",
    "decide-federation-as-party": "in its own right",
    "decide-ccg-involvement": "conflicts of interest",
    "decide-monitoring": "monitor",
    "decide-la-ia-observers": "observ",
    "decide-care-model-schedule": "care-model schedule",
    "decide-schedule-5-kpis": "Schedule 5",
    "decide-placeholders": "placeholder",
    "decide-clause-4-1-b": "4.1(b)",
}


def test_every_decision_the_sources_raise_is_an_item(kb: KnowledgeBase) -> None:
    assert set(TOPICS) <= set(kb.decisions)
    for decision_id, words in TOPICS.items():
        d = kb.decisions[decision_id]
        assert words.lower() in (d.title + " " + d.ask).lower(), decision_id
        assert d.rests_on and d.who_decides and d.options


def test_each_item_rests_on_source_text_that_says_what_it_claims(kb: KnowledgeBase) -> None:
    view = build_views(kb).view()
    raised = {  # a phrase of the NHS wording each item is raised by
        "decide-who-signs": "power of attorney", "decide-federation-as-party": "in its own right",
        "decide-ccg-involvement": "conflicts of interest", "decide-monitoring": "type and extent of monitoring",
        "decide-la-ia-observers": "observers", "decide-care-model-schedule": "describes the care model",
        "decide-schedule-5-kpis": "Schedule 5", "decide-placeholders": "local schedules",
        "decide-clause-4-1-b": "clause 4.1(b)",
    }
    for decision_id, phrase in raised.items():
        words = " ".join(view.source_words(r) for r in kb.decisions[decision_id].rests_on)
        assert phrase in words, decision_id


def test_the_csv_has_one_row_per_item_in_order(kb: KnowledgeBase) -> None:
    rows = list(csv.reader(io.StringIO(decisions_csv(kb))))
    assert tuple(rows[0]) == DECISIONS_HEADER
    assert [r[1] for r in rows[1:]] == list(kb.decisions)
    for row, d in zip(rows[1:], kb.decisions.values()):
        assert row[0] == "" and row[2] == d.title and row[5].split("\n") == list(d.options)


def test_the_word_document_holds_every_item_and_is_reproducible(kb: KnowledgeBase) -> None:
    content = decisions_docx(build_views(kb).view())
    assert content == decisions_docx(build_views(kb).view())
    text = document_text(content)
    for d in kb.decisions.values():
        assert f"☐ {d.title}" in text
        assert f"What to settle (not NHS wording): {d.ask}" in text
        assert all(o in text for o in d.options)


def test_the_page_shows_each_item_with_a_box_and_its_downloads(built_site: Path, kb: KnowledgeBase) -> None:
    html = built_page(built_site, "checklist/")
    assert 'href="../data/before-you-sign.docx"' in html and 'href="../data/before-you-sign.csv"' in html
    for d in kb.decisions.values():
        assert f'id="{d.id}"' in html and f'id="tick-{d.id}"' in html and f'for="tick-{d.id}"' in html
    assert (built_site / "data/before-you-sign.docx").read_bytes() == decisions_docx(build_views(kb).view())
