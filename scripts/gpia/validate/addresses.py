"""One page per address: a record's page, whose URL is made from its id, must not land on another page.

A term with the id `index` would be built at glossary/index.md, which MkDocs publishes at /glossary/,
the address of the hand-written glossary: one page would silently replace the other. So before the
site is built, the address of every page generated from the data (the site map, gpia.sitemap, the
same table gpia.pages.generated builds them from) is checked against

- the hand-written pages in docs/ and the folders of its other files (assets/);
- the later pages of every paged list (`<list>/pages/<n>/`, the folder kept whatever the list's length);
- the folders of the files the build writes (the data/ and schema/ downloads) or its tools do
  (search/, pagefind/, and 404/ beside the page-not-found page 404.html);
- the pages of every other record.

The folders come from the site map the build writes by, so they cannot drift;
only the tools' folders are listed by hand.

Each id that collides is one problem at the id, naming what is already at that address.
"""
from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from pathlib import Path

from gpia import sitemap
from gpia.load.problems import Problem
from gpia.model.records import KnowledgeBase
from gpia.sitemap import page_url
from gpia.validate.references import RecordEntry

# The hand-written pages (mkdocs.yml's docs_dir; tests/test_addresses.py checks they agree).
DOCS_DIR = Path(__file__).resolve().parents[3] / "docs"
# Folders written by the tools of the build rather than from docs/ or the data, and what they are.
TOOL_FOLDERS: tuple[tuple[str, str], ...] = (
    ("search/", "the folder of the search index"),
    ("pagefind/", "the folder of the Pagefind search index"),
    ("404/", "kept free beside 404.html, the page shown for a missing address"),
)
# MkDocs publishes a page called index.md (or README.md) at its folder's own address.
_FOLDER_PAGES = ("index", "README")
_PAGE_NAMES = {"area": "this row's page", "compare-group": "this row's comparison page",
               "faq-section": "this FAQ section's page"}


@dataclass(frozen=True)
class RecordPage:
    kind: str  # a key of gpia.sitemap.PAGE_IDS
    record_id: str
    source: str  # where the page's Markdown is added to the build, e.g. 'glossary/term-mcp.md'

    @property
    def address(self) -> str:
        return site_address(self.source)


def site_address(source: str) -> str:
    """The site-root-relative URL MkDocs gives a page's Markdown: 'glossary/term-mcp.md' ->
    'glossary/term-mcp/', 'glossary.md' -> 'glossary/', 'glossary/index.md' -> 'glossary/'."""
    folder, name = posixpath.split(source)
    stem = posixpath.splitext(name)[0]
    if stem in _FOLDER_PAGES:
        return f"{folder}/" if folder else ""
    return f"{folder}/{stem}/" if folder else f"{stem}/"


def record_pages(kb: KnowledgeBase) -> list[RecordPage]:
    """Every page built for a record, where gpia.pages.generated puts it."""
    return [RecordPage(kind, record_id, page_url(kb, kind, record_id).rstrip("/") + ".md")
            for kind, record_id in sitemap.record_pages(kb)]


def reserved_folders(kb: KnowledgeBase, docs_dir: Path) -> list[tuple[str, str]]:
    """(folder, what it is): no record's page may be in one."""
    folders = []
    for folder in sitemap.LISTS.values():
        folders.append((sitemap.later_pages_folder(folder), f"the folder of the later pages of the list "
                                                            f"at /{folder} (/{sitemap.list_page(folder, 2)} and on)"))
    # The folders of the files the build writes (downloads, schemas, scripts) hold nothing else;
    # so does the folder of a file in docs/ that is not a page (docs/assets/), unless it is a
    # page's own folder too (an image beside a page). A folder is named by its first file in docs/,
    # else by the first the site map declares.
    docs_files = _docs_files(docs_dir)
    pages = {site_address(f) for f in docs_files if f.endswith(".md")}
    beside = [f for f in docs_files if not f.endswith(".md") and posixpath.dirname(f) + "/" not in pages]
    example: dict[str, str] = {}
    for file in sorted(beside) + sitemap.fixed_downloads():
        if "/" in file:
            example.setdefault(posixpath.dirname(file) + "/", file)
    folders += [(folder, f"the folder of files such as /{file}") for folder, file in sorted(example.items())]
    # The pages that split a whole document: the printed guide's parts, the documents compared.
    return folders + sitemap.whole_document_folders() + list(TOOL_FOLDERS)


def address_problems(kb: KnowledgeBase, index: dict[str, RecordEntry], docs_dir: Path | None = None) -> list[Problem]:
    """A problem at the id of every record whose page would be published where another page is."""
    docs_dir = docs_dir or DOCS_DIR
    hand_written = {site_address(f): f for f in reversed(_docs_files(docs_dir)) if f.endswith(".md")}
    reserved = reserved_folders(kb, docs_dir)
    # Most addresses are inside none of them: one test of all at once (str.startswith of a tuple)
    # before naming those an address is inside.
    any_reserved = tuple(folder for folder, _ in reserved)
    # The pages of a pair of versions other than the default (compare/<from>...<to>/...) have ids
    # made of two version ids, which no record id can be ("..." is not kebab-case): they are free.
    pages = [p for p in record_pages(kb) if p.record_id in index]
    # A record's page collides with another record's when both are at one address: the one
    # written first (in file order) keeps it. Where each was written is looked up for those only.
    at: dict[str, list[RecordPage]] = {}
    for page in pages:
        at.setdefault(page.address, []).append(page)
    clashes: dict[str, list[tuple[str, str]]] = {}  # record id -> (its page's kind, what it clashes with)
    for address, sharing in at.items():
        if len(sharing) > 1:
            sharing.sort(key=lambda p: (index[p.record_id].origin.path, index[p.record_id].origin.line, p.kind))
        owner = sharing[0]
        for page in sharing:
            found = []
            if address in hand_written:
                found.append(f"the address of the hand-written page docs/{hand_written[address]}")
            if address.startswith(any_reserved):
                found += [f"inside {folder}, {what}" for folder, what in reserved if address.startswith(folder)]
            if owner is not page:
                other = index[owner.record_id]
                found.append(f"the address of the page of the {other.kind} '{owner.record_id}' ({other.origin})")
            if found:
                name = _PAGE_NAMES.get(page.kind, f"this {page.kind}'s page")
                clashes.setdefault(page.record_id, []).append((page.kind, f"{name} at /{address}, {' and '.join(found)}"))
    problems = []
    for record_id, kinds_and_where in clashes.items():
        where = [text for _, text in sorted(kinds_and_where, key=lambda item: item[0])]
        note = " (a page called 'index' is its folder's own page)" if record_id in _FOLDER_PAGES else ""
        problems.append(index[record_id].origin.problem(
            f"the id '{record_id}' would publish {'; and '.join(where)}{note}; choose another id"))
    return sorted(problems)


def _docs_files(docs_dir: Path) -> list[str]:
    """Every file under docs_dir, relative with forward slashes (links are not followed)."""
    found = []
    for folder, _, files in os.walk(docs_dir):
        relative = Path(folder).relative_to(docs_dir).as_posix()
        found += [name if relative == "." else f"{relative}/{name}" for name in files]
    return sorted(found)
