"""The checklists as downloads: the local adaptation checklist and "before you sign" as CSV.

The rows are the model's (gpia.model.checklist), the paths the site map's (gpia.sitemap); written as
every download is (`export.csv_text`: CRLF lines, every cell quoted, no cell a spreadsheet would read
as a formula). The links start with the site's address (`site_url`) so they open from a spreadsheet,
and are from the site root when it is unknown. The "before you sign" Word document is
gpia.pages.drafting's.
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


def checklist_csv(kb: KnowledgeBase, site_url: str | None = None) -> str:
    """The local adaptation checklist's rows as CSV text, links from `site_url`."""
    links = {"requirement_link", "template_link", "example_link"}
    return csv_text(HEADER, ([absolute(v, site_url) if name in links else v for name, v in zip(HEADER, astuple(row))]
                             for row in checklist_rows(kb)))


def absolute(link: str, site_url: str | None) -> str:
    """A link from the site root made the site's full address (when known)."""
    return f"{site_url}{link}" if site_url and link else link


def _words(view: View) -> Callable[[str], str]:
    return lambda record_id: f"{view.where_printed(record_id)}: “{view.source_words(record_id)}”"


def decisions_csv(kb: KnowledgeBase, view: View | None = None, site_url: str | None = None) -> str:
    """One row per item, in the checklist's order; `done` is left blank for the reader to fill in.
    The columns holding our words are named for what they hold; `source_wording` is NHS wording.
    The source's words are quoted as the build's view quotes them (a view of its own without one)."""
    words = _words(view or BuildViews.for_knowledge_base(kb).view())
    rows = []
    for d in kb.decisions.values():
        rows.append(("", d.id, d.title, d.ask, d.who_decides, "\n".join(d.options), "\n".join(d.rests_on),
                     "\n\n".join(words(r) for r in d.rests_on),
                     "\n".join(absolute(url_of(kb, s), site_url) for s in d.see),
                     absolute(section_url(kb, d.example, EXAMPLE_ANCHOR), site_url) if d.example else "",
                     absolute(url_of(kb, d.id), site_url)))
    return csv_text(DECISIONS_HEADER, rows)
