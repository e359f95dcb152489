"""The comparison of the whole documents of two versions: /compare/text/ (gpia.compare.prose).

Every paragraph and list item of the newer version's answers is shown in the newer document's
order, each beside the older passages it rewrites and redlined against them, or labelled new; the
older passages that nothing rewrites follow, labelled dropped. A reader can narrow the page to one
kind of change (docs/assets/gpia.js; without the script every change shows). The counts at the top
come from the same groups, so they add up. The wording shown is NHS wording, quoted; the notes on
each change and the labels are ours.
"""
from __future__ import annotations

from gpia.compare.prose import KINDS, ProseChange, ProseComparison, compare_prose, section_counterparts
from gpia.compare.redline import render_redline
from gpia.model.urls import page_of
from gpia.views.common import View
from gpia.views.html import esc
from gpia.views.templating import markup, render

# What each kind of change is called on the page (the filter's labels and each change's badge).
KIND_LABELS = {
    "reworded": "Reworded",
    "split": "Split into several",
    "merged": "Merged into one",
    "new": "New",
    "dropped": "Dropped",
    "unchanged": "Unchanged",
}
# A piece boundary inside a redline (a split's or merge's pieces, each on its own line).
_BREAK = '<span class="gpia-piece-break" aria-hidden="true">¶</span><br>'


def redline_html(ops) -> str:
    """A redline whose pieces (the "\\n" between a split's paragraphs) each start on a new line."""
    return render_redline(ops, lambda text: esc(text).replace("&#10;", _BREAK))


def text_comparison_page(view: View, older: str, newer: str) -> str:
    kb = view.kb
    comparison = compare_prose(kb, older, newer)
    old_label, new_label = kb.versions[older].label, kb.versions[newer].label
    counterparts = section_counterparts(kb, comparison)
    questions = []
    for question_id, changes in _by_question(comparison):
        q = kb.questions[question_id]
        questions.append(render(
            "prose-question.html", id=f"text-{q.id}", question=q.question, href=view.href(q.id),
            counterparts=[markup(view.link(h, kb.passages[h].text or h)) for h in counterparts.get(q.id, ())],
            old_label=old_label, changes=[_change(view, c, old_label, new_label) for c in changes]))
    dropped = [_change(view, c, old_label, new_label) for c in comparison.changes if c.kind == "dropped"]
    body = render(
        "prose-page.html", old_label=old_label, new_label=new_label,
        old_document=markup(view.link(kb.versions[older].source, view.source_name(kb.versions[older].source))),
        new_document=markup(view.link(kb.versions[newer].source, view.source_name(kb.versions[newer].source))),
        tables_href=view.base + "compare/",
        counts=_counts(comparison), kinds=[(k, KIND_LABELS[k], comparison.count(k)) for k in KINDS if comparison.count(k)],
        questions=[markup(q) for q in questions], dropped=dropped)
    files = sorted({kb.questions[b.question].path for c in comparison.changes for b in c.new}
                   | {kb.documents[p.document].path for c in comparison.changes for p in c.old})
    return f"{body}\n\n{view.data_files(files)}"


def _by_question(comparison: ProseComparison) -> list[tuple[str, list[ProseChange]]]:
    """The changes that hold the newer document's blocks, under the question of their first block."""
    found: dict[str, list[ProseChange]] = {}
    for change in comparison.changes:
        if change.new:
            found.setdefault(change.new[0].question, []).append(change)
    return list(found.items())


def _counts(comparison: ProseComparison) -> dict[str, int]:
    carried_old = sum(len(c.old) for c in comparison.changes if c.new)
    rewriting_new = sum(len(c.new) for c in comparison.changes if c.old)
    return {"old_total": comparison.old_total, "old_carried": carried_old, "old_dropped": comparison.old_total - carried_old,
            "new_total": comparison.new_total, "new_rewriting": rewriting_new, "new_new": comparison.new_total - rewriting_new}


def _change(view: View, change: ProseChange, old_label: str, new_label: str) -> dict[str, object]:
    kb = view.kb
    olds = [{"href": view.href(p.id), "label": f"{old_label}, in the whole text", "texts": [p.text or ""], "numbered": False}
            for p in change.old]
    news = [{"href": view.base + page_of(kb, b.question) + "#" + b.id, "label": f"{new_label}: {kb.questions[b.question].question}",
             "texts": list(b.texts), "numbered": b.block.kind == "numbered"} for b in change.new]
    redlines = [markup(redline_html(ops)) for ops in change.redlines()] if change.old and change.new else []
    return {"anchor": change.anchor, "kind": change.kind, "label": KIND_LABELS[change.kind], "old": olds, "new": news,
            "redlines": redlines, "why": [markup(view.text(w)) for w in change.why],
            "old_label": old_label, "new_label": new_label}
