"""Schedule pages, the schedules index, the traceability view and the local adaptation checklist.

Every string that comes from the data goes through `View.text` (escaped); worked examples are
always shown inside a box labelled EXAMPLE_LABEL so nobody mistakes them for NHS wording.
"""
from __future__ import annotations

from gpia.model.checklist import EXAMPLE_ANCHOR, TEMPLATE_ANCHOR, checklist_rows
from gpia.model.current import newest_first, rank, version_heading
from gpia.model.derived import once_per_knowledge_base
from gpia.pages.drafting import example_path, template_path
from gpia.views.html import esc, md_text
from gpia.model.records import Clause, KnowledgeBase, Kpi, Requirement, Schedule, ScheduleField
from gpia.model.schedule_links import Pointer, TraceRow, pointers_to, schedules_in_order, trace_rows, versions_of
from gpia.model.urls import section_url
from gpia.views.common import View, ours
from gpia.views.paging import Item, Listing
from gpia.views.reference import DECISION_ANCHOR, clause_order

EXAMPLE_LABEL = "Illustrative example — not NHS wording"
BLANK = '<span class="gpia-blank">To be completed locally</span>'

# Readable names for the schema's enums (scripts/gpia/schemas/schedule.json, $defs.kpi).
FREQUENCIES = {"weekly": "Weekly", "monthly": "Monthly", "quarterly": "Quarterly", "six-monthly": "Six-monthly",
               "annually": "Annually"}
OWNERS = {
    "icp-clinical-director": "ICP clinical director",
    "icp-performance-lead": "ICP performance lead",
    "icp-business-intelligence-lead": "ICP business intelligence lead",
    "icp-workforce-lead": "ICP workforce lead",
    "practice-clinical-lead": "Practice clinical lead (each practice)",
    "practice-manager": "Practice manager (each practice)",
    "joint-board-chair": "Chair of the joint board",
}
DIRECTIONS = {"at-least": "at least", "at-most": "at most"}
KIND_NAMES = {"text": "text", "list": "a list", "table": "a table", "number": "a number",
              "kpi-table": "an indicator table"}
KPI_COLUMNS = ("Indicator", "Definition", "Numerator", "Denominator", "Target", "Frequency", "Data source",
               "Reporting route", "Owner", "Evidences")
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
        f'<div class="gpia-schedule"{view.cite(s.id)}>{_facts(view, s, pointers)}'
        f'{view.ours(f"<p>{view.text(s.summary)}</p>", "What goes in this schedule", s.rests_on)}</div>',
        "## Source wording { #source-wording }",
        _source_wording(view, s),
        "## What points here { #points-here }",
        _pointing_sections(view, pointers),
        "## Blank template { #template }",
        _word_downloads(view, s),
        template_html(view, s),
        f"## Worked example: {md_text(s.example.site) if s.example else 'none yet'} {{ #example }}",
        example_html(view, s),
        f'<div class="gpia-schedule-end">{view.referenced_by(s.id)}{view.reviewed(s.last_reviewed, s.path)}</div>',
    ]
    return "\n\n".join(parts)


def _facts(view: View, s: Schedule, pointers: list[Pointer]) -> str:
    versions = versions_of(view.kb, s.id)
    number = f"Numbered Schedule {esc(s.number)} in the sources." if s.number else \
        "Not numbered in the sources; the title is ours."
    placeholders = sum(1 for p in pointers if p.how == "placeholder")
    return (f'<p class="gpia-facts">{number} Pointed to by {_version_names(view, versions)} '
            f"({placeholders} placeholder{'s' if placeholders != 1 else ''} in the requirement tables). "
            f'<a href="{esc(view.base)}checklist/">Local adaptation checklist</a>.</p>')


def _version_names(view: View, versions: list[str]) -> str:
    names = [esc(view.kb.versions[v].label) for v in versions]
    return " and ".join(names) if names else "no version"


def _source_wording(view: View, s: Schedule) -> str:
    if s.quotes:
        return view.quotes(s.quotes)
    return ('<p class="gpia-silent">The sources mention this schedule only as “the relevant schedule”, in the '
            "placeholders of the requirements below.</p>")


