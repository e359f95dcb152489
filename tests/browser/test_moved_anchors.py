"""Links to the anchors of the old one-page lists arrive at the record's own page now
(docs/assets/moved-anchors.js following assets/moved-anchors.json, written by gpia/pages/moved.py)."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .chromium import open_page

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("old", "now"), [
    ("faq/#faq-purpose-of-gp-ia", "faq/faq-section-introduction/#faq-purpose-of-gp-ia"),
    ("governance/#icp-2019-gov-best-for-service-decisions",
     "governance/icp-2019-gov-working-together/#icp-2019-gov-best-for-service-decisions"),
    ("glossary/#term-icp", "glossary/term-icp/"),
    ("compare/#cmp-icp-2019-gov-best-for-service-decisions",
     "compare/icp-2019-gov-working-together/#cmp-icp-2019-gov-best-for-service-decisions"),
])
def test_an_old_anchor_goes_to_the_records_page(page: Page, site_url: str, old: str, now: str) -> None:
    page.goto(site_url + old)
    page.wait_for_url(site_url + now)
    anchor = now.partition("#")[2] or now.strip("/").rsplit("/", 1)[-1]
    assert page.locator(f"[id='{anchor}']").count() == 1


def test_an_anchor_the_page_has_stays_put(page: Page, site_url: str) -> None:
    open_page(page, site_url + "sources/#icp-2019-faqs")
    page.wait_for_load_state("networkidle")
    assert page.url == site_url + "sources/#icp-2019-faqs"


def test_an_unknown_anchor_stays_put(page: Page, site_url: str) -> None:
    open_page(page, site_url + "faq/#no-such-question")
    page.wait_for_load_state("networkidle")
    assert page.url == site_url + "faq/#no-such-question"
