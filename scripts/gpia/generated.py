"""Files the site gets from the data rather than from docs/: per-record pages and downloads.

Returned as plain values; the mkdocs adapter (`scripts/hooks.py`) adds them to the build. A
generated page's Markdown only calls a macro with a record id (ids are schema-checked kebab-case,
so no data text ever reaches the template engine).
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import KnowledgeBase


@dataclass(frozen=True)
class GeneratedFile:
    uri: str  # path inside the site's docs, e.g. "schedules/schedule-5-kpis.md" or "data/x.csv"
    content: str | bytes
    in_nav: bool = False


def generated_files(kb: KnowledgeBase) -> list[GeneratedFile]:
    files: list[GeneratedFile] = []
    return sorted(files, key=lambda f: f.uri)
