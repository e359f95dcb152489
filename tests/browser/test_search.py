"""Search, typed key by key as a reader types: each question finds its answer in the top five."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .search_box import open_search, search
from .search_questions import QUESTIONS, answers

pytestmark = pytest.mark.browser

# "where" is one of lunr's English stop words, dropped from every query: no separator or boost can
# find it (measured in docs/about-search.md), so it is measured but not asserted.
UNFINDABLE = {"where"}


def test_every_question_finds_its_answer_in_the_top_five(page: Page, site_url: str) -> None:
    open_search(page, site_url)
    missed = []
    for query, targets in QUESTIONS:
        if query in UNFINDABLE:
            continue
        top = search(page, query)
        if not answers(targets, top):
            missed.append(f"{query!r}: expected one of {list(targets)} in the top 5, got {top}")
    assert not missed, "\n".join(missed)


def test_at_least_fifteen_questions_are_asserted() -> None:
    assert len([q for q, _ in QUESTIONS if q not in UNFINDABLE]) >= 15


def test_a_clause_number_finds_its_clause_first(page: Page, site_url: str) -> None:
    # Kept whole by the separator, "6.2(d)" is one rare word rather than "6.2" and a common "d".
    open_search(page, site_url)
    expected = dict(QUESTIONS)
    firsts = {number: search(page, number)[0] for number in ("6.2(d)", "4.1(b)", "6.1(e)")}
    wrong = {number: first for number, first in firsts.items() if not answers(expected[number], [first])}
    assert not wrong, f"first result is not the clause (or the checklist decision on it): {wrong}"


# Text as printed → the words the index gets, split the way Material splits it in the browser.
SPLITS = [
    ("clause 6.2(d) refers", ["clause", "6.2(d)", "refers"]),
    ("clause 4.1(b), optional", ["clause", "4.1(b)", "optional"]),
    ("[specific requirements set out]", ["specific", "requirements", "set", "out"]),
    ("(where appropriate)", ["where", "appropriate"]),
    ("the (prospective) ICP", ["the", "prospective", "ICP"]),
    ("“Who is the GP IA for?”", ["Who", "is", "the", "GP", "IA", "for"]),
    ("in schedule 3.", ["in", "schedule", "3"]),
    ("out-of-hours services", ["out", "of", "hours", "services"]),
    ("GMS/PMS/APMS", ["GMS", "PMS", "APMS"]),
    ("teams (MDTs)", ["teams", "MDTs"]),
    ("6.2 and 6.20", ["6.2", "and", "6.20"]),
]


def test_separator_splits_words_off_brackets_and_keeps_clause_numbers(page: Page, site_url: str) -> None:
    page.goto(site_url)
    separator = page.evaluate("async () => (await (await fetch('search/search_index.json')).json()).config.separator")
    got = {text: page.evaluate("""([separator, text]) => text.split(new RegExp(separator, "g")).filter(Boolean)""",
                               [separator, text]) for text, _ in SPLITS}
    assert got == dict(SPLITS)
