"""The agreements data (sourced statements per facet), each agreement's page and the paged /agreements/ matrix."""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from gpia.pages.build_views import build_views
from gpia.tools.linkcheck import Target, resolve
from gpia.knowledge_base import load_or_raise
from gpia.model.records import FACETS, KnowledgeBase
from gpia.tools.synthetic import generate
from gpia.model.urls import relative_base, url_of
from gpia.validate.source_outline import fold as normalise
from gpia.views.agreements import AGREEMENTS_PER_PAGE, FACET_LABELS, SILENT, facet_anchor, listing, matrix_cell
from gpia.views.pages import listing_page

from conftest import ROOT, copy_data, problems, without_sic

MATRIX_ROWS = ["gp-ia", "la-ia", "subcontract", "icp-contract", "gms-pms-apms-contracts", "data-sharing-agreement",
               "mcp-integration-agreement", "mcp-contract"]


def test_the_matrix_has_every_agreement_in_order(kb: KnowledgeBase) -> None:
    assert list(kb.agreements) == MATRIX_ROWS


def test_every_2019_quote_names_its_faq_and_comes_from_that_answer(kb: KnowledgeBase) -> None:
    checked = 0
    for a in kb.agreements.values():
        for facet, statements in a.facets.items():
            for statement in statements:
                for q in statement.quotes:
                    where = (a.id, facet, q.text[:40])
                    if q.source == "mcp-2016-overview":
                        assert q.faq is None, where
                        continue
                    assert q.source == "icp-2019-faqs" and q.faq, where
                    question = kb.questions[q.faq]
                    assert q.section == question.question, where
                    if q.row:
                        # A table row: the answer prints the table, kept as requirement records.
                        table = next(kb.tables[b.table] for b in question.answer if b.table)
                        area = next(area for area in table.areas if area.row == q.row)
                        printed = " ".join(r.text for r in area.requirements)
                    else:
                        printed = " ".join(b.text or " ".join(b.items) for b in question.answer)
                    assert normalise(q.text) in normalise(printed), where
                    checked += 1
    assert checked >= 60


# (agreement, facet, words a quote must contain, FAQ it must cite): the facts the matrix must carry.
FACTS = [
    ("gp-ia", "parties", "will be a signatory to a single GP IA alongside the ICP", "faq-who-is-gp-ia-for"),
    ("gp-ia", "parties", "clear authority (e.g. a power of attorney)", "faq-who-is-gp-ia-for"),
    ("gp-ia", "parties", "in the name of the GP practice (not in the name of the GP federation)",
     "faq-who-is-gp-ia-for"),
    ("gp-ia", "parties", "as a Primary Medical Services Provider in its own right", "faq-who-is-gp-ia-for"),
    ("gp-ia", "parties", "for out-of-hours primary medical services", "faq-who-is-gp-ia-for"),
    ("gp-ia", "purpose", "will work more closely together", "faq-purpose-of-gp-ia"),
    ("gp-ia", "legal_nature", "not a contract with GP practices for the delivery of specific services",
     "faq-gp-ia-and-subcontracts"),
    ("gp-ia", "legal_nature", "It is not a form of subcontract", "faq-gp-ia-and-subcontracts"),
    ("gp-ia", "monitoring", "the ICP will agree with GP practices the appropriate type and extent of monitoring",
     "faq-monitoring-gp-ia"),
    ("gp-ia", "monitoring", "Commissioners would not monitor delivery of commitments in a GP IA directly",
     "faq-monitoring-gp-ia"),
    ("gp-ia", "monitoring", "this should remain separate to their monitoring of the ICP Contract",
     "faq-monitoring-gp-ia"),
    ("gp-ia", "relationships",
     "LA representatives attend the Integration Leadership Team meetings held under the GP IA", "faq-gp-ia-and-la-ia"),
    ("gp-ia", "relationships", "an ICP could be party to both an LA IA and a GP IA", "faq-gp-ia-and-la-ia"),
    ("la-ia", "relationships", "GP representatives attend Integration Board meetings held under the LA IA",
     "faq-gp-ia-and-la-ia"),
    ("la-ia", "relationships", "an ICP could be party to both an LA IA and a GP IA", "faq-gp-ia-and-la-ia"),
    ("subcontract", "purpose", "this should be through separate subcontracts", "faq-gp-ia-and-subcontracts"),
    ("icp-contract", "monitoring", "monitor the ICP's overall performance", "faq-monitoring-gp-ia"),
    ("icp-contract", "monitoring", "this should remain separate to their monitoring of the ICP Contract",
     "faq-monitoring-gp-ia"),
    ("gms-pms-apms-contracts", "monitoring", "CCGs may have a role in overseeing the GP practices' fulfilment",
     "faq-monitoring-gp-ia"),
]


