"""Stable addresses: every record's page and anchor come from its kind and id, never its position.

Records that can grow in number have a page of their own, `<folder><id>/`, built from the data and
kept out of the navigation, so no page's weight grows with the corpus (issue #7). Their children
(a requirement in its area, a question in its FAQ section, a KPI in its schedule) are anchors on
that page. The few records that cannot multiply (sources, versions, the four printed tables) are
anchors on a fixed page. Lists of records are paged (`gpia.paging`); a list's page numbers move as
records are added, so links always point at a record's own page, never at a list page.
"""
from __future__ import annotations

from gpia.model.kinds import KINDS, kind_of, page_of
from gpia.model.records import KnowledgeBase

__all__ = ["MAX_ID_LENGTH", "OWN_PAGE_KINDS", "PAGE_OF_KIND", "kind_of", "page_of", "relative_base", "section_url",
           "url_of"]

# The longest an id may be: it becomes a folder name in the site (a file name is at most 255 bytes,
# and a 300-character id failed the build). The schemas' maxLength on every id and reference says
# the same (tests/test_addresses.py keeps them equal); the longest real id has 42 characters.
MAX_ID_LENGTH = 64

# Site-root-relative folder of the pages of each kind of record; for kinds with a page per record,
# the record's page is <folder><id>/. Both from the registry of kinds (gpia/model/kinds.py).
PAGE_OF_KIND = {k.name: k.folder for k in KINDS if k.folder}
OWN_PAGE_KINDS = frozenset(k.name for k in KINDS if k.own_page)


def url_of(kb: KnowledgeBase, record_id: str) -> str:
    """Site-root-relative URL of a record: its own page ('clauses/clause-6-2-d/'), or its anchor on
    the page that holds it ('faq/faq-introduction/#faq-purpose-of-gp-ia')."""
    page = page_of(kb, record_id)
    if kind_of(kb, record_id) in OWN_PAGE_KINDS:
        return page
    return f"{page}#{record_id}"


def section_url(kb: KnowledgeBase, record_id: str, anchor: str) -> str:
    """A section of a record's page, e.g. 'schedules/schedule-5-kpis/#template' or a KPI's anchor."""
    return f"{page_of(kb, record_id)}#{anchor}"


def relative_base(page_url: str) -> str:
    """Prefix from a page (its site-root-relative URL, e.g. 'faq/') back to the site root."""
    depth = page_url.strip("/").count("/") + 1 if page_url.strip("/") else 0
    return "../" * depth
