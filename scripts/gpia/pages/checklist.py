"""The checklists as downloads: the local adaptation checklist and "before you sign" as CSV.

The rows are the model's (gpia.model.checklist), the paths the site map's (gpia.sitemap); written as
every download is (`export.csv_text`: CRLF lines, every cell quoted, no cell a spreadsheet would read
as a formula). The "before you sign" Word document is gpia.pages.drafting's.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import astuple

from gpia.model.checklist import EXAMPLE_ANCHOR, HEADER, checklist_rows
from gpia.model.records import KnowledgeBase
from gpia.model.urls import section_url, url_of
from gpia.pages.export import csv_text
from gpia.views.common import BuildViews, View

DECISIONS_HEADER = ("done", "id", "title", "what_to_settle", "who_decides", "options", "raised_by",
                    "source_wording", "read_with", "worked_example", "link")


def checklist_csv(kb: KnowledgeBase) -> str:
    """The local adaptation checklist's rows as CSV text."""
    return csv_text(HEADER, (astuple(row) for row in checklist_rows(kb)))


def _words(view: View) -> Callable[[str], str]:
    return lambda record_id: f"{view.where_printed(record_id)}: “{view.source_words(record_id)}”"


def decisions_csv(kb: KnowledgeBase, view: View | None = None) -> str:
    """One row per item, in the checklist's order; `done` is left blank for the reader to fill in.
    The columns holding our words are named for what they hold; `source_wording` is NHS wording.
    The source's words are quoted as the build's view quotes them (a view of its own without one)."""
    words = _words(view or BuildViews.for_knowledge_base(kb).view())
    rows = []
    for d in kb.decisions.values():
        rows.append(("", d.id, d.title, d.ask, d.who_decides, "\n".join(d.options), "\n".join(d.rests_on),
                     "\n\n".join(words(r) for r in d.rests_on), "\n".join(url_of(kb, s) for s in d.see),
                     section_url(kb, d.example, EXAMPLE_ANCHOR) if d.example else "", url_of(kb, d.id)))
    return csv_text(DECISIONS_HEADER, rows)
