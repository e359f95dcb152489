"""MkDocs hooks: add the pages and downloads generated from the data to the build, and the
glossary's abbreviation tooltips to every page's HTML.

The knowledge base is loaded once per build by the macros adapter (scripts/macros.py), which runs
first; this hook reuses it.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, Files, InclusionLevel  # noqa: E402

from gpia.generated import GENERATED_KEY, dump_for_floor, generated_files, put_html_back, set_html_aside  # noqa: E402
from gpia.search import write_index  # noqa: E402
from gpia.urls import relative_base  # noqa: E402
from gpia.views.pages import render_generated  # noqa: E402


def on_files(files: Files, config) -> Files:
    kb = config.plugins["macros"].knowledge_base
    for generated in generated_files(kb):
        inclusion = InclusionLevel.UNDEFINED if generated.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, generated.uri, content=generated.content, inclusion=inclusion))
    return files


@event_priority(100)  # before the macros plugin, which then leaves the page alone (render_macros: false)
def on_page_markdown(markdown: str, page, config, files) -> str:
    spec = page.meta.get(GENERATED_KEY)
    if not spec:
        return markdown
    shared = config.plugins["macros"].build_views
    markdown = render_generated(shared.view(relative_base(page.url)), spec)
    dump_for_floor(page.file.src_uri, markdown)
    markdown, page.gpia_html_blocks = set_html_aside(markdown)
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    blocks = getattr(page, "gpia_html_blocks", None)
    if blocks:
        html = put_html_back(html, blocks)
    # Abbreviation tooltips, on every page (hand-written and generated), once it is HTML.
    return config.plugins["macros"].build_views.abbr.in_html(html)



def on_post_page(output: str, page, config) -> str:
    # What Pagefind indexes, and the filters and words it reads, once each page is finished.
    search = page.meta.get("search") or {}
    indexed = not (isinstance(search, dict) and search.get("exclude"))
    return config.plugins["macros"].build_views.search.page_html(
        output, page.meta.get(GENERATED_KEY), page.file.src_uri, indexed)


def on_post_build(config) -> None:
    # Pagefind indexes the built site: in `make build`, in the tests' builds, and after every
    # rebuild of `mkdocs serve`, so the served site's search follows the data.
    write_index(Path(config["site_dir"]))
