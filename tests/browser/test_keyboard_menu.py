"""The home page by keyboard alone, on a phone (390 px) and a laptop (1280 px): every element Tab
reaches is visible (in the window, not zero-sized, drawn with a focus indicator); on the phone the
closed navigation drawer takes no focus, and the menu button is a named control in the Tab order
that Enter and Space open and close, with the focus going into the drawer and back to the button
(Escape closes it too). WCAG 2.2: 2.1.1, 2.4.3, 2.4.7, 2.4.11, 4.1.2."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .chromium import open_page
from .keyboard import at_end_of_page, focus_problem, focused

pytestmark = pytest.mark.browser

# More than the home page's tab stops, so the walk ends at the end of the page, not here.
MAX_STOPS = 250
# Material's navigation is a drawer below this width (its own breakpoint), a sidebar above it.
IN_CLOSED_DRAWER = """() => matchMedia('(max-width: 76.2344em)').matches
  && !document.getElementById('__drawer').checked && !!document.activeElement.closest('.md-sidebar--primary')"""
IS_MENU_BUTTON = "() => document.activeElement.matches('[data-gpia-menu]')"
DRAWER_OPEN = "() => document.getElementById('__drawer').checked"
FOCUS_IN_DRAWER = "() => !!document.activeElement.closest('.md-sidebar--primary')"


def tab_through_page(page: Page) -> tuple[list[str], list[str]]:
    """Tab from the top of the page to its end: what was focused, and every problem seen."""
    stops, problems = [], []
    for _ in range(MAX_STOPS):
        page.keyboard.press("Tab")
        if at_end_of_page(page):
            return stops, problems
        stops.append(focused(page))
        if page.evaluate(IN_CLOSED_DRAWER):
            problems.append(f"stop {len(stops)}: {stops[-1]} is in the closed navigation drawer")
        problem = focus_problem(page)
        if problem:
            problems.append(f"stop {len(stops)}: {problem}")
    problems.append(f"Tab did not reach the end of the page in {MAX_STOPS} stops")
    return stops, problems


@pytest.mark.parametrize("width,height", [(390, 844), (1280, 720)])
def test_every_element_tab_reaches_on_the_home_page_is_visible(page: Page, site_url: str, width: int,
                                                                height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, site_url)
    stops, problems = tab_through_page(page)
    assert len(stops) > 10, stops  # the walk went through the page, not just its header
    assert problems == []


def test_the_menu_button_is_a_named_control_in_the_tab_order_on_a_phone(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, site_url)
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate(IS_MENU_BUTTON):
            break
    else:
        pytest.fail(f"the menu button is not among the first six Tab stops (last: {focused(page)})")
    button = page.locator("[data-gpia-menu]")
    assert button.get_attribute("role") == "button"
    assert button.get_attribute("aria-label") == "Menu"
    assert button.get_attribute("aria-expanded") == "false"
    assert focus_problem(page) is None

    # Enter opens the drawer and takes the focus into it, visibly.
    page.keyboard.press("Enter")
    page.wait_for_function(FOCUS_IN_DRAWER)
    assert page.evaluate(DRAWER_OPEN)
    assert button.get_attribute("aria-expanded") == "true"
    assert focus_problem(page) is None, focused(page)
    # Escape closes it and gives the focus back to the button.
    page.keyboard.press("Escape")
    page.wait_for_function(IS_MENU_BUTTON)
    assert not page.evaluate(DRAWER_OPEN)
    assert button.get_attribute("aria-expanded") == "false"
    # Space opens it too, and Enter on the button closes it again.
    page.keyboard.press(" ")
    page.wait_for_function(FOCUS_IN_DRAWER)
    page.locator("[data-gpia-menu]").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => !({DRAWER_OPEN})()")
    assert page.evaluate(IS_MENU_BUTTON)
    # Once closed, Tab goes on past the drawer: none of its links takes the focus.
    page.wait_for_timeout(300)  # the drawer's slide out
    for _ in range(5):
        page.keyboard.press("Tab")
        assert not page.evaluate(FOCUS_IN_DRAWER), focused(page)
