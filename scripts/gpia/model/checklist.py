"""The local adaptation checklist: every placeholder a site must complete, as rows and as CSV.

The checklist's paged list (views/schedules.py, one entry per requirement with its placeholders
marked) and the download `data/local-schedules.csv` are both built from `checklist_rows`, so they
list the same placeholders in the same order. The links come from gpia.model.urls, so they follow the
records' pages (a requirement is an anchor on its row's page); in the CSV they start with the site's
address (`site_url`) so they open from a spreadsheet, and are from the site root when it is unknown.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import astuple, dataclass, fields

from gpia.model.current import rank
from gpia.pages.export import csv_text
from gpia.model.records import KnowledgeBase
from gpia.model.schedule_links import requirements_in_reading_order
from gpia.model.urls import section_url, url_of

CSV_PATH = "data/local-schedules.csv"
# Anchors of the sections of a schedule's page that the checklist links to.
TEMPLATE_ANCHOR = "template"
EXAMPLE_ANCHOR = "example"


@dataclass(frozen=True)
class ChecklistRow:
    """One placeholder; the field names are the CSV's header, links are from the site root."""

    version: str  # the version's label (clauses/versions.yaml)
    requirement_id: str
    area: str  # row number and title as printed, e.g. "5. Multidisciplinary teams"
    bullet: int
    requirement_text: str  # verbatim
    placeholder: str  # verbatim
    schedule_id: str
    schedule: str  # label, e.g. "Schedule 3: Clinical hub model"
    requirement_link: str
    template_link: str
    example_link: str


HEADER = tuple(f.name for f in fields(ChecklistRow))


def checklist_rows(kb: KnowledgeBase) -> list[ChecklistRow]:
    """One row per placeholder: the current version's first (gpia.model.current), then as printed."""
    rows = []
    for r in sorted(requirements_in_reading_order(kb), key=lambda r: rank(kb, r.version)):
        area = kb.areas[r.area]
        for ref in r.defers_to:
            rows.append(ChecklistRow(
                kb.versions[r.version].label, r.id, f"{area.row} {area.title}", r.bullet, r.text, ref.placeholder,
                ref.schedule, kb.schedules[ref.schedule].label, url_of(kb, r.id),
                section_url(kb, ref.schedule, TEMPLATE_ANCHOR), section_url(kb, ref.schedule, EXAMPLE_ANCHOR)))
    return rows


def checklist_csv(kb: KnowledgeBase, site_url: str | None = None) -> str:
    """The rows as CSV text, written as every download is (`export.csv_text`: CRLF lines, every
    cell quoted, no cell a spreadsheet would read as a formula), links from `site_url`."""
    links = {"requirement_link", "template_link", "example_link"}
    return csv_text(HEADER, ([absolute(v, site_url) if name in links else v for name, v in zip(HEADER, astuple(row))]
                             for row in checklist_rows(kb)))


def absolute(link: str, site_url: str | None) -> str:
    """A link from the site root made the site's full address (when known)."""
    return f"{site_url}{link}" if site_url and link else link


# ---- before you sign: the decisions of clauses/decisions.yaml ----------------------------------

DECISIONS_CSV_PATH = "data/before-you-sign.csv"
DECISIONS_DOCX_PATH = "data/before-you-sign.docx"
DECISIONS_TITLE = "Before you sign: decisions and local drafting"
DECISIONS_HEADER = ("done", "id", "title", "what_to_settle", "who_decides", "options", "raised_by",
                    "source_wording", "read_with", "worked_example", "link")


def _words(kb: KnowledgeBase) -> Callable[[str], str]:
    # Imported here: the views import this module.
    from gpia.views.common import BuildViews
    view = BuildViews.for_knowledge_base(kb).view()
    return lambda record_id: f"{view.where_printed(record_id)}: “{view.source_words(record_id)}”"


def decisions_csv(kb: KnowledgeBase, site_url: str | None = None) -> str:
    """One row per item, in the checklist's order; `done` is left blank for the reader to fill in.
    The columns holding our words are named for what they hold; `source_wording` is NHS wording."""
    words = _words(kb)
    rows = []
    for d in kb.decisions.values():
        rows.append(("", d.id, d.title, d.ask, d.who_decides, "\n".join(d.options), "\n".join(d.rests_on),
                     "\n\n".join(words(r) for r in d.rests_on),
                     "\n".join(absolute(url_of(kb, s), site_url) for s in d.see),
                     absolute(section_url(kb, d.example, EXAMPLE_ANCHOR), site_url) if d.example else "",
                     absolute(url_of(kb, d.id), site_url)))
    return csv_text(DECISIONS_HEADER, rows)

