"""The site map: every address the site publishes, declared once, below everything that uses it.

Each record page's address comes from the registry of kinds (gpia.model.kinds: a kind marked
`own_page` has a page per record, where `page_of` puts it); the compare pages come from the
comparisons declared in the data (gpia.compare). Beside them are the later pages of every paged list
and every download: the JSON of the whole knowledge base and its schema, a CSV per kind the registry
gives a `download` (and per field of one holding a list of structures), the checklists' CSV and Word files, the Word files of each schedule and comparison, the
moved anchors and the published schemas.

Who asks: gpia.validate.addresses, whether an id would land on another page; the views, for the
links to pages and downloads; gpia.pages, where to write. None of them reaches up for a path, and
the renderers (gpia.views.pages) are bound to the page kinds declared here and to nothing else.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from gpia.compare.pairs import Pairing, default_pairing, is_default, pairings
from gpia.compare.redline import groups_by_page
from gpia.load.layout import schema_path
from gpia.model.kinds import KIND, KINDS, STORED
from gpia.model.current import current
from gpia.model.derived import once_per_knowledge_base
from gpia.model.records import KnowledgeBase, Schedule
from gpia.model.schedule_links import TABLE_KINDS, schedules_in_order, versions_of
from gpia.model.urls import page_of

# --- Downloads ------------------------------------------------------------------------------------

KNOWLEDGE_BASE_JSON = "data/knowledge-base.json"  # every record, all kinds (gpia.pages.export)
DOWNLOAD_SCHEMA = "schema/download/knowledge-base.json"  # its JSON Schema (gpia.pages.download_schema)
CHECKLIST_CSV = "data/local-schedules.csv"  # every placeholder a site completes (gpia.model.checklist)
DECISIONS_CSV = "data/before-you-sign.csv"  # the "before you sign" checklist, as a spreadsheet
DECISIONS_DOCX = "data/before-you-sign.docx"  # and as a Word document
MOVED_ANCHORS = "assets/moved-anchors.json"  # where the anchors of the earlier one-page lists went: its
# index, {"shards": N, "shard": MOVED_ANCHORS_SHARD}, N files named by MOVED_ANCHORS_SHARD (gpia.pages.moved)
MOVED_ANCHORS_SHARD = "assets/moved-anchors/{shard}.json"  # {shard}: 0 to N - 1; the browser fills it in too
SCHEDULE_DOCX_FOLDER = "data/schedules/"  # each schedule's template and worked example as Word files


def kind_csv(kind: str) -> str:
    """The CSV of the records of a kind that the registry gives a `download`: 'data/term.csv'."""
    return table_csv(kind)


def table_csv(table: str) -> str:
    """The CSV of a table of the download (gpia.pages.export.csv_files): a kind's records, named by
    the kind ('data/term.csv'), or the rows of a field holding a list of structures, named
    '<table>-<field>' ('data/schedule-rows.csv'), each row naming the record it belongs to."""
    return f"data/{table}.csv"


def kind_csvs() -> dict[str, str]:
    """Kind -> its CSV, for every stored kind with a download, in the registry's order."""
    return {k.name: kind_csv(k.name) for k in STORED if k.download}


def schedule_template_docx(schedule_id: str) -> str:
    return f"{SCHEDULE_DOCX_FOLDER}{schedule_id}-template.docx"


def schedule_example_docx(schedule_id: str) -> str:
    return f"{SCHEDULE_DOCX_FOLDER}{schedule_id}-example.docx"


def comparison_docx(pairing: Pairing) -> str:
    """The redline of a pair of versions as a Word file."""
    return f"data/compare-{pairing.old}-{pairing.new}.docx"


def moved_anchors_shard(shard: int) -> str:
    """One shard of the moved anchors: 'assets/moved-anchors/0.json'."""
    return MOVED_ANCHORS_SHARD.format(shard=shard)


def schema_files() -> dict[str, Path]:
    """Site path -> file of each JSON Schema, published exactly as the validator reads it."""
    return {f"schema/{file}.json": schema_path(file) for file in sorted({k.file for k in KINDS})}


def fixed_downloads() -> list[str]:
    """The downloads whose paths do not depend on the data, in the order they are declared here."""
    return [KNOWLEDGE_BASE_JSON, DOWNLOAD_SCHEMA, *kind_csvs().values(), CHECKLIST_CSV, DECISIONS_CSV,
            DECISIONS_DOCX, MOVED_ANCHORS, *schema_files()]


