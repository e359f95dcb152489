"""Files the site gets from the data rather than from docs/: per-record pages, list pages, downloads.

Each is a complete file: its path in the docs tree, its content (a page's Markdown, whose body is
mostly HTML from the views, with its front matter; or a download's bytes) and the data files it
comes from (for edit links). Any engine can build them: the MkDocs plugin (gpia_mkdocs/plugin.py) adds
them to its build, and gpia.pages.write writes them, with docs/, to a folder other engines build.

A page's front matter says which record or list page it shows (`gpia_generated`, ids being
schema-checked kebab-case), which the search marks read, and `render_macros: false`: its text
comes from the data, and no data text ever reaches a template engine.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from gpia import sitemap
from gpia.pages.build_views import build_views
from gpia.pages.checklist import checklist_csv, decisions_csv
from gpia.pages.compare_docx import comparison_files, keep_comparison_files
from gpia.model.records import KnowledgeBase
from gpia.model.urls import relative_base
from gpia.load.processes import WorkBeside
from gpia.pages.drafting import decisions_docx, drafting_files
from gpia.pages.draft_tool import draft_files
from gpia.pages.export import download_files, published_schemas
from gpia.pages.moved import moved_anchors, moved_anchors_files
from gpia.views.common import BuildViews
from gpia.views.pages import LISTINGS, RECORD_PAGES, render_generated
from gpia.views.printing import part_page, printed_parts
from gpia.views.prose import text_comparison_later_page, text_comparison_moved, text_comparison_page_count

GENERATED_KEY = "gpia_generated"


@dataclass(frozen=True)
class GeneratedFile:
    uri: str  # path inside the site's docs, e.g. "schedules/schedule-5-kpis.md" or "data/x.csv"
    body: str | bytes | Callable[[], str] = field(repr=False)  # a page's is rendered when first read
    in_nav: bool = False
    spec: dict[str, str | int] | None = None  # a page's record {record, id} or list page {list, page}
    data_files: tuple[str, ...] = ()  # the YAML files it is made from, for edit links
    _rendered: list[str] = field(default_factory=list, repr=False, compare=False)

    @property
    def is_page(self) -> bool:
        return self.uri.endswith(".md")

    @property
    def searched(self) -> bool:
        """Whether search indexes the page (its front matter says so: `front_matter`)."""
        return self.is_page and searched(self.spec or {})

    @property
    def url(self) -> str:
        """A page's site-root-relative URL, e.g. 'schedules/schedule-5-kpis/'."""
        return self.uri.removesuffix(".md") + "/"

    @property
    def content(self) -> str | bytes:
        if not callable(self.body):
            return self.body
        if not self._rendered:
            self._rendered.append(self.body())
        return self._rendered[0]


def generated_files(kb: KnowledgeBase, views: BuildViews | None = None) -> list[GeneratedFile]:
    """Every file the data adds to the docs tree, sorted by path. `views` is the build's shared
    state (its edit links); without it, views are made for `kb` with none."""
    shared = views or build_views(kb)
    # The downloads need nothing from the pages, so a copy of this process makes them on the other core
    # while the pages' files are made here (gpia.load.processes; in this process where there is one core
    # or a copy cannot be forked safely). What a page also reads of them (/data/ and the compare pages
    # print their sizes) is kept below as if made here (gpia.model.derived), and the site is the same
    # either way (tests/test_determinism.py builds it both ways).
    downloads = WorkBeside(lambda: make_downloads(shared))
    try:
        files: list[GeneratedFile] = []
        # A page per record of the kinds that multiply (/schedules/<id>/, /faq/<section-id>/, ...).
        for kind, (ids, _) in RECORD_PAGES.items():
            for record_id in ids(kb):
                spec: dict[str, str | int] = {"record": kind, "id": record_id}
                files.append(_page(shared, sitemap.page_source(kb, kind, record_id), spec,
                                   _data_files(kb, [record_id])))
        # The later pages of each paged list (its first page is the list's page in docs/, or generated
        # too for a kind's generic list: sitemap.GENERATED_LISTS).
        for name, listing in LISTINGS.items():
            pages = listing(kb)
            if name in sitemap.GENERATED_LISTS:
                files.append(_page(shared, sitemap.first_page_source(pages.folder), {"list": name, "page": 1},
                                   _data_files(kb, [item.record_id for item in pages.shown(1)])))
            for n in range(2, pages.page_count + 1):
                files.append(_page(shared, pages.source_path(n), {"list": name, "page": n},
                                   _data_files(kb, [item.record_id for item in pages.shown(n)])))
        # The parts of the printed guide on pages of their own, and the later pages of the whole documents
        # compared: pages of bounded size however long the documents grow (gpia.views.split).
        files += whole_document_pages(shared)
        # Where the anchors of the old one-page lists went: an index and shards of bounded size.
        files += [GeneratedFile(uri, content)
                  for uri, content in moved_anchors_files(moved_anchors(kb, text_comparison_moved(shared))).items()]
        made = downloads.result()
        # /data/ lists the data files and the Word documents with their sizes: they are not made again.
        download_files.keep(kb, shared.site_url, value=made.data)  # type: ignore[attr-defined]
        drafting_files.keep(kb, value=made.drafting)  # type: ignore[attr-defined]
        keep_comparison_files(kb, made.other)
        files += [GeneratedFile(uri, content) for uri, content in made.files().items()]
    finally:
        downloads.cancel()  # (once its result is taken, nothing)
    return sorted(files, key=lambda f: f.uri)