@pytest.mark.parametrize(("agreement", "facet", "words", "faq"), FACTS,
                         ids=[f"{a}-{f}-{w[:30]}" for a, f, w, _ in FACTS])
def test_the_sourced_facts_are_in_the_matrix_data(kb: KnowledgeBase, agreement: str, facet: str, words: str,
                                                  faq: str) -> None:
    quotes = [q for s in kb.agreements[agreement].facets[facet] for q in s.quotes]
    assert any(words in q.text and q.faq == faq for q in quotes)


def test_other_agreements_must_be_agreements(tmp_path: Path) -> None:
    root = copy_data(tmp_path / "kb")
    path = root / "clauses" / "agreements.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("other_agreements: [la-ia]", "other_agreements: [term-la-ia]", 1)
    text = text.replace("other_agreements: [subcontract]", "other_agreements: [sub-contract]", 1)
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    wrong_kind = next(i for i, line in enumerate(lines, 1) if "[term-la-ia]" in line)
    misspelt = next(i for i, line in enumerate(lines, 1) if "[sub-contract]" in line)
    column = lines[misspelt - 1].index("[") + 2  # the list item, after "other_agreements: ["
    assert problems(root) == sorted([
        f"clauses/agreements.yaml:{wrong_kind}:{column}: 'other_agreements' refers to 'term-la-ia', which is a term "
        f"(clauses/glossary.yaml:39:9); it must be an agreement",
        f"clauses/agreements.yaml:{misspelt}:{column}: 'other_agreements' refers to 'sub-contract', but no agreement "
        "has that id; did you mean 'subcontract'?",
    ])


def test_a_statement_needs_its_matrix_text(tmp_path: Path) -> None:
    root = copy_data(tmp_path / "kb")
    path = root / "clauses" / "agreements.yaml"
    text = path.read_text(encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "short: An ICP and a local authority." in row)
    path.write_text(text.replace("          short: An ICP and a local authority.\n", "", 1), encoding="utf-8")
    assert problems(root) == [f"clauses/agreements.yaml:{line - 1}:11: missing required field 'short' in "
                              "agreements[1].facets.parties[0]; add it"]


# --- the rendered matrix ---------------------------------------------------------------------------------------


@dataclass
class Cell:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)  # (href, link text)


class _Matrix(HTMLParser):
    """The caption and cells of the table with id="agreements-matrix"."""

    def __init__(self) -> None:
        super().__init__()
        self.caption = ""
        self.rows: list[list[Cell]] = []
        self.wrapper: dict[str, str | None] = {}
        self._depth = 0
        self._in_caption = False
        self._cell: Cell | None = None
        self._link: list[str] | None = None
        self._href = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "div" and "gpia-matrix-scroll" in (values.get("class") or ""):
            self.wrapper = values
        if tag == "table" and values.get("id") == "agreements-matrix":
            self._depth = 1
        elif not self._depth:
            return
        if tag == "caption":
            self._in_caption = True
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td"):
            self._cell = Cell(tag, values)
            self.rows[-1].append(self._cell)
        elif tag == "a":
            self._link, self._href = [], values.get("href") or ""

    def handle_endtag(self, tag: str) -> None:
        if not self._depth:
            return
        if tag == "table":
            self._depth = 0
        elif tag == "caption":
            self._in_caption = False
        elif tag in ("th", "td"):
            self._cell = None
        elif tag == "a" and self._link is not None and self._cell is not None:
            self._cell.links.append((self._href, " ".join("".join(self._link).split())))
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._in_caption:
            self.caption += data
        if self._cell is not None:
            self._cell.text += data
        if self._link is not None:
            self._link.append(data)


