"""Pagefind indexes each page's search copy (its <html> start tag and its marked content, nothing of
the theme around it) rather than the whole built page: the index must be the one the whole pages give."""
from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from gpia.model.records import KnowledgeBase
from gpia.pages.search import SearchCopies, SearchMarks, write_index
from gpia.pages.site_folder import SEARCH_COPIES_PREFIX

from conftest import ROOT

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
    copies.write_index()
    assert not copies.folder.exists()
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert [p.name for p in site.iterdir() if p.name.startswith(".")] == []


def test_the_index_started_once_the_copies_are_written_is_the_index_written_at_the_end(tmp_path: Path) -> None:
    pages = {f"glossary/term-{n}/index.html": f'<html lang="en"><body><article data-pagefind-body><h1>Term {n}</h1>'
                                              f'<p>words of term {n}</p></article></body></html>' for n in range(5)}
    indexes = {}
    for name, early in (("at-the-end", False), ("early", True)):
        copies = SearchCopies(tmp_path / name)
        for path, copy in pages.items():
            copies.add(path, copy)
        if early:
            copies.all_written()  # Pagefind starts now, while the build would write the pages it leaves out
            copies.all_written()  # (started once)
            (tmp_path / name / "print").mkdir()
            (tmp_path / name / "print" / "index.html").write_text("a page search leaves out", encoding="utf-8")
        copies.write_index()
        indexes[name] = _tree(tmp_path / name / "pagefind")
        assert not copies.folder.exists()
    assert indexes["early"] == indexes["at-the-end"] and indexes["early"]


def test_a_failed_build_stops_the_index_and_deletes_the_copies(tmp_path: Path) -> None:
    copies = SearchCopies(tmp_path / "site")
    copies.add("glossary/term-x/index.html", "<html><body>x</body></html>")
    copies.all_written()
    indexing = copies._indexing
    assert indexing is not None
    copies.discard()  # as on_build_error does
    assert indexing.returncode is not None and copies._indexing is None
    assert not copies.folder.exists()



def test_pagefind_starts_once_every_copy_is_written_while_the_pages_search_leaves_out_are_built(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The build orders the pages search indexes first; once the last of their copies is written,
    Pagefind starts, and the printed guide's parts and the lists' later pages are built beside it."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("GPIA_DATA_ROOT", raising=False)
    monkeypatch.setenv("GPIA_BUILD_PROCESSES", "1")  # in this process, so that the order can be seen
    built: list[tuple[str, bool]] = []  # each page as it is finished, and whether search indexes it
    started: list[int] = []  # how many pages were finished when Pagefind started
    finished = SearchMarks.finished

    def finishing(self, output, spec, src_uri, indexed, *args, **kwargs):
        built.append((src_uri, indexed))
        return finished(self, output, spec, src_uri, indexed, *args, **kwargs)

    all_written = SearchCopies.all_written

    def starting(self) -> None:
        if self._indexing is None:
            started.append(len(built))
        all_written(self)

    monkeypatch.setattr(SearchMarks, "finished", finishing)
    monkeypatch.setattr(SearchCopies, "all_written", starting)
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` says (the plugin is cached)
    build(config)

    assert len(started) == 1
    before, after = built[:started[0]], built[started[0]:]
    assert before[-1][1] and all(not indexed for _, indexed in after)
    assert {uri.split("/")[0] for uri, _ in after} >= {"print"}  # the printed guide's parts, at least
    assert (tmp_path / "site" / "pagefind" / "pagefind-entry.json").is_file()
