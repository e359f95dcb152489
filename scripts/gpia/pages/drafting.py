"""Word downloads for drafting: each schedule's blank template and its worked example, and the
"before you sign" checklist (.docx).

The same fields as the schedule's page (views/schedules.py): headings, tables, the drafting notes
styled as notes, and the example opened by its label, EXAMPLE_LABEL. Written by gpia.pages.word, so the
bytes are the same on every build of the same data.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from gpia.model.derived import once_per_knowledge_base
from gpia.model.records import FREQUENCIES, OWNERS, KnowledgeBase, Kpi, Schedule, ScheduleField
from gpia.model.checklist import DECISIONS_TITLE, EXAMPLE_ANCHOR
from gpia.model.schedule_words import EXAMPLE_LABEL, KIND_NAMES, KPI_COLUMNS, number, target_text
from gpia.model.kinds import answer_questions
from gpia.model.urls import section_url, url_of
from gpia.pages.word import LABEL_STYLE, NOTE_STYLE, Draft
from gpia.sitemap import schedule_example_docx as example_path, schedule_template_docx as template_path

if TYPE_CHECKING:
    from gpia.views.common import View

BLANK = "To be completed locally"
# Under each item's heading of the "before you sign" checklist: the box that ticks, and where the
# decision is written down, on one line.
DONE_LINE = "Done    Decision and date: ________________________________________"
# How wide each of KPI_COLUMNS (gpia.model.schedule_words) is, relative to the others: the words the
# data puts in each.
KPI_WEIGHTS = (24, 32, 26, 26, 20, 20, 25, 25, 20, 30)


@once_per_knowledge_base  # listed with their sizes on /data/ and written by the hook: built once
def drafting_files(kb: KnowledgeBase) -> dict[str, bytes]:
    """Site path -> bytes: a template for each schedule with fields, an example for each with one."""
    files = {}
    for s in kb.schedules.values():
        if s.fields:
            files[template_path(s.id)] = template_docx(kb, s)
        if s.fields and s.example:
            files[example_path(s.id)] = example_docx(kb, s)
    return files


def _intro(kb: KnowledgeBase, document: Draft, s: Schedule) -> None:
    document.note("What goes in this schedule", s.summary)
    for q in s.quotes:
        source = kb.sources[q.source]
        document.nhs_wording(q.text, f"{source.title} ({source.publisher}, {source.published}), “{q.section}”")


def template_docx(kb: KnowledgeBase, s: Schedule) -> bytes:
    document = Draft(f"{s.label}: blank template", "A blank local schedule for a GP Integration Agreement",
                     s.last_reviewed)
    _intro(kb, document, s)
    document.note("How to use this template",
                  "Each heading is a field a site fills in. The drafting notes are the guide's own words; delete them "
                  "once the schedule is complete.")
    for f in s.fields:
        need = "Required" if f.required else "Optional"
        document.heading(f.label, 1)
        document.paragraph(f"{need}: {KIND_NAMES[f.kind]}.", NOTE_STYLE)
        document.note("Drafting note", f.guidance)
        _blank(document, f)
    return document.docx()


def _blank(document: Draft, f: ScheduleField) -> None:
    if f.kind == "table":
        document.table([c.label for c in f.columns], [[BLANK] * len(f.columns)])
    elif f.kind == "kpi-table":
        document.table(KPI_COLUMNS, [[BLANK] * len(KPI_COLUMNS)], KPI_WEIGHTS)
    elif f.kind == "list":
        for _ in range(2):
            document.paragraph(BLANK, "List Bullet")
    elif f.kind == "number":
        document.paragraph(f"{BLANK} ({f.unit})" if f.unit else BLANK)
    else:
        document.paragraph(BLANK)


def example_docx(kb: KnowledgeBase, s: Schedule) -> bytes:
    assert s.example is not None
    document = Draft(f"{s.label}: worked example", EXAMPLE_LABEL, s.last_reviewed)
    document.paragraph(EXAMPLE_LABEL, LABEL_STYLE)
    document.note("About this example",
                  f"A completed version of this schedule for {s.example.site}, a fictional site. Every name, number and "
                  "arrangement below is invented to show the form; none of it is NHS wording or guidance.")
    if s.example.about:
        document.note("The site", s.example.about)
    for f in s.fields:
        if f.id not in s.example.values:
            continue
        document.heading(f.label, 1)
        _value(kb, document, f, s.example.values[f.id])
    document.paragraph(EXAMPLE_LABEL, LABEL_STYLE)
    return document.docx()


def _value(kb: KnowledgeBase, document: Draft, f: ScheduleField, value: object) -> None:
    if f.kind == "kpi-table" and isinstance(value, tuple):
        kpis = [k for k in value if isinstance(k, Kpi)]
        document.table(KPI_COLUMNS, [kpi_row(kb, k) for k in kpis], KPI_WEIGHTS)
    elif f.kind == "table" and isinstance(value, tuple):
        document.table([c.label for c in f.columns],
                       [[str(row.get(c.id, "")) for c in f.columns] for row in value if isinstance(row, dict)])
    elif f.kind == "list" and isinstance(value, tuple):
        for item in value:
            document.paragraph(str(item), "List Bullet")
    elif f.kind == "number":
        document.paragraph(f"{number(value)} {f.unit or ''}".strip())
    else:
        document.paragraph(str(value))


def kpi_row(kb: KnowledgeBase, k: Kpi) -> list[str]:
    evidences = "; ".join(_requirement_label(kb, r) for r in k.evidences)
    return [k.name, k.definition, k.numerator, k.denominator, target_text(k), FREQUENCIES[k.frequency],
            k.data_source, k.reporting_route, OWNERS[k.owner], evidences]


def _requirement_label(kb: KnowledgeBase, requirement_id: str) -> str:
    r = kb.requirements[requirement_id]
    area = kb.areas[r.area]
    return f"{kb.versions[r.version].label}, {area.row} {area.title}, bullet {r.bullet}"


def _whole(kb: KnowledgeBase, record_id: str) -> str:
    """Where the guide shows the whole of what a quoted passage is part of: an FAQ answer's
    paragraph is quoted alone, and the whole answer is on its question's page."""
    question = answer_questions(kb).get(record_id)
    if question:
        return f"whole answer at /{url_of(kb, question)}"
    return f"at /{url_of(kb, record_id)}"


