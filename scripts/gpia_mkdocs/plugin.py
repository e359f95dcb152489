"""The `gpia` MkDocs plugin: the adapter that owns the build's knowledge base.

At the start of each build (and each rebuild of `mkdocs serve`) it loads the data once into the
core's build context (gpia.pages.context), kept on the plugin, which the macros
(gpia_mkdocs.macros) read; it adds the pages and downloads the core generates
(gpia.pages.generated, complete files); and it finishes each page's HTML: the glossary's
abbreviation tooltips, what Pagefind indexes, and Pagefind's index after the build.

    plugins:
      - gpia:
          edit_base: https://github.com/ORG/REPO/edit/main/   # optional

Each option but edit_base is overridden by an environment variable (GPIA_DATA_ROOT,
GPIA_SOURCES_DIR, GPIA_SKIP_WORDING=1, GPIA_SERVING=1), and GPIA_EDIT_BASE is used when edit_base
is unset, for every engine alike (gpia.pages.context).
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

import yaml

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import log as _pages_log
from mkdocs.structure.toc import get_toc

from gpia.load.layout import DATA_DIRS
from gpia.load.processes import processes_wanted
from gpia.pages.context import BuildContext, data_root, load_context
from gpia.pages.frame import apply_site_texts
from gpia.pages.generated import GENERATED_KEY, GeneratedFile, dump_for_floor, generated_files
from gpia.pages.html_blocks import HtmlBlocks
from gpia.pages.page_html import page_html
from gpia.pages.problem_page import problem_page_html, problem_page_source
from gpia.pages.assets import minify_stylesheets
from gpia.pages.search import SearchCopies, is_indexed, keep_index, wait_for_index, write_index_soon
from gpia.pages.search_words import front_matter_words
from gpia.pages.site_folder import Emptying, empty_beside
from gpia.tools.github_text import log_line, one_line
from gpia.views.templating import COMPILED_ONCE
from gpia_mkdocs.shared_nav import SharedNav
from gpia_mkdocs.two_processes import TwoProcesses, engine_is_mkdocs

# Messages go through MkDocs' logging, so that `mkdocs build --strict` fails on a warning.
log = get_plugin_logger("gpia")

# The page shown for addresses that are no page of the site while the data has problems.
PROBLEM_PAGE = "gpia-data-problems.html"


class GuideConfig(Config):
    """The plugin's options in mkdocs.yml."""
    # Where "Edit this data" links under each record open its YAML file, e.g.
    # https://github.com/ORG/REPO/edit/main/ (the file's path is appended); unset: GPIA_EDIT_BASE,
    # else the path is shown as text. Checked by the core (an https:// URL).
    edit_base = c.Optional(c.Type(str))
    # A folder holding clauses/ and faq/ instead of the project's (GPIA_DATA_ROOT overrides it).
    data_root = c.Optional(c.Dir(exists=True))
    # The source documents, instead of ../shared/sources (GPIA_SOURCES_DIR overrides it).
    sources_dir = c.Optional(c.Dir(exists=False))
    # Skip the word-for-word check of NHS wording (GPIA_SKIP_WORDING=1 sets it): only for data
    # altered on purpose, never for the published site.
    skip_wording = c.Type(bool, default=False)


