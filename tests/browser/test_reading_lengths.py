"""The guide as its readers meet it on a phone (390x844): the pages they come for are short enough to
read (a screen is the window's 844 px), the Word downloads of a schedule are near its top, and each
of eight tasks of a practice manager, an ICP contract lead and a local authority commissioner takes
at most three steps from the home page, following links in the pages themselves (no menu)."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .chromium import MOBILE, open_page

pytestmark = pytest.mark.browser

SCREEN = MOBILE["height"]

# Page -> at most this many screens (the readers' targets: 34, 21 and 5 screens before).
LENGTHS = {"checklist/": 12, "schedules/schedule-5-kpis/": 8, "clauses/clause-6-2-d/": 3}

# Task -> the links followed from the home page (by their text) and words the last page shows on its
# first screen (the answer), or the Word file its last link downloads (a step of its own).
TASKS = {
    "can a federation sign for our practice": (["Can a GP federation sign for us?"], "power of attorney", None),
    "is signing a subcontract": (["Does signing make us the ICP's subcontractor?"], "not a form of subcontract", None),
    "what to settle before signing, in Word": (["Before you sign"], None, "before-you-sign.docx"),
    "Schedule 5's templates in Word": (["Schedule templates in Word", "Key performance indicators and reporting"],
                                       None, "schedule-5-kpis-template.docx"),
    "what changed in 2019": (["What changed in 2019"], "Compare versions", None),
    "the GP IA beside an LA IA": (["How the GP IA sits beside an LA IA"], "Integration Leadership Team", None),
    "who monitors our commitments": (["Will our commissioner check how we deliver it?"],
                                     "commissioners would monitor", None),
    "clause 6.2(d)": (["clauses", "Clause 6.2(d): Clinical hub model"], "Schedule 3", None),
}


def screens(page: Page) -> float:
    return page.evaluate("document.documentElement.scrollHeight") / SCREEN


@pytest.fixture
def phone(page: Page) -> Page:
    page.set_viewport_size(MOBILE)
    return page


@pytest.mark.parametrize("path", LENGTHS)
def test_a_page_readers_come_for_is_short_on_a_phone(phone: Page, site_url: str, path: str) -> None:
    open_page(phone, site_url + path)
    assert screens(phone) < LENGTHS[path], f"/{path} is {screens(phone):.1f} screens"


def test_a_schedules_word_downloads_are_on_its_first_two_screens(phone: Page, site_url: str) -> None:
    open_page(phone, site_url + "schedules/schedule-5-kpis/")
    downloads = phone.locator("article a[href$='.docx']")
    assert downloads.count() == 2
    for n in range(2):
        assert downloads.nth(n).evaluate("a => a.getBoundingClientRect().top + scrollY") < 2 * SCREEN


@pytest.mark.parametrize("task", TASKS)
def test_each_task_takes_at_most_three_steps_from_the_home_page(phone: Page, site_url: str, task: str) -> None:
    links, answer, download = TASKS[task]
    open_page(phone, site_url)
    for text in links:
        link = phone.locator("article").get_by_role("link", name=text, exact=True).first
        with phone.expect_navigation():
            link.click()
        phone.wait_for_function("document.documentElement.dataset.scripts === 'ready'")
    steps = len(links)
    if download:
        assert phone.locator(f"article a[href$='/{download}']").count() >= 1, download
        steps += 1
    if answer:
        found = phone.get_by_text(answer).first
        assert found.evaluate("e => e.getBoundingClientRect().top + scrollY") < SCREEN, f"{answer!r} is below the first screen"
    assert steps <= 3, f"{task}: {steps} steps"
