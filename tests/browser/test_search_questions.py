"""Search as readers ask: whole questions, their own words, typing slips. Relaxed matching when few
pages hold every word (said above the results), "Did you mean", the order of the first results, and
the dialog on a phone with the keyboard open (docs/assets/search.js)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from .chromium import DESKTOP, MOBILE
from .search_box import BOX, RESULTS, open_search, search_pages
from .search_questions import READER_QUESTIONS
from .every_page import AXE_OPTIONS, describe_violation

pytestmark = pytest.mark.browser

STATUS = "#gpia-search-status"
SUGGESTION = ".gpia-search__suggestion"
RELAXED = "No page has all of your words; showing pages with most of them."
# A phone's keyboard takes about 336 px of its 844: what is left shows the dialog.
KEYBOARD_OPEN = {"width": MOBILE["width"], "height": MOBILE["height"] - 336}


def test_at_least_forty_reader_questions_of_each_kind() -> None:
    queries = [q for q, _ in READER_QUESTIONS]
    assert len(queries) >= 40
    assert sum(1 for q in queries if len(q.split()) >= 5) >= 10  # whole sentences
    assert {"intergration agreement", "intigration", "intergrated care", "practise"} <= set(queries)  # the slips
    assert {"data protection", "premises", "indicators"} <= set(queries)  # readers' words
    assert sum(1 for q in queries if re.search(r"\d", q)) >= 5  # clause and schedule numbers


@pytest.mark.parametrize("query, first", [
    ("what does MCP stand for", "/glossary/term-mcp/"),
    ("what does ISAP stand for", "/glossary/term-isap/"),
    ("who signs the GP IA", "/faq/faq-section-introduction/#faq-who-is-gp-ia-for"),
    ("what changed between 2016 and 2019", "/compare/text/"),
    ("what is clause 6.2(d)", "/clauses/clause-6-2-d/"),
    ("premises", "/commitments/"),
])
def test_the_page_that_answers_comes_first(page: Page, site_url: str, query: str, first: str) -> None:
    open_search(page, site_url)
    assert any(link.startswith(first) for link in search_pages(page, query)[0])


def test_schedule_5_comes_first_and_rows_numbered_5_do_not_follow(page: Page, site_url: str) -> None:
    open_search(page, site_url)
    pages = [links[0] for links in search_pages(page, "schedule 5")]
    assert pages[0] == "/schedules/schedule-5-kpis/"
    # The rows numbered 5 (estates plan, multidisciplinary teams) hold "schedule" and "5" apart.
    assert not any(p.startswith(("/commitments/", "/governance/", "/compare/mcp-", "/compare/icp-")) for p in pages[1:5])


def test_a_question_with_a_word_on_no_page_is_relaxed_and_says_so(page: Page, site_url: str) -> None:
    open_search(page, site_url)
    pages = search_pages(page, "does every practice have to sign")
    expect(page.locator(STATUS)).to_have_text(RELAXED)
    assert pages[0][:2] == ["/faq/faq-section-introduction/", "/faq/faq-section-introduction/#faq-who-is-gp-ia-for"]
    expect(page.locator(".gpia-search__suggest")).to_be_hidden()  # every word is on some page


def test_a_misspelt_word_offers_the_closest_word_and_searches_again(page: Page, site_url: str) -> None:
    open_search(page, site_url)
    search_pages(page, "intergration agreement")
    expect(page.locator(STATUS)).to_have_text(f"{RELAXED} Did you mean “integration agreement”?")
    suggestion = page.locator(SUGGESTION)
    expect(suggestion).to_have_text("integration agreement")
    suggestion.click()
    page.wait_for_function("document.querySelector('.gpia-search__results').dataset.query === 'integration agreement'")
    expect(page.locator(BOX)).to_have_value("integration agreement")
    expect(page.locator(BOX)).to_be_focused()
    expect(page.locator(STATUS)).to_have_text(re.compile(r"^\d+ pages found for “integration agreement”\.$"))
    expect(page.locator(".gpia-search__suggest")).to_be_hidden()


@pytest.mark.parametrize("typed, meant", [("intigration", "integration"), ("intergrated care", "integrated care"),
                                          ("practise", "practice"), ("intergration", "integration")])
def test_did_you_mean(page: Page, site_url: str, typed: str, meant: str) -> None:
    open_search(page, site_url)
    search_pages(page, typed)
    expect(page.locator(SUGGESTION)).to_have_text(meant)


def test_a_word_found_under_other_filters_is_not_corrected(page: Page, site_url: str) -> None:
    open_search(page, site_url)
    page.locator('select[data-filter="kind"]').select_option("Clause")
    search_pages(page, "premises")
    expect(page.locator(STATUS)).to_have_text("No pages found for “premises”.")
    expect(page.locator(".gpia-search__suggest")).to_be_hidden()


def test_fewer_than_a_handful_then_pages_with_most_of_the_words(page: Page, site_url: str) -> None:
    open_search(page, site_url)
    pages = search_pages(page, "data protection")
    expect(page.locator(STATUS)).to_have_text(re.compile(
        r"^[1-4] pages? (has|have) all of your words; after them, pages with most of them\.$"))
    assert len(pages) > 4


def test_a_quoted_phrase_is_never_relaxed(page: Page, site_url: str) -> None:
    open_search(page, site_url)
    assert search_pages(page, '"stand for"') == []
    expect(page.locator(STATUS)).to_have_text("No pages found for “\"stand for\"”.")


def test_on_a_phone_with_the_keyboard_open_three_results_show(page: Page, site_url: str, tmp_path: Path) -> None:
    page.set_viewport_size(KEYBOARD_OPEN)
    open_search(page, site_url)
    search_pages(page, "clinical hub")
    narrow = page.locator(".gpia-search__narrow")
    expect(narrow).not_to_have_attribute("open", "")  # the filters are folded
    titles = page.locator(f"{RESULTS} > li > .gpia-search__page")
    shown = [box for box in (titles.nth(i).bounding_box() for i in range(min(titles.count(), 6)))
             if box and box["y"] >= 0 and box["y"] + box["height"] <= KEYBOARD_OPEN["height"]]
    # The dialog scrolls as a whole: at its top (the box focused), the first three titles are in view.
    assert len(shown) >= 3, shown
    page.screenshot(path=str(tmp_path / "search-phone-keyboard.png"))
    # Unfolded, the filters work as on a wide screen, and the summary counts those chosen.
    page.locator(".gpia-search__narrow-label").click()
    page.locator('input[data-filter="wording"]').check()
    expect(page.locator(".gpia-search__narrow-label")).to_have_text("Narrow the results (1 chosen)")
    page.set_viewport_size(DESKTOP)


def test_on_a_wide_screen_the_filters_are_open(page: Page, site_url: str) -> None:
    open_search(page, site_url)
    expect(page.locator(".gpia-search__narrow")).to_have_attribute("open", "")
    expect(page.locator('select[data-filter="kind"]')).to_be_visible()


@pytest.mark.parametrize("size", [DESKTOP, MOBILE], ids=["1280", "390"])
def test_the_open_dialog_with_a_suggestion_has_no_axe_violation(page: Page, site_url: str, size: dict) -> None:
    page.set_viewport_size(size)
    open_search(page, site_url)
    search_pages(page, "intergration agreement")
    expect(page.locator(SUGGESTION)).to_be_visible()
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    page.set_viewport_size(DESKTOP)
    assert [describe_violation(v) for v in violations] == []
    box = page.locator(SUGGESTION).bounding_box()
    assert box and box["height"] >= 24


def test_without_the_word_list_search_goes_on_with_no_suggestion(page: Page, site_url: str) -> None:
    page.route("**/search-words.json", lambda route: route.fulfill(status=404, body=""))
    open_search(page, site_url)
    pages = search_pages(page, "intergration agreement")
    expect(page.locator(STATUS)).to_have_text(RELAXED)  # the pages with "agreement"
    expect(page.locator(".gpia-search__suggest")).to_be_hidden()
    assert pages