@dataclass(frozen=True)
class Downloads:
    """Every download: the data (data/: its JSON and CSV files), the Word documents for drafting (each
    schedule's blank template and worked example), and the rest: the JSON Schemas editors and other
    tools can fetch (schema/), each declared comparison as a Word document with tracked changes, the
    drafting pack tool's files (/draft/), the checklist's and the decisions' files."""
    data: dict[str, str]
    drafting: dict[str, bytes]
    other: dict[str, str | bytes]

    def files(self) -> dict[str, str | bytes]:
        return {**self.data, **self.drafting, **self.other}


def make_downloads(shared: BuildViews) -> Downloads:
    kb = shared.kb
    other: dict[str, str | bytes] = {}
    other.update(published_schemas())
    other.update(comparison_files(kb))
    other.update(draft_files(kb, shared.view()))
    other[sitemap.CHECKLIST_CSV] = checklist_csv(kb, shared.site_url).encode("utf-8")
    if kb.decisions:
        other[sitemap.DECISIONS_CSV] = decisions_csv(kb, shared.view(), shared.site_url).encode("utf-8")
        other[sitemap.DECISIONS_DOCX] = decisions_docx(shared.view())
    return Downloads(download_files(kb, shared.site_url), drafting_files(kb), other)


def whole_document_pages(shared: BuildViews) -> list[GeneratedFile]:
    """Each printed part's pages (print/<part>/...) and the whole documents' comparison's later pages
    (compare/text/pages/<n>/), none of them searched but the comparison's, as /compare/text/ is."""
    files = []
    for printed in printed_parts(shared):
        for n in range(1, len(printed.pages) + 1):
            spec: dict[str, str | int] = {"print": printed.part.name, "page": n}
            files.append(GeneratedFile(sitemap.print_part_source(printed.part.name, n),
                                       page_source(spec, part_page(shared, printed.part.name, n)), spec=spec,
                                       data_files=_data_files(shared.kb, [i for i, _ in printed.pages[n - 1]])))
    for n in range(2, text_comparison_page_count(shared) + 1):
        spec = {"text-comparison": "pages", "page": n}
        files.append(GeneratedFile(sitemap.list_page_source(sitemap.TEXT_COMPARISON, n),
                                   page_source(spec, text_comparison_later_page(shared, n)), spec=spec))
    return files


def _page(shared: BuildViews, uri: str, spec: dict[str, str | int], data_files: tuple[str, ...]) -> GeneratedFile:
    url = uri.removesuffix(".md") + "/"
    return GeneratedFile(uri, lambda: page_source(spec, render_generated(shared.view(relative_base(url)), spec)),
                         spec=spec, data_files=data_files)


def searched(spec: dict[str, str | int]) -> bool:
    """Whether search indexes the generated page that shows `spec`. A list's later pages hold only
    links to records (left out of search) and headings that repeat its first page's: search need not
    index them at all; nor the printed guide's parts, whose records search finds on their own pages."""
    return not (("list" in spec and spec["page"] != 1) or "print" in spec)


def front_matter(spec: dict[str, str | int]) -> str:
    """A generated page's front matter: what it shows, whether search leaves it out, and no macros."""
    fields = ", ".join(f"{key}: {value}" for key, value in spec.items())
    search = "" if searched(spec) else "search: {exclude: true}\n"
    return f"---\nrender_macros: false\n{search}{GENERATED_KEY}: {{{fields}}}\n---\n"


def page_source(spec: dict[str, str | int], markdown: str) -> str:
    """A generated page's whole source: its front matter, then its Markdown."""
    return front_matter(spec) + markdown


def _data_files(kb: KnowledgeBase, record_ids: list[str]) -> tuple[str, ...]:
    """The YAML files that hold these records (every record knows its file)."""
    found: set[str] = set()
    tables = [records for records in vars(kb).values() if isinstance(records, dict)] + list(kb.by_kind.values())
    for record_id in record_ids:
        for records in tables:
            path = getattr(records.get(record_id), "path", None)
            if isinstance(path, str):
                found.add(path)
                break
    return tuple(sorted(found))


def dump_for_floor(src_uri: str, markdown: str) -> None:
    """`make bench` builds the rendered Markdown of every page without the data layer, as its floor."""
    dump = os.environ.get("GPIA_DUMP_MARKDOWN")
    if dump:
        target = Path(dump) / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
