"""Pagefind indexes each page's search copy (its <html> start tag and its marked content, nothing of
the theme around it) rather than the whole built page: the index must be the one the whole pages give."""
from __future__ import annotations

from pathlib import Path

from gpia.model.records import KnowledgeBase
from gpia.pages.search import SearchCopies, SearchMarks, write_index
from gpia.pages.site_folder import SEARCH_COPIES_PREFIX

ARTICLE = '<article class="md-content__inner md-typeset">'


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_sites_index_is_the_one_its_whole_pages_give(built_site: Path, tmp_path: Path) -> None:
    """The built site's index (made from the copies) against Pagefind reading every whole page of it."""
    write_index(built_site, tmp_path / "whole")
    made, whole = _tree(built_site / "pagefind"), _tree(tmp_path / "whole")
    assert sorted(made) == sorted(whole)
    assert [name for name in made if made[name] != whole[name]] == []
    assert len([name for name in made if name.startswith("fragment/")]) > 100  # every indexed page's text


def test_a_copy_holds_the_html_tag_and_the_marked_content_only() -> None:
    page = ('<!doctype html>\n<html lang="en" class="no-js">\n  <head><title>T</title><script>var x = "<html>";</script>'
            f'</head><body><nav data-search-exclude>menu</nav>{ARTICLE}<h1 id="t">Title</h1><p>text</p>'
            '<p data-search-exclude>copy</p></article>\n<footer>f</footer></body></html>')
    finished, copy = SearchMarks(KnowledgeBase()).finished(page, None, "page.md", True)
    start = finished.index("<article")
    end = finished.index("</article>") + len("</article>")
    assert copy == ('<!doctype html><html lang="en" class="no-js"><head><meta charset="utf-8"></head><body>'
                    f'{finished[start:end]}</body></html>')
    # The content as the finished page has it: marked for Pagefind, with its filters at its end.
    assert copy.count("data-pagefind-body") == 1 and "data-pagefind-filter" in copy
    assert '<p data-pagefind-ignore>copy</p>' in copy and "menu" not in copy and "<footer>" not in copy


def test_a_page_left_out_of_search_has_no_copy() -> None:
    page = f'<html><body>{ARTICLE}<p>text</p></article></body></html>'
    assert SearchMarks(KnowledgeBase()).finished(page, None, "page.md", False) == (page, "")
    assert SearchMarks(KnowledgeBase()).finished("<html><body><p>no content element</p></body></html>", None,
                                                 "page.md", True)[1] == ""


def test_a_page_without_an_html_tag_is_copied_without_one() -> None:
    _, copy = SearchMarks(KnowledgeBase()).finished(f'{ARTICLE}<p>text</p></article>', None, "page.md", True)
    assert copy.startswith('<!doctype html><head><meta charset="utf-8"></head><body><article ')


def test_the_copies_are_kept_in_the_site_under_each_pages_path_and_deleted_with_the_index(tmp_path: Path) -> None:
    site = tmp_path / "site"
    copies = SearchCopies(site)
    # A hidden folder of the site (on its file system, which lists the copies as it lists the pages).
    assert copies.folder.parent == site and copies.folder.name.startswith(SEARCH_COPIES_PREFIX)
    copies.add("glossary/term-x/index.html", "<html><body>x</body></html>")
    copies.add("not-indexed/index.html", "")  # nothing kept for a page Pagefind leaves out
    assert _tree(copies.folder) == {"glossary/term-x/index.html": b"<html><body>x</body></html>"}
    copies.write_index(site)
    assert not copies.folder.exists()
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert [p.name for p in site.iterdir() if p.name.startswith(".")] == []