def _pointing_sections(view: View, pointers: list[Pointer]) -> str:
    kb = view.kb
    parts = []
    for version in kb.versions.values():
        mine = [p for p in pointers if p.version == version.id]
        items = "".join(f"<li>{_pointer(view, p)}</li>" for p in mine)
        body = f'<ul class="gpia-pointers" data-pagefind-ignore>{items}</ul>' if mine else \
            f'<p class="gpia-silent">Nothing in the {esc(version.label)} guidance points here.</p>'
        parts.append(f"### {md_text(version.label)} {{ #points-here-{version.id} }}\n\n{body}")
    return "\n\n".join(parts)


def _pointer(view: View, p: Pointer) -> str:
    kb = view.kb
    if p.how in ("placeholder", "related"):
        r = kb.requirements[p.record]
        text = _with_placeholder(view, r, p.placeholder) if p.placeholder else view.text(r.text)
        what = (f'Placeholder: “<span class="gpia-placeholder">{view.text(p.placeholder)}</span>”'
                if p.placeholder else "Our link: the bullet does not name this schedule.")
        # The bullet's words are indexed for search on its row's page; this copy is left out.
        return (f"{view.link(r.id)} {esc(POINTER_WORDS[p.how])}:"
                f'<br><q class="gpia-verbatim" data-pagefind-ignore>{text}</q><br><span class="gpia-meta">{what}</span>')
    if p.how == "clause":
        c = kb.clauses[p.record]
        summary = ours(f"<p>{view.text(c.summary)}</p>").replace("<div ", "<div data-pagefind-ignore ", 1)
        return f"{view.link(c.id)} {esc(POINTER_WORDS[p.how])}. {summary}"
    return f"FAQ {view.link(p.record)} {esc(POINTER_WORDS[p.how])}."


def _with_placeholder(view: View, r: Requirement, placeholder: str) -> str:
    """The requirement's verbatim text with its placeholder marked (both parts escaped)."""
    before, found, after = r.text.partition(placeholder)
    if not found:
        return view.text(r.text)
    return f'{view.text(before)}<mark class="gpia-placeholder">{view.text(placeholder)}</mark>{view.text(after)}'


def _word_downloads(view: View, s: Schedule) -> str:
    """Links to the Word documents of the template and the example (gpia.pages.drafting), when there are any."""
    if not s.fields:
        return ""
    links = [f'<a href="{esc(view.base + template_path(s.id))}" download>Blank template (Word, .docx)</a>']
    if s.example:
        links.append(f'<a href="{esc(view.base + example_path(s.id))}" download>Worked example (Word, .docx; '
                     "illustrative, not NHS wording)</a>")
    return f'<p class="gpia-downloads" data-pagefind-ignore>Download for drafting: {" · ".join(links)}</p>'


# ---- blank template --------------------------------------------------------------------------

def template_html(view: View, s: Schedule) -> str:
    if not s.fields:
        return '<p class="gpia-silent">No template has been drafted for this schedule yet.</p>'
    items = "".join(_template_field(view, f) for f in s.fields)
    return (f'<div class="gpia-template"><p class="gpia-provenance">What a site fills in, field by field. '
            f'The drafting notes are our words <span class="gpia-not-nhs">(not NHS wording)</span>; copy the blank '
            f"into your own schedule and complete it locally.</p><dl>{items}</dl></div>")


def _template_field(view: View, f: ScheduleField) -> str:
    need = "required" if f.required else "optional"
    return (f'<dt id="{TEMPLATE_ANCHOR}-{esc(f.id)}">{view.text(f.label, mentions=False)} '
            f'<span class="gpia-need gpia-need-{need}">{need}, {esc(KIND_NAMES[f.kind])}</span></dt>'
            f'<dd><p class="gpia-guidance"><span class="gpia-label">Drafting note</span> '
            f'<span class="gpia-not-nhs">(not NHS wording)</span>: {_invented(view, f.guidance)}</p>{_blank(view, f)}</dd>')


def _blank(view: View, f: ScheduleField) -> str:
    if f.kind == "table":
        return _table([view.text(c.label, mentions=False) for c in f.columns], [[BLANK] * len(f.columns)])
    if f.kind == "kpi-table":
        # One row per column of the indicator table: ten columns side by side were 1,600 px wide.
        return ('<p class="gpia-provenance">For each indicator, one entry per item below '
                "(the worked example shows them as a table).</p>"
                + _table(["For each indicator", "Entry"], [[c, BLANK] for c in KPI_COLUMNS]))
    if f.kind == "number":
        return f'<p>{BLANK} <span class="gpia-unit">{_invented(view, f.unit or "")}</span></p>'
    if f.kind == "list":
        return f"<ul><li>{BLANK}</li><li>{BLANK}</li></ul>"
    return f"<p>{BLANK}</p>"


