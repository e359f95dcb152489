"""The agreements data (sourced statements per facet) and the /agreements/ matrix built from it."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from gpia.linkcheck import Target, resolve
from gpia.load import load_or_raise
from gpia.model import FACETS, KnowledgeBase
from gpia.urls import url_of
from gpia.verbatim import normalise
from gpia.views.agreements import FACET_LABELS, SILENT, matrix_cell
from gpia.views.common import BuildViews

from conftest import ROOT, SOURCES, copy_data, problems

MATRIX_ROWS = ["gp-ia", "la-ia", "subcontract", "icp-contract", "gms-pms-apms-contracts", "data-sharing-agreement",
               "mcp-integration-agreement", "mcp-contract"]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_or_raise(ROOT, SOURCES)


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


def _site_url(href: str) -> str:
    target = resolve("agreements/index.html", href)
    assert isinstance(target, Target)
    return f"{target.path}#{target.fragment}" if target.fragment else target.path


def _words(text: str) -> str:
    return " ".join(text.split())


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


def test_each_row_links_to_the_agreement_section(kb: KnowledgeBase, matrix: _Matrix) -> None:
    body = matrix.rows[1:]
    assert [[_site_url(href) for href, _ in row[0].links] for row in body] == [
        [url_of(kb, a)] for a in MATRIX_ROWS]


def test_each_cell_gives_every_statement_with_its_faq(kb: KnowledgeBase, matrix: _Matrix) -> None:
    silent = 0
    for row, agreement in zip(matrix.rows[1:], MATRIX_ROWS):
        for cell, facet in zip(row[1:], FACETS):
            statements = kb.agreements[agreement].facets[facet]
            if not statements:
                assert (_words(cell.text), cell.attrs.get("class")) == (SILENT, "gpia-silent"), (agreement, facet)
                silent += 1
                continue
            for s in statements:
                assert _words(s.short) in _words(cell.text), (agreement, facet, s.short)
            faqs = {q.faq for s in statements for q in s.quotes if q.faq}
            cited = {(_site_url(href), text) for href, text in cell.links if text.startswith("FAQ: ")}
            assert cited == {(url_of(kb, f), f"FAQ: {kb.questions[f].question}") for f in faqs}, (agreement, facet)
            others = {o for s in statements for o in s.other_agreements}
            linked = {_site_url(href) for href, _ in cell.links}
            assert {url_of(kb, o) for o in others} <= linked, (agreement, facet)
    # Counted from the data: the sources are silent on these cells, and the matrix says so.
    assert silent == sum(1 for a in kb.agreements.values() for f in FACETS if not a.facets[f])
    assert silent == 7


def test_a_cell_golden(kb: KnowledgeBase) -> None:
    view = BuildViews.for_knowledge_base(kb).view("../")
    assert matrix_cell(view, kb.agreements["la-ia"].facets["parties"]) == (
        '<td><ul><li>An <abbr title="integrated care provider">ICP</abbr> and a local authority. '
        '<span class="gpia-cite">(<a href="../faq/#faq-gp-ia-and-la-ia">FAQ: How does the '
        '<abbr title="GP Integration Agreement">GP IA</abbr> relate to a local authority '
        '<abbr title="Integration Agreement">IA</abbr> '
        '(<abbr title="local authority integration agreement">LA IA</abbr>)?</a>)</span></li></ul></td>')
    assert matrix_cell(view, kb.agreements["la-ia"].facets["monitoring"]) == (
        '<td class="gpia-silent">The sources say nothing on this.</td>')


def test_2016_quotes_cite_their_row_section_or_document(kb: KnowledgeBase, matrix: _Matrix) -> None:
    rows = dict(zip(MATRIX_ROWS, matrix.rows[1:]))
    data_sharing_parties = rows["data-sharing-agreement"][1 + FACETS.index("parties")]
    area = next(a.id for a in kb.areas.values()
                if a.version == "mcp-2016" and a.title == "Shared systems and access to information")
    assert (url_of(kb, area), "MCP 2016 guidance: The integration commitments, row 6.") in {
        (_site_url(h), t) for h, t in data_sharing_parties.links}
    contract_nature = rows["mcp-contract"][1 + FACETS.index("legal_nature")]
    assert [(_site_url(h), t) for h, t in contract_nature.links] == [(
        url_of(kb, "mcp-2016-overview"),
        "MCP 2016 guidance: The multispecialty community provider (MCP) template Integration Agreement – overview")]
    context = rows["mcp-integration-agreement"][1 + FACETS.index("purpose")]
    assert [(_site_url(h), t) for h, t in context.links] == [
        (url_of(kb, "mcp-2016-overview"), "MCP 2016 guidance: Context")]


def test_each_section_says_where_the_sources_are_silent(built_site: Path) -> None:
    markup = (built_site / "agreements" / "index.html").read_text(encoding="utf-8")
    section = markup[markup.index('id="la-ia"'):markup.index('id="subcontract"')]
    assert re.search(r'<p class="gpia-silent">The sources say nothing on: legal nature, who monitors\.</p>', section)
    assert '<p class="gpia-facts">In the glossary: <a href="../glossary/#term-la-ia">' in section


def test_the_matrix_is_left_out_of_search_but_its_points_are_found(kb: KnowledgeBase, built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"]: doc["text"] for doc in index["docs"]}
    assert "agreements/#agreements-matrix-heading" not in locations
    # Each point is still found, with its source wording, in its agreement's own section.
    gp_ia = locations["agreements/#gp-ia"]
    assert "power of attorney" in gp_ia and "Primary Medical Services Provider" in gp_ia


@pytest.mark.browser
def test_the_matrix_scrolls_sideways_on_a_phone_and_fits_a_desktop(built_site: Path, tmp_path: Path) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    from browser.chromium import CHROMIUM, DESKTOP, MOBILE, launch
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
        page.goto(base + "agreements/")
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
        page.goto(base + "agreements/")
        desktop = page.evaluate(measure)
        assert desktop["scroll"] <= desktop["width"], "on a desktop the whole matrix fits without scrolling"
        context.close()