class GuidePlugin(BasePlugin[GuideConfig]):
    """State lives on the instance: MkDocs keeps one instance for all the rebuilds of `mkdocs serve`
    (a plugin with on_startup is cached), and makes its options anew for each."""

    def __init__(self) -> None:
        self.serving = False  # `mkdocs serve` (on_startup), or GPIA_SERVING=1
        self.dirty = False  # `--dirty`: MkDocs keeps the last build's files
        self.context: BuildContext | None = None
        self.html_aside = False  # whether the page Markdown is reading has its HTML blocks set aside
        self.split = TwoProcesses()  # the pages shared between two processes (two_processes.py)
        self._sources: dict[str, GeneratedFile] = {}  # each generated page, its Markdown made when first read
        self._emptying = Emptying([])  # the last build's files, being deleted beside this build
        self._copies: SearchCopies | None = None  # what Pagefind reads of each page (not in `mkdocs serve`)
        self._last_copy: str | None = None  # the last page whose copy this process writes (on_env)
        self._permalink_title: str | None = None  # None: Python-Markdown reads every page (on_config)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty

    @property
    def _serving(self) -> bool:
        return self.serving or os.environ.get("GPIA_SERVING") == "1"

    def current(self) -> BuildContext:
        """This build's context (loaded in on_config)."""
        if self.context is None:
            raise PluginError("gpia: the knowledge base is read in on_config, which has not run")
        return self.context

    @event_priority(100)  # before the macros plugin registers its macros (gpia_mkdocs.macros), which read it
    def on_config(self, config):
        try:
            # Each data file's own checks are those `make validate` kept in .cache/ while its text is the
            # same (gpia.load.checked_cache): `make build` validates first, so the build reads again
            # only what changed since, and a rebuild of `mkdocs serve` only the files edited.
            context = load_context(Path(config.config_file_path).parent, self.config.edit_base, config.site_url,
                                   data_dir=_path(self.config.data_root), sources=_path(self.config.sources_dir),
                                   skip_wording=self.config.skip_wording, cache=True)
        except ValueError as error:
            raise PluginError(str(error)) from error
        for warning in context.result.warnings:
            # INFO, not WARNING: `mkdocs build --strict` fails on any logged warning, and these must not
            # fail the build (the message itself starts "warning:"; `make fix` mends them).
            log.info(log_line(one_line(str(warning))))
        if context.broken:
            if not self._serving:
                raise PluginError(context.problem_message())  # a build (--strict or not) fails on bad data
            # `mkdocs serve`: build a site whose every page lists the problems (on_files), so the
            # server answers at once and the browser reloads when the data is fixed.
            log.warning(context.problem_message())
        else:
            apply_site_texts(config, context.kb)  # the description, banner and footer name the versions covered
        self.context = context
        # Python-Markdown reads each page with the build's extensions: this one sets the views' HTML
        # blocks aside on the pages on_page_markdown says (gpia.pages.html_blocks).
        config.markdown_extensions.append(HtmlBlocks(lambda: self.html_aside))
        # Whether this Markdown configuration lets gpia.pages.page_html make the generated pages (on_pre_page).
        self._permalink_title = _permalink_title(config)
        return config

    def on_files(self, files: Files, *, config) -> Files:
        context = self.current()
        if context.broken:  # every hand-written page shows the problems instead
            source = problem_page_source(context.result.problems, context.result.skipped)
            for file in files.documentation_pages():
                file.content_string = source
            return files
        self.split, self._sources = TwoProcesses(), {}
        # Each page's search copy is written as the page is, by the process that builds it, and the index
        # made from the copies (gpia.pages.search.SearchCopies); `mkdocs serve` indexes the site itself, in
        # the background once the pages are served.
        self._copies = None if self._serving else SearchCopies(Path(config.site_dir))
        self._last_copy = None
        unsearched = []
        for generated in generated_files(context.kb, context.views):
            inclusion = InclusionLevel.UNDEFINED if generated.in_nav else InclusionLevel.NOT_IN_NAV
            if generated.is_page:
                # Its Markdown is made when MkDocs reads the page (on_page_read_source), by the process
                # that builds it.
                self._sources[generated.uri] = generated
                page = File.generated(config, generated.uri, content="", inclusion=inclusion)
                # MkDocs builds the pages in the order of the files: those search leaves out (the printed
                # guide's parts, the lists' later pages) last, so that Pagefind can start on the copies
                # of the others while they are written (on_post_page).
                (files.append if generated.searched else unsearched.append)(page)
            else:
                files.append(File.generated(config, generated.uri, content=generated.content, inclusion=inclusion))
        for page in unsearched:
            files.append(page)
        return files

    def on_nav(self, nav, *, config, files):
        self._nav = nav
        # The last event before MkDocs reads the pages: from here on two processes share them.
        if not self._serving and not self.current().broken and engine_is_mkdocs(config) and processes_wanted() > 1:
            # The generated pages outside the navigation are dealt; every other page is the first's.
            in_nav = {page.file.src_uri for page in nav.pages}
            dealt = [uri for uri in self._sources if uri not in in_nav]
            self.split.start(dealt, first_only=len(files.documentation_pages()) - len(dealt))
        return nav

    def on_pre_page(self, page, *, config, files):
        if not self.split.mine(page.file.src_uri):
            self.split.pass_over(page)
        elif page.file.src_uri in self._sources and self._permalink_title is not None:
            _made_without_markdown(page, self._permalink_title)
        return page

    def on_page_read_source(self, *, page, config) -> str | None:
        generated = self._sources.get(page.file.src_uri)
        return None if generated is None else str(generated.content)

    def on_env(self, env, *, config, files):
        pages = [file.page for file in files.documentation_pages() if file.page]
        self.split.exchange(env, files, pages, config)
        # The last page this process builds whose search copy it writes: once that is written, Pagefind
        # can start (on_post_page). A second process with none says so at once.
        self._last_copy = next((page.file.src_uri for page in reversed(pages)
                                if self.split.mine(page.file.src_uri) and is_indexed(page.meta)), None)
        if self._copies is not None and self._last_copy is None:
            self.split.none_to_copy()
        # MkDocs makes the theme's Jinja environment anew for every build: without this, each rebuild of
        # `mkdocs serve` compiled Material's templates again (about a quarter of a second at ×1).
        env.bytecode_cache = COMPILED_ONCE
        # The navigation of the pages not in it, rendered once per key (overrides/base.html).
        if os.environ.get("GPIA_SHARED_NAV") != "off":
            env.globals["gpia_shared_nav"] = SharedNav(getattr(self, "_nav", None))
        return env

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        # After the macros plugin: hand-written pages arrive with their macros rendered.
        if not self.split.mine(page.file.src_uri):
            return markdown  # the other process reads it (gpia_mkdocs/two_processes.py)
        dump_for_floor(page.file.src_uri, markdown)
        # A generated page, and a hand-written one that holds the HTML of many records (/print/, marked
        # `html_aside: true`): its HTML blocks are set aside from Python-Markdown, whose scan of raw HTML
        # costs about the page's length for every block (on /print/ it grew with the corpus squared).
        # MkDocs renders the page's Markdown next, with HtmlBlocks (registered in on_config) reading this.
        self.html_aside = bool(page.meta.get(GENERATED_KEY) or page.meta.get("html_aside"))
        return markdown

    def on_page_content(self, html: str, *, page, config, files) -> str:
        if page.meta.get(GENERATED_KEY):
            # The macros plugin, even with render_macros: false, sets page.title from the raw Markdown
            # heading when it holds "{{" or "{%" (a heading that quotes data can): Markdown escapes and
            # the heading's { #id } then reach <title>. Without that override, MkDocs gives the rendered
            # heading's text.
            page.__dict__.pop("title", None)
        self.html_aside = False
        context = self.current()
        if context.broken or not self.split.mine(page.file.src_uri):
            return html
        _dump_html_for_floor(page.file.src_uri, page.meta, html)
        return html

    def on_post_page(self, output: str, *, page, config) -> str:
        # Once each page is finished: the glossary's abbreviation tooltips in its content (every page,
        # hand-written and generated), and what Pagefind indexes with the filters and words it reads.
        context = self.current()
        if context.broken:
            return output  # the data is broken: the page is the problem list, with nothing to index
        if not self.split.mine(page.file.src_uri):
            return output  # the other process writes it (its template rendered nothing here)
        finished, copy = context.views.search.finished(output, page.meta.get(GENERATED_KEY), page.file.src_uri,
                                                       is_indexed(page.meta), front_matter_words(page.meta),
                                                       abbr=context.views.abbr)
        if self._copies is not None:
            self._copies.add(page.file.dest_uri, copy)
            if page.file.src_uri == self._last_copy and self.split.copies_written():
                self._copies.all_written()  # Pagefind starts on them, beside the pages left to build
        return finished

    def on_pre_build(self, *, config) -> None:
        if self._serving:
            keep_index(Path(config.site_dir))  # set aside while the rebuild empties the site folder
        elif not self.dirty:
            # MkDocs deletes the last build's files next; they are moved aside and deleted by another
            # process while this build goes on (gpia.pages.site_folder), and waited for in on_post_build.
            self._emptying = empty_beside(Path(config.site_dir))

    @event_priority(100)  # first: the second process of a split build ends here, before any other plugin's
    def on_post_build(self, *, config) -> None:
        context = self.current()
        if context.broken:  # (only in `mkdocs serve`: the pages were not shared, nor the site emptied aside)
            Path(config.site_dir, PROBLEM_PAGE).write_text(
                problem_page_html(context.result.problems, context.result.skipped), encoding="utf-8")
            return
        self.split.finish(context.views.search.words)
        self._emptying.wait()  # (the second process ended in finish: only the first waits)
        # The site's own stylesheets, minified as served (docs/assets keeps them readable).
        minify_stylesheets(Path(config.site_dir), [str(path) for path in config.extra_css])
        # The words of the indexed pages, for the search box's "Did you mean" (gpia/pages/search_words.py).
        context.views.search.words.write(Path(config.site_dir))
        # Pagefind's index: in `make build` and the tests' builds, of the pages' search copies, before the
        # build ends; after every rebuild of `mkdocs serve` too, of the site, so the served site's search
        # follows the data, but in the background, while browsers already reload.
        copies, self._copies = self._copies, None
        if copies is None:  # `mkdocs serve` (on_files)
            write_index_soon(Path(config.site_dir))
        else:
            copies.write_index()

    def on_build_error(self, *, error: Exception) -> None:
        self.split.failed(error)
        self._emptying.wait()
        if self._copies is not None:
            self._copies.discard()
            self._copies = None

    def on_shutdown(self) -> None:
        wait_for_index()

    def on_serve(self, server, *, config, builder):
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
        # Data read from elsewhere (the data_root option or GPIA_DATA_ROOT, as the tests do) is watched too.
        project = Path(config.config_file_path).parent
        root = data_root(project, _path(self.config.data_root))
        if root.resolve() != project.resolve():
            for folder in DATA_DIRS:
                if Path(root, folder).is_dir():
                    server.watch(str(Path(root, folder)))
        return server


