"""The local adaptation checklist: every placeholder a site must complete, as rows.

The checklist's paged list (views/schedules.py, one entry per requirement with its placeholders
marked) and the download `data/local-schedules.csv` (gpia.pages.checklist) are both built from
`checklist_rows`, so they
list the same placeholders in the same order. The links are from the site root and come from
gpia.model.urls, so they follow the records' pages (a requirement is an anchor on its row's page).
"""
from __future__ import annotations

from dataclasses import astuple, dataclass, fields

from gpia.model.current import rank
from gpia.model.records import KnowledgeBase
from gpia.model.schedule_links import requirements_in_reading_order
from gpia.model.urls import section_url, url_of

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


# ---- before you sign: the decisions of clauses/decisions.yaml ----------------------------------

DECISIONS_TITLE = "Before you sign: decisions and local drafting"