def _table(headings: list[str], rows: list[list[str]]) -> str:
    """A plain table (no class, so Material styles it and makes it scroll sideways on phones)."""
    head = "".join(f'<th scope="col">{h}</th>' for h in headings)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


# ---- worked example ----------------------------------------------------------------------------

def example_html(view: View, s: Schedule) -> str:
    if s.example is None:
        return '<p class="gpia-silent">No worked example has been written for this schedule yet.</p>'
    about = f"<p>{_invented(view, s.example.about)}</p>" if s.example.about else ""
    items = "".join(
        f'<dt id="{EXAMPLE_ANCHOR}-{esc(f.id)}">{view.text(f.label, mentions=False)}</dt>'
        f"<dd>{_value(view, f, s.example.values[f.id])}</dd>"
        for f in s.fields if f.id in s.example.values)
    return (f'<div class="admonition example gpia-example"><p class="admonition-title">{esc(EXAMPLE_LABEL)}</p>'
            f'<p class="gpia-provenance">A completed version of this schedule for '
            f"<strong>{view.text(s.example.site, mentions=False)}</strong>, a fictional site. Every name, number "
            f"and arrangement below is invented to show the form; none of it is NHS wording or guidance.</p>"
            f"{about}<dl>{items}</dl></div>")


def _value(view: View, f: ScheduleField, value: object) -> str:
    if f.kind == "kpi-table":
        return kpi_table(view, tuple(k for k in value if isinstance(k, Kpi))) if isinstance(value, tuple) else ""
    if f.kind == "table" and isinstance(value, tuple):
        rows = [[_invented(view, str(row.get(c.id, ""))) for c in f.columns] for row in value if isinstance(row, dict)]
        return _table([view.text(c.label, mentions=False) for c in f.columns], rows)
    if f.kind == "list" and isinstance(value, tuple):
        return "<ul>" + "".join(f"<li>{_invented(view, str(item))}</li>" for item in value) + "</ul>"
    if f.kind == "number":
        return f'<p>{esc(number(value))} <span class="gpia-unit">{_invented(view, f.unit or "")}</span></p>'
    return f"<p>{_invented(view, str(value))}</p>"


def _invented(view: View, value: str) -> str:
    """Template and example text: escaped, without links on "Schedule 3"-style mentions, because the
    backlinks ("Referenced by") are computed from the records' own texts only (backlinks.py)."""
    return view.text(value, mentions=False)


