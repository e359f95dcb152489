"""Schedule pages, the schedules index, the traceability view and the local adaptation checklist.

Every string that comes from the data goes through `View.text` (escaped); worked examples are
always shown inside a box labelled EXAMPLE_LABEL so nobody mistakes them for NHS wording.
"""
from __future__ import annotations

from ..checklist import EXAMPLE_ANCHOR, TEMPLATE_ANCHOR, checklist_rows
from ..html import esc, md_text
from ..model import Kpi, Requirement, Schedule, ScheduleField
from ..schedule_links import (Pointer, pointers_to, schedules_in_order, trace_rows, versions_of)
from ..urls import section_url
from .common import View, ours

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
POINTER_WORDS = {"placeholder": "leaves detail here", "related": "mentions this schedule",
                 "clause": "cross-refers here", "faq": "mentions this schedule"}


# ---- one schedule's page -------------------------------------------------------------------

def schedule_page(view: View, schedule_id: str) -> str:
    """Markdown for /schedules/<id>/: the macro writes the title too, so no data text enters Jinja."""
    kb = view.kb
    if schedule_id not in kb.schedules:
        raise KeyError(f"schedule_page: no schedule has the id '{schedule_id}'")
    s = kb.schedules[schedule_id]
    pointers = pointers_to(kb, s.id)
    parts = [
        f"# {md_text(s.label)} {{ #{s.id} }}",
        f'<div class="gpia-schedule">{_facts(view, s, pointers)}'
        f'{ours(f"<p>{view.text(s.summary)}</p>", "What goes in this schedule")}</div>',
        "## Source wording { #source-wording }",
        _source_wording(view, s),
        "## What points here { #points-here }",
        _pointing_sections(view, pointers),
        "## Blank template { #template }",
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
        body = f'<ul class="gpia-pointers">{items}</ul>' if mine else \
            f'<p class="gpia-silent">Nothing in the {esc(version.label)} guidance points here.</p>'
        parts.append(f"### {md_text(version.label)} {{ #points-here-{version.id} }}\n\n{body}")
    return "\n\n".join(parts)


def _pointer(view: View, p: Pointer) -> str:
    kb = view.kb
    if p.how in ("placeholder", "related"):
        r = kb.requirements[p.record]
        text = _with_placeholder(view, r, p.placeholder) if p.placeholder else view.text(r.text)
        what = (f'Placeholder: “<span class="gpia-placeholder">{view.text(p.placeholder)}</span>”'
                if p.placeholder else "Mentions this schedule without a placeholder.")
        return (f"{view.link(r.id)} {esc(POINTER_WORDS[p.how])}:"
                f'<br><q class="gpia-verbatim">{text}</q><br><span class="gpia-meta">{what}</span>')
    if p.how == "clause":
        c = kb.clauses[p.record]
        return f"{view.link(c.id)} {esc(POINTER_WORDS[p.how])}. {ours(f'<p>{view.text(c.summary)}</p>')}"
    return f"FAQ {view.link(p.record)} {esc(POINTER_WORDS[p.how])}."


def _with_placeholder(view: View, r: Requirement, placeholder: str) -> str:
    """The requirement's verbatim text with its placeholder marked (both parts escaped)."""
    before, found, after = r.text.partition(placeholder)
    if not found:
        return view.text(r.text)
    return f'{view.text(before)}<mark class="gpia-placeholder">{view.text(placeholder)}</mark>{view.text(after)}'


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
        return _table(list(KPI_COLUMNS), [[BLANK] * len(KPI_COLUMNS)])
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
            f'<h4 id="{esc(k.id)}-name">{view.text(k.name, mentions=False)} '
            f'<a class="gpia-permalink" data-search-exclude href="#{esc(k.id)}" aria-label="Permanent link to this indicator">¶</a></h4>'
            f"<dl>{body}</dl></section>")


# ---- index -------------------------------------------------------------------------------------

def schedules_index(view: View) -> str:
    kb = view.kb
    rows = []
    for s in schedules_in_order(kb):
        pointers = pointers_to(kb, s.id)
        placeholders = sum(1 for p in pointers if p.how == "placeholder")
        required = sum(1 for f in s.fields if f.required)
        rows.append([
            esc(s.number) if s.number else "—",
            f'<a href="{esc(view.href(s.id))}">{view.text(s.title, mentions=False)}</a>',
            _version_names(view, versions_of(kb, s.id)),
            str(placeholders),
            str(len(pointers) - placeholders),
            f"{len(s.fields)} ({required} required)",
            str(len(s.kpis)) if s.kpis else "—",
        ])
    table = _table(["No.", "Schedule", "Versions that point here", "Placeholders", "Other mentions",
                    "Template fields", "Indicators"], rows)
    return (f'<p class="gpia-provenance">{len(rows)} schedules. “Placeholders” counts requirement bullets that leave '
            "detail to the schedule; “Other mentions” counts requirements, clauses and FAQs that name it "
            "without a placeholder.</p>" + table)


