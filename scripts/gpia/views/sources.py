"""The sources page: provenance of every record, with counts computed from the data.

The source documents and guide versions do not multiply and stay as anchors on /sources/. The other
public sources we cite (citations) can: each has its own page, /sources/<citation-id>/, and /sources/
shows the first page of their paged list (later pages at sources/pages/<n>/).
"""
from __future__ import annotations

from gpia.model.derived import once_per_knowledge_base
from gpia.views.html import esc, md_text
from gpia.model.records import KnowledgeBase
from gpia.views.common import View, ours
from gpia.views.paging import Item, Listing

# Citations are not located in the model; they have one file of their own (see layout.py).
CITATIONS_FILE = "clauses/citations.yaml"
CITATIONS_PER_PAGE = 20


def sources_page(view: View) -> str:
    kb = view.kb
    rows = []
    for s in kb.sources.values():
        versions = [v for v in kb.versions.values() if v.source == s.id]
        tables = [t for t in kb.tables.values() if t.source == s.id]
        requirements = sum(len(a.requirements) for t in tables for a in t.areas)
        questions = sum(len(sec.questions) for sec in kb.faq_sections.values() if sec.source == s.id)
        rows.append(
            f'<tr id="{esc(s.id)}"><th scope="row">{esc(s.title)}'
            + (f"<br><small>{esc(s.subtitle)}</small>" if s.subtitle else "")
            + f"</th><td>{esc(s.publisher)}, {esc(s.published)}<br>Version {esc(s.version)}<br>"
            f"{esc(s.reference_label)}: {esc(s.reference_value)}</td>"
            f"<td>{', '.join(_version_cell(v.id, v.label) for v in versions)}</td>"
            f"<td>{len(tables)} tables, {requirements} requirements, {questions} FAQs</td>"
            f"<td>{esc(s.status)}</td></tr>")
    reads = [f'<li>{view.link(d.id)}</li>' for d in kb.documents.values()]
    # No class: Material styles and wraps (in a box that scrolls sideways on phones) only plain tables.
    table = ('<table><caption>Source documents and what the guide takes from each</caption>'
             # Five columns, not ten: ten overflowed the page's column at 1280 px.
             "<thead><tr><th scope=\"col\">Document</th><th scope=\"col\">Publisher, date and reference</th>"
             "<th scope=\"col\">Guide version</th><th scope=\"col\">What the guide takes</th>"
             f"<th scope=\"col\">Status</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")
    notes = "".join(ours(f"<p><strong>{esc(s.title)}</strong>: {view.text(s.note)}</p>", "About this source")
                    for s in kb.sources.values())
    files = sorted({s.path for s in kb.sources.values()} | {v.path for v in kb.versions.values()})
    whole = f'<p>Read each document whole, in printed order:</p><ul class="gpia-read">{"".join(reads)}</ul>' if reads else ""
    return f"{table}{whole}{notes}{view.data_files(files)}"


@once_per_knowledge_base
def listing(kb: KnowledgeBase) -> Listing:
    return Listing("citations", "Other public sources we cite", "sources/", CITATIONS_PER_PAGE,
                         tuple(Item(c) for c in kb.citations), entry=citation_entry,
                   files=lambda kb, c: CITATIONS_FILE)


def citation_entry(view: View, citation_id: str) -> str:
    c = view.kb.citations[citation_id]
    return f'<a href="{esc(view.href(c.id))}"><cite>{esc(c.title)}</cite></a>, {esc(c.publisher)} ({esc(c.published)})'


def citation_page(view: View, citation_id: str) -> str:
    """Markdown for /sources/<citation-id>/: its title comes from here too, so no data text enters a template."""
    c = view.kb.citations[citation_id]
    heading = f"# {md_text(c.title)} {{ #{c.id} }}"
    facts = (f'<p class="gpia-facts">{esc(c.publisher)}, <cite>{esc(c.title)}</cite> ({esc(c.published)}): '
             f'<a href="{esc(c.url)}">{esc(c.url)}</a></p>'
             '<p>A public source the guide cites for facts that the NHS source documents do not give.</p>')
    end = (f'<p class="gpia-provenance" data-pagefind-ignore>Every source: <a href="{esc(view.base)}sources/">Sources</a>.</p>'
           f"{view.referenced_by(c.id)}{view.reviewed(c.last_reviewed, CITATIONS_FILE)}")
    return f'{heading}\n\n<div class="gpia-citation">{facts}</div>\n\n<div class="gpia-citation-end">{end}</div>'


def _version_cell(version_id: str, label: str) -> str:
    return f'<span id="{esc(version_id)}">{esc(label)}</span>'
