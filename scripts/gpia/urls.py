"""Stable addresses: every record's page and anchor come from its kind and id, never its position."""
from __future__ import annotations

from .model import KnowledgeBase

# Site-root-relative folder of the page that shows each kind of record.
PAGE_OF_KIND = {
    "clause": "clauses/",
    "agreement": "agreements/",
    "term": "glossary/",
    "question": "faq/",
    "faq-section": "faq/",
    "source": "sources/",
    "citation": "sources/",
    "version": "sources/",
}


def kind_of(kb: KnowledgeBase, record_id: str) -> str:
    for kind, records in (("requirement", kb.requirements), ("area", kb.areas), ("table", kb.tables),
                          ("clause", kb.clauses), ("schedule", kb.schedules), ("agreement", kb.agreements),
                          ("term", kb.terms), ("question", kb.questions), ("faq-section", kb.faq_sections),
                          ("source", kb.sources), ("citation", kb.citations), ("version", kb.versions)):
        if record_id in records:
            return kind
    raise KeyError(record_id)


def page_of(kb: KnowledgeBase, record_id: str) -> str:
    kind = kind_of(kb, record_id)
    if kind in ("requirement", "area", "table"):
        table_id = {"requirement": lambda: kb.requirements[record_id].table,
                    "area": lambda: kb.areas[record_id].table, "table": lambda: record_id}[kind]()
        return "governance/" if kb.tables[table_id].kind == "governance" else "commitments/"
    if kind == "schedule":
        return f"schedules/{record_id}/"  # one generated page per schedule
    return PAGE_OF_KIND[kind]


def url_of(kb: KnowledgeBase, record_id: str) -> str:
    """Site-root-relative URL with the record's anchor, e.g. 'faq/#faq-purpose-of-gp-ia'."""
    return f"{page_of(kb, record_id)}#{record_id}"


def section_url(kb: KnowledgeBase, record_id: str, anchor: str) -> str:
    """A section of a record's page, e.g. 'schedules/schedule-5-kpis/#template' or a KPI's anchor."""
    return f"{page_of(kb, record_id)}#{anchor}"


def relative_base(page_url: str) -> str:
    """Prefix from a page (its site-root-relative URL, e.g. 'faq/') back to the site root."""
    depth = page_url.strip("/").count("/") + 1 if page_url.strip("/") else 0
    return "../" * depth
