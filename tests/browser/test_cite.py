"""Copy citation and copy link, by keyboard, on a record; /print/ prints without the site's chrome."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .chromium import open_page

pytestmark = pytest.mark.browser


def test_copy_citation_and_link_by_keyboard(page: Page, site_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_page(page, site_url + "faq/faq-section-introduction/")
    button = page.get_by_role("button", name="Copy citation: Who is the GP IA for?")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('[data-gpia-anchor=\"faq-who-is-gp-ia-for\"] .gpia-copied').textContent === 'Copied.'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "question “Who is the GP IA for?”" in copied
    assert copied.endswith("faq/faq-section-introduction/#faq-who-is-gp-ia-for")
    page.get_by_role("button", name="Copy link: Who is the GP IA for?").press("Enter")
    page.wait_for_timeout(200)
    assert page.evaluate("navigator.clipboard.readText()").endswith("/#faq-who-is-gp-ia-for")


def test_the_print_page_prints_the_guide_without_chrome(page: Page, site_url: str) -> None:
    open_page(page, site_url + "print/")
    assert page.get_by_role("button", name="Print the whole guide").is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.get_by_role("button", name="Print the whole guide").is_visible()
    assert not page.locator(".gpia-copy").first.is_visible()
    assert page.locator("#print-glossary").is_visible()
