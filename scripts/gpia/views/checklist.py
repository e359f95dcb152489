"""The "before you sign" checklist at the top of /checklist/: one item per decision or piece of local
drafting the sources put to a site (clauses/decisions.yaml).

Each item is our words in the labelled box, with the source wording that raises it quoted beside it
(View.ours with rests_on), who decides, the options, and links. Its checkbox is plain HTML; the
site's script (docs/assets/gpia.js) keeps the ticks in the reader's browser (localStorage), and
without the script the boxes still tick and print.
"""
from __future__ import annotations

from gpia.model.checklist import EXAMPLE_ANCHOR
from gpia.views.html import esc, md_text
from gpia.model.records import Decision
from gpia.model.urls import section_url
from gpia.views.common import View


def before_you_sign(view: View) -> str:
    """Markdown: a heading per item (so each is in the table of contents), its body as HTML."""
    kb = view.kb
    if not kb.decisions:
        return ""
    count = len(kb.decisions)
    intro = (f'<div class="gpia-ticks" data-gpia-ticks><p class="gpia-provenance">{count} things to settle before '
             "the agreement is signed, each raised by the sources (quoted with it). Tick each one when it is settled: "
             'the ticks are kept in this browser only, on this device, and are never sent anywhere. '
             '<span class="gpia-tick-count" data-gpia-tick-count aria-live="polite"></span></p></div>')
    return "\n\n".join([intro, *(_item(view, d) for d in kb.decisions.values())])


def _item(view: View, d: Decision) -> str:
    kb = view.kb
    options = "".join(f"<li>{view.text(o, mentions=False)}</li>" for o in d.options)
    body = (f"<p>{view.text(d.ask)}</p>"
            f'<p><strong>Who decides:</strong> {view.text(d.who_decides, mentions=False)}</p>'
            f"<p><strong>Options:</strong></p><ul>{options}</ul>")
    links = []
    if d.example:
        links.append(f'<a href="{esc(view.base + section_url(kb, d.example, EXAMPLE_ANCHOR))}">Worked example: '
                     f"{view.text(kb.schedules[d.example].label, mentions=False)}</a>")
    if d.see:
        links.append("Read with: " + view.links(list(d.see)))
    more = f'<p class="gpia-trace">{" · ".join(links)}</p>' if links else ""
    tick = (f'<p class="gpia-tick"><input type="checkbox" id="tick-{esc(d.id)}" data-gpia-tick="{esc(d.id)}">'
            f'<label for="tick-{esc(d.id)}">Settled: {view.text(d.title, mentions=False)}</label></p>')
    return (f"### {md_text(d.title)} {{ #{d.id} }}\n\n"
            f'<div class="gpia-before"{view.cite(d.id)}>{tick}'
            # Our restatement of what an FAQ raises is left out of search, so the FAQ that answers a
            # query outranks it; the item's heading is still found.
            f'<div data-pagefind-ignore>{view.ours(body, "What to settle", d.rests_on)}{more}</div></div>')
