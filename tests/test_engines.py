"""The site does not depend on one engine: the whole docs tree, written by the core before a build,
builds with plain mkdocs (no hooks, no macros plugin) and with Zensical into the same pages.

`make zensical` is gpia.tools.engines; `make test` installs Zensical (requirements-zensical.txt).
"""
from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from gpia.pages.write import markdown_inside_open_elements, moved_links
from gpia.tools.linkcheck import check_site, format_report
from gpia.views.html_tokens import Tag, tokens

from conftest import ROOT

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"[^>]*>.*?</article>', re.DOTALL)


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def marked(path: Path, attribute: str) -> bool:
    """Whether a tag of the file (a page, or a tree's Markdown with its HTML) carries the attribute."""
    return any(isinstance(t, Tag) and t.has(attribute) for t in tokens(path.read_text(encoding="utf-8")))


def engine_build(engine: str, work: Path) -> Path:
    site = work / "site-out"
    result = subprocess.run([sys.executable, "-m", "gpia.tools.engines", engine, "--site-dir", str(site),
                             "--work", str(work / "tree")], cwd=ROOT, capture_output=True, text=True, timeout=600,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))  # the same data date as built_site's
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return site


class _Tokens(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tokens.append(("<", tag, tuple(sorted(attrs))))

    def handle_endtag(self, tag: str) -> None:
        self.tokens.append(("</", tag))

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.tokens.append((" ".join(data.split()),))


def content(page_html: str) -> list[tuple]:
    """A page's article as elements, attributes and text: the white space between tags and the
    order of attributes left out (the hook puts the views' HTML blocks back without the newlines
    Markdown writes between blocks; md_in_html writes an element's attributes in its own order)."""
    parser = _Tokens()
    parser.feed(_ARTICLE.search(page_html).group(0))
    return parser.tokens


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    work = tmp_path_factory.mktemp("plain")
    return engine_build("mkdocs", work), work / "tree"


def test_the_written_tree_needs_neither_macros_nor_hooks(plain: tuple[Path, Path]) -> None:
    _, tree = plain
    config = yaml.safe_load((tree / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks" not in config and "plugins" not in config and "watch" not in config
    written = sorted(p.relative_to(tree / "docs").as_posix() for p in (tree / "docs").rglob("*.md"))
    assert "faq/index.md" in written and "glossary/term-icp/index.md" in written and "faq.md" not in written
    assert all(p == "index.md" or p.endswith("/index.md") for p in written)
    hand_written = {"index.md" if p.name == "index.md" else f"{p.relative_to(ROOT / 'docs').with_suffix('').as_posix()}/index.md"
                    for p in (ROOT / "docs").rglob("*.md")}
    for page in written:
        text = (tree / "docs" / page).read_text(encoding="utf-8")
        if page in hand_written:  # its macro calls rendered
            assert "{{" not in text and "{%" not in text, page
        else:  # from the data, whose text no template engine may read
            assert text.startswith("---\nrender_macros: false\n"), page
    assert "listing_page(" not in (tree / "docs" / "faq" / "index.md").read_text(encoding="utf-8")
    # The copies carry the views' own mark, which an engine's own search leaves out, and not Pagefind's.
    assert '<ul class="gpia-listing" data-search-exclude>' in (tree / "docs" / "faq" / "index.md").read_text(encoding="utf-8")
    assert [page for page in written if marked(tree / "docs" / page, "data-pagefind-ignore")] == []


def test_plain_mkdocs_builds_the_written_tree_into_the_same_pages(plain: tuple[Path, Path], built_site: Path) -> None:
    site, _ = plain
    assert pages(site) == pages(built_site)
    report = check_site(site)
    assert not report.problems, "\n".join(format_report(report))
    # Same theme, same content: each page's article is the hooks build's, tooltips and search marks included.
    different = [p for p in sorted(pages(built_site)) if p != "404.html"
                 and content((site / p).read_text(encoding="utf-8")) != content((built_site / p).read_text(encoding="utf-8"))]
    assert different == []
    # Once built, every page carries Pagefind's mark where the views wrote theirs, and none of theirs.
    assert '<ul class="gpia-listing" data-pagefind-ignore>' in (site / "faq" / "index.html").read_text(encoding="utf-8")
    assert [p for p in sorted(pages(site)) if marked(site / p, "data-search-exclude")] == []
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / "data" / "knowledge-base.json").is_file()


def test_zensical_builds_the_same_pages_and_every_internal_link_resolves(tmp_path: Path, built_site: Path) -> None:
    assert importlib.util.find_spec("zensical"), (
        "Zensical is not installed: `make test` installs it, or .venv/bin/pip install -r requirements-zensical.txt")
    site = engine_build("zensical", tmp_path)
    assert pages(site) == pages(built_site)
    report = check_site(site)
    assert not report.problems, "\n".join(format_report(report))
    # Every heading is one: none left as Markdown text inside an element the views opened.
    raw = [p for p in sorted(pages(site)) if re.search(r"(^|>)\s*#{2,6} ", _ARTICLE.search(
        (site / p).read_text(encoding="utf-8")).group(0), re.MULTILINE)]
    assert raw == []
    assert 'id="mcp-2016-front-h1"' in (site / "sources" / "mcp-2016-overview" / "read" / "index.html").read_text(encoding="utf-8")
    term = (site / "glossary" / "term-icp" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in term and 'data-pagefind-filter="kind">Glossary<' in term
    assert '<abbr title="integrated care provider">ICP</abbr>' in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / "data" / "knowledge-base.json").is_file()


@pytest.mark.parametrize(("markdown", "src_uri", "expected"), [
    # A page that moves into its own folder: its links still reach the same files and pages.
    ("[a](schedules.md#x), [b](data/x.csv), ![i](assets/i.png)", "clauses.md",
     "[a](../schedules/index.md#x), [b](../data/x.csv), ![i](../assets/i.png)"),
    ("[ref]: checklist.md", "data.md", "[ref]: ../checklist/index.md"),
    # A page that stays (index.md) still links to pages that moved.
    ("[t](glossary/term-icp.md)", "index.md", "[t](glossary/term-icp/index.md)"),
    # Links elsewhere are left alone.
    ("[e](https://example.org/a.md) [s](#here) [r](/root.md)", "faq.md", "[e](https://example.org/a.md) [s](#here) [r](/root.md)"),
])
def test_links_follow_the_pages_into_the_tree(markdown: str, src_uri: str, expected: str) -> None:
    assert moved_links(markdown, src_uri) == expected


def test_an_element_open_across_blocks_reads_its_headings_as_markdown() -> None:
    markdown = ('# T { #t }\n\n<section class="m"><p>Front</p>\n\n<p>x</p>\n\n## H { #h }\n\n</section>\n\n'
                '<div class="d"><p>y</p></div>')
    assert markdown_inside_open_elements(markdown) == (
        '# T { #t }\n\n<section markdown="1" class="m"><p>Front</p>\n\n<p>x</p>\n\n## H { #h }\n\n</section>\n\n'
        '<div class="d"><p>y</p></div>')
