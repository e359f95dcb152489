"""Schedule pages, the schedules index, the traceability view and the local adaptation checklist.

Every string that comes from the data goes through `View.text` (escaped); worked examples are
always shown inside a box labelled EXAMPLE_LABEL so nobody mistakes them for NHS wording.
"""
from __future__ import annotations

from markupsafe import Markup

from gpia.model.checklist import EXAMPLE_ANCHOR, TEMPLATE_ANCHOR, checklist_rows
from gpia.model.current import newest_first, rank, version_heading
from gpia.model.derived import once_per_knowledge_base
from gpia.views.html import md_text
from gpia.model.records import FREQUENCIES, OWNERS, Clause, KnowledgeBase, Kpi, Schedule, ScheduleField
from gpia.model.schedule_links import Pointer, TraceRow, pointers_to, schedules_in_order, trace_rows, versions_of
from gpia.model.urls import section_url
from gpia.model.schedule_words import EXAMPLE_LABEL, KIND_NAMES, KPI_COLUMNS, number, target_text  # noqa: F401
from gpia.sitemap import LISTS, draft_href, schedule_example_docx as example_path, schedule_template_docx as template_path
from gpia.views.common import View, ours
from gpia.views.paging import Item, Listing
from gpia.views.reference import DECISION_ANCHOR, clause_order
from gpia.views.templating import render

# A `related` link and an FAQ that does not name the schedule are our associations, not mentions.
POINTER_WORDS = {"placeholder": "leaves detail here", "related": "is linked here by us",
                 "clause": "cross-refers here", "faq": "mentions this schedule",
                 "faq-association": "is linked here by us (its answer does not name this schedule)"}


# ---- one schedule's page -------------------------------------------------------------------

def schedule_page(view: View, schedule_id: str) -> str:
    """Markdown for /schedules/<id>/: its title comes from here too, so no data text enters a template."""
    kb = view.kb
    if schedule_id not in kb.schedules:
        raise KeyError(f"schedule_page: no schedule has the id '{schedule_id}'")
    s = kb.schedules[schedule_id]
    pointers = pointers_to(kb, s.id)
    parts = [
        f"# {md_text(s.label)} {{ #{s.id} }}",
        render("schedule.html", cite=view.cite(s.id), number=s.number or "",
               versions=_version_names(view, versions_of(kb, s.id)),
               placeholders=sum(1 for p in pointers if p.how == "placeholder"), base=view.base,
               summary=view.ours_text(s.summary, "What goes in this schedule", s.rests_on)),
        "## Source wording { #source-wording }",
        render("schedule-source-wording.html", quotes=view.quotes(s.quotes)),
        "## What points here { #points-here }",
        _pointing_sections(view, pointers),
        "## Blank template { #template }",
        _word_downloads(view, s),
        template_html(view, s),
        f"## Worked example: {md_text(s.example.site) if s.example else 'none yet'} {{ #example }}",
        example_html(view, s),
        render("record-end.html", class_name="gpia-schedule-end", back="", referenced_by=view.referenced_by(s.id),
               reviewed=view.reviewed(s.last_reviewed, s.path)),
    ]
    return "\n\n".join(parts)


def _version_names(view: View, versions: list[str]) -> Markup:
    return render("version-names.html", labels=[view.kb.versions[v].label for v in versions])


def _pointing_sections(view: View, pointers: list[Pointer]) -> str:
    kb = view.kb
    parts = []
    for version in kb.versions.values():
        mine = [p for p in pointers if p.version == version.id]
        body = render("schedule-pointers.html", pointers=[_pointer(view, p) for p in mine], version=version.label)
        parts.append(f"### {md_text(version.label)} {{ #points-here-{version.id} }}\n\n{body}")
    return "\n\n".join(parts)


def _pointer(view: View, p: Pointer) -> Markup:
    kb = view.kb
    if p.how in ("placeholder", "related"):
        r = kb.requirements[p.record]
        text = _with_placeholders(view, r.text, [p.placeholder]) if p.placeholder else view.text(r.text)
        return render("schedule-pointer.html", kind="requirement", link=view.link(r.id), how=POINTER_WORDS[p.how],
                      text=text, placeholder=view.text(p.placeholder) if p.placeholder else "")
    if p.how == "clause":
        c = kb.clauses[p.record]
        return render("schedule-pointer.html", kind="clause", link=view.link(c.id), how=POINTER_WORDS[p.how],
                      summary=ours(render("paragraph.html", text=view.text(c.summary)), indexed=False))
    return render("schedule-pointer.html", kind="faq", link=view.link(p.record), how=POINTER_WORDS[p.how])


