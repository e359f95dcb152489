"""Backlinks ("Referenced by"), links on clause and schedule mentions, and no record out of reach."""
from __future__ import annotations

import dataclasses
from html.parser import HTMLParser
from pathlib import Path

import pytest

from gpia.pages.build_views import build_views
from gpia.knowledge_base import read_documents
from gpia.load.jsonpaths import find
from gpia.model.backlinks import backlinks, references
from gpia.model.kinds import KIND, field_places
from gpia.tools.linkcheck import Target, is_external, read_site, resolve
from gpia.model.mentions import MentionLinker
from gpia.model.records import KnowledgeBase
from gpia.model.urls import kind_of, url_of
from gpia.validate.references import index_records

from conftest import ROOT


# Kinds whose records show "Referenced by" when something points at them.
SHOWN = ("requirement", "area", "table", "question", "clause", "schedule", "agreement", "term")


@pytest.mark.parametrize(("target", "origin", "because"), [
    ("clause-4-1-b", "gp-ia", "a GP IA legal-nature quote mentions clause 4.1(b)"),
    ("schedule-5-kpis", "gp-ia", "a GP IA monitoring quote mentions Schedule 5"),
    ("clause-6-2-d", "faq-integration-commitments", "the FAQ's answer mentions clause 6.2(d)"),
    ("schedule-3-clinical-hub", "clause-6-2-d", "the clause cross-refers to Schedule 3"),
    ("la-ia", "gp-ia", "a GP IA statement names the LA IA in other_agreements"),
    ("mcp-contract", "mcp-integration-agreement", "an IA statement names the MCP Contract in other_agreements"),
    ("term-gp-ia", "gp-ia", "the agreement lists its glossary term"),
    ("term-gms", "gms-pms-apms-contracts", "the agreement lists its glossary terms"),
    ("faq-who-is-gp-ia-for", "gp-ia", "GP IA quotes come from that FAQ"),
    ("subcontract", "faq-gp-ia-and-subcontracts", "the FAQ relates_to the subcontract"),
    ("icp-2019-integration", "faq-integration-commitments", "the FAQ's answer prints that table"),
    ("term-best-for-service", "icp-2019-gov-best-for-service-decisions", "the requirement's related list"),
])
def test_known_backlinks(kb: KnowledgeBase, target: str, origin: str, because: str) -> None:
    assert origin in backlinks(kb).get(target, ()), because


def test_every_linked_reference_in_the_data_is_a_backlink(kb: KnowledgeBase) -> None:
    # Read from the YAML, at the places the registry of kinds derives from the models' linked
    # `refers(...)` fields, independently of the model walk that makes the backlinks.
    docs, _, _ = read_documents(ROOT)
    index, _ = index_records(docs)
    holders: dict[tuple[str, tuple], str] = {(e.doc.path, e.path): i for i, e in index.items()
                                             if KIND[e.kind].records}
    found = backlinks(kb)
    checked = 0
    for place in field_places():
        if not place.field.metadata.get("linked") or "refers_to" not in place.field.metadata:
            continue
        for file_kind, doc in docs:
            if file_kind != place.file:
                continue
            for path, target in find(doc.data, place.pattern):
                holder = next(holders[(doc.path, path[:n])] for n in range(len(path), -1, -1)
                              if (doc.path, path[:n]) in holders)
                if holder != target:
                    assert holder in found[target], (holder, target)
                    checked += 1
    assert checked > 200


def test_a_record_is_never_its_own_backlink(kb: KnowledgeBase) -> None:
    assert ("schedule-3-clinical-hub", "schedule-3-clinical-hub") in set(references(kb))  # its quote says "Schedule 3"
    assert all(origin != target for target, origins in backlinks(kb).items() for origin in origins)


def test_mentions_are_found_in_plain_text(kb: KnowledgeBase) -> None:
    linker = MentionLinker(kb)
    text = "See clause 6.2(d), then Schedule 3 and clause 6.1 (e); not clause 9.9(z), schedule 99 or schedules 3."
    assert linker.targets(text) == ["clause-6-2-d", "schedule-3-clinical-hub", "clause-6-1-e"]
    linked = linker(text, lambda record, words: f"[{words}->{record}]")
    assert linked == ("See [clause 6.2(d)->clause-6-2-d], then [Schedule 3->schedule-3-clinical-hub] and "
                      "[clause 6.1 (e)->clause-6-1-e]; not clause 9.9(z), schedule 99 or schedules 3.")


