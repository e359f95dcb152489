"""The macros the hand-written pages in docs/ call, and the variables they read: one table.

Registered by the mkdocs-macros pluglet (gpia_mkdocs/macros.py) and used by the generator that renders
docs/ itself for other engines (gpia.pages.write), so both put the same views on the same pages.
Each macro renders for the page being built: `base` gives the way from it back to the site root.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from gpia.model.kinds import counts
from gpia.pages.context import BuildContext
from gpia.views import coverage
from gpia.views.checklist import before_you_sign
from gpia.views.common import View
from gpia.views.compare import compare_page, pair_files, word_download
from gpia.views.contributing import contributing_guide, templates
from gpia.pages.downloads import downloads_table, drafting_list, schemas_list, sources_list
from gpia.text import md_text
from gpia.views.pages import listing_page
from gpia.views.printing import whole_guide
from gpia.views.prose import text_comparison_page
from gpia.views.requirements import tables_page
from gpia.views.schedules import checklist_page, traceability_page
from gpia.views.sources import sources_page


def page_macros(context: BuildContext, base: Callable[[], str]) -> dict[str, Callable[..., str]]:
    """Name -> macro, for pages whose way back to the site root `base()` returns."""
    shared = context.views
    assert shared is not None, "macros are only registered for data without problems"
    kb = shared.kb
    project = context.project_dir

    def view() -> View:
        return shared.view(base())

    # Pages that combine many records end with the YAML files they come from ("Edit this data").
    return {
        "requirement_tables": lambda kind: tables_page(view(), kind),
        # The first page of a paged list (gpia/views/paging.py); its later pages are generated.
        "listing_page": lambda name, page=1: listing_page(view(), name, page),
        # f-strings, not +: the views return Markup, and Markup + str would escape the str.
        # The comparison /compare/ shows ends with the files of its two versions' tables.
        "comparison": lambda: f"{compare_page(view())}{view().data_files(pair_files(kb))}",
        # Paged lists: each page names the YAML files of the records it shows (views/paging.py).
        "traceability": lambda: traceability_page(view()),
        "local_checklist": lambda: checklist_page(view()),
        "before_you_sign": lambda: f"{before_you_sign(view())}{view().data_files(['clauses/decisions.yaml'])}",
        "sources": lambda: sources_page(view()),
        # The whole documents of the newest declared comparison whose two versions have their whole text.
        "text_comparison": lambda: text_comparison_page(view()),
        "comparison_download": lambda: word_download(view()),
        "data_sources": lambda: sources_list(view()),
        "downloads": lambda: downloads_table(view()),
        "schemas": lambda: schemas_list(view()),
        "drafting_downloads": lambda: drafting_list(view()),
        "whole_guide": lambda: whole_guide(view()),
        "contributing_guide": lambda: contributing_guide(project),
        "templates": lambda: templates(project),
        # The versions the guide covers, named from the data wherever a page lists them
        # (gpia.views.coverage): their years, or their labels; with a kind of table,
        # only the versions that have one.
        "versions_years": lambda table_kind=None: _text(coverage.years(kb, table_kind)),
        # One version's year, by its place: 0 the oldest, -1 the newest ("What changed in <year>").
        "version_year": lambda position=-1: _text(coverage.year(kb, position)),
        # Each version's provider and year ("an <short name> in <year>, …").
        "versions_providers": lambda: _text(coverage.providers(kb)),
        "versions_named": lambda table_kind=None: _text(coverage.labels(kb, table_kind)),
        "versions_list": lambda: _text(coverage.label_list(kb)),
        "versions_heading": lambda: _text(coverage.heading(kb)).replace('"', "&quot;"),
        "versions_documents": lambda: Markup(coverage.documents(kb, md_text, lambda title: f"*{md_text(title)}*")),
        # The two versions of the comparison /compare/ shows, "<older label> and <newer label>".
        "compared_versions": lambda: _text(coverage.compared(kb)),
    }


def _text(value: str) -> Markup:
    """Words from the data for a page's Markdown: text, never markup."""
    return Markup(md_text(value))


def page_variables(context: BuildContext) -> dict[str, Any]:
    kb = context.kb
    return {"counts": counts(kb), "kb_versions": {v.id: Markup(md_text(v.label)) for v in kb.versions.values()}}
