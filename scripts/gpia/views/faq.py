"""The FAQs: a page per FAQ section (its questions as headings, answers verbatim) and a paged list.

/faq/ lists every question under its section; /faq/<section-id>/ holds the section's questions and
answers, each question an anchor (its id) on that page.
"""
from __future__ import annotations

from gpia.model.derived import once_per_knowledge_base
from markupsafe import Markup

from gpia.views.html import md_text
from gpia.model.records import AnswerBlock, KnowledgeBase, Question
from gpia.views.common import View
from gpia.views.placed import in_document
from gpia.sitemap import LISTS
from gpia.views.paging import Item, Listing
from gpia.views.templating import render

QUESTIONS_PER_PAGE = 20


@once_per_knowledge_base
def listing(kb: KnowledgeBase) -> Listing:
    items = tuple(Item(q.id, s.id) for s in kb.faq_sections.values() for q in s.questions)
    return Listing("faq", "FAQs", LISTS["faq"], QUESTIONS_PER_PAGE, items,
                   entry=lambda view, q: view.link(q), group_heading=lambda view, s: view.link(s),
                   files=lambda kb, q: kb.questions[q].path)


def section_page(view: View, section_id: str) -> str:
    """Markdown for /faq/<section-id>/: its title comes from here too, so no data text enters a template."""
    s = view.kb.faq_sections[section_id]
    heading = f"# {md_text(s.number)} {md_text(s.title)} {{ #{s.id} }}"
    where = render("faq-section-intro.html", source=view.link(s.source, view.source_name(s.source)),
                   section=view.text(s.number + " " + s.title), base=view.base, referenced_by=view.referenced_by(s.id))
    return "\n\n".join([heading, where, *(question(view, q) for q in s.questions)])


def question(view: View, q: Question) -> str:
    heading = f"## {md_text(q.question)} {{ #{q.id} }}"
    body = render("faq-question.html", cite=view.cite(q.id), answer=answer_html(view, q),
                  related=view.links(q.relates_to), in_document=in_document(view, q.id),
                  referenced_by=view.referenced_by(q.id), reviewed=view.reviewed(q.last_reviewed, q.path),
                  readers_words=render("readers-words.html", words=q.also_known_as) if q.also_known_as else "")
    return f"{heading}\n\n{body}"


def answer_html(view: View, q: Question) -> Markup:
    """The answer's NHS wording in quotes; where it prints a table, our note of it sits between two
    quotes, never inside one."""
    runs: list[tuple[bool, list[Markup]]] = []
    for b in q.answer:
        quoted = b.kind != "table"
        if quoted and runs and runs[-1][0]:
            runs[-1][1].append(block(view, b, anchored=True))
        else:
            runs.append((quoted, [block(view, b, anchored=quoted)]))
    return render("faq-answer.html", runs=runs)


def block(view: View, b: AnswerBlock, anchored: bool = False) -> Markup:
    """A block of an answer; `anchored` on the FAQ section's page, the one place its id is an anchor."""
    anchor = b.id if anchored and b.id else ""
    if b.kind == "paragraph":
        return render("faq-block.html", kind=b.kind, anchor=anchor, text=view.text(b.text or ""))
    if b.kind == "numbered":
        return render("faq-block.html", kind=b.kind, anchor=anchor, items=[view.text(item) for item in b.items])
    table = view.kb.tables[b.table or ""]
    return render("faq-block.html", kind=b.kind, heading=view.text(table.column_heading), rows=len(table.areas),
                  bullets=sum(len(a.requirements) for a in table.areas), link=view.link(table.id))
