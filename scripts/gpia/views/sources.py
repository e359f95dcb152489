"""The sources page: provenance of every record, with counts computed from the data."""
from __future__ import annotations

from ..html import esc
from .common import View, ours

# Citations are not located in the model; they have one file of their own (see layout.py).
CITATIONS_FILE = "clauses/citations.yaml"


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
            + f"</th><td>{esc(s.publisher)}</td><td>{esc(s.published)}</td><td>{esc(s.version)}</td>"
            f"<td>{esc(s.reference_label)}: {esc(s.reference_value)}</td>"
            f"<td>{', '.join(_version_cell(v.id, v.label) for v in versions)}</td>"
            f"<td>{len(tables)}</td><td>{requirements}</td><td>{questions}</td>"
            f"<td>{esc(s.status)}</td></tr>")
    # No class: Material styles and wraps (in a box that scrolls sideways on phones) only plain tables.
    table = ('<table><caption>Source documents and what the guide takes from each</caption>'
             "<thead><tr><th scope=\"col\">Document</th><th scope=\"col\">Publisher</th><th scope=\"col\">Published</th>"
             "<th scope=\"col\">Version</th><th scope=\"col\">Reference</th><th scope=\"col\">Guide version</th>"
             "<th scope=\"col\">Tables</th><th scope=\"col\">Requirements</th><th scope=\"col\">FAQs</th>"
             f"<th scope=\"col\">Status</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")
    notes = "".join(ours(f"<p><strong>{esc(s.title)}</strong>: {view.text(s.note)}</p>", "About this source")
                    for s in kb.sources.values())
    citations = "".join(
        f'<li id="{esc(c.id)}">{esc(c.publisher)}, <cite>{esc(c.title)}</cite> ({esc(c.published)}), '
        f'<a href="{esc(c.url)}">{esc(c.url)}</a></li>' for c in kb.citations.values())
    files = sorted({s.path for s in kb.sources.values()} | {v.path for v in kb.versions.values()})
    return (f"{table}{notes}{view.data_files(files)}\n\n## Other public sources we cite {{ #citations }}\n\n"
            f'<ul class="gpia-citations">{citations}</ul>{view.data_files([CITATIONS_FILE])}')


def _version_cell(version_id: str, label: str) -> str:
    return f'<span id="{esc(version_id)}">{esc(label)}</span>'
