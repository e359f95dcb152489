"""A source document read whole, in printed order: /sources/<source id>/read/.

Every printed passage is shown with its own permanent link (its id). Tables and FAQ answers are
shown where the source prints them, from their own records, each row, bullet and question linking
to its record's page; those copies are left out of search, which indexes each record on its own page.
"""
from __future__ import annotations

from itertools import groupby

from markupsafe import Markup

from gpia.views.html import md_text
from gpia.model.records import Document, Passage
from gpia.views.common import View, permalink
from gpia.views.faq import block as answer_block
from gpia.views.templating import markup, render

MATTER = {"front": "Front matter", "back": "Back matter"}


def document_page(view: View, document_id: str) -> str:
    kb = view.kb
    d = kb.documents[document_id]
    source = kb.sources[d.source]
    heading = f"# {md_text(source.title)}: the whole text {{ #{d.id} }}"
    intro = render("document-intro.html", source=view.link(source.id, view.source_name(source.id)),
                   url=source.url or "", publisher=source.publisher)
    parts = [heading, intro]
    for matter, passages in groupby(d.passages, key=lambda p: p.matter):
        body = "\n\n".join(_passage(view, d, p) for p in passages)
        if matter:
            label = MATTER[matter]
            # Blank lines around the passages, so Markdown reads their headings (the one place a
            # template is given line breaks: the body is the views' Markdown and HTML).
            parts.append(render("document-matter.html", label=label, body=markup(f"\n\n{body}\n\n")))
        else:
            parts.append(body)
    parts.append(view.reviewed(d.last_reviewed, d.path))
    return no_skipped_levels("\n\n".join(parts))


def no_skipped_levels(markdown: str) -> str:
    """Headings at most one level deeper than the one before (a front matter that opens with a level-2
    heading would otherwise follow the page's h1 with an h3: invalid for the Nu HTML Checker, and a gap
    for screen-reader users who move by heading)."""
    lines = markdown.split("\n")
    last = 0
    for i, line in enumerate(lines):
        hashes = len(line) - len(line.lstrip("#"))
        if 0 < hashes <= 6 and line[hashes:hashes + 1] == " ":
            level = min(hashes, last + 1)
            lines[i] = "#" * level + line[hashes:]
            last = level
    return "\n".join(lines)


def _passage(view: View, d: Document, p: Passage) -> str:
    kb = view.kb
    if p.kind == "heading":
        return f"{'#' * min(6, (p.level or 1) + 1)} {md_text(p.text or '')} {{ #{p.id} }}"
    if p.kind == "faq_section":
        s = kb.faq_sections[p.ref or ""]
        return f"## {md_text(s.number)} {md_text(s.title)} {{ #{s.id} }}"
    if p.kind == "question":
        q = kb.questions[p.ref or ""]
        answer = markup("".join(_table(view, b.table) if b.table else answer_block(view, b) for b in q.answer))
        return (f"### {md_text(q.question)} {{ #{q.id} }}\n\n"
                f"{render('document-question.html', answer=answer, link=view.link(q.id, 'on its FAQ page'))}")
    if p.kind == "table":
        return _table(view, p.ref or "")
    return render("document-passage.html", kind=p.kind, id=p.id or "", number=p.number or "",
                  text=view.text(p.text or ""), permalink=permalink(p.id or "", "this passage"),
                  cite=view.cite(p.id or "") if worth_citing(p) else "")


# A passage shorter than this (a title page's "Version number: 1") is linked, not given copy buttons.
CITED_WORDS = 8


def worth_citing(p: Passage) -> bool:
    """A paragraph of the body worth its copy-citation buttons: not a list item, contents or figure,
    not the front or back matter, and at least CITED_WORDS words long."""
    return (p.kind not in ("item", "contents", "figure") and not p.matter
            and len((p.text or "").split()) >= CITED_WORDS)


def _table(view: View, table_id: str) -> Markup:
    t = view.kb.tables[table_id]
    rows = [{"id": area.id, "href": view.href(area.id), "row": area.row, "title": view.text(area.title, mentions=False),
             "bullets": [{"id": r.id, "text": view.text(r.text), "href": view.href(r.id)} for r in area.requirements]}
            for area in t.areas]
    return render("document-table.html", id=t.id, link=view.link(t.id), heading=view.text(t.column_heading), rows=rows)
