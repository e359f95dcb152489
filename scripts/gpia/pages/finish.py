"""What the MkDocs plugin adds to each page's HTML, added to a site another engine built from the
written docs tree (gpia.pages.write): the glossary's abbreviation tooltips and the marks Pagefind
reads (gpia.pages.search, in one reading of each page), then Pagefind's index.

The pages are found by their address: `<URL>index.html` in the built site, from `<URL>index.md`
in the tree, whose front matter says what the page shows and whether search leaves it out.
"""
from __future__ import annotations

from pathlib import Path

from gpia.pages.context import BuildContext
from gpia.pages.generated import GENERATED_KEY
from gpia.pages.assets import minify_stylesheets
from gpia.pages.search import SearchCopies, is_indexed
from gpia.pages.search_words import front_matter_words
from gpia.pages.write import page_url, split_front_matter



def finish_site(context: BuildContext, tree: Path, site: Path, pages: dict[str, str]) -> int:
    """Finish each page of `pages` (tree path -> the mkdocs build's name for it) in `site`, then
    index the site with Pagefind; returns how many pages were finished."""

    finished = 0
    copies = SearchCopies(site)  # what Pagefind reads of each page, as the plugin keeps it
    try:
        for written, src_uri in pages.items():
            built = site / page_url(written) / "index.html"
            if not built.is_file():
                raise FileNotFoundError(f"{built}: the engine built no page for {written}")
            _, meta, _ = split_front_matter((tree / written).read_text(encoding="utf-8"))
            page, copy = context.views.search.finished(built.read_text(encoding="utf-8"), meta.get(GENERATED_KEY),
                                                       src_uri, is_indexed(meta), front_matter_words(meta),
                                                       abbr=context.views.abbr)
            built.write_text(page, encoding="utf-8")
            copies.add(built.relative_to(site).as_posix(), copy)
            finished += 1
        # The site's own stylesheets, minified as served (docs/assets keeps them readable), as the hook does.
        minify_stylesheets(site, [p.relative_to(site).as_posix() for p in sorted((site / "assets").glob("*.css"))])
        context.views.search.words.write(site)  # for the search box's "Did you mean", as the plugin does
        copies.write_index()
    finally:
        copies.discard()  # (written into the index, or the finishing failed)
    return finished