@pytest.fixture(scope="module")
def matrix(built_site: Path) -> _Matrix:
    parser = _Matrix()
    parser.feed((built_site / "agreements" / "index.html").read_text(encoding="utf-8"))
    return parser


def _site_url(href: str, page: str = "agreements/index.html") -> str:
    target = resolve(page, href)
    assert isinstance(target, Target)
    return f"{target.path}#{target.fragment}" if target.fragment else target.path


def _words(text: str) -> str:
    return " ".join(text.split())


def _visible(markup: str) -> str:
    markup = without_sic(markup)
    return _words(html.unescape(re.sub(r"<[^>]+>", "", markup)))


def _links(markup: str, page: str) -> set[tuple[str, str]]:
    """(site URL, visible text) of every link in some markup of a page."""
    return {(_site_url(href, page), _visible(text))
            for href, text in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', markup, re.S)}


def agreement_page(site: Path, agreement: str) -> str:
    return (site / "agreements" / agreement / "index.html").read_text(encoding="utf-8")


def facet_section(markup: str, facet: str) -> str:
    """The markup of one facet's section of an agreement's page (up to the next heading)."""
    start = markup.index(f'<h2 id="{facet_anchor(facet)}">')
    after = re.search(r"<h2 |<div class=\"gpia-agreement-end\"", markup[start + 1:])
    assert after
    return markup[start:start + 1 + after.start()]


def test_the_matrix_is_an_accessible_table(matrix: _Matrix) -> None:
    assert _words(matrix.caption) == ("The agreements the guidance mentions, facet by facet "
                                      "(cells: our summary, not NHS wording)")
    head, *body = matrix.rows
    assert [(c.tag, c.attrs.get("scope"), _words(c.text)) for c in head] == [
        ("th", "col", "Agreement"), *(("th", "col", FACET_LABELS[f]) for f in FACETS)]
    assert all(row[0].tag == "th" and row[0].attrs.get("scope") == "row" for row in body)
    assert all([c.tag for c in row[1:]] == ["td"] * len(FACETS) for row in body)
    # A scrolling region must be reachable and named for keyboard and screen reader users.
    assert matrix.wrapper == {"class": "gpia-matrix-scroll", "role": "region",
                              "aria-labelledby": "agreements-matrix-caption", "tabindex": "0"}


def test_each_row_links_to_the_agreement_page(kb: KnowledgeBase, matrix: _Matrix) -> None:
    body = matrix.rows[1:]
    assert [[_site_url(href) for href, _ in row[0].links] for row in body] == [
        [f"agreements/{a}/"] for a in MATRIX_ROWS]
    assert [url_of(kb, a) for a in MATRIX_ROWS] == [f"agreements/{a}/" for a in MATRIX_ROWS]


def test_each_cell_gives_every_point_linked_to_its_facet_on_the_agreement_page(kb: KnowledgeBase,
                                                                               matrix: _Matrix) -> None:
    silent = 0
    for row, agreement in zip(matrix.rows[1:], MATRIX_ROWS):
        for cell, facet in zip(row[1:], FACETS):
            statements = kb.agreements[agreement].facets[facet]
            if not statements:
                assert (_words(cell.text), cell.attrs.get("class"), cell.links) == (SILENT, "gpia-silent", []), \
                    (agreement, facet)
                silent += 1
                continue
            target = f"agreements/{agreement}/#{facet_anchor(facet)}"
            assert [(_site_url(href), text) for href, text in cell.links] == [
                (target, _words(s.short)) for s in statements], (agreement, facet)
    # Counted from the data: the sources are silent on these cells, and the matrix says so.
    assert silent == sum(1 for a in kb.agreements.values() for f in FACETS if not a.facets[f])
    assert silent == 7


def test_a_cell_golden(kb: KnowledgeBase, built_site: Path) -> None:
    view = build_views(kb).view("../")
    cell = matrix_cell(view, kb.agreements["la-ia"], "parties")
    assert cell == ('<td><ul><li><a href="../agreements/la-ia/#facet-parties">An ICP '
                    "and a local authority.</a></li></ul></td>")
    assert matrix_cell(view, kb.agreements["la-ia"], "monitoring") == (
        '<td class="gpia-silent">The sources say nothing on this.</td>')
    # The tooltip is added to the finished page (gpia.views.html.Abbreviations), link text included.
    with_tooltip = ('<td><ul><li><a href="../agreements/la-ia/#facet-parties">An '
                    '<abbr title="integrated care provider">ICP</abbr> and a local authority.</a></li></ul></td>')
    assert view.shared.abbr.in_html(cell) == with_tooltip
    assert with_tooltip in (built_site / "agreements" / "index.html").read_text(encoding="utf-8")


def test_the_matrix_fits_on_one_page_with_no_pager(built_site: Path) -> None:
    markup = (built_site / "agreements" / "index.html").read_text(encoding="utf-8")
    assert len(MATRIX_ROWS) <= AGREEMENTS_PER_PAGE
    assert "gpia-pager" not in markup
    assert not (built_site / "agreements" / "pages").exists()
    assert '<p class="gpia-reviewed" data-pagefind-ignore>Data: <code>clauses/agreements.yaml</code></p>' in markup


# --- each agreement's page -------------------------------------------------------------------------------------


def test_each_agreement_page_gives_every_statement_with_its_faq_and_wording(kb: KnowledgeBase,
                                                                            built_site: Path) -> None:
    for agreement in MATRIX_ROWS:
        a = kb.agreements[agreement]
        markup = agreement_page(built_site, agreement)
        page = f"agreements/{agreement}/index.html"
        assert re.search(rf'<h1 id="{agreement}">', markup), agreement
        assert _words(a.summary) in _visible(markup)
        for facet in FACETS:
            statements = a.facets[facet]
            if not statements:
                assert f'id="{facet_anchor(facet)}"' not in markup, (agreement, facet)
                continue
            section = facet_section(markup, facet)
            assert _visible(section).startswith(FACET_LABELS[facet])
            for s in statements:
                assert _words(s.says) in _visible(section), (agreement, facet, s.says)
                for q in s.quotes:
                    assert _words(q.text) in _visible(section), (agreement, facet, q.text[:40])
            faqs = {q.faq for s in statements for q in s.quotes if q.faq}
            cited = {(url, text) for url, text in _links(section, page) if text.startswith("FAQ: ")}
            assert cited == {(url_of(kb, f), f"FAQ: {kb.questions[f].question}") for f in faqs}, (agreement, facet)
            others = {o for s in statements for o in s.other_agreements}
            assert {url_of(kb, o) for o in others} <= {url for url, _ in _links(section, page)}


def test_2016_quotes_cite_their_row_section_or_document(kb: KnowledgeBase, built_site: Path) -> None:
    def cites(agreement: str, facet: str) -> set[tuple[str, str]]:
        section = facet_section(agreement_page(built_site, agreement), facet)
        cite = "".join(re.findall(r'<span class="gpia-cite">(.*?)</span>', section, re.S))
        return _links(cite, f"agreements/{agreement}/index.html")

    area = next(a.id for a in kb.areas.values()
                if a.version == "mcp-2016" and a.title == "Shared systems and access to information")
    assert (url_of(kb, area), "MCP 2016 guidance: The integration commitments, row 6.") in \
        cites("data-sharing-agreement", "parties")
    assert cites("mcp-contract", "legal_nature") == {(
        url_of(kb, "mcp-2016-overview"),
        "MCP 2016 guidance: The multispecialty community provider (MCP) template Integration Agreement – overview")}
    assert cites("mcp-integration-agreement", "purpose") == {
        (url_of(kb, "mcp-2016-overview"), "MCP 2016 guidance: Context")}


def test_each_agreement_page_says_where_the_sources_are_silent(built_site: Path) -> None:
    markup = agreement_page(built_site, "la-ia")
    assert re.search(r'<p class="gpia-silent">The sources say nothing on: legal nature, who monitors\.</p>', markup)
    assert '<p class="gpia-facts">In the glossary: <a href="../../glossary/term-la-ia/">' in markup
    assert '<p class="gpia-provenance" data-pagefind-ignore>Every agreement, facet by facet: ' \
           '<a href="../../agreements/">the agreements matrix</a>.</p>' in markup
    assert ('<p class="gpia-reviewed" data-pagefind-ignore>Last reviewed 2026-11-25 · data: '
            "<code>clauses/agreements.yaml</code></p>") in markup


def test_the_matrix_is_left_out_of_search_but_its_points_are_found(kb: KnowledgeBase, built_site: Path) -> None:
    from conftest import indexed_text, page
    on_list = indexed_text(page(built_site, "agreements"))
    assert "power of attorney" not in on_list and "Each row is an agreement" not in on_list
    # Each point is still found, with its source wording, on its agreement's page.
    parties = indexed_text(page(built_site, "agreements/gp-ia"))
    assert "power of attorney" in parties and "Primary Medical Services Provider" in parties


def test_the_matrix_pages_at_scale(tmp_path: Path) -> None:
    """At x3 the matrix is three pages of AGREEMENTS_PER_PAGE rows, each row linking to its agreement's page."""
    kb3 = load_or_raise(generate(ROOT, tmp_path / "kb-x3", 3), check_wording=False)
    pages = listing(kb3)
    assert pages.page_count == 3 == -(-len(kb3.agreements) // AGREEMENTS_PER_PAGE)
    seen = []
    for n in (1, 2, 3):
        view = build_views(kb3).view(relative_base(pages.uri(n)))
        markup = listing_page(view, "agreements", n)
        parser = _Matrix()
        parser.feed(markup)
        rows = parser.rows[1:]
        assert len(rows) <= AGREEMENTS_PER_PAGE and len(parser.rows[0]) == 1 + len(FACETS)
        seen += [resolve(pages.uri(n) + "index.html", row[0].links[0][0]).path for row in rows]  # type: ignore[union-attr]
        assert f"Page {n} of 3:" in markup
        assert markup.startswith("# Agreements, page 2 of 3" if n == 2 else ("# Agreements, page 3 of 3" if n == 3 else "<div"))
    assert seen == [url_of(kb3, a) for a in kb3.agreements]


@pytest.mark.browser
def test_the_matrix_scrolls_sideways_on_a_phone_and_fits_a_desktop(built_site: Path, tmp_path: Path) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    from browser.chromium import CHROMIUM, DESKTOP, MOBILE, launch, open_page
    from browser.server import serve

    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed (make browser)")
    measure = """() => { const r = document.querySelector('.gpia-matrix-scroll');
        const h = document.querySelector('#agreements-matrix tbody th');
        return {scroll: r.scrollWidth, width: r.clientWidth, page: document.documentElement.scrollWidth,
                window: window.innerWidth, left: r.scrollLeft,
                header: h.getBoundingClientRect().left - r.getBoundingClientRect().left}; }"""
    with serve(built_site) as base, playwright.sync_playwright() as p:
        context = launch(p, tmp_path / "profile")
        page = context.new_page()
        page.set_viewport_size(MOBILE)
        open_page(page, base + "agreements/")
        phone = page.evaluate(measure)
        assert phone["scroll"] > phone["width"], "on a phone the table is wider than its region and scrolls"
        assert phone["page"] <= phone["window"], "only the table's region scrolls, not the whole page"
        page.focus(".gpia-matrix-scroll")
        for _ in range(5):
            page.keyboard.press("ArrowRight")
        # The keyboard scrolls the focused region (waits for it, and fails if it never scrolls).
        page.wait_for_function("document.querySelector('.gpia-matrix-scroll').scrollLeft > 0", timeout=5000)
        scrolled = page.evaluate(measure)
        assert 0 <= scrolled["header"] <= 2, "the agreement column stays in view while the cells scroll"
        page.set_viewport_size(DESKTOP)
        open_page(page, base + "agreements/")
        desktop = page.evaluate(measure)
        assert desktop["scroll"] <= desktop["width"], "on a desktop the whole matrix fits without scrolling"
        context.close()
