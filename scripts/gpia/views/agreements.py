"""The agreements: a page per agreement, and a paged matrix of the agreements by facet.

/agreements/<id>/ gives the agreement in full: our short summary, then each facet with its
statements, where they come from (the FAQ question, or the section of the source document)
and the source wording quoted. /agreements/ (and its later pages) is the comparison matrix, a fixed
number of agreements to a page: each cell gives the points in a few words (`short`, our summary),
each linking to that facet on the agreement's page. A facet with no statement says so in words, so
a gap in the sources is never shown as an empty cell.
"""
from __future__ import annotations

from gpia.model.derived import once_per_knowledge_base
from gpia.views.html import esc, md_text
from gpia.model.records import FACETS, Agreement, KnowledgeBase, Quote, Statement
from gpia.views.common import View, ours
from gpia.views.paging import Item, Listing

FACET_LABELS = {
    "parties": "Parties and who signs",
    "purpose": "Purpose",
    "legal_nature": "Legal nature",
    "monitoring": "Who monitors",
    "relationships": "How it connects to other agreements",
}
SILENT = "The sources say nothing on this."
MATRIX_ID = "agreements-matrix"
AGREEMENTS_PER_PAGE = 8


def facet_anchor(facet: str) -> str:
    """The anchor of a facet's section on an agreement's page, e.g. 'facet-legal-nature'."""
    return "facet-" + facet.replace("_", "-")


# ---- the matrix (/agreements/ and its later pages) ------------------------------------------------

@once_per_knowledge_base
def listing(kb: KnowledgeBase) -> Listing:
    return Listing("agreements", "Agreements", "agreements/", AGREEMENTS_PER_PAGE,
                         tuple(Item(a) for a in kb.agreements), entry=matrix_row, table=matrix,
                   files=lambda kb, a: kb.agreements[a].path)


def matrix(view: View, rows: str) -> str:
    """The matrix of one page's agreements (rows: their <tr> rows)."""
    note = ("<p>Each row is an agreement and each column a facet. A cell gives the points in a few words "
            "(our summary, not NHS wording); each point links to that facet on the agreement’s own page, which "
            "quotes the source wording and links to the FAQ question or section of the source document it comes "
            "from. On a narrow screen, scroll the table sideways.</p>")
    caption_id = f"{MATRIX_ID}-caption"
    caption = (f'<caption id="{caption_id}">The agreements the guidance mentions, facet by facet '
               '<span class="gpia-not-nhs">(cells: our summary, not NHS wording)</span></caption>')
    head = '<th scope="col">Agreement</th>' + "".join(f'<th scope="col">{esc(FACET_LABELS[f])}</th>' for f in FACETS)
    # The wrapper, not Material's JavaScript, makes the table scroll sideways: Material only wraps
    # tables without a class. As a scrolling region it must be focusable for keyboard users.
    # Left out of the search index: every point is on its agreement's page, with its source wording.
    return (f'<div class="gpia-matrix-intro" data-pagefind-ignore>{note}'
            f'<div class="gpia-matrix-scroll" role="region" aria-labelledby="{caption_id}" tabindex="0">'
            f'<table class="gpia-matrix" id="{MATRIX_ID}">{caption}<thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table></div></div>")


def matrix_row(view: View, agreement_id: str) -> str:
    a = view.kb.agreements[agreement_id]
    cells = "".join(matrix_cell(view, a, facet) for facet in FACETS)
    return f'<tr><th scope="row">{view.link(a.id)}</th>{cells}</tr>'


def matrix_cell(view: View, a: Agreement, facet: str) -> str:
    statements = a.facets.get(facet, ())
    if not statements:
        return f'<td class="gpia-silent">{esc(SILENT)}</td>'
    href = esc(f"{view.href(a.id)}#{facet_anchor(facet)}")
    items = "".join(f'<li><a href="{href}">{view.text(s.short, mentions=False)}</a></li>' for s in statements)
    return f"<td><ul>{items}</ul></td>"


# ---- one agreement's page ---------------------------------------------------------------------------

def agreement_page(view: View, agreement_id: str) -> str:
    """Markdown for /agreements/<id>/: its title comes from here too, so no data text enters a template."""
    a = view.kb.agreements[agreement_id]
    heading = f"# {md_text(view.label(a.id))} {{ #{a.id} }}"
    intro = view.ours(f"<p>{view.text(a.summary)}</p>", "In short", a.rests_on)
    if a.terms:
        intro += f'<p class="gpia-facts">In the glossary: {view.links(list(a.terms))}.</p>'
    silent = [FACET_LABELS[f].lower() for f in FACETS if not a.facets.get(f)]
    if silent:
        intro += f'<p class="gpia-silent">The sources say nothing on: {esc(", ".join(silent))}.</p>'
    intro += (f'<p class="gpia-provenance" data-pagefind-ignore>Every agreement, facet by facet: '
              f'<a href="{esc(view.base)}agreements/">the agreements matrix</a>.</p>')
    parts = [heading, f'<div class="gpia-agreement">{intro}</div>']
    for facet in FACETS:
        statements = a.facets.get(facet, ())
        if statements:
            parts.append(f"## {FACET_LABELS[facet]} {{ #{facet_anchor(facet)} }}")
            parts.append('<div class="gpia-agreement gpia-facet">'
                         + "".join(statement(view, s) for s in statements) + "</div>")
    parts.append(f'<div class="gpia-agreement-end">{view.referenced_by(a.id)}{view.reviewed(a.last_reviewed, a.path)}</div>')
    return "\n\n".join(parts)


def statement(view: View, s: Statement) -> str:
    return (f'<div class="gpia-statement"><p>{view.text(s.says)} <span class="gpia-not-nhs">(our summary)</span> '
            f"{citations(view, s.quotes)}{see_also(view, s)}</p>{view.quotes(s.quotes)}</div>")


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