def decisions_docx(view: View) -> bytes:
    """The checklist as a Word document: each item a heading, then a box that ticks in Word
    (word.checkbox), our words as notes, and the source wording that raises it quoted (from
    `view`, the build's): each quotation once, where it first rests an item; a later item that
    rests on it points back to that item. Each quotation is the passage the item rests on (an FAQ
    answer's paragraph, not the whole answer), with where the guide shows the whole answer."""
    kb = view.kb
    reviewed = max(d.last_reviewed for d in kb.decisions.values())
    document = Draft(DECISIONS_TITLE, "What a site decides before its GP Integration Agreement is signed", reviewed)
    document.note("About this checklist",
                  "Each item is a decision or a piece of local drafting that the NHS sources put to a site. The "
                  "items, who decides and the options are the guide's own words; the passages of the sources each "
                  "item rests on are quoted, each once, with where the guide shows the whole answer they are part "
                  "of. Nothing here is legal advice.")
    quoted: dict[str, str] = {}  # record id -> title of the item it is quoted under
    addressed: set[str] = set()  # where the guide shows a whole answer: said above its first quotation
    for d in kb.decisions.values():
        document.heading(d.title, 1)
        document.checkbox(d.id, DONE_LINE)
        document.note("What to settle", d.ask)
        document.note("Who decides", d.who_decides)
        document.note_list("Options", d.options)
        said = ""  # where the quotation just before is from, said above it
        for record_id in d.rests_on:
            where = view.where_printed(record_id)
            if record_id in quoted:
                document.note("Rests on", f"{where}, quoted above under “{quoted[record_id]}”")
                said = ""
                continue
            quoted[record_id] = d.title
            # Passages of one answer quoted one after the other say where they are from once, above the first.
            whole = _whole(kb, record_id)
            lead = "" if where == said else where if whole in addressed else f"{where}, {whole}"
            document.nhs_wording(view.source_words(record_id), lead)
            addressed.add(whole)
            said = where
        if d.example:
            document.note("Worked example", f"{kb.schedules[d.example].label}, in the guide at "
                                            f"/{section_url(kb, d.example, EXAMPLE_ANCHOR)}")
    return document.docx()
