"""The comparison of the whole documents of two versions: /compare/text/ (gpia.compare.prose).

Every paragraph and list item of the newer version's answers is shown in the newer document's
order, each beside the older passages it rewrites and redlined against them, or labelled new; the
older passages that nothing rewrites follow, labelled dropped. A reader can narrow the page to one
kind of change (docs/assets/gpia.js; without the script every change shows). The counts at the top
come from the same groups, so they add up. The wording shown is NHS wording, quoted; the notes on
each change and the labels are ours.
"""
from __future__ import annotations

from gpia.compare.prose import KINDS, PIECE_BREAK, ProseChange, ProseComparison, compare_prose, document_pairs, section_counterparts
from gpia.compare.pairs import Pairing, direct_pairings
from gpia.compare.redline import Op, groups_by_page, group_url, per_ancestor, redline
from gpia.views.compare import KIND_LABELS
from gpia.model.urls import page_of
from gpia.views.common import View
from gpia.views.html import esc
from gpia.views.templating import markup, render
from gpia.views.redline import render_redline

# The kinds of change in the order the filter lists them: the prose's, then the tables' own (moved).
FILTER_ORDER = (*KINDS, "moved")


def redline_html(ops) -> str:
    """A redline whose pieces (PIECE_BREAK between a split's paragraphs) each start on a new line,
    after a piece break (templates/piece-break.html)."""
    piece_break = str(render("piece-break.html"))
    return render_redline(ops, lambda text: esc(text).replace(PIECE_BREAK, piece_break))


def text_comparison_page(view: View, pair: tuple[str, str] | None = None) -> str:
    """The page for a pair of versions, by default the newest pair whose documents can be compared."""
    kb = view.kb
    pairs = document_pairs(kb)
    if pair is None and not pairs:
        return str(render("prose-none.html"))
    older, newer = pair or pairs[0]
    comparison = compare_prose(kb, older, newer)
    old_label, new_label = kb.versions[older].label, kb.versions[newer].label
    counterparts = section_counterparts(kb, comparison)
    pairing = next((p for p in direct_pairings(kb) if (p.old, p.new) == (older, newer)), None)
    questions = []
    kinds_seen: dict[str, int] = {}
    for question_id, changes in _by_question(comparison):
        q = kb.questions[question_id]
        shown = [_change(view, c, old_label, new_label) for c in changes]
        # Each table the answer prints: its bullets' changes, where the newer document prints it.
        for b in q.answer:
            if b.kind == "table" and pairing is not None and kb.tables[b.table or ""].kind in pairing.kinds:
                shown += _table_changes(view, pairing, kb.tables[b.table or ""].kind, old_label, new_label)
        for change in shown:
            kinds_seen[str(change["kind"])] = kinds_seen.get(str(change["kind"]), 0) + 1
        questions.append(render(
            "prose-question.html", id=f"text-{q.id}", question=q.question, href=view.href(q.id),
            counterparts=[markup(view.link(h, kb.passages[h].text or h)) for h in counterparts.get(q.id, ())],
            old_label=old_label, changes=shown))
    dropped = [_change(view, c, old_label, new_label) for c in comparison.changes if c.kind == "dropped"]
    for change in dropped:
        kinds_seen["dropped"] = kinds_seen.get("dropped", 0) + 1
    body = render(
        "prose-page.html", old_label=old_label, new_label=new_label,
        old_document=markup(view.link(kb.versions[older].source, view.source_name(kb.versions[older].source))),
        new_document=markup(view.link(kb.versions[newer].source, view.source_name(kb.versions[newer].source))),
        tables_href=view.base + "compare/",
        counts=_counts(comparison), kinds=[(k, KIND_LABELS[k], kinds_seen[k]) for k in FILTER_ORDER if k in kinds_seen],
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


def _table_changes(view: View, pairing: Pairing, table_kind: str, old_label: str, new_label: str) -> list[dict[str, object]]:
    """Every bullet of a table compared, row by row in the newer table's order, as on the row pages:
    a redline each (one per older bullet when several were merged), linked to its row's page."""
    kb = view.kb
    found: list[dict[str, object]] = []

    def where(r) -> str:  # noqa: ANN001
        area = kb.areas[r.area]
        return f"{kb.versions[r.version].label} {area.row} {area.title}, bullet {r.bullet}"

    def item(anchor: str, kind: str, record, ops_list, href: str) -> dict[str, object]:  # noqa: ANN001
        return {"anchor": f"all-{anchor}", "kind": kind, "label": KIND_LABELS[kind], "table": True,
                "where": where(record), "href": href,
                "redlines": [markup(render_redline(ops)) for ops in ops_list], "old_label": old_label,
                "new_label": new_label, "old": [], "new": [], "why": []}

    for page_id, group in groups_by_page(kb, pairing).items():
        if group.kind != table_kind:
            continue
        href = view.base + group_url(kb, page_id, pairing)
        pairs = {p.new.id: p for p in group.pairs}
        for r in (group.new_area.requirements if group.new_area else ()):
            pair = pairs.get(r.id)
            if pair is not None:
                ops = (per_ancestor(pair.redline, [len(o.text) for o in pair.old]) if len(pair.old) > 1
                       else (pair.redline,))
                found.append(item(pair.anchor, pair.kind, r, ops, f"{href}#{pair.anchor}"))
            elif r in group.new_requirements:
                found.append(item(f"cmp-{r.id}", "new", r, [(Op("insert", r.text),)], f"{href}#cmp-{r.id}"))
        for r in group.dropped:
            found.append(item(f"cmp-{r.id}", "dropped", r, [(Op("delete", r.text),)], f"{href}#cmp-{r.id}"))
    return found


def _change(view: View, change: ProseChange, old_label: str, new_label: str) -> dict[str, object]:
    kb = view.kb
    olds = [{"href": view.href(p.id), "label": f"{old_label}, in the whole text", "texts": [markup(view.text(p.text or ""))], "numbered": False}
            for p in change.old]
    news = [{"href": view.base + page_of(kb, b.question) + "#" + b.id, "label": f"{new_label}: {kb.questions[b.question].question}",
             "texts": [markup(view.text(t)) for t in b.texts], "numbered": b.block.kind == "numbered"} for b in change.new]
    redlines = [markup(redline_html(ops)) for ops in change.redlines()] if change.old and change.new else []
    return {"anchor": change.anchor, "kind": change.kind, "label": KIND_LABELS[change.kind], "table": False,
            "old": olds, "new": news,
            "redlines": redlines, "why": [markup(view.text(w)) for w in change.why],
            "old_label": old_label, "new_label": new_label}
