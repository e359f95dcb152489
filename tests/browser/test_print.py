"""The comparison printed (/compare/ and a row group's page): no navigation on paper, and the
redline still tells deletions from insertions without colour (struck through and marked "−" versus
underlined and marked "+", each with its hidden word)."""
from __future__ import annotations

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
