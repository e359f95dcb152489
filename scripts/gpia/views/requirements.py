"""The governance and commitments tables: a page per printed row (its bullets verbatim) and paged lists.

/governance/ and /commitments/ say where each version's table comes from (one short section per
table, its id the table's anchor) and list the rows of both versions, grouped by table, a link and
a bullet count each. /governance/<area-id>/ (or /commitments/<area-id>/) holds one row: its
bullets quoted verbatim, each an anchor (the requirement's id) with its permanent link.
"""
from __future__ import annotations

from gpia.compare.pairs import Pairing, pairings_with
from gpia.compare.redline import comparison_pages, compare_url
from gpia.model.current import newest_first, version_heading
from gpia.model.derived import once_per_knowledge_base
from gpia.views.html import esc, md_text
from gpia.model.records import Area, KnowledgeBase, Requirement, RequirementTable
from gpia.model.schedule_links import kpis_by_requirement
from gpia.model.urls import section_url
from gpia.views.placed import in_document
from gpia.views.common import View, ours, permalink
from gpia import sitemap
from gpia.views.paging import Item, Listing

ROWS_PER_PAGE = 25
# Table kind -> (list name and folder, the list's title).
LISTS = {"governance": ("governance", "Shared governance and decision making"),
         "integration": ("commitments", "Integration commitments")}


def tables_of(kb: KnowledgeBase, kind: str) -> list[RequirementTable]:
    """The tables of one kind (governance or integration), the current version's first (gpia.model.current)."""
    return [t for v in newest_first(kb) for t in kb.tables.values() if t.version == v and t.kind == kind]


@once_per_knowledge_base
def listing(kb: KnowledgeBase, kind: str) -> Listing:
    """The rows of both versions' tables of one kind; each page ends with the YAML files it shows."""
    name, title = LISTS[kind]
    items = tuple(Item(a.id, t.id) for t in tables_of(kb, kind) for a in t.areas)
    return Listing(name, title, sitemap.LISTS[name], ROWS_PER_PAGE, items, entry=row_entry,
                   group_heading=table_heading, files=lambda kb, area: kb.tables[kb.areas[area].table].path)


def row_entry(view: View, area_id: str) -> str:
    area = view.kb.areas[area_id]
    bullets = len(area.requirements)
    return (f'<a href="{esc(view.href(area.id))}">{view.text(f"{area.row} {area.title}", mentions=False)}</a> '
            f'<span class="gpia-count">({bullets} bullet{"s" if bullets != 1 else ""})</span>')


def table_heading(view: View, table_id: str) -> str:
    table = view.kb.tables[table_id]
    return view.link(table.id, f"{version_heading(view.kb, table.version)}: {table.section}")


# ---- /governance/ and /commitments/ -------------------------------------------------------------

def tables_page(view: View, kind: str) -> str:
    """Page 1 of /governance/ or /commitments/: where each table comes from, then its rows' list."""
    tables = tables_of(view.kb, kind)
    intros = "\n\n".join(table_section(view, t) for t in tables)
    return f"## Where each table comes from {{ #tables }}\n\n{intros}\n\n{listing(view.kb, kind).render(view, 1)}"


def table_section(view: View, table: RequirementTable) -> str:
    kb = view.kb
    version = kb.versions[table.version]
    count = sum(len(a.requirements) for a in table.areas)
    heading = f"### {md_text(version.label)}: {md_text(table.section)} {{ #{table.id} }}"
    intro = (f'<p class="gpia-provenance">Quoted verbatim from {view.link(table.source, view.source_name(table.source))}, '
             f"section “{view.text(table.section)}”: {len(table.areas)} rows and {count} requirements. "
             f"Column heading as printed: “{view.text(table.column_heading)}”.</p>")
    note = ours(f"<p>{view.text(table.note)}</p>", "Our note") if table.note else ""
    return f"{heading}\n\n{intro}{note}{view.referenced_by(table.id)}"


# ---- one row's page ------------------------------------------------------------------------------

def area_page(view: View, area_id: str) -> str:
    """Markdown for /governance/<area-id>/ or /commitments/<area-id>/; its title comes from here
    too, so no data text enters a template."""
    kb = view.kb
    area = kb.areas[area_id]
    table = kb.tables[area.table]
    version = kb.versions[area.version]
    number = area.row.rstrip(".")
    heading = f"# {md_text(version.label)}, row {md_text(number)}: {md_text(area.title)} {{ #{area.id} }}"
    name, title = LISTS[table.kind]
    where = (f'<p class="gpia-provenance" data-pagefind-ignore>Row {esc(number)} as printed in “{view.text(table.section)}”, '
             f"the {esc(version.label)} table quoted verbatim from {view.link(table.source, view.source_name(table.source))}. "
             f'Column heading as printed: “{view.text(table.column_heading)}”.</p>')
    note = ours(f"<p>{view.text(area.note)}</p>", "Our note") if area.note else ""
    items = "".join(requirement_item(view, area, r) for r in area.requirements)
    return (f'{heading}\n\n<div class="gpia-area"{view.cite(area.id)}>{where}{note}'
            f'<ul class="gpia-requirements">{items}</ul>{in_document(view, area.id)}{view.referenced_by(area.id)}'
            f"{view.reviewed(area.last_reviewed, table.path)}</div>\n\n{row_links(view, area, name, title)}")