class _Backlinks(HTMLParser):
    """The hrefs inside each <p class="gpia-backlinks"> of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.paragraphs: list[list[str]] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "p" and "gpia-backlinks" in (values.get("class") or "").split():
            self._inside = True
            self.paragraphs.append([])
        elif tag == "a" and self._inside and values.get("href"):
            self.paragraphs[-1].append(values["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self._inside = False


def _page_file(url: str) -> str:
    page = url.split("#", 1)[0]
    return page + "index.html" if page == "" or page.endswith("/") else page


def _site_url(page: str, href: str) -> str:
    target = resolve(page, href)
    assert isinstance(target, Target), (page, href, target)
    return f"{target.path}#{target.fragment}" if target.fragment is not None else target.path


def test_every_backlink_is_shown_on_the_page_of_its_target(kb: KnowledgeBase, built_site: Path) -> None:
    shown: dict[str, list[set[str]]] = {}
    for target in backlinks(kb):
        page = _page_file(url_of(kb, target))
        if page not in shown:
            parser = _Backlinks()
            parser.feed((built_site / page).read_text(encoding="utf-8"))
            shown[page] = [{_site_url(page, href) for href in hrefs} for hrefs in parser.paragraphs]
    checked = 0
    for target, origins in backlinks(kb).items():
        if kind_of(kb, target) not in SHOWN:
            continue
        expected = {url_of(kb, origin) for origin in origins}
        page = _page_file(url_of(kb, target))
        assert expected in shown[page], f"no 'Referenced by' listing {sorted(origins)} for {target} on {page}"
        checked += 1
    assert checked >= 40


@pytest.mark.parametrize(("page", "words", "record"), [
    ("agreements/gp-ia/", "clause 4.1(b)", "clause-4-1-b"),
    ("agreements/gp-ia/", "Schedule 5", "schedule-5-kpis"),
    ("faq/faq-section-essential-content/", "clause 6.2(d)", "clause-6-2-d"),
    ("faq/faq-section-essential-content/", "Schedule 3", "schedule-3-clinical-hub"),
    ("faq/faq-section-essential-content/", "clause 4.1(b)", "clause-4-1-b"),
])
def test_mentions_in_source_text_link_to_their_records(kb: KnowledgeBase, built_site: Path, page: str, words: str,
                                                       record: str) -> None:
    file = _page_file(page)
    markup = (built_site / file).read_text(encoding="utf-8")
    hrefs = [href for href, text in _links_with_text(markup) if text == words]
    assert hrefs, f"no link on '{words}' in {file}"
    assert {_site_url(file, href) for href in hrefs} == {url_of(kb, record)}


def _links_with_text(markup: str) -> list[tuple[str, str]]:
    class Links(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[tuple[str, str]] = []
            self._open: list[str] | None = None
            self._href = ""

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "a":
                self._href, self._open = dict(attrs).get("href") or "", []

        def handle_data(self, data: str) -> None:
            if self._open is not None:
                self._open.append(data)

        def handle_endtag(self, tag: str) -> None:
            if tag == "a" and self._open is not None:
                self.found.append((self._href, "".join(self._open)))
                self._open = None

    parser = Links()
    parser.feed(markup)
    return parser.found


def test_no_record_is_out_of_reach(kb: KnowledgeBase, built_site: Path) -> None:
    """Every record has its anchor on its page, and that page is in the navigation or linked to the anchor."""
    pages = read_site(built_site)
    linked: set[str] = set()  # site URLs ("page/#id") that some other page links to
    for page in pages.values():
        for link in page.links:
            if is_external(link.url) or link.url.startswith("data:"):
                continue
            url = _site_url(page.path, link.url)
            if _page_file(url) != page.path:
                linked.add(url)
    nav = {_page_file(_site_url("index.html", link.url)) for link in pages["index.html"].links
           if not is_external(link.url)}
    records = [*kb.sources, *kb.versions, *kb.tables, *kb.areas, *kb.requirements, *kb.clauses, *kb.schedules,
               *kb.agreements, *kb.terms, *kb.citations, *kb.faq_sections, *kb.questions]
    for record in records:
        url = url_of(kb, record)
        page, anchor = _page_file(url), url.split("#", 1)[1] if "#" in url else record  # own page: its h1
        assert page in pages, f"{record}: no page {page}"
        assert anchor in pages[page].ids, f"{record}: no id '{anchor}' on {page}"
        assert url in linked or page in nav, f"{record}: {page} is not in the navigation and nothing links to {url}"
    # Records on pages outside the navigation (one page per schedule) are reached through links.
    for schedule in kb.schedules:
        url = url_of(kb, schedule)
        if _page_file(url) not in nav:
            assert url in linked, schedule


def test_referenced_by_names_25_records_then_counts_the_rest(kb: KnowledgeBase) -> None:
    shared = build_views(kb)
    terms = sorted(kb.terms)[:27]
    view = dataclasses.replace(shared, backlinks={"clause-6-2-d": tuple(terms)}).view("../../")
    line = view.referenced_by("clause-6-2-d")
    assert line.count("<a ") == 26  # 25 records and the download
    assert line.endswith(' and 2 more (every one is listed under <code>referenced_by</code> in '
                         '<a href="../../data/knowledge-base.json">the data download</a>)</p>')
    exactly = dataclasses.replace(shared, backlinks={"clause-6-2-d": tuple(terms[:25])}).view("")
    assert "more" not in exactly.referenced_by("clause-6-2-d")
