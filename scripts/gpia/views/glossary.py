"""The glossary: every abbreviation and defined term, with notes and citations."""
from __future__ import annotations

from ..html import esc
from ..model import Term
from .common import View, permalink


def glossary_page(view: View) -> str:
    terms = sorted(view.kb.terms.values(), key=lambda t: (t.abbreviation or t.term).casefold())
    return '<dl class="gpia-glossary">' + "".join(term(view, t) for t in terms) + "</dl>"


def term(view: View, t: Term) -> str:
    name = f"<strong>{esc(t.abbreviation)}</strong>: {esc(t.term)}" if t.abbreviation else f"<strong>{esc(t.term)}</strong>"
    body = f"<p>{view.text(t.definition)} <span class=\"gpia-not-nhs\">(our definition)</span></p>"
    if t.note:
        body += f"<p><em>Note:</em> {view.text(t.note)}</p>"
    body += view.quotes(t.quotes)
    if t.citations:
        body += "<p>Sources: " + "; ".join(view.link(c) for c in t.citations) + "</p>"
    body += view.referenced_by(t.id)
    body += view.reviewed(t.last_reviewed, t.path)
    return f'<dt id="{esc(t.id)}">{name} {permalink(t.id, t.term)}</dt><dd>{body}</dd>'