def number(value: object) -> str:
    """12.0 -> '12', 2.5 -> '2.5'."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def target_text(kpi: Kpi) -> str:
    unit = kpi.target.unit
    return f"{DIRECTIONS[kpi.target.direction]} {number(kpi.target.value)}{'' if unit == '%' else ' '}{unit}"


def kpi_table(view: View, kpis: tuple[Kpi, ...]) -> str:
    """A summary table (one row per indicator) and each indicator in full under its own anchor (its id)."""
    summary = _table(["Indicator", "Target", "Frequency", "Owner"], [
        [f'<a href="#{esc(k.id)}">{view.text(k.name, mentions=False)}</a>', _invented(view, target_text(k)),
         esc(FREQUENCIES[k.frequency]), view.text(OWNERS[k.owner], mentions=False)] for k in kpis])
    details = "".join(_kpi(view, k) for k in kpis)
    return f'{summary}<div class="gpia-kpis">{details}</div>'


def _kpi(view: View, k: Kpi) -> str:
    rows = [("Definition", _invented(view, k.definition)), ("Numerator", _invented(view, k.numerator)),
            ("Denominator", _invented(view, k.denominator)), ("Target", _invented(view, target_text(k))),
            ("Frequency", esc(FREQUENCIES[k.frequency])), ("Data source", _invented(view, k.data_source)),
            ("Reporting route", _invented(view, k.reporting_route)), ("Owner", view.text(OWNERS[k.owner], mentions=False)),
            ("Evidences", "<ul>" + "".join(f"<li>{view.link(r)}</li>" for r in k.evidences) + "</ul>")]
    body = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
    return (f'<section class="gpia-kpi" id="{esc(k.id)}" aria-labelledby="{esc(k.id)}-name">'
            f'<h3 id="{esc(k.id)}-name">{view.text(k.name, mentions=False)} '
            f'<a class="gpia-permalink" data-pagefind-ignore href="#{esc(k.id)}" aria-label="Permanent link to this indicator">¶</a></h3>'
            f"<dl>{body}</dl></section>")


# ---- index (/schedules/ and its later pages) -----------------------------------------------------

SCHEDULES_PER_PAGE = 25
INDEX_COLUMNS = ("No.", "Schedule", "Versions that point here", "Placeholders", "Other mentions", "Template fields",
                 "Indicators")


@once_per_knowledge_base
def schedules_listing(kb: KnowledgeBase) -> Listing:
    return Listing("schedules", "Schedules", "schedules/", SCHEDULES_PER_PAGE,
                         tuple(Item(s.id) for s in schedules_in_order(kb)), entry=_index_row, table=_index_table,
                   files=lambda kb, s: kb.schedules[s].path)


def _index_table(view: View, rows: str) -> str:
    head = "".join(f'<th scope="col">{h}</th>' for h in INDEX_COLUMNS)
    return (f'<p class="gpia-provenance">{len(view.kb.schedules)} schedules. “Placeholders” counts requirement bullets '
            "that leave detail to the schedule; “Other mentions” counts the other records that point at it: clauses "
            f"and FAQs that name it, and requirements and FAQs we link to it.</p><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")


def _index_row(view: View, schedule_id: str) -> str:
    kb = view.kb
    s = kb.schedules[schedule_id]
    pointers = pointers_to(kb, s.id)
    placeholders = sum(1 for p in pointers if p.how == "placeholder")
    required = sum(1 for f in s.fields if f.required)
    cells = [
        esc(s.number) if s.number else "—",
        f'<a href="{esc(view.href(s.id))}">{view.text(s.title, mentions=False)}</a>',
        _version_names(view, versions_of(kb, s.id)),
        str(placeholders),
        str(len(pointers) - placeholders),
        f"{len(s.fields)} ({required} required)",
        str(len(s.kpis)) if s.kpis else "—",
    ]
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


# ---- traceability -----------------------------------------------------------------------------

TRACE_PER_PAGE = 25
CHECKLIST_PER_PAGE = 25


@once_per_knowledge_base
def traceability_listing(kb: KnowledgeBase) -> Listing:
    """Every requirement that defers to a schedule or that an indicator evidences, by version; each
    page ends with the YAML files of its requirements."""
    items = tuple(sorted((Item(r.requirement.id, r.requirement.version) for r in trace_rows(kb)),
                         key=lambda item: rank(kb, item.group)))  # the current version first
    return Listing("traceability", "Traceability: commitments, schedules and indicators", "traceability/",
                         TRACE_PER_PAGE, items, entry=_trace_entry,
                   group_heading=lambda view, version: f"{esc(version_heading(view.kb, version))} requirements",
                   files=lambda kb, r: kb.tables[kb.requirements[r].table].path)


@once_per_knowledge_base
def _trace_rows_by_id(kb: KnowledgeBase) -> dict[str, TraceRow]:
    return {r.requirement.id: r for r in trace_rows(kb)}


def _trace_entry(view: View, requirement_id: str) -> str:
    kb = view.kb
    row = _trace_rows_by_id(kb)[requirement_id]
    none = '<span class="gpia-silent">none</span>'
    schedules = ", ".join(view.link(s) for s in row.schedules) or none
    indicators = ", ".join(f'<a href="{esc(view.base + section_url(kb, s.id, k.id))}">{view.text(k.name, mentions=False)}</a>'
                           for s, k in row.kpis) or none
    # The requirement's text is indexed for search on its row's page only.
    return (f'<p>{view.link(requirement_id)}<br><q class="gpia-verbatim" data-pagefind-ignore>'
            f"{view.text(row.requirement.text)}</q></p>"
            f'<p class="gpia-trace">Schedule: {schedules}. Indicators <span class="gpia-not-nhs">(illustrative '
            f"example — not NHS wording)</span>: {indicators}.</p>")


def traceability_page(view: View) -> str:
    """Page 1 of /traceability/: the counts, then the first page of the list."""
    kb = view.kb
    rows = trace_rows(kb)
    per_version = ", ".join(f"{sum(1 for r in rows if r.requirement.version == v)} of {esc(kb.versions[v].label)}"
                            for v in newest_first(kb))
    intro = (f'<p class="gpia-provenance">{len(rows)} requirements ({per_version}) leave detail to a schedule or are '
             f"evidenced by an indicator of the worked example; {sum(1 for r in rows if r.schedules and not r.kpis)} "
             "of them have a placeholder but no indicator yet.</p>")
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
    return Listing("checklist", "Local adaptation checklist", "checklist/", CHECKLIST_PER_PAGE,
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


def _checklist_group(view: View, group: str) -> str:
    if group == "decisions":
        return "Optional wording to decide on"
    what, _, version = group.partition("-")
    label = esc(version_heading(view.kb, version))
    return f"{label}: placeholders to complete" if what == "placeholders" else \
        f"{label}: schedules named without a placeholder"


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


def _template_and_example(view: View, schedule_id: str) -> str:
    kb = view.kb
    return (f'<a href="{esc(view.base + section_url(kb, schedule_id, TEMPLATE_ANCHOR))}">Blank template</a> · '
            f'<a href="{esc(view.base + section_url(kb, schedule_id, EXAMPLE_ANCHOR))}">Illustrative example</a>')


def _placeholder_entry(view: View, requirement_id: str) -> str:
    """A requirement with its placeholders marked (a copy: indexed for search on its row's page only)."""
    r = view.kb.requirements[requirement_id]
    text = _with_placeholders(view, r.text, [ref.placeholder for ref in r.defers_to])
    where = "".join(f'<p class="gpia-trace">{_which(view, ref.placeholder, len(r.defers_to))}Complete it in '
                    f"{view.link(ref.schedule)} ({_template_and_example(view, ref.schedule)}).</p>" for ref in r.defers_to)
    return f'<p>{view.link(r.id)}<br><q class="gpia-verbatim" data-pagefind-ignore>{text}</q></p>{where}'


def _which(view: View, placeholder: str, count: int) -> str:
    """Names the placeholder when a requirement has more than one (the marked text shows a single one)."""
    if count == 1:
        return ""
    return f'“<span class="gpia-placeholder" data-pagefind-ignore>{view.text(placeholder)}</span>”: '


def _with_placeholders(view: View, text: str, placeholders: list[str]) -> str:
    """Verbatim text with each placeholder marked (every part escaped)."""
    parts = []
    rest = text
    for placeholder in placeholders:
        before, found, after = rest.partition(placeholder)
        if not found:
            continue
        parts.append(f'{view.text(before)}<mark class="gpia-placeholder">{view.text(placeholder)}</mark>')
        rest = after
    return "".join(parts) + view.text(rest)


def _named_entry(view: View, version: str, schedule_id: str) -> str:
    mine = [p for p in pointers_to(view.kb, schedule_id) if p.version == version]
    named = ", ".join(view.link(p.record) for p in mine if p.names_schedule)
    linked = ", ".join(view.link(p.record) for p in mine if not p.names_schedule)
    by = "; ".join(([f"named by {named}"] if named else []) + ([f"linked here by us from {linked}"] if linked else []))
    return f"{view.link(schedule_id)}, {by} ({_template_and_example(view, schedule_id)})"


def _decision_entry(view: View, clause_id: str) -> str:
    kb = view.kb
    c = kb.clauses[clause_id]
    return (f'<a href="{esc(view.base + section_url(kb, c.id, DECISION_ANCHOR))}">Decide on clause {esc(c.number)} '
            f"({esc(kb.versions[c.template].label)}): {view.text(c.title, mentions=False)}</a>: wording in square "
            "brackets that each party includes only by local decision.")


def checklist_page(view: View) -> str:
    """Page 1 of /checklist/: the counts, then the first page of the list."""
    kb = view.kb
    rows = checklist_rows(kb)
    named = _named_without_placeholder(kb)
    decisions = _optional_clauses(kb)
    intro = (f'<p class="gpia-provenance">{len(rows)} placeholders in {len(kb.versions)} versions, each highlighted '
             f"in its requirement; {len(named)} schedule{'s' if len(named) != 1 else ''} that a version names without "
             f"a placeholder (a clause or FAQ of the version points to them: decide whether your agreement needs them); "
             f"and {len(decisions)} clause{'s' if len(decisions) != 1 else ''} with optional wording to decide on.</p>")
    return intro + checklist_listing(kb).render(view, 1)
