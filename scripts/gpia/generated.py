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
    # One page per schedule (/schedules/<id>/); the macro writes the page's title from the data.
    files += [GeneratedFile(f"schedules/{s}.md", f'{{{{ schedule_page("{s}") }}}}\n') for s in kb.schedules]
    files.append(GeneratedFile(CSV_PATH, checklist_csv(kb).encode("utf-8")))
    return sorted(files, key=lambda f: f.uri)
