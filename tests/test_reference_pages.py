"""A page per term, clause and citation, and the paged glossary, clauses, citations and schedules lists
(issue #7: no page grows with the corpus). The agreements and their matrix: tests/test_agreements.py."""
from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path

import pytest

from gpia.pages.build_views import build_views
from gpia.pages.generated import generated_files
from gpia.tools.linkcheck import Target, resolve
from gpia.model.records import KnowledgeBase
from gpia.model.schedule_links import schedules_in_order
from gpia.model.urls import relative_base, url_of
from gpia.views import glossary, reference, sources
from gpia.views.agreements import AGREEMENTS_PER_PAGE
from gpia.views.common import View
from gpia.views.pages import LISTINGS, RECORD_PAGES, listing_page, record_page
from gpia.views.schedules import SCHEDULES_PER_PAGE

from conftest import page, visible

MINE = {"agreements": ("agreement", "agreements/"), "glossary": ("term", "glossary/"),
        "clauses": ("clause", "clauses/"), "citations": ("citation", "sources/"), "schedules": ("schedule", "schedules/")}


def view_at(kb: KnowledgeBase, url: str) -> View:
    return build_views(kb).view(relative_base(url))


def linked_pages(markup: str, at: str) -> list[str]:
    """The site URLs (without an anchor) of the pages the links in some markup of page `at` lead to, in order."""
    found = []
    for href in re.findall(r'<a href="([^"]*)"', markup):
        target = resolve(at + "index.html", html.unescape(href))
        if isinstance(target, Target) and target.fragment is None and target.path not in found:
            found.append(target.path)
    return found


# ---- the table of pages ----------------------------------------------------------------------

KINDS = {"agreement": "agreements", "term": "glossary", "clause": "clauses", "citation": "citations"}


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_record_of_these_kinds_has_a_generated_page(kb: KnowledgeBase, kind: str) -> None:
    uris = {f.uri: f.spec for f in generated_files(kb)}
    ids, render = RECORD_PAGES[kind]
    folder = MINE[KINDS[kind]][1]
    assert list(ids(kb)) and list(ids(kb)) == list(getattr(kb, {"agreement": "agreements", "term": "terms",
                                                                 "clause": "clauses", "citation": "citations"}[kind]))
    for record_id in ids(kb):
        assert url_of(kb, record_id) == f"{folder}{record_id}/"
        assert uris[f"{folder}{record_id}.md"] == {"record": kind, "id": record_id}
        assert render(view_at(kb, f"{folder}{record_id}/"), record_id).startswith("# ")


def test_the_lists_at_x1_fit_on_one_page(kb: KnowledgeBase) -> None:
    for name, (_, folder) in MINE.items():
        listing = LISTINGS[name](kb)
        assert (listing.folder, listing.page_count) == (folder, 1), name
    assert not [f.uri for f in generated_files(kb)
                if re.match(r"(agreements|glossary|clauses|sources|schedules)/pages/", f.uri)]


