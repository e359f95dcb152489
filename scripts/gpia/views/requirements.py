"""The governance and commitments pages: each printed table, row by row, bullet by bullet."""
from __future__ import annotations

from ..compare import anchor as compare_anchor
from ..html import esc, md_text
from ..model import Area, Requirement, RequirementTable
from .common import View, ours, permalink


def tables_page(view: View, kind: str) -> str:
    """Markdown for every version's table of one kind (governance or integration)."""
    parts = []
    for version in view.kb.versions.values():
        table = next((t for t in view.kb.tables.values() if t.version == version.id and t.kind == kind), None)
        if table is not None:
            parts.append(table_section(view, table))
    return "\n\n".join(parts)


def table_section(view: View, table: RequirementTable) -> str:
    kb = view.kb
    version = kb.versions[table.version]
    count = sum(len(a.requirements) for a in table.areas)
    heading = f"## {md_text(version.label)}: {md_text(table.section)} {{ #{table.id} }}"
    intro = (f'<p class="gpia-provenance">Quoted verbatim from {view.link(table.source, view.source_name(table.source))}, '
             f"section “{view.text(table.section)}”: {len(table.areas)} rows and {count} requirements. "
             f"Column heading as printed: “{view.text(table.column_heading)}”.</p>")
    note = ours(f"<p>{view.text(table.note)}</p>", "Our note") if table.note else ""
    areas = "\n\n".join(area_section(view, table, area) for area in table.areas)
    return f"{heading}\n\n{intro}{note}{view.referenced_by(table.id)}\n\n{areas}"


def area_section(view: View, table: RequirementTable, area: Area) -> str:
    heading = f"### {md_text(area.row)} {md_text(area.title)} {{ #{area.id} }}"
    where = (f'<p class="gpia-provenance" data-search-exclude>{view.kb.versions[area.version].label}, '
             f"row {esc(area.row)} as printed in “{view.text(table.section)}”.</p>")
    note = ours(f"<p>{view.text(area.note)}</p>", "Our note") if area.note else ""
    items = "".join(requirement_item(view, area, r) for r in area.requirements)
    return (f'{heading}\n\n<div class="gpia-area">{where}{note}'
            f'<ul class="gpia-requirements">{items}</ul>{view.referenced_by(area.id)}'
            f'{view.reviewed(area.last_reviewed, table.path)}</div>')


def requirement_item(view: View, area: Area, r: Requirement) -> str:
    what = f"{view.kb.versions[r.version].label} row {area.row} bullet {r.bullet}"
    details = []
    for ref in r.defers_to:
        details.append(f"<li>Detail left to a schedule: {view.link(ref.schedule)} "
                       f"(placeholder “{view.text(ref.placeholder)}”)</li>")
    if r.related:
        details.append(f"<li>Related: {view.links(r.related)}</li>")
    other = "2019" if r.version == "mcp-2016" else "2016"
    details.append(f'<li><a href="{esc(view.base)}compare/#{esc(compare_anchor(r.id))}">Compare with {other}</a></li>')
    meta = f'<ul class="gpia-meta">{"".join(details)}</ul>'
    meta += view.referenced_by(r.id)
    return (f'<li id="{esc(r.id)}" class="gpia-requirement"><p><span class="gpia-bullet">Bullet {r.bullet}</span> '
            f'<q class="gpia-verbatim">{view.text(r.text)}</q> {permalink(r.id, what)}</p>{meta}</li>')