# --- The drafting pack tool (gpia.pages.draft_tool writes these; the views link the schedules' tasks) ---

DRAFT_FOLDER = "draft/"
DATA = f"{DRAFT_FOLDER}data/"
TEMPLATE_PATH = f"{DRAFT_FOLDER}pack-template.docx"
BLANK_PACK_PATH = f"{DRAFT_FOLDER}blank-pack.docx"
DRAFT_SCHEMA_PATH = "schema/draft.json"


def pack_schedules(kb: KnowledgeBase) -> list[Schedule]:
    """The schedules of the current version that have a blank template, in the site's order."""
    version = current(kb)
    return [s for s in schedules_in_order(kb) if s.fields and version in versions_of(kb, s.id)]


def current_tables(kb: KnowledgeBase) -> dict[str, list]:
    """The current version's requirement tables, by kind, in the order of TABLE_KINDS."""
    version = current(kb)
    found: dict[str, list] = {}
    for kind in TABLE_KINDS:
        tables = [t for t in kb.tables.values() if t.version == version and t.kind == kind]
        if tables:
            found[kind] = tables
    return found


def draft_href(kb: KnowledgeBase, schedule_id: str) -> str:
    """Site-root-relative link to the tool, at the schedule's task when the pack has one (a query,
    which the page's script turns into the task it opens: the page has no such anchor without it)."""
    if schedule_id in _pack_schedule_ids(kb):
        return f"{DRAFT_FOLDER}?task={schedule_task(schedule_id)}"
    return DRAFT_FOLDER


@once_per_knowledge_base
def _pack_schedule_ids(kb: KnowledgeBase) -> frozenset[str]:
    return frozenset(s.id for s in pack_schedules(kb))


def schedule_task(schedule_id: str) -> str:
    return f"schedule-{schedule_id}" if not schedule_id.startswith("schedule-") else schedule_id



# --- Paged lists ----------------------------------------------------------------------------------

# list name -> the folder of its first page (a hand-written page in docs/ that calls `listing_page`);
# its later pages are <folder>pages/<n>/. Each kind's `listings` in the registry names lists of here.
LISTS: dict[str, str] = {
    "faq": "faq/",
    "compare": "compare/",
    "governance": "governance/",
    "commitments": "commitments/",
    "traceability": "traceability/",
    "checklist": "checklist/",
    "agreements": "agreements/",
    "glossary": "glossary/",
    "clauses": "clauses/",
    "citations": "sources/",
    "schedules": "schedules/",
    "guidance": "guidance/",
    # A kind declared with a `list_template` (gpia.views.generic): its list, whose first page is generated.
    **{k.listings[0]: str(k.folder) for k in KINDS if k.list_template},
}
# The lists whose first page is generated, like their later pages, rather than written in docs/.
GENERATED_LISTS: tuple[str, ...] = tuple(k.listings[0] for k in KINDS if k.list_template)
COMPARE_GROUPS_PER_PAGE = 20  # row groups per page of the list on a compare page


def list_page(folder: str, page: int) -> str:
    """Site-root-relative URL of page n of the list whose first page is at `folder`."""
    return folder if page == 1 else f"{folder}pages/{page}/"


def list_page_source(folder: str, page: int) -> str:
    """Where a generated later page goes in the site's docs, e.g. 'faq/pages/2.md'."""
    return f"{folder}pages/{page}.md"


def first_page_source(folder: str) -> str:
    """Where a generated first page goes in the site's docs, e.g. 'notices.md' for /notices/."""
    return folder.rstrip("/") + ".md"


def later_pages_folder(folder: str) -> str:
    return f"{folder}pages/"


# --- Whole documents, in pages of bounded size ------------------------------------------------------

# /print/ (docs/print.md) prints the whole guide; each of its parts is also printed on pages of its own,
# at print/<part>/ and, when a part is longer than one page holds, print/<part>/pages/<n>/ (n from 2).
# gpia.views.printing gives each part its title, records and pages.
PRINT_FOLDER = "print/"
# A kind declared with both templates (gpia.views.generic) is a part of its own, named by its list,
# before the checklist that ends the guide.
PRINT_PARTS = ("governance", "commitments", "faq", "clauses", "schedules", "agreements", "glossary", "citations",
               *(k.listings[0] for k in KINDS if k.list_template and k.page_template), "before-you-sign")
# The whole documents compared (docs/compare/text.md): its later pages at compare/text/pages/<n>/.
TEXT_COMPARISON = "compare/text/"


