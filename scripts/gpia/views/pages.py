"""Which pages the site builds from the data: a page per record of some kinds, and paged lists.

An explicit table, read by gpia.pages.generated, which renders each page (render_generated) into a
complete file naming its record or list page in its front matter. A record page's Markdown is rendered by RECORD_PAGES[kind]; page n of a
list by LISTINGS[name](kb).render(view, n); page 1 of a list by the listing_page macro in docs/, or,
for a kind shown by its templates (gpia.views.generic), generated like the later pages.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from gpia import sitemap
from gpia.model.records import KnowledgeBase
from gpia.views import agreements, compare, documents, faq, generic, glossary, guidance, reference, requirements, schedules, sources
from gpia.views.common import View
from gpia.views.html import md_text
from gpia.views.paging import Listing

# page kind -> Markdown of one page. The page kinds, their ids and addresses are the site map's
# (gpia.sitemap.PAGE_IDS: the kinds the registry marks `own_page`, and the compare pages); here each
# is bound to its renderer, and nothing else.
RENDERERS: dict[str, Callable[[View, str], str]] = {
    "schedule": schedules.schedule_page,
    "faq-section": faq.section_page,
    "area": requirements.area_page,
    "compare-group": compare.group_page,
    "compare-pair": compare.pair_page,
    "compare-pair-group": compare.pair_group_page,
    "compare-pair-list": compare.pair_list_page,
    "agreement": agreements.agreement_page,
    "term": glossary.term_page,
    "clause": reference.clause_page,
    "citation": sources.citation_page,
    "document": documents.document_page,
    "guidance": guidance.guidance_page,
}
# Each kind declared with a `page_template` and no renderer above: gpia.views.generic.
for _kind, _render in generic.renderers().items():
    RENDERERS.setdefault(_kind, _render)
# kind -> (the ids of its pages, Markdown of one page), as gpia.pages.generated builds them.
RECORD_PAGES: dict[str, tuple[Callable[[KnowledgeBase], Iterable[str]], Callable[[View, str], str]]] = {
    kind: (sitemap.PAGE_IDS[kind], render) for kind, render in RENDERERS.items()}
page_url = sitemap.page_url


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
# Each kind declared with a `list_template` and no list above: gpia.views.generic.
for _name, _listing in generic.listings().items():
    LISTINGS.setdefault(_name, _listing)


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
    if page == 1:
        # A generated first page (a kind's generic list) has no hand-written page to give its title.
        return f"# {md_text(listing.title)}\n\n{body}" if name in sitemap.GENERATED_LISTS else body
    return f"{listing.title_markdown(page)}\n\n{body}"