@pytest.mark.parametrize("name", list(MINE))
def test_each_list_pages_at_x10_and_links_every_record_once_in_order(kb10: KnowledgeBase, name: str) -> None:
    kind, folder = MINE[name]
    listing = LISTINGS[name](kb10)
    ids = [item.record_id for item in listing.items]
    assert sorted(ids) == sorted(RECORD_PAGES[kind][0](kb10))
    assert listing.page_count == -(-len(ids) // listing.per_page)
    if listing.page_count == 1:  # the citations: twenty at x10, one page; page them by fewer to check
        listing = replace(listing, per_page=len(ids) // 3)
        assert listing.page_count == 4
    uris = {f.uri for f in generated_files(kb10)}
    records = {url_of(kb10, i) for i in ids}
    seen: list[str] = []
    for n in range(1, listing.page_count + 1):
        url = listing.uri(n)
        assert url == (folder if n == 1 else f"{folder}pages/{n}/")
        assert n == 1 or f"{folder}pages/{n}.md" in uris or listing is not LISTINGS[name](kb10)
        markup = listing.render(view_at(kb10, url), n)
        if listing is LISTINGS[name](kb10):
            assert markup == listing_page(view_at(kb10, url), name, n).removeprefix(f"{listing.title_markdown(n)}\n\n")
        assert f"Page {n} of {listing.page_count}: " in markup
        on_page = [u for u in linked_pages(markup, url) if u in records]
        assert 0 < len(on_page) <= listing.per_page
        seen += on_page
    assert seen == [url_of(kb10, i) for i in ids]


def test_glossary_list_is_in_order_with_a_one_line_definition_left_out_of_search(kb: KnowledgeBase,
                                                                                  built_site: Path) -> None:
    markup = page(built_site, "glossary")
    order = sorted(kb.terms.values(), key=lambda t: ((t.abbreviation or t.term).casefold(), t.id))
    terms = {url_of(kb, t) for t in kb.terms}
    assert [u for u in linked_pages(markup, "glossary/") if u in terms] == [url_of(kb, t.id) for t in order]
    icp = kb.terms["term-icp"]
    # No tooltip on the abbreviation itself: its expansion is written beside it.
    assert ('<li><a href="../glossary/term-icp/"><strong data-gpia-no-tooltips>ICP</strong>: integrated care provider</a> '
            '<span class="gpia-gloss" data-pagefind-ignore>— The provider that holds an '
            '<abbr title="integrated care provider">ICP</abbr> Contract and must integrate services with GP practices '
            "to deliver the whole care model.</span></li>") in markup
    assert icp.definition.split(". ")[1] not in markup  # one sentence, not the whole definition
    assert '<p class="gpia-reviewed" data-pagefind-ignore>Data: <code>clauses/glossary.yaml</code></p>' in markup


@pytest.mark.parametrize(("text", "line"), [
    ("One sentence only.", "One sentence only."),
    ("First one. Second one.", "First one."),
    ("It says (e.g. this) and more. Then", "It says (e.g. this) and more."),
    ("No split before lower case. or markup. <b>", "No split before lower case. or markup. <b>"),
    ("  Spaces\n  collapse.  Next.", "Spaces collapse."),
])
def test_one_line_is_the_first_sentence(text: str, line: str) -> None:
    assert glossary.one_line(text) == line


def test_each_term_page_has_its_definition_labelled_ours_its_citations_and_backlinks(kb: KnowledgeBase,
                                                                                     built_site: Path) -> None:
    for t in kb.terms.values():
        markup = page(built_site, f"glossary/{t.id}")
        assert re.search(rf'<h1 id="{t.id}">', markup), t.id
        ours = markup[markup.index('<div class="admonition info gpia-ours"><p class="admonition-title">Our definition '
                                   '<span class="gpia-not-nhs">(not NHS wording)</span></p>'):]
        assert " ".join(t.definition.split()) in visible(ours), t.id
        if t.note:
            assert "Note: " + " ".join(t.note.split()) in visible(ours), t.id
        for q in t.quotes:
            assert " ".join(q.text.split()) in visible(markup), t.id
        for c in t.citations:
            assert f'href="../../sources/{c}/"' in markup, (t.id, c)
        assert f"Last reviewed {t.last_reviewed} · data: <code>{t.path}</code>" in markup
    icp = page(built_site, "glossary/term-icp")
    assert '<p class="gpia-backlinks" data-pagefind-ignore>Referenced by: ' in icp
    assert 'Every term: <a href="../../glossary/">Glossary</a>.' in icp


def test_abbreviation_tooltips_still_come_from_the_terms(built_site: Path) -> None:
    assert '<abbr title="integrated care provider">ICP</abbr>' in page(built_site, "faq")
    assert '<abbr title="GP Integration Agreement">GP IA</abbr>' in page(built_site, "clauses/clause-6-2-d")


def test_clauses_list_by_template_version_with_number_and_title(kb: KnowledgeBase, built_site: Path) -> None:
    markup = page(built_site, "clauses")
    groups = re.findall(r'<h2 class="gpia-list-group"[^>]*>(.*?)</h2>', markup)
    assert [visible(g) for g in groups] == ["MCP 2016: MCP template Integration Agreement",
                                            "ICP 2019: template GP Integration Agreement (GP IA)"]
    assert [u for u in linked_pages(markup, "clauses/") if u.startswith("clauses/clause-")] == [
        "clauses/clause-6-1-e/", "clauses/clause-4-1-b/", "clauses/clause-6-2-d/"]
    assert ('<li><a href="../clauses/clause-4-1-b/">Clause 4.1(b): Conditional commencement (optional wording)</a> '
            '<span class="gpia-meta">(optional wording: a local decision)</span></li>') in markup


def test_clause_numbers_sort_as_numbers(kb: KnowledgeBase) -> None:
    c = kb.clauses["clause-6-2-d"]
    numbers = ["10.1(a)", "4.1(b)", "6.2(d)", "6.10(a)", "6.2(c)"]
    ordered = sorted((replace(c, number=n) for n in numbers), key=lambda x: reference.clause_order(kb, x))
    assert [x.number for x in ordered] == ["4.1(b)", "6.2(c)", "6.2(d)", "6.10(a)", "10.1(a)"]


def test_each_clause_page_has_its_wording_summary_and_schedule(kb: KnowledgeBase, built_site: Path) -> None:
    for c in kb.clauses.values():
        markup = page(built_site, f"clauses/{c.id}")
        assert re.search(rf'<h1 id="{c.id}">Clause {re.escape(c.number)}: ', markup), c.id
        for q in c.quotes:
            assert " ".join(q.text.split()) in visible(markup), c.id
        assert " ".join(c.summary.split()) in visible(markup), c.id
        if c.schedule:
            assert f'Cross-refers to <a href="../../schedules/{c.schedule}/">' in markup, c.id
        assert ('<p class="gpia-provenance" data-pagefind-ignore>Every clause the guidance cites: '
                '<a href="../../clauses/">Clauses</a>.</p>') in markup


def test_sources_stay_and_citations_are_a_list_of_their_pages(kb: KnowledgeBase, built_site: Path) -> None:
    markup = page(built_site, "sources")
    for record_id in (*kb.sources, *kb.versions):
        assert f'id="{record_id}"' in markup
    citations = markup[markup.index('<h2 id="citations">'):]
    assert [u for u in linked_pages(citations, "sources/") if u.startswith("sources/cite-")] == \
        [url_of(kb, c) for c in kb.citations]
    assert ('<li><a href="../sources/cite-health-and-care-act-2022/"><cite>Health and Care Act 2022</cite></a>, '
            "legislation.gov.uk (The National Archives) (April 2022)</li>") in citations
    for c in kb.citations.values():
        assert f'id="{c.id}"' not in markup  # the old anchor leads on to the page (gpia.pages.moved)
        own = page(built_site, f"sources/{c.id}")
        assert re.search(rf'<h1 id="{c.id}">', own)
        assert f'<a href="{html.escape(c.url)}">{html.escape(c.url)}</a>' in own
        assert f"Last reviewed {c.last_reviewed} · data: <code>clauses/citations.yaml</code>" in own
    assert "Referenced by: " in visible(page(built_site, "sources/cite-health-and-care-act-2022"))


def test_record_page_refuses_an_unknown_id(kb: KnowledgeBase) -> None:
    with pytest.raises(KeyError, match="no term has the id 'term-nope'"):
        record_page(view_at(kb, "glossary/term-nope/"), "term", "term-nope")


def test_the_page_sizes_are_fixed(kb10: KnowledgeBase) -> None:
    assert (AGREEMENTS_PER_PAGE, glossary.TERMS_PER_PAGE, reference.CLAUSES_PER_PAGE, sources.CITATIONS_PER_PAGE,
            SCHEDULES_PER_PAGE) == (8, 40, 25, 20, 25)
    assert [s.id for s in schedules_in_order(kb10)] == [i.record_id for i in LISTINGS["schedules"](kb10).items]
