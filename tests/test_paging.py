"""Paged lists (gpia.views.paging): fixed entries per page, group headings, the pager's links."""
from __future__ import annotations

import pytest

from gpia.views.common import View
from gpia.views.paging import Item, Listing


def listing(items: list[tuple[str, str]], per_page: int = 2) -> Listing:
    return Listing("things", "Things", "things/", per_page, tuple(Item(i, g) for i, g in items),
                   entry=lambda view, i: f'<a href="{view.base}things/{i}/">{i}</a>',
                   group_heading=lambda view, g: g.upper())


ITEMS = [("a", "x"), ("b", "x"), ("c", "x"), ("d", "y"), ("e", "y")]
VIEW = View(shared=None, base="../../../")  # type: ignore[arg-type]  # a page at things/pages/2/


@pytest.mark.parametrize(("page", "expected"), [
    (1, '<h2 class="gpia-list-group" id="list-x">X</h2><ul class="gpia-listing" data-search-exclude>'
        '<li><a href="../../../things/a/">a</a></li><li><a href="../../../things/b/">b</a></li></ul>'),
    (2, '<h2 class="gpia-list-group" id="list-x">X <span class="gpia-continued">(continued)</span></h2><ul class="gpia-listing" data-search-exclude>'
        '<li><a href="../../../things/c/">c</a></li></ul>'
        '<h2 class="gpia-list-group" id="list-y">Y</h2><ul class="gpia-listing" data-search-exclude><li><a href="../../../things/d/">d</a></li></ul>'),
    (3, '<h2 class="gpia-list-group" id="list-y">Y <span class="gpia-continued">(continued)</span></h2><ul class="gpia-listing" data-search-exclude>'
        '<li><a href="../../../things/e/">e</a></li></ul>'),
])
def test_entries_and_group_headings_per_page(page: int, expected: str) -> None:
    body = listing(ITEMS).render(VIEW, page)
    assert body[: body.index('<nav class="gpia-pager"')] == expected


@pytest.mark.parametrize(("page", "text", "links"), [
    (1, "Page 1 of 3: entries 1 to 2 of 5.",
     '<li><a href="../../../things/pages/2/" rel="next">Next page</a></li>'
     '<li><a href="../../../things/pages/3/">Last page</a></li>'),
    (2, "Page 2 of 3: entries 3 to 4 of 5.",
     '<li><a href="../../../things/">First page</a></li>'
     '<li><a href="../../../things/" rel="prev">Previous page</a></li>'
     '<li><a href="../../../things/pages/3/" rel="next">Next page</a></li>'
     '<li><a href="../../../things/pages/3/">Last page</a></li>'),
    (3, "Page 3 of 3: entries 5 to 5 of 5.",
     '<li><a href="../../../things/">First page</a></li>'
     '<li><a href="../../../things/pages/2/" rel="prev">Previous page</a></li>'),
])
def test_the_pager_says_where_the_reader_is_and_links_around(page: int, text: str, links: str) -> None:
    assert listing(ITEMS).pager(VIEW, page) == (
        f'<nav class="gpia-pager" aria-label="Pages of this list" data-search-exclude><p>{text}</p>'
        f"<ul>{links}</ul></nav>")


def test_a_list_that_fits_on_one_page_has_no_pager() -> None:
    things = listing(ITEMS, per_page=5)
    assert things.page_count == 1
    assert "gpia-pager" not in things.render(VIEW, 1)


def test_an_empty_list_has_one_empty_page() -> None:
    things = listing([])
    assert things.page_count == 1
    assert things.render(VIEW, 1) == ""


@pytest.mark.parametrize("page", [0, 4])
def test_a_page_outside_the_list_is_an_error(page: int) -> None:
    with pytest.raises(ValueError, match=rf"listing_page: 'things' has pages 1 to 3, not {page}"):
        listing(ITEMS).render(VIEW, page)


def test_later_pages_are_generated_under_the_folder() -> None:
    things = listing(ITEMS)
    assert [things.uri(n) for n in (1, 2, 3)] == ["things/", "things/pages/2/", "things/pages/3/"]
    assert things.source_path(2) == "things/pages/2.md"
    assert things.title_markdown(2) == "# Things, page 2 of 3"


def test_a_list_without_groups_is_one_plain_list() -> None:
    plain = Listing("p", "P", "p/", 10, (Item("a"), Item("b")), entry=lambda view, i: i)
    assert plain.render(VIEW, 1) == '<ul class="gpia-listing" data-search-exclude><li>a</li><li>b</li></ul>'


# ---- Lists shown as a table, and the data files of a page ---------------------------------------

def _things(table: bool, items: int = 5) -> Listing:
    return Listing(
        "things", "Things", "things/", 2, tuple(Item(f"t{i}") for i in range(items)),
        entry=(lambda view, i: f"<tr><td>{i}</td></tr>") if table else (lambda view, i: i),
        table=(lambda view, rows: f"<table>{rows}</table>") if table else None,
        files=lambda kb, i: f"data/{i[:2]}.yaml")


class _Files:
    """Just enough of a View for Listing: the base, and data_files."""
    base = "../../../"
    kb = None

    @staticmethod
    def data_files(paths: list[str]) -> str:
        return f"[{', '.join(paths)}]"


@pytest.mark.parametrize(("table", "page_no", "body"), [
    (True, 1, "<table><tr><td>t0</td></tr><tr><td>t1</td></tr></table>[data/t0.yaml, data/t1.yaml]"),
    (True, 3, "<table><tr><td>t4</td></tr></table>[data/t4.yaml]"),
    (False, 2, '<ul class="gpia-listing" data-search-exclude><li>t2</li><li>t3</li></ul>[data/t2.yaml, data/t3.yaml]'),
])
def test_a_listing_shows_its_page_as_a_table_or_a_list_then_its_files_then_the_pager(
        table: bool, page_no: int, body: str) -> None:
    things = _things(table)
    view = _Files()
    markup = things.render(view, page_no)  # type: ignore[arg-type]
    assert markup == f"{body}{things.pager(view, page_no)}"  # type: ignore[arg-type]
    assert things.pager(view, page_no).startswith('<nav class="gpia-pager"')  # type: ignore[arg-type]


@pytest.mark.parametrize("page_no", [0, 4])
def test_a_listing_table_refuses_a_page_outside_it(page_no: int) -> None:
    with pytest.raises(ValueError, match=rf"'things' has pages 1 to 3, not {page_no}"):
        _things(True).render(_Files(), page_no)  # type: ignore[arg-type]


def test_an_empty_listing_names_no_files() -> None:
    assert _things(False, items=0).render(_Files(), 1) == ""  # type: ignore[arg-type]