def row_links(view: View, area: Area, list_name: str, list_title: str) -> str:
    """The way round: the rows before and after in the same table, the comparison, the whole list."""
    kb = view.kb
    table = kb.tables[area.table]
    index = _positions(kb)[area.id]
    links = []
    if index > 0:
        links.append(f"<li>Previous row: {_row_link(view, table.areas[index - 1])}</li>")
    if index + 1 < len(table.areas):
        links.append(f"<li>Next row: {_row_link(view, table.areas[index + 1])}</li>")
    for pairing in _compared(kb, area.version, area.id):
        other = _other_version(kb, pairing, area.version)
        links.append(f'<li><a href="{esc(view.base + compare_url(kb, area.id, pairing))}">Compare this row with '
                     f"{esc(other)}</a></li>")
    links.append(f'<li>Every row of both versions: <a href="{esc(view.base)}{list_name}/">{esc(list_title)}</a> '
                 f'(this table: {view.link(table.id)})</li>')
    return (f'<nav class="gpia-row-links" aria-label="Other rows" data-pagefind-ignore>'
            f'<ul>{"".join(links)}</ul></nav>')


def _row_link(view: View, area: Area) -> str:
    return f'<a href="{esc(view.href(area.id))}">{view.text(f"{area.row} {area.title}", mentions=False)}</a>'


@once_per_knowledge_base
def _positions(kb: KnowledgeBase) -> dict[str, int]:
    """Each row's position in its table (a lookup, not a scan of the table per page)."""
    return {a.id: i for t in kb.tables.values() for i, a in enumerate(t.areas)}


def requirement_item(view: View, area: Area, r: Requirement) -> str:
    kb = view.kb
    what = f"{kb.versions[r.version].label} row {area.row.rstrip('.')} bullet {r.bullet}"
    details = []
    for ref in r.defers_to:
        details.append(f"<li>Detail left to a schedule: {view.link(ref.schedule)} "
                       f"(placeholder “{view.text(ref.placeholder)}”)</li>")
    if r.related:
        details.append(f"<li>Related: {view.links(r.related)}</li>")
    indicators = kpis_by_requirement(kb).get(r.id, ())
    if indicators:
        names = ", ".join(f'<a href="{esc(view.base + section_url(kb, s.id, k.id))}">{view.text(k.name, mentions=False)}</a>'
                          for s, k in indicators)
        details.append(f'<li>Indicators in a worked example <span class="gpia-not-nhs">(illustrative — not NHS '
                       f"wording)</span>: {names}</li>")
    for pairing in _compared(kb, r.version, r.id):
        other = _other_version(kb, pairing, r.version)
        details.append(f'<li><a href="{esc(view.base + compare_url(kb, r.id, pairing))}">Compare with {esc(other)}</a></li>')
    meta = f'<ul class="gpia-meta">{"".join(details)}</ul>'
    meta = f"{meta}{view.referenced_by(r.id)}"
    return (f'<li id="{esc(r.id)}" class="gpia-requirement"{view.cite(r.id)}><p><span class="gpia-bullet">Bullet {r.bullet}</span> '
            f'<q class="gpia-verbatim">{view.text(r.text)}</q> {permalink(r.id, what)}</p>{meta}</li>')


def _compared(kb: KnowledgeBase, version: str, record_id: str) -> list[Pairing]:
    """The pairs of versions whose comparison shows the record: the newer versions it is compared with
    first, nearest first, then the older ones, nearest first (from the data, gpia.compare.pairs)."""
    found = [p for p in pairings_with(kb, version) if record_id in comparison_pages(kb, p)]
    position = {v: i for i, v in enumerate(kb.versions)}
    here = position[version]
    return sorted(found, key=lambda p: (p.new == version, abs(position[_other(p, version)] - here)))


def _other(pairing: Pairing, version: str) -> str:
    return pairing.new if pairing.old == version else pairing.old


def _other_version(kb: KnowledgeBase, pairing: Pairing, version: str) -> str:
    """The label of the version a record is compared with in a pair."""
    return kb.versions[_other(pairing, version)].label
