"""A source document read whole, in printed order: /sources/<source id>/read/.

Every printed passage is shown with its own permanent link (its id). Tables and FAQ answers are
shown where the source prints them, from their own records, each row, bullet and question linking
to its record's page; those copies are left out of search, which indexes each record on its own page.
"""
from __future__ import annotations

from itertools import groupby

from gpia.views.html import esc, md_text
from gpia.model.records import Document, Passage
from gpia.views.common import View, permalink
from gpia.views.faq import block as answer_block

MATTER = {"front": "Front matter", "back": "Back matter"}


def document_page(view: View, document_id: str) -> str:
    kb = view.kb
    d = kb.documents[document_id]
    source = kb.sources[d.source]
    heading = f"# {md_text(source.title)}: the whole text {{ #{d.id} }}"
    intro = (f'<p class="gpia-provenance">The whole of {view.link(source.id, view.source_name(source.id))}, quoted '
             "verbatim in the order it is printed, from the text extract of the published PDF. Each passage has its "
             "own permanent link: the ¶ after it. Tables and answers link to their records, where they are explained. Page "
             "numbers and the extract's markup are not shown.</p>")
    parts = [heading, intro]
    for matter, passages in groupby(d.passages, key=lambda p: p.matter):
        body = "\n\n".join(_passage(view, d, p) for p in passages)
        if matter:
            label = MATTER[matter]
            parts.append(f'<section class="gpia-matter" aria-label="{esc(label)}">'
                         f'<p class="gpia-label gpia-matter-label">{esc(label)}</p>\n\n{body}\n\n</section>')
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
        answer = "".join(_table(view, b.table) if b.table else answer_block(view, b) for b in q.answer)
        return (f"### {md_text(q.question)} {{ #{q.id} }}\n\n"
                f'<div class="gpia-answer" data-pagefind-ignore><blockquote class="gpia-verbatim">{answer}</blockquote>'
                f'<p class="gpia-meta">This question and answer: {view.link(q.id, "on its FAQ page")}</p></div>')
    if p.kind == "table":
        return _table(view, p.ref or "")
    text = view.text(p.text or "")
    link = permalink(p.id or "", "this passage")
    if p.kind == "item":
        number = f'<span class="gpia-number">{esc(p.number)}</span> ' if p.number else ""
        return f'<p class="gpia-passage gpia-item" id="{esc(p.id or "")}">{number}{text} {link}</p>'
    if p.kind == "contents":
        return f'<p class="gpia-passage gpia-contents" id="{esc(p.id or "")}">{text} {link}</p>'
    if p.kind == "figure":
        return (f'<p class="gpia-passage gpia-figure" id="{esc(p.id or "")}"><span class="gpia-label">Image '
                f"described by the text extract</span> {text} {link}</p>")
    return f'<p class="gpia-passage" id="{esc(p.id or "")}"{view.cite(p.id or "")}>{text} {link}</p>'


def _table(view: View, table_id: str) -> str:
    t = view.kb.tables[table_id]
    rows = []
    for area in t.areas:
        bullets = "".join(f'<li id="{esc(r.id)}">{view.text(r.text)} <a class="gpia-meta" href="{esc(view.href(r.id))}">'
                          f"(record)</a></li>" for r in area.requirements)
        rows.append(f'<tr id="{esc(area.id)}"><th scope="row"><a href="{esc(view.href(area.id))}">{esc(area.row)} '
                    f"{view.text(area.title, mentions=False)}</a></th><td><ul>{bullets}</ul></td></tr>")
    return (f'<div class="gpia-printed-table" id="{esc(t.id)}" data-pagefind-ignore><table>'
            f'<caption>The table printed here: {view.link(t.id)}</caption>'
            f'<thead><tr><th scope="col">Area</th><th scope="col">{view.text(t.column_heading)}</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>")
