"""The agreements the guidance mentions, facet by facet, each statement with its source wording."""
from __future__ import annotations

from ..html import md_text
from ..model import FACETS, Agreement
from .common import View, ours, reviewed

FACET_LABELS = {
    "parties": "Parties and who signs",
    "purpose": "Purpose",
    "legal_nature": "Legal nature",
    "monitoring": "Who monitors",
    "relationships": "How it connects to other agreements",
}


def agreements_page(view: View) -> str:
    return "\n\n".join(agreement(view, a) for a in view.kb.agreements.values())


def agreement(view: View, a: Agreement) -> str:
    heading = f"## {md_text(view.label(a.id))} {{ #{a.id} }}"
    body = ours(f"<p>{view.text(a.summary)}</p>", "In short")
    rows = []
    for facet in FACETS:
        for statement in a.facets.get(facet, ()):
            rows.append(f"<dt>{FACET_LABELS[facet]}</dt><dd><p>{view.text(statement.says)} "
                        f'<span class="gpia-not-nhs">(our summary)</span></p>{view.quotes(statement.quotes)}</dd>')
    if rows:
        body += f'<dl class="gpia-facets">{"".join(rows)}</dl>'
    return f'{heading}\n\n<div class="gpia-agreement">{body}{view.referenced_by(a.id)}{reviewed(a.last_reviewed, a.path)}</div>'
