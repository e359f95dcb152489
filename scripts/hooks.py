"""MkDocs hooks: the adapter that owns the build's knowledge base.

At the start of each build (and each rebuild of `mkdocs serve`) it loads the data once into the
core's build context (gpia.pages.context), which the macros module reads; it adds the pages and
downloads the core generates (gpia.pages.generated, complete files); and it finishes each page's
HTML: the glossary's abbreviation tooltips, what Pagefind indexes, and Pagefind's index after the build.
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, Files, InclusionLevel  # noqa: E402

from gpia.load.layout import DATA_DIRS  # noqa: E402
from gpia.pages import context as build_context  # noqa: E402
from gpia.pages.generated import GENERATED_KEY, dump_for_floor, generated_files, put_html_back, set_html_aside  # noqa: E402
from gpia.pages.problem_page import problem_page_html, problem_page_source  # noqa: E402
from gpia.pages.assets import minify_stylesheets  # noqa: E402
from gpia.pages.search import keep_index, wait_for_index, write_index, write_index_soon  # noqa: E402
from gpia.views.templating import COMPILED_ONCE  # noqa: E402
from gpia.tools.github_text import log_line, one_line  # noqa: E402

log = logging.getLogger("mkdocs.plugins.gpia")

# The page shown for addresses that are no page of the site while the data has problems.
PROBLEM_PAGE = "gpia-data-problems.html"
SERVING = "GPIA_SERVING"


def on_startup(command: str, dirty: bool) -> None:
    if command == "serve":
        os.environ[SERVING] = "1"


def _serving() -> bool:
    """Whether this build is one of `mkdocs serve`'s (set at startup; the module is re-imported per build)."""
    return os.environ.get(SERVING) == "1"


@event_priority(100)  # before the macros plugin registers its macros (scripts/macros.py), which read it
def on_config(config):
    try:
        context = build_context.load_context(Path(config.config_file_path).parent,
                                             (config.extra or {}).get("edit_base"))
    except ValueError as error:
        raise PluginError(str(error)) from error
    for warning in context.result.warnings:
        # INFO, not WARNING: `mkdocs build --strict` fails on any logged warning, and these must not
        # fail the build (the message itself starts "warning:"; `make fix` mends them).
        log.info(log_line(one_line(str(warning))))
    if context.broken:
        if not _serving():
            raise PluginError(context.problem_message())  # a build (--strict or not) fails on bad data
        # `mkdocs serve`: build a site whose every page lists the problems (on_files), so the server
        # answers at once and the browser reloads when the data is fixed.
        print(context.problem_message(), file=sys.stderr)
    build_context.set_current(context)
    return config


def on_files(files: Files, config) -> Files:
    context = build_context.current()
    if context.broken:  # every hand-written page shows the problems instead
        source = problem_page_source(context.result.problems, context.result.skipped)
        for file in files.documentation_pages():
            file.content_string = source
        return files
    for generated in generated_files(context.kb, context.views):
        inclusion = InclusionLevel.UNDEFINED if generated.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, generated.uri, content=generated.content, inclusion=inclusion))
    return files


def on_env(env, config, files):
    # MkDocs makes the theme's Jinja environment anew for every build: without this, each rebuild of
    # `mkdocs serve` compiled Material's templates again (about a quarter of a second at ×1).
    env.bytecode_cache = COMPILED_ONCE
    return env


def on_page_markdown(markdown: str, page, config, files) -> str:
    # After the macros plugin: hand-written pages arrive with their macros rendered.
    dump_for_floor(page.file.src_uri, markdown)
    # A generated page, and a hand-written one that holds the HTML of many records (/print/, marked
    # `html_aside: true`): its HTML blocks are set aside from Python-Markdown, whose scan of raw HTML
    # costs about the page's length for every block (on /print/ it grew with the corpus squared).
    if not (page.meta.get(GENERATED_KEY) or page.meta.get("html_aside")):
        return markdown
    markdown, page.gpia_html_blocks = set_html_aside(markdown)
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    if page.meta.get(GENERATED_KEY):
        # The macros plugin, even with render_macros: false, sets page.title from the raw Markdown
        # heading when it holds "{{" or "{%" (a heading that quotes data can): Markdown escapes and
        # the heading's { #id } then reach <title>. Without that override, MkDocs gives the rendered
        # heading's text.
        page.__dict__.pop("title", None)
    blocks = getattr(page, "gpia_html_blocks", None)
    if blocks:
        html = put_html_back(html, blocks)
    context = build_context.current()
    if context.broken:
        return html
    # Abbreviation tooltips, on every page (hand-written and generated), once it is HTML.
    return context.views.abbr.in_html(html)


def on_post_page(output: str, page, config) -> str:
    # What Pagefind indexes, and the filters and words it reads, once each page is finished.
    context = build_context.current()
    if context.broken:
        return output  # the data is broken: the page is the problem list, with nothing to index
    search = page.meta.get("search") or {}
    indexed = not (isinstance(search, dict) and search.get("exclude"))
    return context.views.search.page_html(output, page.meta.get(GENERATED_KEY), page.file.src_uri, indexed)


def on_post_build(config) -> None:
    context = build_context.current()
    if context.broken:
        Path(config.site_dir, PROBLEM_PAGE).write_text(
            problem_page_html(context.result.problems, context.result.skipped), encoding="utf-8")
        return
    # The site's own stylesheets, minified as served (docs/assets keeps them readable).
    minify_stylesheets(Path(config["site_dir"]), [str(path) for path in config["extra_css"]])
    # Pagefind indexes the built site: in `make build` and the tests' builds before the build ends;
    # after every rebuild of `mkdocs serve` too, so the served site's search follows the data, but
    # in the background, while browsers already reload with the new pages.
    if _serving():
        write_index_soon(Path(config["site_dir"]))
    else:
        write_index(Path(config["site_dir"]))


def on_pre_build(config) -> None:
    if _serving():
        keep_index(Path(config["site_dir"]))  # set aside while the rebuild empties the site folder


def on_shutdown() -> None:
    wait_for_index()


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
