"""The "before you sign" checklist (clauses/decisions.yaml): reviewed data, shown on /checklist/
with the wording that raises each item, and downloadable as CSV and Word with the same items."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from conftest import page as built_page

from docx import Document
from docx.oxml.ns import qn

from gpia.pages.build_views import build_views
from gpia.pages.checklist import DECISIONS_HEADER, decisions_csv
from gpia.model.kinds import answer_questions
from gpia.model.urls import url_of
from gpia.pages.drafting import DONE_LINE, decisions_docx
from gpia.model.records import KnowledgeBase
from gpia.pages.word import W14, document_text

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
    rows = list(csv.reader(io.StringIO(decisions_csv(kb).removeprefix("\ufeff"))))
    assert tuple(rows[0]) == DECISIONS_HEADER
    assert [r[1] for r in rows[1:]] == list(kb.decisions)
    for row, d in zip(rows[1:], kb.decisions.values()):
        assert row[0] == "" and row[2] == d.title and row[5].split("\n") == list(d.options)


def test_the_word_document_holds_every_item_and_is_reproducible(kb: KnowledgeBase) -> None:
    content = decisions_docx(build_views(kb).view())
    assert content == decisions_docx(build_views(kb).view())
    text = document_text(content)
    document = Document(io.BytesIO(content))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [d.title for d in kb.decisions.values()]  # no typed box in the heading
    for d in kb.decisions.values():
        assert f"What to settle (not NHS wording): {d.ask}" in text
        assert all(o in text for o in d.options)


def test_each_item_has_a_box_that_ticks_in_word_under_its_heading(kb: KnowledgeBase) -> None:
    content = decisions_docx(build_views(kb).view())
    document = Document(io.BytesIO(content))
    body = document.element.body
    root = document.element
    # w14 is declared on the document element and ignorable, so Word before 2010 still opens it.
    ignorable = root.get("{http://schemas.openxmlformats.org/markup-compatibility/2006}Ignorable")
    assert root.nsmap.get("w14") == W14 and "w14" in ignorable.split()
    paragraphs = body.findall(qn("w:p"))
    boxes = []
    for n, p in enumerate(paragraphs):
        sdt = p.find(qn("w:sdt"))
        if sdt is None:
            continue
        box = sdt.find(f"{qn('w:sdtPr')}/{{{W14}}}checkbox")
        assert box is not None and box.find(f"{{{W14}}}checked").get(f"{{{W14}}}val") == "0"
        assert "".join(t.text for t in sdt.iter(qn("w:t"))) == "☐"
        previous = paragraphs[n - 1].find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val"))
        assert previous == "Heading1"
        boxes.append(sdt.find(f"{qn('w:sdtPr')}/{qn('w:tag')}").get(qn("w:val")))
    assert boxes == list(kb.decisions)
    assert len({sdt.find(f"{qn('w:sdtPr')}/{qn('w:id')}").get(qn("w:val")) for sdt in body.iter(qn("w:sdt"))}) == len(boxes)


def test_each_source_quotation_is_in_the_word_document_once(kb: KnowledgeBase) -> None:
    view = build_views(kb).view()
    text = document_text(decisions_docx(view))
    rests_on = [r for d in kb.decisions.values() for r in d.rests_on]
    assert len(rests_on) > len(set(rests_on))  # some wording rests several items
    for record_id in set(rests_on):
        assert text.count(f"“{view.source_words(record_id)}”") == 1, record_id
    for d in kb.decisions.values():
        for record_id in d.rests_on:
            assert any(view.where_printed(record_id) in t for t in text), record_id


def test_the_word_document_quotes_only_the_passages_and_says_once_where_each_whole_answer_is(kb: KnowledgeBase) -> None:
    view = build_views(kb).view()
    text = document_text(decisions_docx(view))
    rests_on = [r for d in kb.decisions.values() for r in d.rests_on]
    # The passages the items rest on, each once, and nothing else of the sources.
    assert sorted(t for t in text if t.startswith("“")) == sorted({f"“{view.source_words(r)}”" for r in rests_on})
    questions = answer_questions(kb)
    assert any(r in questions for r in rests_on)
    sources = [t for t in text if t.startswith("Source wording: ")]
    for question in {questions[r] for r in rests_on if r in questions}:
        assert sum(t.endswith(f", whole answer at /{url_of(kb, question)}") for t in sources) == 1, question
    # Two passages of one answer quoted together say where they are from once, above the first.
    first, second = kb.decisions["decide-who-signs"].rests_on
    assert questions[first] == questions[second]
    at = text.index(f"“{view.source_words(first)}”")
    assert text[at - 1] == f"Source wording: {view.where_printed(first)}, whole answer at /{url_of(kb, questions[first])}"
    assert text[at + 1] == f"“{view.source_words(second)}”"


def test_each_item_opens_with_its_box_and_the_line_for_the_decision(kb: KnowledgeBase) -> None:
    text = document_text(decisions_docx(build_views(kb).view()))
    for d in kb.decisions.values():
        # python-docx's text leaves out the box (a content control, checked by the test above)
        assert text[text.index(d.title) + 1] == f" {DONE_LINE}"
    assert DONE_LINE.startswith("Done") and "Decision and date: ____" in DONE_LINE


def test_the_page_shows_each_item_with_a_box_and_its_downloads(built_site: Path, kb: KnowledgeBase) -> None:
    html = built_page(built_site, "checklist/")
    assert 'href="../data/before-you-sign.docx"' in html and 'href="../data/before-you-sign.csv"' in html
    for d in kb.decisions.values():
        assert f'id="{d.id}"' in html and f'id="tick-{d.id}"' in html and f'for="tick-{d.id}"' in html
    assert (built_site / "data/before-you-sign.docx").read_bytes() == decisions_docx(build_views(kb).view())
