"""The comparison printed (/compare/ and a row group's page): no navigation on paper, and the
redline still tells deletions from insertions without colour (struck through and marked "−" versus
underlined and marked "+", each with its hidden word)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page

from .chromium import open_page

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# Site chrome that must not be printed: the header (with search), both sidebars (navigation and
# table of contents), the footer (previous/next links), "Back to top", and any other <nav>.
CHROME_PRINTED = """() => [...document.querySelectorAll(
    ".md-header, .md-tabs, .md-sidebar, .md-footer, .md-top, .md-skip, nav")]
  .filter(el => el.checkVisibility())
  .map(el => el.tagName.toLowerCase() + "." + [...el.classList].join("."))"""

# Each redline mark: its text decoration as printed and its hidden lead word.
REDLINE = """() => [...document.querySelectorAll("del.gpia-del, ins.gpia-ins")].map(el => ({
  tag: el.tagName.toLowerCase(),
  decoration: getComputedStyle(el).textDecorationLine,
  hidden: (el.querySelector(".gpia-sr-only") || {}).textContent || "",
  marker: getComputedStyle(el, "::before").content,
}))"""


# /compare/ (the key's example and the tables' headings) and a row group's page (its pairs).
COMPARE_PAGES = ["compare/", "compare/icp-2019-gov-working-together/"]


@pytest.fixture(params=COMPARE_PAGES)
def printed_compare(request: pytest.FixtureRequest, page: Page, built_site: Path, site_url: str) -> Page:
    assert (built_site / request.param / "index.html").exists(), f"the /{request.param} page was not built"
    open_page(page, site_url + request.param)
    page.emulate_media(media="print")
    return page


def test_print_layout_has_no_navigation(printed_compare: Page) -> None:
    assert printed_compare.evaluate(CHROME_PRINTED) == []


def test_printed_redline_is_legible_without_colour(printed_compare: Page) -> None:
    marks = printed_compare.evaluate(REDLINE)
    deletions = [m for m in marks if m["tag"] == "del"]
    insertions = [m for m in marks if m["tag"] == "ins"]
    assert deletions and insertions
    assert {(m["decoration"], m["hidden"]) for m in deletions} == {("line-through", "deleted: ")}
    assert {(m["decoration"], m["hidden"]) for m in insertions} == {("underline", "inserted: ")}
    # The drawn markers, which a screen reader skips (their alternative text is empty).
    assert {m["marker"] for m in deletions} == {'"−" / ""'}
    assert {m["marker"] for m in insertions} == {'"+" / ""'}


def test_compare_prints_to_pdf(printed_compare: Page) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    name = printed_compare.url.rstrip("/").rsplit("/", 1)[-1]
    pdf = printed_compare.pdf(path=ARTIFACTS / f"{name}.pdf", format="A4")
    assert pdf.startswith(b"%PDF-")
    assert len(pdf) > 10_000


# ---- /print/: the whole guide on paper -------------------------------------------------------------

PARTS = ["Shared governance", "Integration commitments", "FAQs", "Clauses", "Schedules", "Agreements", "Glossary",
         "Other sources we cite", "Before you sign"]
SCREEN_ONLY = """() => [...document.querySelectorAll(
    ".gpia-row-links, .gpia-prev-next, .gpia-pager, .gpia-print-slot, .gpia-reviewed, .gpia-screen-only")]
  .filter(el => el.checkVisibility()).map(el => el.className)"""


@pytest.fixture(scope="module")
def printed_guide(browser, built_site: Path, site_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """/print/ in Chromium's print mode, and its PDF as text, page by page (poppler's pdftotext)."""
    import subprocess

    from gpia.knowledge_base import load_or_raise
    from gpia.views.glossary import listing

    from conftest import ROOT, SOURCES

    page = browser.new_page()
    open_page(page, site_url + "print/")
    page.emulate_media(media="print")
    pdf = tmp_path_factory.mktemp("print") / "guide.pdf"
    page.pdf(path=pdf, format="A4")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "print-guide.pdf").write_bytes(pdf.read_bytes())
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    kb = load_or_raise(ROOT, SOURCES)
    result = {
        "pages": text.split("\f")[:-1],
        "screen_only": page.evaluate(SCREEN_ONLY),
        "outside": page.evaluate("""() => [...document.querySelectorAll('.md-content a[href^="https://"]')]
            .map(a => a.getAttribute("href"))"""),
        "glossary": page.evaluate("""() => {
            const start = document.getElementById("print-glossary"), end = document.getElementById("print-citations");
            return [...document.querySelectorAll(".md-content h3[id]")].filter(h =>
              start.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING &&
              h.compareDocumentPosition(end) & Node.DOCUMENT_POSITION_FOLLOWING).map(h => h.id)}"""),
        "terms": [item.record_id for item in listing(kb).items],
        "versions": [v.label for v in kb.versions.values()],
    }
    page.close()
    return result


def _lines(page_text: str) -> list[str]:
    return [" ".join(line.split()) for line in page_text.splitlines() if line.strip()]


def test_the_printed_guide_opens_with_a_title_page_and_its_contents(printed_guide: dict) -> None:
    title, contents = printed_guide["pages"][0], printed_guide["pages"][1]
    assert "GP Integration Agreement guide" in title and "The whole guide, printed" in title
    assert re.search(r"The data as of \d{1,2} [A-Z][a-z]+ \d{4}\.", " ".join(_lines(title)))
    assert all(label in title for label in printed_guide["versions"])
    assert "Contents" in _lines(contents)
    assert [line.split(". ", 1)[-1] for line in _lines(contents) if line.split(". ", 1)[-1] in PARTS] == PARTS
    assert "Shared governance" not in title  # the contents are a page of their own


def test_each_part_of_the_printed_guide_starts_a_new_page(printed_guide: dict) -> None:
    firsts = [_lines(p)[0] if _lines(p) else "" for p in printed_guide["pages"]]
    starts = [firsts.index(part) for part in PARTS]
    assert starts == sorted(starts) and starts[0] == 2  # after the title page and the contents


def test_the_printed_guide_prints_link_addresses_and_no_screen_navigation(printed_guide: dict) -> None:
    assert printed_guide["screen_only"] == []
    text = "".join("".join(p.split()) for p in printed_guide["pages"])
    assert printed_guide["outside"]
    for href in set(printed_guide["outside"]):
        assert f"({href})" in text, href
    for screen in ("Nextrow", "Previousrow", "Comparethisrowwith", "data:clauses/", "Lastreviewed"):
        assert screen not in text, screen


def test_the_printed_glossary_is_in_the_webs_order(printed_guide: dict) -> None:
    assert printed_guide["glossary"] == printed_guide["terms"]
