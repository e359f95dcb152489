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
    one, two = shared.key(_page("glossary/term-a/"), nav), shared.key(_page("glossary/term-b/"), nav)
    assert one == two == (2, False, ("glossary/",))
    assert shared.key(_page("glossary/pages/2/"), nav) == (3, False, ("glossary/",))  # links lead from deeper
    # Under /compare/ but also under /compare/text/: both entries are highlighted, unlike a row's page.
    assert shared.key(_page("compare/text/pages/2/"), nav) == (4, False, ("compare/text/", "compare/"))
    assert shared.key(_page("compare/row-a/"), nav) == (2, False, ("compare/",))
    assert shared.key(_page("glossary/term-a/", hide=["navigation"]), nav) == (2, True, ("glossary/",))


def test_what_is_kept_is_given_back_for_its_key_only() -> None:
    shared = SharedNav(_nav())
    assert shared.keep((2, False, ()), "<nav>") == "<nav>"
    assert shared.get((2, False, ())) == "<nav>" and shared.get((3, False, ())) is None