# The Markdown extensions whose output for headings and HTML blocks gpia.pages.page_html makes: with any
# other, or the toc extension configured otherwise, Python-Markdown reads every page.
_KNOWN_EXTENSIONS = frozenset({"toc", "tables", "fenced_code", "admonition", "attr_list", "md_in_html"})


def _permalink_title(config) -> str | None:
    """The toc extension's permalink title, where gpia.pages.page_html writes pages as Python-Markdown
    would with this configuration; else None."""
    names = {name for name in config.markdown_extensions if isinstance(name, str)}
    others = [extension for extension in config.markdown_extensions
              if not isinstance(extension, (str, HtmlBlocks))]
    toc = dict((config.mdx_configs or {}).get("toc") or {})
    if others or not names <= _KNOWN_EXTENSIONS or not {"toc", "attr_list"} <= names:
        return None
    if toc.pop("permalink", None) is not True or set(toc) - {"permalink_title"}:
        return None
    return str(toc.get("permalink_title", "Permanent link"))


def _made_without_markdown(page, permalink_title: str) -> None:
    """A generated page (its Markdown headings and the views' HTML blocks) made by gpia.pages.page_html
    rather than Python-Markdown, as Python-Markdown would make it; any other page is read as before."""
    read_with_markdown = page.render

    def render(config, files) -> None:
        made = page_html(page.markdown, permalink_title)
        if made is None:
            read_with_markdown(config, files)
            return
        # What MkDocs' Page.render sets (mkdocs/structure/pages.py): the title it takes from a first
        # level 1 heading, the anchors of the page, and its links to anchors, which it checks once every
        # page is read (here only each heading's permalink, to its own heading).
        page.content, page.toc = made.html, get_toc(made.toc)
        page._title_from_render, page.present_anchor_ids = made.title, set(made.anchors)
        if _pages_log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = {page.file: {anchor: f"#{anchor}" for anchor in made.anchors}} if made.anchors else {}

    page.render = render


def _path(value: str | None) -> Path | None:
    return Path(value) if value else None


def _dump_html_for_floor(src_uri: str, meta: dict, html: str) -> None:
    """`make bench` builds every page again with Material alone, its content already HTML (the floor,
    gpia_bench.floor): each page's front matter and finished content, into GPIA_DUMP_HTML."""
    dump = os.environ.get("GPIA_DUMP_HTML")
    if dump:
        target = Path(dump) / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) if meta else ""
        target.write_text(f"---\n{front}---\n{html}" if front else html, encoding="utf-8")
