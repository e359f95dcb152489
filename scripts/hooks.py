"""MkDocs hooks: add the pages and downloads generated from the data to the build, and the
glossary's abbreviation tooltips to every page's HTML.

The knowledge base is loaded once per build by the macros adapter (scripts/macros.py), which runs
first; this hook reuses it.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, Files, InclusionLevel  # noqa: E402

from gpia.pages.generated import GENERATED_KEY, dump_for_floor, generated_files, put_html_back, set_html_aside  # noqa: E402
from gpia.load.layout import DATA_DIRS  # noqa: E402
from gpia.pages.problem_page import TITLE, problem_list_html, problem_page_html  # noqa: E402
from gpia.pages.assets import minify_stylesheets  # noqa: E402
from gpia.pages.search import write_index  # noqa: E402
from gpia.model.urls import relative_base  # noqa: E402
from gpia.views.pages import render_generated  # noqa: E402


# The page shown for addresses that are no page of the site while the data has problems.
PROBLEM_PAGE = "gpia-data-problems.html"


def on_startup(command: str, dirty: bool) -> None:
    if command == "serve":
        os.environ["GPIA_SERVING"] = "1"  # read by scripts/macros.py on every rebuild


def _problems(config):
    return getattr(config.plugins["macros"], "data_problems", None)


def on_files(files: Files, config) -> Files:
    kb = config.plugins["macros"].knowledge_base
    if kb is None:  # `mkdocs serve` with bad data: the hand-written pages, each showing the problems
        return files
    for generated in generated_files(kb):
        inclusion = InclusionLevel.UNDEFINED if generated.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, generated.uri, content=generated.content, inclusion=inclusion))
    return files


@event_priority(100)  # before the macros plugin, which then leaves the page alone (render_macros: false)
def on_page_markdown(markdown: str, page, config, files) -> str:
    broken = _problems(config)
    if broken is not None:
        page.meta["title"] = TITLE
        page.gpia_html_blocks = [problem_list_html(broken.problems, broken.skipped)]
        return f"# {TITLE}\n\n<!-- gpia-html 0 -->\n"
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
    if _problems(config) is not None:
        return html
    # Abbreviation tooltips, on every page (hand-written and generated), once it is HTML.
    return config.plugins["macros"].build_views.abbr.in_html(html)


def on_post_page(output: str, page, config) -> str:
    # What Pagefind indexes, and the filters and words it reads, once each page is finished.
    if _problems(config) is not None:
        return output  # the data is broken: the page is the problem list, with nothing to index
    search = page.meta.get("search") or {}
    indexed = not (isinstance(search, dict) and search.get("exclude"))
    return config.plugins["macros"].build_views.search.page_html(
        output, page.meta.get(GENERATED_KEY), page.file.src_uri, indexed)


def on_post_build(config) -> None:
    broken = _problems(config)
    if broken is not None:
        Path(config.site_dir, PROBLEM_PAGE).write_text(problem_page_html(broken.problems, broken.skipped),
                                                       encoding="utf-8")
        return
    # The site's own stylesheets, minified as served (docs/assets keeps them readable).
    minify_stylesheets(Path(config["site_dir"]), [str(path) for path in config["extra_css"]])
    # Pagefind indexes the built site: in `make build`, in the tests' builds, and after every
    # rebuild of `mkdocs serve`, so the served site's search follows the data.
    write_index(Path(config["site_dir"]))


def on_serve(server, config, builder):
    """Every address that is not a page (a record's page, while the data is broken) gets the
    problem page too, with the live-reload script, so it reloads when the data is fixed."""
    site_dir = config.site_dir
    fallback = server.error_handler

    def error_handler(code: int) -> bytes | None:
        page = Path(site_dir, PROBLEM_PAGE)
        if code == 404 and page.is_file():
            return server._inject_js_into_html(page.read_bytes(), server._visible_epoch)
        return fallback(code)

    server.error_handler = error_handler
    # Data read from elsewhere (GPIA_DATA_ROOT, as the tests do) is watched too.
    override = os.environ.get("GPIA_DATA_ROOT")
    if override:
        for folder in DATA_DIRS:
            if Path(override, folder).is_dir():
                server.watch(str(Path(override, folder)))
    return server

