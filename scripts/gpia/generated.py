"""Files the site gets from the data rather than from docs/: per-record pages and downloads.

Returned as plain values; the mkdocs adapter (`scripts/hooks.py`) adds them to the build. A
generated page's Markdown only calls a macro with a record id (ids are schema-checked kebab-case,
so no data text ever reaches the template engine).
"""
from __future__ import annotations

from dataclasses import dataclass

from .checklist import CSV_PATH, checklist_csv
from .export import download_files, published_schemas
from .model import KnowledgeBase
from .moved import MOVED_PATH, moved_anchors_json
from .views.pages import LISTINGS, RECORD_PAGES, page_url


@dataclass(frozen=True)
class GeneratedFile:
    uri: str  # path inside the site's docs, e.g. "schedules/schedule-5-kpis.md" or "data/x.csv"
    content: str | bytes
    in_nav: bool = False


def generated_files(kb: KnowledgeBase) -> list[GeneratedFile]:
    files: list[GeneratedFile] = []
    # Downloads (data/) and the JSON Schemas editors and other tools can fetch (schema/).
    files += [GeneratedFile(uri, content) for uri, content in download_files(kb).items()]
    files += [GeneratedFile(uri, content) for uri, content in published_schemas().items()]
    # A page per record of the kinds that multiply (/schedules/<id>/, /faq/<section-id>/, ...);
    # the macro writes the page's title from the data.
    for kind, (ids, _) in RECORD_PAGES.items():
        files += [GeneratedFile(page_url(kb, kind, i).rstrip("/") + ".md", f'{{{{ record_page("{kind}", "{i}") }}}}\n')
                  for i in ids(kb)]
    # The later pages of each paged list (its first page is the list's page in docs/).
    for name, listing in LISTINGS.items():
        pages = listing(kb)
        files += [GeneratedFile(pages.source_path(n), f'{{{{ listing_page("{name}", {n}) }}}}\n')
                  for n in range(2, pages.page_count + 1)]
    files.append(GeneratedFile(CSV_PATH, checklist_csv(kb).encode("utf-8")))
    files.append(GeneratedFile(MOVED_PATH, moved_anchors_json(kb)))
    return sorted(files, key=lambda f: f.uri)