def print_part_page(part: str, page: int) -> str:
    """Site-root-relative URL of page n of a part of the printed guide, e.g. 'print/faq/', 'print/faq/pages/2/'."""
    return list_page(f"{PRINT_FOLDER}{part}/", page)


def print_part_source(part: str, page: int) -> str:
    """Where that page's Markdown is added to the build, e.g. 'print/faq.md', 'print/faq/pages/2.md'."""
    return f"{PRINT_FOLDER}{part}.md" if page == 1 else list_page_source(f"{PRINT_FOLDER}{part}/", page)


def whole_document_folders() -> list[tuple[str, str]]:
    """(folder, what it is) of the pages that split a whole document: no record's page may be in one."""
    return [(PRINT_FOLDER, "the folder of the pages of the printed guide's parts and their later pages"),
            (later_pages_folder(TEXT_COMPARISON), "the folder of the later pages of the whole documents compared")]


# --- Pages of records -----------------------------------------------------------------------------

def _ids(kind: str) -> Callable[[KnowledgeBase], Iterable[str]]:
    records = KIND[kind].records
    assert records is not None and KIND[kind].own_page, f"{kind} has no page per record in the registry of kinds"
    return lambda kb: getattr(kb, records)


def _other_pairs(kb: KnowledgeBase) -> list[Pairing]:
    return [p for p in pairings(kb).values() if not is_default(kb, p)]


def default_group_ids(kb: KnowledgeBase) -> dict[str, object]:
    """The default pair's row groups by page id (none when no comparison is declared)."""
    return groups_by_page(kb) if default_pairing(kb) else {}


def pair_page_ids(kb: KnowledgeBase) -> list[str]:
    return [p.slug for p in _other_pairs(kb)]


def pair_group_ids(kb: KnowledgeBase) -> list[str]:
    return [f"{p.slug}/{page_id}" for p in _other_pairs(kb) for page_id in groups_by_page(kb, p)]


def pair_page_count(kb: KnowledgeBase, pairing: Pairing) -> int:
    """How many pages the list of a pair's row groups has."""
    return max(1, -(-len(groups_by_page(kb, pairing)) // COMPARE_GROUPS_PER_PAGE))


def pair_list_ids(kb: KnowledgeBase) -> list[str]:
    return [f"{p.slug}/pages/{n}" for p in _other_pairs(kb) for n in range(2, pair_page_count(kb, p) + 1)]


# Page kind -> the ids of its pages. The kinds of record with a page per record are those the
# registry marks `own_page`; the compare pages are named by a row group (of the default pair, or
# '<from>...<to>/<row id>' of another), a pair, or a later page of a pair's list.
PAGE_IDS: dict[str, Callable[[KnowledgeBase], Iterable[str]]] = {
    **{k.name: _ids(k.name) for k in KINDS if k.own_page},
    "compare-group": default_group_ids,
    "compare-pair": pair_page_ids,
    "compare-pair-group": pair_group_ids,
    "compare-pair-list": pair_list_ids,
}
_COMPARE_PAGES = frozenset({"compare-group", "compare-pair", "compare-pair-group", "compare-pair-list"})
# What search results call each kind of page (a kind not listed is named after itself), and the kinds
# of page whose text is mostly the sources' own wording, quoted: the registry's, and the compare pages'.
SEARCH_LABELS: dict[str, str] = {**{k.name: k.search_label for k in KINDS if k.search_label},
                                 "compare-group": "Comparison"}
NHS_WORDING_PAGES = frozenset({*(k.name for k in KINDS if k.nhs_wording), "compare-group"})


def page_url(kb: KnowledgeBase, kind: str, page_id: str) -> str:
    """Where the page of PAGE_IDS[kind] named `page_id` is, e.g. 'compare/<row id>/', 'glossary/term-mcp/'."""
    return f"compare/{page_id}/" if kind in _COMPARE_PAGES else page_of(kb, page_id)


def page_source(kb: KnowledgeBase, kind: str, page_id: str) -> str:
    """Where the page's Markdown is added to the build, e.g. 'glossary/term-mcp.md'."""
    return page_url(kb, kind, page_id).rstrip("/") + ".md"


def record_pages(kb: KnowledgeBase) -> Iterable[tuple[str, str]]:
    """(page kind, page id) of every page built for a record or a compare page, in PAGE_IDS order."""
    for kind, ids in PAGE_IDS.items():
        for page_id in ids(kb):
            yield kind, page_id

