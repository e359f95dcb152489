"""The FAQs: a page per FAQ section (its questions as headings, answers verbatim) and a paged list.

/faq/ lists every question under its section; /faq/<section-id>/ holds the section's questions and
answers, each question an anchor (its id) on that page.
"""
from __future__ import annotations

from gpia.model.derived import once_per_knowledge_base
from gpia.views.html import esc, md_text
from gpia.model.records import AnswerBlock, KnowledgeBase, Question
from gpia.views.common import View
from gpia.views.placed import in_document
from gpia.views.paging import Item, Listing

QUESTIONS_PER_PAGE = 20


@once_per_knowledge_base
def listing(kb: KnowledgeBase) -> Listing:
    items = tuple(Item(q.id, s.id) for s in kb.faq_sections.values() for q in s.questions)
    return Listing("faq", "FAQs", "faq/", QUESTIONS_PER_PAGE, items,
                   entry=lambda view, q: view.link(q), group_heading=lambda view, s: view.link(s),
                   files=lambda kb, q: kb.questions[q].path)


def section_page(view: View, section_id: str) -> str:
    """Markdown for /faq/<section-id>/: its title comes from here too, so no data text enters a template."""
    s = view.kb.faq_sections[section_id]
    heading = f"# {md_text(s.number)} {md_text(s.title)} {{ #{s.id} }}"
    where = (f'<p class="gpia-provenance">Questions and answers quoted verbatim from '
             f"{view.link(s.source, view.source_name(s.source))}, section {view.text(s.number + ' ' + s.title)}. "
             f'All the questions: <a href="{esc(view.base)}faq/">FAQs</a>.</p>')
    return heading + "\n\n" + where + view.referenced_by(s.id) + "\n\n" + "\n\n".join(question(view, q) for q in s.questions)


def question(view: View, q: Question) -> str:
    heading = f"## {md_text(q.question)} {{ #{q.id} }}"
    related = f'<p class="gpia-related">Relates to: {view.links(q.relates_to)}</p>' if q.relates_to else ""
    return (f'{heading}\n\n<div class="gpia-answer"{view.cite(q.id)}>{answer_html(view, q)}'
            f"{related}{in_document(view, q.id)}{view.referenced_by(q.id)}{view.reviewed(q.last_reviewed, q.path)}</div>")


def answer_html(view: View, q: Question) -> str:
    """The answer's NHS wording in quotes; where it prints a table, our note of it sits between two
    quotes, never inside one."""
    parts: list[str] = []
    run: list[str] = []
    for b in q.answer:
        if b.kind == "table":
            if run:
                parts.append(f'<blockquote class="gpia-verbatim">{"".join(run)}</blockquote>')
                run = []
            parts.append(block(view, b))
        else:
            run.append(block(view, b, anchored=True))
    if run:
        parts.append(f'<blockquote class="gpia-verbatim">{"".join(run)}</blockquote>')
    return "".join(parts)


def block(view: View, b: AnswerBlock, anchored: bool = False) -> str:
    """A block of an answer; `anchored` on the FAQ section's page, the one place its id is an anchor."""
    anchor = f' id="{esc(b.id)}"' if anchored and b.id else ""
    if b.kind == "paragraph":
        return f"<p{anchor}>{view.text(b.text or '')}</p>"
    if b.kind == "numbered":
        return f"<ol{anchor}>" + "".join(f"<li>{view.text(item)}</li>" for item in b.items) + "</ol>"
    # One link, not a line per row: an answer's size must not grow with the table it points at.
    table = view.kb.tables[b.table or ""]
    bullets = sum(len(a.requirements) for a in table.areas)
    return (f'<div class="gpia-table-ref"><p><span class="gpia-label">Our note</span> <span class="gpia-not-nhs">'
            f"(not NHS wording)</span>: the answer prints a table here, “{view.text(table.column_heading)}”, "
            f"{len(table.areas)} rows and {bullets} requirements. It is shown in full, bullet by bullet, "
            f"at {view.link(table.id)}.</p></div>")

