"""Which pages the site builds from the data: a page per record of some kinds, and paged lists.

An explicit table, read by gpia.pages.generated, which renders each page (render_generated) into a
complete file naming its record or list page in its front matter. A record page's Markdown is rendered by RECORD_PAGES[kind]; page n of a
list by LISTINGS[name](kb).render(view, n); page 1 of a list by the listing_page macro in docs/.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from gpia.model.kinds import KIND
from gpia.model.records import KnowledgeBase
from gpia.model.urls import page_of
from gpia.views import agreements, compare, documents, faq, glossary, guidance, reference, requirements, schedules, sources
from gpia.views.common import View
from gpia.views.paging import Listing

def _ids(kind: str) -> Callable[[KnowledgeBase], Iterable[str]]:
    records = KIND[kind].records
    assert records is not None and KIND[kind].own_page, f"{kind} has no page per record in the registry of kinds"
    return lambda kb: getattr(kb, records)


# kind -> (the ids of its records, Markdown of one record's page). The kinds with a page per record are
# those the registry of kinds (gpia/model/kinds.py) marks `own_page`; tests/test_kinds.py keeps the two equal.
RECORD_PAGES: dict[str, tuple[Callable[[KnowledgeBase], Iterable[str]], Callable[[View, str], str]]] = {
    "schedule": (_ids("schedule"), schedules.schedule_page),
    "faq-section": (_ids("faq-section"), faq.section_page),
    "area": (_ids("area"), requirements.area_page),
    # A row group of the default pair's comparison, by gpia.compare.redline.group_page_id; the other
    # pairs' compare pages, their row groups ('<from>...<to>/<row id>') and later list pages.
    "compare-group": (compare.default_group_ids, compare.group_page),
    "compare-pair": (compare.pair_page_ids, compare.pair_page),
    "compare-pair-group": (compare.pair_group_ids, compare.pair_group_page),
    "compare-pair-list": (compare.pair_list_ids, compare.pair_list_page),
    "agreement": (_ids("agreement"), agreements.agreement_page),
    "term": (_ids("term"), glossary.term_page),
    "clause": (_ids("clause"), reference.clause_page),
    "citation": (_ids("citation"), sources.citation_page),
    "document": (_ids("document"), documents.document_page),
    "guidance": (_ids("guidance"), guidance.guidance_page),
}

# kind -> the site-root-relative URL of a record's page, for kinds whose pages are not where
# gpia.model.urls.page_of puts the record itself (a comparison page is named by a row, not the row's page).
PAGE_URLS: dict[str, Callable[[KnowledgeBase, str], str]] = {
    "compare-group": lambda kb, page_id: compare.group_url(page_id),
    **{kind: lambda kb, record_id: f"compare/{record_id}/" for kind in ("compare-pair", "compare-pair-group",
                                                                          "compare-pair-list")},
}


def page_url(kb: KnowledgeBase, kind: str, record_id: str) -> str:
    """Where the page of a record of RECORD_PAGES[kind] is built, e.g. 'compare/<row id>/'."""
    return PAGE_URLS[kind](kb, record_id) if kind in PAGE_URLS else page_of(kb, record_id)


# list name -> the list (computed once per knowledge base); each kind's `listings` in the registry
# of kinds names the lists that show its records (tests/test_kinds.py).
LISTINGS: dict[str, Callable[[KnowledgeBase], Listing]] = {
    "faq": faq.listing,
    "compare": compare.listing,
    "governance": lambda kb: requirements.listing(kb, "governance"),
    "commitments": lambda kb: requirements.listing(kb, "integration"),
    "traceability": schedules.traceability_listing,
    "checklist": schedules.checklist_listing,
    "agreements": agreements.listing,
    "glossary": glossary.listing,
    "clauses": reference.listing,
    "citations": sources.listing,
    "schedules": schedules.schedules_listing,
    "guidance": guidance.listing,
}


def record_page(view: View, kind: str, record_id: str) -> str:
    if kind not in RECORD_PAGES:
        raise KeyError(f"record_page: no page is built for records of kind '{kind}'")
    ids, render = RECORD_PAGES[kind]
    if record_id not in ids(view.kb):
        raise KeyError(f"record_page: no {kind} has the id '{record_id}'")
    return render(view, record_id)


def render_generated(view: View, spec: dict[str, object]) -> str:
    """The Markdown of a generated page, from its front matter (gpia.pages.generated.generated_page)."""
    if "record" in spec:
        return record_page(view, str(spec["record"]), str(spec["id"]))
    page = spec["page"]
    if not isinstance(page, int):
        raise ValueError(f"a generated list page needs a whole page number, not {page!r}")
    return listing_page(view, str(spec["list"]), page)


def listing_page(view: View, name: str, page: int = 1) -> str:
    """Page n of a list; later pages start with their own title."""
    if name not in LISTINGS:
        raise KeyError(f"listing_page: no list is called '{name}'")
    listing = LISTINGS[name](view.kb)
    body = listing.render(view, page)
    return body if page == 1 else f"{listing.title_markdown(page)}\n\n{body}"