def _word_downloads(view: View, s: Schedule) -> str:
    """Links to the Word documents of the template and the example (gpia.pages.drafting), when there are any."""
    if not s.fields:
        return Markup()
    return render("schedule-downloads.html", template_href=view.base + template_path(s.id),
                  example_href=view.base + example_path(s.id) if s.example else "",
                  draft_href=view.base + draft_href(view.kb, s.id))


# ---- blank template --------------------------------------------------------------------------

def template_html(view: View, s: Schedule) -> Markup:
    fields = [{"id": f.id, "label": view.text(f.label, mentions=False), "need": "required" if f.required else "optional",
               "kind": KIND_NAMES[f.kind], "guidance": _invented(view, f.guidance), "blank": _blank(view, f)}
              for f in s.fields]
    return render("schedule-template.html", fields=fields, anchor=TEMPLATE_ANCHOR)


def _blank(view: View, f: ScheduleField) -> Markup:
    blank = render("blank.html")
    table: Markup | str = ""
    if f.kind == "table":
        table = _table([view.text(c.label, mentions=False) for c in f.columns], [[blank] * len(f.columns)])
    elif f.kind == "kpi-table":
        # One row per column of the indicator table: ten columns side by side were 1,600 px wide.
        table = _table(["For each indicator", "Entry"], [[c, blank] for c in KPI_COLUMNS])
    return render("schedule-blank.html", kind=f.kind, table=table, unit=_invented(view, f.unit or ""))


def _table(headings: list, rows: list[list]) -> Markup:
    """A plain table (no class, so Material styles it and makes it scroll sideways on phones)."""
    return render("table.html", headings=headings, rows=rows)


# ---- worked example ----------------------------------------------------------------------------

def example_html(view: View, s: Schedule) -> Markup:
    if s.example is None:
        return render("schedule-example.html", site="")
    values = [{"id": f.id, "label": view.text(f.label, mentions=False), "value": _value(view, f, s.example.values[f.id])}
              for f in s.fields if f.id in s.example.values]
    return render("schedule-example.html", label=EXAMPLE_LABEL, site=view.text(s.example.site, mentions=False),
                  about=_invented(view, s.example.about) if s.example.about else "", values=values,
                  anchor=EXAMPLE_ANCHOR)


def _value(view: View, f: ScheduleField, value: object) -> Markup:
    if f.kind == "kpi-table":
        table = kpi_table(view, tuple(k for k in value if isinstance(k, Kpi))) if isinstance(value, tuple) else ""
        return render("schedule-value.html", kind=f.kind, table=table)
    if f.kind == "table" and isinstance(value, tuple):
        rows = [[_invented(view, str(row.get(c.id, ""))) for c in f.columns] for row in value if isinstance(row, dict)]
        return render("schedule-value.html", kind=f.kind,
                      table=_table([view.text(c.label, mentions=False) for c in f.columns], rows))
    if f.kind == "list" and isinstance(value, tuple):
        return render("schedule-value.html", kind=f.kind, items=[_invented(view, str(item)) for item in value])
    if f.kind == "number":
        return render("schedule-value.html", kind=f.kind, number=number(value), unit=_invented(view, f.unit or ""))
    return render("schedule-value.html", kind="text", text=_invented(view, str(value)))


def _invented(view: View, value: str) -> str:
    """Template and example text: escaped, without links on "Schedule 3"-style mentions, because the
    backlinks ("Referenced by") are computed from the records' own texts only (backlinks.py)."""
    return view.text(value, mentions=False)


def kpi_table(view: View, kpis: tuple[Kpi, ...]) -> Markup:
    """A summary table (one row per indicator) and each indicator in full under its own anchor (its id)."""
    summary = _table(["Indicator", "Target", "Frequency", "Owner"], [
        [render("link.html", href=f"#{k.id}", text=view.text(k.name, mentions=False)), _invented(view, target_text(k)),
         FREQUENCIES[k.frequency], view.text(OWNERS[k.owner], mentions=False)] for k in kpis])
    return render("kpi-table.html", summary=summary, kpis=[_kpi(view, k) for k in kpis])


def _kpi(view: View, k: Kpi) -> dict[str, object]:
    rows = [("Definition", _invented(view, k.definition)), ("Numerator", _invented(view, k.numerator)),
            ("Denominator", _invented(view, k.denominator)), ("Target", _invented(view, target_text(k))),
            ("Frequency", FREQUENCIES[k.frequency]), ("Data source", _invented(view, k.data_source)),
            ("Reporting route", _invented(view, k.reporting_route)), ("Owner", view.text(OWNERS[k.owner], mentions=False)),
            ("Evidences", render("link-list.html", links=[view.link(r) for r in k.evidences]))]
    return {"id": k.id, "name": view.text(k.name, mentions=False), "rows": rows}


