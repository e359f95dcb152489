"""The "before you sign" checklist at the top of /checklist/: one item per decision or piece of local
drafting the sources put to a site (clauses/decisions.yaml).

Each item is our words in the labelled box, with the source wording that raises it quoted beside it
(View.ours with rests_on), who decides, the options, and links. Its checkbox is plain HTML; the
site's script (docs/assets/gpia.js) keeps the ticks in the reader's browser (localStorage), and
without the script the boxes still tick and print.
"""
from __future__ import annotations

from gpia.model.checklist import EXAMPLE_ANCHOR
from gpia.views.html import md_text
from gpia.model.records import Decision
from gpia.model.urls import section_url
from gpia.views.common import View
from gpia.views.templating import render


def before_you_sign(view: View) -> str:
    """Markdown: a heading per item (so each is in the table of contents), its body as HTML."""
    kb = view.kb
    if not kb.decisions:
        return ""
    intro = render("before-you-sign-intro.html", count=len(kb.decisions))
    return "\n\n".join([intro, *(_item(view, d) for d in kb.decisions.values())])


def _item(view: View, d: Decision) -> str:
    kb = view.kb
    body = render("before-you-sign-body.html", ask=view.text(d.ask), who=view.text(d.who_decides, mentions=False),
                  options=[view.text(o, mentions=False) for o in d.options])
    example = d.example
    item = render("before-you-sign-item.html", id=d.id, title=view.text(d.title, mentions=False),
                  settle=view.ours(body, "What to settle", d.rests_on),
                  example_href=view.base + section_url(kb, example, EXAMPLE_ANCHOR) if example else "",
                  example=view.text(kb.schedules[example].label, mentions=False) if example else "",
                  see=view.links(list(d.see)))
    return f"### {md_text(d.title)} {{ #{d.id} }}\n\n{item}"
