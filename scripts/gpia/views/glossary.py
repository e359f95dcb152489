"""The glossary: a page per term, and a paged list of the terms.

/glossary/<term-id>/ gives the term's definition and note (our words, labelled), the source wording
that uses it, its citations and what refers to it. /glossary/ (and its later pages) lists the terms
alphabetically by abbreviation or term, each with the first sentence of its definition, a copy left
out of the search index (the term's page is the one indexed). The tooltips on abbreviations across
the site come from the same records (common.abbreviations_for, applied to each finished page by
gpia.views.html.Abbreviations) and are unaffected by the paging.
"""
from __future__ import annotations

import re

from markupsafe import Markup

from gpia.model.derived import once_per_knowledge_base
from gpia.views.html import md_text
from gpia.model.records import KnowledgeBase
from gpia.views.common import View
from gpia.sitemap import LISTS
from gpia.views.paging import Item, Listing
from gpia.views.templating import render

TERMS_PER_PAGE = 40
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'(])")


@once_per_knowledge_base
def listing(kb: KnowledgeBase) -> Listing:
    terms = sorted(kb.terms.values(), key=lambda t: ((t.abbreviation or t.term).casefold(), t.id))
    return Listing("glossary", "Glossary", LISTS["glossary"], TERMS_PER_PAGE, tuple(Item(t.id) for t in terms),
                   entry=entry, files=lambda kb, t: kb.terms[t].path)


def entry(view: View, term_id: str) -> Markup:
    t = view.kb.terms[term_id]
    # The abbreviation is written out beside it (data-gpia-no-tooltips): no tooltip to repeat that.
    return render("glossary-entry.html", href=view.href(t.id), abbreviation=t.abbreviation, term=t.term,
                  gloss=view.text(one_line(t.definition), mentions=False))


def one_line(text: str) -> str:
    """The first sentence of a definition (never cut inside one: a definition is our own words, kept short)."""
    return _SENTENCE_END.split(" ".join(text.split()), maxsplit=1)[0]


def term_page(view: View, term_id: str) -> str:
    """Markdown for /glossary/<term-id>/: its title comes from here too, so no data text enters a template."""
    t = view.kb.terms[term_id]
    heading = f"# {md_text(view.label(t.id))} {{ #{t.id} }}"
    explained = render("term-explained.html", definition=view.text(t.definition),
                       note=view.text(t.note) if t.note else "")
    body = render("glossary-term.html", cite=view.cite(term_id), ours=view.ours(explained, "Our definition", t.rests_on),
                  quotes=view.quotes(t.quotes), citations=[view.link(c) for c in t.citations])
    end = render("record-end.html", class_name="gpia-term-end",
                 back=render("back-to-list.html", every="Every term", href=f"{view.base}glossary/", name="Glossary"),
                 referenced_by=view.referenced_by(t.id), reviewed=view.reviewed(t.last_reviewed, t.path))
    return f"{heading}\n\n{body}\n\n{end}"