# ---- index (/schedules/ and its later pages) -----------------------------------------------------

SCHEDULES_PER_PAGE = 25
INDEX_COLUMNS = ("No.", "Schedule", "Versions that point here", "Placeholders", "Other mentions", "Template fields",
                 "Indicators")


@once_per_knowledge_base
def schedules_listing(kb: KnowledgeBase) -> Listing:
    return Listing("schedules", "Schedules", LISTS["schedules"], SCHEDULES_PER_PAGE,
                         tuple(Item(s.id) for s in schedules_in_order(kb)), entry=_index_row, table=_index_table,
                   files=lambda kb, s: kb.schedules[s].path)


def _index_table(view: View, rows: str) -> Markup:
    return render("schedules-index.html", count=len(view.kb.schedules), headings=INDEX_COLUMNS, rows=rows)


def _index_row(view: View, schedule_id: str) -> Markup:
    kb = view.kb
    s = kb.schedules[schedule_id]
    pointers = pointers_to(kb, s.id)
    placeholders = sum(1 for p in pointers if p.how == "placeholder")
    required = sum(1 for f in s.fields if f.required)
    cells = [
        s.number or "—",
        render("link.html", href=view.href(s.id), text=view.text(s.title, mentions=False)),
        _version_names(view, versions_of(kb, s.id)),
        placeholders,
        len(pointers) - placeholders,
        f"{len(s.fields)} ({required} required)",
        len(s.kpis) if s.kpis else "—",
    ]
    return render("schedules-index-row.html", cells=cells)


# ---- traceability -----------------------------------------------------------------------------

TRACE_PER_PAGE = 25
CHECKLIST_PER_PAGE = 25


@once_per_knowledge_base
def traceability_listing(kb: KnowledgeBase) -> Listing:
    """Every requirement that defers to a schedule or that an indicator evidences, by version; each
    page ends with the YAML files of its requirements."""
    items = tuple(sorted((Item(r.requirement.id, r.requirement.version) for r in trace_rows(kb)),
                         key=lambda item: rank(kb, item.group)))  # the current version first
    return Listing("traceability", "Traceability: commitments, schedules and indicators", LISTS["traceability"],
                         TRACE_PER_PAGE, items, entry=_trace_entry,
                   group_heading=lambda view, version: render("traceability-group.html",
                                                              version=version_heading(view.kb, version)),
                   files=lambda kb, r: kb.tables[kb.requirements[r].table].path)


@once_per_knowledge_base
def _trace_rows_by_id(kb: KnowledgeBase) -> dict[str, TraceRow]:
    return {r.requirement.id: r for r in trace_rows(kb)}


def _trace_entry(view: View, requirement_id: str) -> Markup:
    kb = view.kb
    row = _trace_rows_by_id(kb)[requirement_id]
    return render("trace-entry.html", link=view.link(requirement_id), text=view.text(row.requirement.text),
                  schedules=Markup(", ").join(view.link(s) for s in row.schedules),
                  indicators=Markup(", ").join(render("link.html", href=view.base + section_url(kb, s.id, k.id),
                                                      text=view.text(k.name, mentions=False)) for s, k in row.kpis))


def traceability_page(view: View) -> Markup:
    """Page 1 of /traceability/: the counts, then the first page of the list."""
    kb = view.kb
    rows = trace_rows(kb)
    intro = render("traceability-intro.html", total=len(rows),
                   versions=[(sum(1 for r in rows if r.requirement.version == v), kb.versions[v].label)
                             for v in newest_first(kb)],
                   unevidenced=sum(1 for r in rows if r.schedules and not r.kpis))
    return intro + traceability_listing(kb).render(view, 1)


# ---- local adaptation checklist ----------------------------------------------------------------

@once_per_knowledge_base
def checklist_listing(kb: KnowledgeBase) -> Listing:
    """Everything a site decides locally: each version's placeholders, the schedules a version names
    without a placeholder, and the clauses with optional wording. Each page ends with the YAML files
    of what it shows."""
    # The placeholders of the CSV download (checklist_rows), in its order: one entry per requirement.
    placeholders = sorted((Item(r, f"placeholders-{kb.requirements[r].version}")
                           for r in dict.fromkeys(row.requirement_id for row in checklist_rows(kb))),
                          key=lambda item: rank(kb, kb.requirements[item.record_id].version))  # current first, stable
    # A schedule can be named without a placeholder by both versions: its item is "<version>:<schedule>".
    named = sorted((Item(f"{version}:{s}", f"named-{version}") for version, s in _named_without_placeholder(kb)),
                   key=lambda item: rank(kb, item.record_id.split(":")[0]))
    decisions = [Item(c.id, "decisions") for c in _optional_clauses(kb)]
    return Listing("checklist", "Local adaptation checklist", LISTS["checklist"], CHECKLIST_PER_PAGE,
                         tuple(placeholders + named + decisions), entry=_checklist_entry,
                   group_heading=_checklist_group, files=_checklist_file)


