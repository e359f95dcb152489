"""The key under which the navigation of the pages that are not in it is rendered once
(gpia_mkdocs/shared_nav.py): tests/test_determinism.py compares a build that shares it with one
that renders it into every page."""
from __future__ import annotations

from types import SimpleNamespace as Item

from gpia_mkdocs.shared_nav import SharedNav


def _nav():
    pages = [Item(url="", children=None), Item(url="glossary/", children=None), Item(url="compare/text/", children=None)]
    section = Item(url=None, children=[pages[2], Item(url="compare/", children=None)])
    return Item(items=[pages[0], pages[1], section], pages=pages)


def _page(url: str, **meta: object) -> Item:
    return Item(url=url, meta=meta)


def test_a_page_in_the_navigation_renders_its_own() -> None:
    nav = _nav()
    shared = SharedNav(nav)
    assert shared.key(nav.pages[1], nav) is None and shared.key(nav.pages[2], nav) is None
    assert shared.key(None, nav) is None


def test_pages_share_a_navigation_only_at_the_same_depth_under_the_same_lists() -> None:
    nav = _nav()
    shared = SharedNav(nav)
    key = lambda url, **meta: shared.key(_page(url, **meta), nav)  # noqa: E731
    assert key("glossary/term-a/") == key("glossary/term-b/") == (2, False, ("glossary/",), (1, 0, 0))
    assert key("glossary/pages/2/")[:3] == (3, False, ("glossary/",))  # links lead from deeper
    # Under /compare/ but also under /compare/text/: both entries are highlighted, unlike a row's page.
    assert key("compare/text/pages/2/")[:3] == (4, False, ("compare/text/", "compare/"))
    assert key("compare/row-a/")[:3] == (2, False, ("compare/",))
    assert key("glossary/term-a/", hide=["navigation"])[:3] == (2, True, ("glossary/",))


def test_pages_at_one_depth_share_a_navigation_only_if_their_links_are_the_same() -> None:
    # An entry whose folder is not itself an entry: /compare/text/ is linked as ../text/ from
    # /compare/row/ and as ../../compare/text/ from /faq/row/, so the two cannot share.
    pages = [Item(url="", children=None), Item(url="compare/text/", children=None)]
    nav = Item(items=pages, pages=pages)
    shared = SharedNav(nav)
    assert shared.key(_page("compare/row/"), nav) != shared.key(_page("faq/row/"), nav)
    assert shared.key(_page("faq/row/"), nav) == shared.key(_page("clauses/row/"), nav)


def test_what_is_kept_is_given_back_for_its_key_only() -> None:
    shared = SharedNav(_nav())
    assert shared.keep((2, False, ()), "<nav>") == "<nav>"
    assert shared.get((2, False, ())) == "<nav>" and shared.get((3, False, ())) is None
