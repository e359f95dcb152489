"""The governance and commitments tables: a page per printed row (its bullets verbatim) and paged lists.

/governance/ and /commitments/ say where each version's table comes from (one short section per
table, its id the table's anchor) and list the rows of both versions, grouped by table, a link and
a bullet count each. /governance/<area-id>/ (or /commitments/<area-id>/) holds one row: its
bullets quoted verbatim, each an anchor (the requirement's id) with its permanent link.
"""
from __future__ import annotations

from markupsafe import Markup

from gpia.compare.pairs import Pairing, pairings_with
from gpia.compare.redline import comparison_pages, compare_url
from gpia.model.current import newest_first, version_heading
from gpia.model.derived import once_per_knowledge_base
from gpia.views.html import md_text
from gpia.model.records import Area, KnowledgeBase, Requirement, RequirementTable
from gpia.model.schedule_links import kpis_by_requirement
from gpia.model.urls import section_url
from gpia.views.placed import in_document
from gpia.views.common import View, ours, permalink
from gpia.views.templating import render
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
    return render("requirement-row-entry.html", link=_row_link(view, area), bullets=bullets)


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
    intro = render("requirement-table-intro.html", source=view.link(table.source, view.source_name(table.source)),
                   section=view.text(table.section), rows=len(table.areas), count=count,
                   heading=view.text(table.column_heading), note=_note(view, table.note),
                   referenced_by=view.referenced_by(table.id))
    return f"{heading}\n\n{intro}"


def _note(view: View, note: str | None) -> Markup:
    """Our note on a table or a row, in its labelled box; nothing when there is none."""
    return ours(render("paragraph.html", text=view.text(note)), "Our note") if note else Markup()


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
    body = render("requirement-area.html", cite=view.cite(area.id), number=number, section=view.text(table.section),
                  version=version.label, source=view.link(table.source, view.source_name(table.source)),
                  heading=view.text(table.column_heading), note=_note(view, area.note),
                  items=[requirement_item(view, area, r) for r in area.requirements],
                  in_document=in_document(view, area.id), referenced_by=view.referenced_by(area.id),
                  reviewed=view.reviewed(area.last_reviewed, table.path))
    return f"{heading}\n\n{body}\n\n{row_links(view, area, name, title)}"


def row_links(view: View, area: Area, list_name: str, list_title: str) -> str:
    """The way round: the rows before and after in the same table, the comparison, the whole list."""
    kb = view.kb
    table = kb.tables[area.table]
    index = _positions(kb)[area.id]
    return render("requirement-row-links.html",
                  previous=_row_link(view, table.areas[index - 1]) if index > 0 else Markup(),
                  next=_row_link(view, table.areas[index + 1]) if index + 1 < len(table.areas) else Markup(),
                  compares=_compares(view, area.version, area.id), list_href=f"{view.base}{list_name}/",
                  list_title=list_title, table=view.link(table.id))


def _compares(view: View, version: str, record_id: str) -> list[dict[str, str]]:
    """The comparisons that show a record: each one's address and the label of the other version."""
    kb = view.kb
    return [{"href": view.base + compare_url(kb, record_id, pairing), "other": _other_version(kb, pairing, version)}
            for pairing in _compared(kb, version, record_id)]


def _row_link(view: View, area: Area) -> Markup:
    return render("link.html", href=view.href(area.id), text=view.text(f"{area.row} {area.title}", mentions=False))


@once_per_knowledge_base
def _positions(kb: KnowledgeBase) -> dict[str, int]:
    """Each row's position in its table (a lookup, not a scan of the table per page)."""
    return {a.id: i for t in kb.tables.values() for i, a in enumerate(t.areas)}


def requirement_item(view: View, area: Area, r: Requirement) -> str:
    kb = view.kb
    what = f"{kb.versions[r.version].label} row {area.row.rstrip('.')} bullet {r.bullet}"
    defers = [{"schedule": view.link(ref.schedule), "placeholder": view.text(ref.placeholder)} for ref in r.defers_to]
    indicators = [render("link.html", href=view.base + section_url(kb, s.id, k.id), text=view.text(k.name, mentions=False))
                  for s, k in kpis_by_requirement(kb).get(r.id, ())]
    return render("requirement-item.html", id=r.id, cite=view.cite(r.id), bullet=r.bullet, text=view.text(r.text),
                  permalink=permalink(r.id, what), defers=defers,
                  related=view.links(r.related) if r.related else Markup(), indicators=indicators,
                  compares=_compares(view, r.version, r.id), referenced_by=view.referenced_by(r.id))


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
