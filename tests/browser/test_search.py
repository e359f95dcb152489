"""Search, typed key by key into the header's search box: each question finds its answer in the top
five pages (the page itself or a section listed under it), and clause references come first."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .chromium import open_page
from .search_box import BOX, RESULTS, open_search, search_pages
from .search_questions import QUESTIONS, rank

pytestmark = pytest.mark.browser


def test_every_question_finds_its_answer_in_the_top_five(page: Page, site_url: str) -> None:
    open_search(page, site_url)
    missed = []
    for query, targets in QUESTIONS:
        pages = search_pages(page, query)
        position = rank(targets, pages)
        if position is None or position > 5:
            missed.append(f"{query!r}: expected one of {list(targets)} in the top 5, got {[p[0] for p in pages[:5]]}")
    assert not missed, "\n".join(missed)


def test_at_least_thirty_questions_are_asserted() -> None:
    assert len(QUESTIONS) >= 30


@pytest.mark.parametrize("query, first", [
    ("6.2(d)", "/clauses/clause-6-2-d/"), ("4.1(b)", "/clauses/clause-4-1-b/"),
    ("Schedule 5", "/schedules/schedule-5-kpis/"), ("clause 6.1(e)", "/clauses/clause-6-1-e/"),
])
def test_a_clause_reference_finds_its_record_first(page: Page, site_url: str, query: str, first: str) -> None:
    open_search(page, site_url)
    assert search_pages(page, query)[0][0] == first


def test_results_show_sections_and_marked_excerpts_and_a_count(page: Page, site_url: str) -> None:
    open_search(page, site_url)
    pages = search_pages(page, "GP federation")
    assert any("#faq-who-is-gp-ia-for" in link for links in pages for link in links)
    assert page.locator(f"{RESULTS} mark").count() > 0
    expect(page.locator("#gpia-search-status")).to_have_text(re.compile(r"^\d+ pages? found for “GP federation”\.$"))
    assert page.locator("#gpia-search-status").get_attribute("aria-live") == "polite"


def test_escape_closes_the_dialog_and_focus_returns_to_the_button(page: Page, site_url: str) -> None:
    open_page(page, site_url)
    opener = page.locator(".gpia-search__open")
    opener.focus()
    page.keyboard.press("Enter")
    expect(page.locator(BOX)).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#gpia-search-dialog")).not_to_be_visible()
    expect(opener).to_be_focused()
    page.keyboard.press("/")
    expect(page.locator(BOX)).to_be_focused()


def test_filters_come_from_the_data_and_narrow_the_results(page: Page, site_url: str, kb) -> None:
    open_search(page, site_url)
    search_pages(page, "GP IA")
    versions = page.locator('select[data-filter="version"] option').all_text_contents()
    assert sorted(versions[1:]) == sorted(v.label for v in kb.versions.values())
    kinds = page.locator('select[data-filter="kind"] option').all_text_contents()
    assert {"Requirement", "FAQ answer", "Clause", "Schedule", "Agreement", "Glossary", "Source text"} <= set(kinds)
    page.locator('select[data-filter="kind"]').select_option("Clause")
    page.wait_for_function("() => [...document.querySelectorAll('.gpia-search__page')].every(a => a.href.includes('/clauses/'))")
    page.locator('select[data-filter="kind"]').select_option("")
    page.locator('input[data-filter="wording"]').check()
    page.wait_for_function("() => ![...document.querySelectorAll('.gpia-search__page')].some(a => a.href.includes('/glossary/'))")


def test_contributor_pages_only_when_asked_for(page: Page, site_url: str) -> None:
    open_search(page, site_url)
    assert not any(links[0].startswith("/contributing/") for links in search_pages(page, "pull request"))
    page.locator('input[data-filter="audience"]').check()
    page.wait_for_function("() => [...document.querySelectorAll('.gpia-search__page')].some(a => a.href.includes('/contributing/'))")


def test_without_javascript_the_header_links_to_the_contents(browser, site_url: str) -> None:
    context = browser.browser.new_context(java_script_enabled=False) if browser.browser else None
    if context is None:
        pytest.skip("a persistent context cannot open a second context")
    tab = context.new_page()
    tab.goto(site_url)
    expect(tab.locator(".gpia-search__fallback")).to_be_visible()
    expect(tab.locator(".gpia-search__open")).to_be_hidden()
    context.close()


def test_from_a_file_search_says_it_needs_a_web_server(page: Page, built_site) -> None:
    open_page(page, (built_site / "index.html").as_uri())
    page.locator(".gpia-search__open").click()
    page.locator(BOX).press_sequentially("clinical hub")
    expect(page.locator("#gpia-search-status")).to_contain_text("needs a web server")
