"""mkdocs-macros adapter: loads the knowledge base once per build and exposes views to pages.

All the work is in the `gpia` package, which does not import mkdocs; this module only wires it
in, so the site could move to another generator by replacing this file.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mkdocs.exceptions import PluginError  # noqa: E402

from gpia.pages.generated import GENERATED_KEY, dump_for_floor, set_html_aside  # noqa: E402
from gpia.knowledge_base import load_knowledge_base  # noqa: E402
from gpia.load.problems import format_problems  # noqa: E402
from gpia.model.urls import relative_base  # noqa: E402
from gpia.views.common import BuildViews, View  # noqa: E402
from gpia.views.checklist import before_you_sign  # noqa: E402
from gpia.views.compare import compare_page, word_download  # noqa: E402
from gpia.views.downloads import downloads_table, drafting_list, schemas_list, sources_list  # noqa: E402
from gpia.views.contributing import contributing_guide, templates  # noqa: E402
from gpia.views.pages import listing_page  # noqa: E402
from gpia.views.printing import whole_guide  # noqa: E402
from gpia.views.prose import text_comparison_page  # noqa: E402
from gpia.views.requirements import tables_page  # noqa: E402
from gpia.views.schedules import checklist_page, traceability_page  # noqa: E402
from gpia.views.sources import sources_page  # noqa: E402


# Set by scripts/hooks.py when the command is `mkdocs serve` (plugins are made again on each rebuild).
SERVING = "GPIA_SERVING"
# Set on a page by a macro that writes the HTML of many records (the whole guide): its HTML blocks are
# set aside before Python-Markdown, as a generated page's are (gpia/generated.py), and put back by
# scripts/hooks.py. Markdown's scan of raw HTML costs about the page's length for every block, so
# on a page that grows with the corpus it grew with its square (9 s of Markdown at x30, 1.3 s at x10).
HTML_ASIDE = "gpia_html_aside"
MACRO_NAMES = ("requirement_tables", "listing_page", "comparison", "traceability", "local_checklist", "sources",
               "data_sources", "downloads", "schemas", "contributing_guide", "templates", "text_comparison")


def data_root(env) -> Path:
    """The project folder, or GPIA_DATA_ROOT (used by tests to build from fixture data)."""
    override = os.environ.get("GPIA_DATA_ROOT")
    return Path(override) if override else Path(env.project_dir)


def define_env(env) -> None:
    root = data_root(env)
    sources = os.environ.get("GPIA_SOURCES_DIR")
    # Only the tests that build deliberately altered data skip the wording check.
    check_wording = os.environ.get("GPIA_SKIP_WORDING") != "1"
    result = load_knowledge_base(root, Path(sources) if sources else None, check_wording=check_wording)
    env.data_problems = None
    if result.knowledge_base is None:
        message = "The knowledge base data has problems:\n" + format_problems(result.problems, result.skipped)
        if os.environ.get(SERVING) != "1":
            raise PluginError(message)  # a build (--strict or not) fails on bad data
        # `mkdocs serve`: build a site whose every page lists the problems (scripts/hooks.py), so
        # the server answers at once and the browser reloads when the data is fixed.
        print(message, file=sys.stderr)
        env.knowledge_base = env.build_views = None
        env.data_problems = result
        env.variables["counts"] = {}
        env.variables["kb_versions"] = {}
        for name in MACRO_NAMES:
            env.macro(lambda *args, **kwargs: "", name)
        return
    kb = result.knowledge_base
    env.knowledge_base = kb  # read by scripts/hooks.py, so the data is loaded once per build
    try:
        edit_base = (env.conf.get("extra") or {}).get("edit_base") or os.environ.get("GPIA_EDIT_BASE")
        shared = BuildViews.for_knowledge_base(kb, edit_base)
    except ValueError as error:
        raise PluginError(str(error)) from error
    env.build_views = shared  # read by scripts/hooks.py, which renders the generated pages
    env.variables["counts"] = kb.counts()
    env.variables["kb_versions"] = {v.id: v.label for v in kb.versions.values()}

    def view() -> View:
        page = env.page
        return shared.view(relative_base(page.url if page else ""))

    env.macro(lambda kind: tables_page(view(), kind), "requirement_tables")
    # The first page of a paged list (gpia/views/paging.py); its later pages are generated.
    env.macro(lambda name, page=1: listing_page(view(), name, page), "listing_page")
    # Pages that combine many records end with the YAML files they come from ("Edit this data").
    tables = sorted({t.path for t in kb.tables.values()})
    schedules = sorted({s.path for s in kb.schedules.values()})
    clauses = sorted({c.path for c in kb.clauses.values()})
    env.macro(lambda: f"{compare_page(view())}{view().data_files(tables)}", "comparison")
    # Paged lists: each page names the YAML files of the records it shows (views/paging.py).
    env.macro(lambda: traceability_page(view()), "traceability")
    env.macro(lambda: checklist_page(view()), "local_checklist")
    env.macro(lambda: f"{before_you_sign(view())}{view().data_files(['clauses/decisions.yaml'])}", "before_you_sign")
    env.macro(lambda: sources_page(view()), "sources")
    # The whole documents of the newest declared comparison whose two versions have their whole text.
    env.macro(lambda: text_comparison_page(view()), "text_comparison")
    env.macro(lambda: sources_list(view()), "data_sources")
    env.macro(lambda: downloads_table(view()), "downloads")
    env.macro(lambda: schemas_list(view()), "schemas")
    env.macro(lambda: drafting_list(view()), "drafting_downloads")
    env.macro(lambda: word_download(view()), "comparison_download")

    def whole_guide_page() -> str:
        setattr(env.page, HTML_ASIDE, True)
        return whole_guide(view())

    env.macro(whole_guide_page, "whole_guide")
    env.macro(lambda: contributing_guide(Path(env.project_dir)), "contributing_guide")
    env.macro(lambda: templates(Path(env.project_dir)), "templates")


def on_post_page_macros(env) -> None:
    if env.page.meta.get(GENERATED_KEY):
        return  # rendered by scripts/hooks.py, which dumps it itself
    dump_for_floor(env.page.file.src_uri, env.markdown)
    if getattr(env.page, HTML_ASIDE, False):
        env.markdown, env.page.gpia_html_blocks = set_html_aside(env.markdown)
