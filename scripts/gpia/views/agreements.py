"""The agreements page: a matrix of every agreement by facet, then each agreement in detail.

Every matrix cell is built from the data: the `short` text of each statement about that facet,
with a link to the FAQ question (2019) or section (2016) its quotes come from. A facet with no
statement says so in words, so a gap in the sources is never shown as an empty cell.
"""
from __future__ import annotations

from ..html import esc, md_text
from ..model import FACETS, Agreement, Quote, Statement
from .common import View, ours

FACET_LABELS = {
    "parties": "Parties and who signs",
    "purpose": "Purpose",
    "legal_nature": "Legal nature",
    "monitoring": "Who monitors",
    "relationships": "How it connects to other agreements",
}
SILENT = "The sources say nothing on this."
MATRIX_ID = "agreements-matrix"


def agreements_page(view: View) -> str:
    details = "\n\n".join(agreement(view, a) for a in view.kb.agreements.values())
    return f"{matrix_section(view)}\n\n{details}"


def matrix_section(view: View) -> str:
    note = ("<p>Each row is an agreement and each column a facet. A cell gives the point in a few words "
            "(our summary, not NHS wording) and links to the FAQ question or section of the 2016 overview "
            "it comes from; the source wording itself is quoted in the agreement’s section further down. "
            "On a narrow screen, scroll the table sideways.</p>")
    # Left out of the search index: every point is also in the sections below, with its source wording.
    return f"## At a glance {{ #{MATRIX_ID}-heading data-search-exclude }}\n\n{note}{matrix(view)}"


def matrix(view: View) -> str:
    caption_id = f"{MATRIX_ID}-caption"
    caption = (f'<caption id="{caption_id}">The agreements the guidance mentions, facet by facet '
               '<span class="gpia-not-nhs">(cells: our summary, not NHS wording)</span></caption>')
    head = '<th scope="col">Agreement</th>' + "".join(f'<th scope="col">{esc(FACET_LABELS[f])}</th>' for f in FACETS)
    rows = "".join(matrix_row(view, a) for a in view.kb.agreements.values())
    # The wrapper, not Material's JavaScript, makes the table scroll sideways: Material only wraps
    # tables without a class. As a scrolling region it must be focusable for keyboard users.
    return (f'<div class="gpia-matrix-scroll" role="region" aria-labelledby="{caption_id}" tabindex="0">'
            f'<table class="gpia-matrix" id="{MATRIX_ID}">{caption}<thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table></div>")


def matrix_row(view: View, a: Agreement) -> str:
    cells = "".join(matrix_cell(view, a.facets.get(facet, ())) for facet in FACETS)
    return f'<tr><th scope="row">{view.link(a.id)}</th>{cells}</tr>'


def matrix_cell(view: View, statements: tuple[Statement, ...]) -> str:
    if not statements:
        return f'<td class="gpia-silent">{esc(SILENT)}</td>'
    items = "".join(f"<li>{view.text(s.short)} {citations(view, s.quotes)}{see_also(view, s)}</li>" for s in statements)
    return f"<td><ul>{items}</ul></td>"


def citations(view: View, quotes: tuple[Quote, ...]) -> str:
    """Links to where the quotes come from, each place once, in the order quoted."""
    seen: dict[str, str] = {}
    for q in quotes:
        target, label = cited_place(view, q)
        seen.setdefault(target, label)
    links = "; ".join(view.link(target, label) for target, label in seen.items())
    return f'<span class="gpia-cite">({links})</span>'


def cited_place(view: View, q: Quote) -> tuple[str, str]:
    """The record a quote's place is shown at, and how to name it: the FAQ question, else the
    printed table (or its row) the section heads, else the source document itself."""
    kb = view.kb
    if q.faq:
        return q.faq, f"FAQ: {kb.questions[q.faq].question}"
    version = next((v.label for v in kb.versions.values() if v.source == q.source), kb.sources[q.source].title)
    label = f"{version} guidance: {q.section}"
    table = next((t for t in kb.tables.values() if t.source == q.source and t.section == q.section), None)
    if table is None:
        return q.source, label
    rows = [a for a in table.areas if q.row and a.row == q.row]
    if len(rows) == 1:
        return rows[0].id, f"{label}, row {q.row}"
    return table.id, label


def see_also(view: View, s: Statement) -> str:
    if not s.other_agreements:
        return ""
    links = ", ".join(view.link(other, _short_name(view, other)) for other in s.other_agreements)
    return f' <span class="gpia-see-also">See: {links}</span>'


def _short_name(view: View, agreement_id: str) -> str:
    a = view.kb.agreements[agreement_id]
    return a.abbreviation or a.name


def agreement(view: View, a: Agreement) -> str:
    heading = f"## {md_text(view.label(a.id))} {{ #{a.id} }}"
    body = ours(f"<p>{view.text(a.summary)}</p>", "In short")
    if a.terms:
        body += f'<p class="gpia-facts">In the glossary: {view.links(list(a.terms))}.</p>'
    rows = []
    for facet in FACETS:
        for statement in a.facets.get(facet, ()):
            rows.append(f"<dt>{FACET_LABELS[facet]}</dt><dd><p>{view.text(statement.says)} "
                        f'<span class="gpia-not-nhs">(our summary)</span>{see_also(view, statement)}</p>'
                        f"{view.quotes(statement.quotes)}</dd>")
    if rows:
        body += f'<dl class="gpia-facets">{"".join(rows)}</dl>'
    silent = [FACET_LABELS[f].lower() for f in FACETS if not a.facets.get(f)]
    if silent:
        body += f'<p class="gpia-silent">The sources say nothing on: {esc(", ".join(silent))}.</p>'
    body += view.referenced_by(a.id) + view.reviewed(a.last_reviewed, a.path)
    return f'{heading}\n\n<div class="gpia-agreement">{body}</div>'
