"""Files the site gets from the data rather than from docs/: per-record pages and downloads.

Returned as plain values; the mkdocs adapter (`scripts/hooks.py`) adds them to the build. A
generated page's source only names a record kind and id, or a list and page number (ids are
schema-checked kebab-case), in its front matter; no data text ever reaches a template engine.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from gpia.model.checklist import CSV_PATH, DECISIONS_CSV_PATH, DECISIONS_DOCX_PATH, checklist_csv, decisions_csv, decisions_docx
from gpia.pages.compare_docx import comparison_files
from gpia.pages.drafting import drafting_files
from gpia.pages.export import download_files, published_schemas
from gpia.model.records import KnowledgeBase
from gpia.pages.moved import MOVED_PATH, moved_anchors_json
from gpia.views.pages import LISTINGS, RECORD_PAGES, page_url


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
    # Word documents for drafting: each schedule's blank template and worked example.
    files += [GeneratedFile(uri, content) for uri, content in drafting_files(kb).items()]
    # Each declared comparison as a Word document with tracked changes.
    files += [GeneratedFile(uri, content) for uri, content in comparison_files(kb).items()]
    # A page per record of the kinds that multiply (/schedules/<id>/, /faq/<section-id>/, ...);
    # scripts/hooks.py renders each, title included, from its front matter.
    for kind, (ids, _) in RECORD_PAGES.items():
        files += [GeneratedFile(page_url(kb, kind, i).rstrip("/") + ".md", generated_page({"record": kind, "id": i}))
                  for i in ids(kb)]
    # The later pages of each paged list (its first page is the list's page in docs/).
    for name, listing in LISTINGS.items():
        pages = listing(kb)
        files += [GeneratedFile(pages.source_path(n), generated_page({"list": name, "page": n}))
                  for n in range(2, pages.page_count + 1)]
    files.append(GeneratedFile(CSV_PATH, checklist_csv(kb).encode("utf-8")))
    if kb.decisions:
        files.append(GeneratedFile(DECISIONS_CSV_PATH, decisions_csv(kb).encode("utf-8")))
        files.append(GeneratedFile(DECISIONS_DOCX_PATH, decisions_docx(kb)))
    files.append(GeneratedFile(MOVED_PATH, moved_anchors_json(kb)))
    return sorted(files, key=lambda f: f.uri)


def generated_page(spec: dict[str, str | int]) -> str:
    """A generated page's source: front matter naming what to render, and no body.

    The mkdocs adapter renders the body from GENERATED_KEY (`gpia.views.pages.render_generated`)
    before the macros plugin runs; `render_macros: false` spares these pages the macros plugin's
    Jinja pass, a fixed cost per page that mattered once the site had a page per record."""
    fields = ", ".join(f"{key}: {value}" for key, value in spec.items())
    # A list's later pages hold only links to records (left out of search) and headings that repeat
    # its first page's: Material's search need not parse them at all.
    search = "search: {exclude: true}\n" if "list" in spec else ""
    return f"---\nrender_macros: false\n{search}{GENERATED_KEY}: {{{fields}}}\n---\n"


GENERATED_KEY = "gpia_generated"


# Python-Markdown passes raw HTML through unchanged, but first parses all of it to find where each
# block ends: most of the Markdown time of a generated page, whose body is HTML from the views.
# So each top-level HTML block is set aside behind a comment and put back once the page is HTML.
# Headings stay Markdown, for the table of contents and permalinks. Only blocks that open with a
# block-level tag: Markdown wraps a block that opens with an inline tag in <p>, and still does.
_HTML_BLOCK = re.compile(r"<(?:div|p|ul|ol|dl|table|figure|blockquote|nav|section|details)[\s>]")
_SLOT = re.compile(r"<!-- gpia-html (\d+) -->")


def set_html_aside(markdown: str) -> tuple[str, list[str]]:
    blocks = markdown.split("\n\n")
    aside: list[str] = []
    for i, block in enumerate(blocks):
        if _HTML_BLOCK.match(block):
            blocks[i] = f"<!-- gpia-html {len(aside)} -->"
            aside.append(block)
    return "\n\n".join(blocks), aside


def put_html_back(html: str, aside: list[str]) -> str:
    return _SLOT.sub(lambda m: aside[int(m.group(1))], html)


def dump_for_floor(src_uri: str, markdown: str) -> None:
    """`make bench` builds the rendered Markdown of every page without the data layer, as its floor."""
    dump = os.environ.get("GPIA_DUMP_MARKDOWN")
    if dump:
        target = Path(dump) / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
