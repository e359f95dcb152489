"""The FAQ page: section, then question as a heading with its permalink, then the answer."""
from __future__ import annotations

from ..html import md_text
from ..model import AnswerBlock, FaqSection, Question
from .common import View


def faq_page(view: View) -> str:
    return "\n\n".join(section(view, s) for s in view.kb.faq_sections.values())


def section(view: View, s: FaqSection) -> str:
    heading = f"## {md_text(s.number)} {md_text(s.title)} {{ #{s.id} }}"
    return heading + "\n\n" + "\n\n".join(question(view, s, q) for q in s.questions)


def question(view: View, s: FaqSection, q: Question) -> str:
    heading = f"### {md_text(q.question)} {{ #{q.id} }}"
    answer = "".join(block(view, b) for b in q.answer)
    where = (f'<p class="gpia-provenance" data-search-exclude>Question and answer quoted verbatim from '
             f"{view.link(s.source, view.source_name(s.source))}, section {view.text(s.number + ' ' + s.title)}.</p>")
    related = f'<p class="gpia-related">Relates to: {view.links(q.relates_to)}</p>' if q.relates_to else ""
    return (f'{heading}\n\n<div class="gpia-answer">{where}<blockquote class="gpia-verbatim">{answer}</blockquote>'
            f"{related}{view.referenced_by(q.id)}{view.reviewed(q.last_reviewed, q.path)}</div>")


def block(view: View, b: AnswerBlock) -> str:
    if b.kind == "paragraph":
        return f"<p>{view.text(b.text or '')}</p>"
    if b.kind == "numbered":
        return "<ol>" + "".join(f"<li>{view.text(item)}</li>" for item in b.items) + "</ol>"
    # One link, not a line per row: an answer's size must not grow with the table it points at.
    table = view.kb.tables[b.table or ""]
    bullets = sum(len(a.requirements) for a in table.areas)
    return (f'<div class="gpia-table-ref"><p>[The answer prints a table here: “{view.text(table.column_heading)}”, '
            f"{len(table.areas)} rows and {bullets} requirements. It is shown in full, bullet by bullet, "
            f"at {view.link(table.id)}.]</p></div>")
