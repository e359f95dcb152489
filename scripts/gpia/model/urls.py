"""Stable addresses: every record's page and anchor come from its kind and id, never its position.

Records that can grow in number have a page of their own, `<folder><id>/`, built from the data and
kept out of the navigation, so no page's weight grows with the corpus (issue #7). Their children
(a requirement in its area, a question in its FAQ section, a KPI in its schedule) are anchors on
that page. The few records that cannot multiply (sources, versions, the four printed tables) are
anchors on a fixed page. Lists of records are paged (`gpia.paging`); a list's page numbers move as
records are added, so links always point at a record's own page, never at a list page.
"""
from __future__ import annotations

from gpia.model.records import KnowledgeBase

# The longest an id may be: it becomes a folder name in the site (a file name is at most 255 bytes,
# and a 300-character id failed the build). The schemas' maxLength on every id and reference says
# the same (tests/test_addresses.py keeps them equal); the longest real id has 42 characters.
MAX_ID_LENGTH = 64

# Site-root-relative folder of the pages of each kind of record; for kinds with a page per record,
# the record's page is <folder><id>/.
PAGE_OF_KIND = {
    "clause": "clauses/",
    "schedule": "schedules/",
    "agreement": "agreements/",
    "term": "glossary/",
    "question": "faq/",
    "faq-section": "faq/",
    "source": "sources/",
    "citation": "sources/",
    "version": "sources/",
    "change": "compare/",  # our notes on what changed, on the comparison's first page
    "guidance": "guidance/",  # questions sites ask, answered in our words
    "decision": "checklist/",  # the "before you sign" items, on the checklist's first page
}
OWN_PAGE_KINDS = frozenset({"area", "clause", "schedule", "agreement", "term", "faq-section", "citation", "document", "guidance"})


def kind_of(kb: KnowledgeBase, record_id: str) -> str:
    for kind, records in (("requirement", kb.requirements), ("area", kb.areas), ("table", kb.tables),
                          ("clause", kb.clauses), ("schedule", kb.schedules), ("agreement", kb.agreements),
                          ("term", kb.terms), ("question", kb.questions), ("faq-section", kb.faq_sections),
                          ("source", kb.sources), ("citation", kb.citations), ("version", kb.versions),
                          ("change", kb.changes), ("document", kb.documents), ("passage", kb.passages),
                          ("guidance", kb.guidance), ("decision", kb.decisions)):
        if record_id in records:
            return kind
    raise KeyError(record_id)


def table_folder(kb: KnowledgeBase, table_id: str) -> str:
    return "governance/" if kb.tables[table_id].kind == "governance" else "commitments/"


def page_of(kb: KnowledgeBase, record_id: str) -> str:
    """The site-root-relative URL of the page that shows a record, e.g. 'faq/faq-introduction/'."""
    kind = kind_of(kb, record_id)
    if kind == "requirement":
        return page_of(kb, kb.requirements[record_id].area)
    if kind == "question":
        return page_of(kb, kb.questions[record_id].section)
    if kind == "area":
        return f"{table_folder(kb, kb.areas[record_id].table)}{record_id}/"
    if kind == "table":
        return table_folder(kb, record_id)
    if kind == "document":
        # A source's whole text, read in printed order: /sources/<source id>/read/.
        return f"sources/{kb.documents[record_id].source}/read/"
    if kind == "passage":
        return page_of(kb, kb.passages[record_id].document)
    if kind in OWN_PAGE_KINDS:
        return f"{PAGE_OF_KIND[kind]}{record_id}/"
    return PAGE_OF_KIND[kind]


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
