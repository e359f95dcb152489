"""Questions sites ask that the sources do not answer directly, answered in our own words.

Each answer has its own page, /guidance/<id>/, labelled throughout as not NHS wording, with the
source passages it rests on quoted beside it (View.resting_on), so a reader can check our answer
against the sources. /guidance/ lists them, paged like every list.
"""
from __future__ import annotations

from gpia.model.derived import once_per_knowledge_base
from gpia.views.html import md_text
from gpia.model.records import KnowledgeBase
from gpia.views.common import View
from gpia.sitemap import LISTS
from gpia.views.paging import Item, Listing
from gpia.views.templating import render

GUIDANCE_PER_PAGE = 20


@once_per_knowledge_base
def listing(kb: KnowledgeBase) -> Listing:
    return Listing("guidance", "Questions sites ask", LISTS["guidance"], GUIDANCE_PER_PAGE,
                   tuple(Item(g) for g in kb.guidance), entry=lambda view, g: view.link(g),
                   files=lambda kb, g: kb.guidance[g].path)


def guidance_page(view: View, guidance_id: str) -> str:
    """Markdown for /guidance/<id>/: its title comes from here too, so no data text enters a template."""
    g = view.kb.guidance[guidance_id]
    heading = f"# {md_text(g.question)} {{ #{g.id} }}"
    answer = view.ours_text(g.answer, "Our answer", g.rests_on)
    end = render("record-end.html", class_name="",
                 back=render("back-to-list.html", every="Every question", href=f"{view.base}guidance/",
                             name="Questions sites ask"),
                 referenced_by=view.referenced_by(g.id), reviewed=view.reviewed(g.last_reviewed, g.path))
    return f"{heading}\n\n{render('guidance-label.html')}\n\n{answer}\n\n{end}"