@once_per_knowledge_base
def _named_without_placeholder(kb: KnowledgeBase) -> tuple[tuple[str, str], ...]:
    """(version id, schedule id) for each schedule a version names only through a clause, a related
    link or an FAQ: still a local decision. By version, then in schedule order."""
    found = []
    for version in kb.versions.values():
        for s in schedules_in_order(kb):
            mine = [p for p in pointers_to(kb, s.id) if p.version == version.id]
            if mine and not any(p.how == "placeholder" for p in mine):
                found.append((version.id, s.id))
    return tuple(found)


def _optional_clauses(kb: KnowledgeBase) -> list[Clause]:
    return sorted((c for c in kb.clauses.values() if c.optional_wording), key=lambda c: clause_order(kb, c))


def _checklist_group(view: View, group: str) -> Markup:
    what, _, version = group.partition("-")
    return render("checklist-group.html", what=group if group == "decisions" else what,
                  version=version_heading(view.kb, version) if version else "")


def _checklist_file(kb: KnowledgeBase, record_id: str) -> str:
    if record_id in kb.clauses:
        return kb.clauses[record_id].path
    if ":" in record_id:
        return kb.schedules[record_id.split(":")[1]].path
    return kb.tables[kb.requirements[record_id].table].path


def _checklist_entry(view: View, record_id: str) -> str:
    kb = view.kb
    if record_id in kb.clauses:
        return _decision_entry(view, record_id)
    if ":" in record_id:
        return _named_entry(view, *record_id.split(":"))
    return _placeholder_entry(view, record_id)


def _template_and_example(view: View, schedule_id: str) -> Markup:
    kb = view.kb
    return render("template-and-example.html", template_href=view.base + section_url(kb, schedule_id, TEMPLATE_ANCHOR),
                  example_href=view.base + section_url(kb, schedule_id, EXAMPLE_ANCHOR))


def _placeholder_entry(view: View, requirement_id: str) -> Markup:
    """A requirement with its placeholders marked, and where to complete each (the marked text shows
    a single one: with more than one, each is named)."""
    r = view.kb.requirements[requirement_id]
    places = [(view.text(ref.placeholder) if len(r.defers_to) > 1 else "", view.link(ref.schedule),
               _template_and_example(view, ref.schedule)) for ref in r.defers_to]
    return render("placeholder-entry.html", link=view.link(r.id),
                  text=_with_placeholders(view, r.text, [ref.placeholder for ref in r.defers_to]), places=places)


def _with_placeholders(view: View, text: str, placeholders: list[str]) -> Markup:
    """Verbatim text with each placeholder marked (every part escaped)."""
    parts = []
    rest = text
    for placeholder in placeholders:
        before, found, after = rest.partition(placeholder)
        if not found:
            continue
        parts.append((view.text(before), view.text(placeholder)))
        rest = after
    return render("marked.html", parts=parts, rest=view.text(rest))


def _named_entry(view: View, version: str, schedule_id: str) -> Markup:
    mine = [p for p in pointers_to(view.kb, schedule_id) if p.version == version]
    return render("named-entry.html", link=view.link(schedule_id),
                  named=Markup(", ").join(view.link(p.record) for p in mine if p.names_schedule),
                  linked=Markup(", ").join(view.link(p.record) for p in mine if not p.names_schedule),
                  links=_template_and_example(view, schedule_id))


def _decision_entry(view: View, clause_id: str) -> Markup:
    kb = view.kb
    c = kb.clauses[clause_id]
    return render("decision-entry.html", href=view.base + section_url(kb, c.id, DECISION_ANCHOR), number=c.number,
                  version=kb.versions[c.template].label, title=view.text(c.title, mentions=False))


def checklist_page(view: View) -> Markup:
    """Page 1 of /checklist/: the counts, then the first page of the list."""
    kb = view.kb
    intro = render("checklist-intro.html", placeholders=len(checklist_rows(kb)), versions=len(kb.versions),
                   named=len(_named_without_placeholder(kb)), decisions=len(_optional_clauses(kb)))
    return intro + checklist_listing(kb).render(view, 1)
