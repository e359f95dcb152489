"""The site navigation rendered once for every page that is not in it.

Material renders the whole navigation into every page (a sixth of a ×100 build, 10,000 pages). A
page generated from the data is not in the navigation (`not_in_nav`), so no entry of it is the
page itself: what differs between two such pages is only where their links lead from (each link is
made relative to the page: it climbs the page's folders it does not share with the entry's address,
so the page's depth and how many leading folders it shares with each entry decide it), which list is
highlighted (the entries whose address the page's own starts with: overrides/partials/nav-item.html)
and whether the page hides the navigation. Those make the key; the navigation is rendered for the first page of each key and copied into the others
(overrides/base.html). tests/test_shared_nav.py builds the site with and without it and compares
every page.
"""
from __future__ import annotations

from typing import Any


class SharedNav:
    """One build's rendered navigations, by key; made anew for each build (on_env)."""

    def __init__(self, nav: Any):
        self._urls = tuple(_urls(nav.items)) if nav is not None else ()
        self._folders = tuple(_folders(url) for url in self._urls)
        self._pages = {id(page) for page in nav.pages} if nav is not None else set()
        self._kept: dict[tuple[Any, ...], str] = {}

    def key(self, page: Any, nav: Any) -> tuple[Any, ...] | None:
        """What a page's navigation depends on, or None for a page in the navigation (its own entry
        is marked, and its table of contents is inside it)."""
        if page is None or id(page) in self._pages or not isinstance(getattr(page, "url", None), str):
            return None
        hide = (page.meta or {}).get("hide") or ()
        url = page.url
        lists = tuple(u for u in self._urls if url.startswith(u) and url != u)
        folders = _folders(url)
        shared = tuple(_shared(folders, entry) for entry in self._folders)
        return url.count("/"), "navigation" in hide, lists, shared

    def get(self, key: tuple[Any, ...]) -> str | None:
        return self._kept.get(key)

    def keep(self, key: tuple[Any, ...], rendered: str) -> str:
        self._kept[key] = rendered
        return rendered


def _urls(items: Any) -> list[str]:
    """The address of every entry of the navigation, sections' entries included."""
    out: list[str] = []
    for item in items:
        url = getattr(item, "url", None)
        if url:
            out.append(url)
        out += _urls(getattr(item, "children", None) or ())
    return out


def _folders(url: str) -> tuple[str, ...]:
    return tuple(part for part in url.split("/") if part)


def _shared(one: tuple[str, ...], other: tuple[str, ...]) -> int:
    """How many leading folders two addresses share."""
    count = 0
    for a, b in zip(one, other):
        if a != b:
            break
        count += 1
    return count
