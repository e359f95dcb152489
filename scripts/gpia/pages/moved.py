"""Where the anchors of the old one-page lists went, so links made before issue #7 still arrive.

Until records had pages of their own, every record was an anchor on its kind's single page
(`faq/#faq-purpose-of-gp-ia`, `commitments/#<requirement-id>`, `compare/#cmp-<requirement-id>`).
`moved_anchors` maps each such old page and anchor to the record's URL now; the site publishes it as
MOVED_PATH, and docs/assets/moved-anchors.js follows it when a page is opened at an anchor it lacks.
"""
from __future__ import annotations

import json

from gpia.compare.pairs import default_pairing
from gpia.compare.redline import anchor as compare_anchor
from gpia.compare.redline import comparison_pages, compare_url
from gpia.model.records import KnowledgeBase
from gpia.model.urls import PAGE_OF_KIND, kind_of, page_of, url_of
from gpia.sitemap import MOVED_ANCHORS

MOVED_PATH = MOVED_ANCHORS


def _old_page(kb: KnowledgeBase, record_id: str) -> str:
    """The one page that showed every record of the kind: rows and bullets were on their table's page."""
    kind = kind_of(kb, record_id)
    if kind in ("requirement", "area"):
        return page_of(kb, (kb.requirements.get(record_id) or kb.areas[record_id]).table)
    return PAGE_OF_KIND[kind]


def moved_anchors(kb: KnowledgeBase, also: dict[str, dict[str, str]] | None = None) -> dict[str, dict[str, str]]:
    """Old page -> {old anchor: site-root-relative URL now}, for every record that moved, and `also`:
    the anchors of a whole document that is now split, which have left its first page for a later one
    (gpia.views.prose.text_comparison_moved)."""
    moved: dict[str, dict[str, str]] = {page: dict(anchors) for page, anchors in (also or {}).items()}
    ids = [*kb.areas, *kb.requirements, *kb.clauses, *kb.schedules, *kb.agreements, *kb.terms,
           *kb.citations, *kb.faq_sections, *kb.questions]
    for record_id in ids:
        if kind_of(kb, record_id) == "schedule":
            continue  # schedules had pages of their own already
        now = url_of(kb, record_id)
        old = _old_page(kb, record_id)
        if not now.startswith(f"{old}#"):
            moved.setdefault(old, {})[record_id] = now
    for clause in kb.clauses.values():
        if clause.optional_wording:  # the local decision moved from the checklist to the clause's page
            moved.setdefault("checklist/", {})[f"decision-{clause.id}"] = f"{url_of(kb, clause.id)}#decision"
    for record_id in comparison_pages(kb) if default_pairing(kb) else ():
        moved.setdefault("compare/", {})[compare_anchor(record_id)] = compare_url(kb, record_id)
    return {page: dict(sorted(anchors.items())) for page, anchors in sorted(moved.items())}


def moved_anchors_json(kb: KnowledgeBase, also: dict[str, dict[str, str]] | None = None) -> str:
    return json.dumps(moved_anchors(kb, also), ensure_ascii=False, indent=0, sort_keys=True) + "\n"

