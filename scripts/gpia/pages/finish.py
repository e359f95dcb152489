"""What the MkDocs plugin adds to each page's HTML, added to a site another engine built from the
written docs tree (gpia.pages.write): the glossary's abbreviation tooltips, the marks Pagefind
reads (gpia.pages.search), then Pagefind's index.

The pages are found by their address: `<URL>index.html` in the built site, from `<URL>index.md`
in the tree, whose front matter says what the page shows and whether search leaves it out.
"""
from __future__ import annotations

from pathlib import Path

from gpia.pages.context import BuildContext
from gpia.pages.generated import GENERATED_KEY
from gpia.pages.assets import minify_stylesheets
from gpia.pages.search import CONTENT_ELEMENT, CONTENT_START, write_index
from gpia.pages.search_words import front_matter_words
from gpia.pages.write import page_url, split_front_matter
from gpia.views.html_tokens import element, tokens



def with_tooltips(context: BuildContext, page_html: str) -> str:
    """Tooltips in the page's content (the theme's article), not in its navigation or header."""
    read = tokens(page_html, max(page_html.find(CONTENT_START), 0))
    article = element(read, *CONTENT_ELEMENT)
    if article is None:
        return page_html
    inner, end = read[article[0]].end, read[article[1]].start
    return page_html[:inner] + context.views.abbr.in_html(page_html[inner:end]) + page_html[end:]


def finish_site(context: BuildContext, tree: Path, site: Path, pages: dict[str, str]) -> int:
    """Finish each page of `pages` (tree path -> the mkdocs build's name for it) in `site`, then
    index the site with Pagefind; returns how many pages were finished."""

    finished = 0
    for written, src_uri in pages.items():
        built = site / page_url(written) / "index.html"
        if not built.is_file():
            raise FileNotFoundError(f"{built}: the engine built no page for {written}")
        _, meta, _ = split_front_matter((tree / written).read_text(encoding="utf-8"))
        search = meta.get("search") or {}
        indexed = not (isinstance(search, dict) and search.get("exclude"))
        html = with_tooltips(context, built.read_text(encoding="utf-8"))
        built.write_text(context.views.search.page_html(html, meta.get(GENERATED_KEY), src_uri, indexed,
                                                        front_matter_words(meta)), encoding="utf-8")
        finished += 1
    # The site's own stylesheets, minified as served (docs/assets keeps them readable), as the hook does.
    minify_stylesheets(site, [p.relative_to(site).as_posix() for p in sorted((site / "assets").glob("*.css"))])
    context.views.search.words.write(site)  # for the search box's "Did you mean", as the plugin does
    write_index(site)
    return finished