# ---- traceability -----------------------------------------------------------------------------

def traceability_page(view: View) -> str:
    kb = view.kb
    rows = trace_rows(kb)
    parts = [f'<p class="gpia-provenance">{len(rows)} requirements leave detail to a schedule or are evidenced by '
             f"an indicator of the worked example; {sum(1 for r in rows if r.schedules and not r.kpis)} "
             "of them have a placeholder but no indicator yet.</p>"]
    for version in kb.versions.values():
        mine = [r for r in rows if r.requirement.version == version.id]
        table = _table(["Requirement", "Schedule", "Indicators (illustrative example — not NHS wording)"], [
            [f'{view.link(r.requirement.id)}<br><q class="gpia-verbatim">{view.text(r.requirement.text)}</q>',
             "<br>".join(view.link(s) for s in r.schedules) or '<span class="gpia-silent">none</span>',
             "<br>".join(f'<a href="{esc(view.base + section_url(kb, s.id, k.id))}">{view.text(k.name, mentions=False)}</a>'
                         for s, k in r.kpis) or '<span class="gpia-silent">none</span>']
            for r in mine])
        parts.append(f"## {md_text(version.label)} {{ #{version.id}-trace }}\n\n"
                     f'<p class="gpia-provenance">{len(mine)} requirements of the {esc(version.label)} tables.</p>'
                     f"{table}")
    return "\n\n".join(parts)


# ---- local adaptation checklist ----------------------------------------------------------------

def checklist_page(view: View) -> str:
    kb = view.kb
    rows = checklist_rows(kb)
    parts = [f'<p class="gpia-provenance">{len(rows)} placeholders in {len(kb.versions)} versions; the placeholder '
             "is highlighted in each requirement.</p>"]
    for version in kb.versions.values():
        mine = [r for r in rows if r.version == version.label]
        table = _table(["Requirement", "Placeholder", "Schedule", "Template", "Example"], [
            [f'<a href="{esc(view.base + r.requirement_link)}">{view.text(r.area, mentions=False)}, bullet {r.bullet}</a>'
             f'<br><q class="gpia-verbatim">{_with_placeholder(view, kb.requirements[r.requirement_id], r.placeholder)}</q>',
             f'“<span class="gpia-placeholder">{view.text(r.placeholder)}</span>”',
             view.link(r.schedule_id),
             f'<a href="{esc(view.base + r.template_link)}">Blank template</a>',
             f'<a href="{esc(view.base + r.example_link)}">Illustrative example</a>'] for r in mine])
        parts.append(f"## {md_text(version.label)}: placeholders {{ #{version.id}-placeholders }}\n\n{table}")
    parts.append("## Schedules named without a placeholder { #without-placeholder }\n\n" + _without_placeholder(view))
    parts.append("## Optional wording { #optional-wording }\n\n" + _optional_wording(view))
    return "\n\n".join(parts)


def _without_placeholder(view: View) -> str:
    """Schedules a version names only through a clause, a related link or an FAQ: still a local decision."""
    kb = view.kb
    rows = []
    for s in schedules_in_order(kb):
        pointers = pointers_to(kb, s.id)
        for version in kb.versions.values():
            mine = [p for p in pointers if p.version == version.id]
            if mine and not any(p.how == "placeholder" for p in mine):
                rows.append([esc(version.label), view.link(s.id), ", ".join(view.link(p.record) for p in mine),
                             f'<a href="{esc(view.base + section_url(kb, s.id, TEMPLATE_ANCHOR))}">Blank template</a>',
                             f'<a href="{esc(view.base + section_url(kb, s.id, EXAMPLE_ANCHOR))}">Illustrative example</a>'])
    return ('<p>These schedules are not behind a placeholder in that version’s tables, but a clause or FAQ of the '
            "version points to them: decide whether your agreement needs them.</p>"
            + _table(["Version", "Schedule", "Named by", "Template", "Example"], rows))


def _optional_wording(view: View) -> str:
    parts = []
    for c in sorted(view.kb.clauses.values(), key=lambda c: (c.template, c.number)):
        if not c.optional_wording:
            continue
        note = ours(f"<p>{view.text(c.drafting_note)}</p>", "Drafting note: a local decision") if c.drafting_note else ""
        parts.append(
            f"### Decide on clause {md_text(c.number)} ({md_text(view.kb.versions[c.template].label)}) "
            f"{{ #decision-{c.id} }}\n\n"
            f'<div class="gpia-decision"><p>See {view.link(c.id)}.</p>{ours(f"<p>{view.text(c.summary)}</p>")}'
            f"<p>What the FAQ says about including it, and its consequences:</p>{view.quotes(c.quotes)}{note}"
            f'<p class="gpia-decision-blank"><span class="gpia-label">Your decision</span>: include the wording / '
            f"leave it out — {BLANK}</p></div>")
    return "\n\n".join(parts) or '<p class="gpia-silent">No clause has optional wording.</p>'
