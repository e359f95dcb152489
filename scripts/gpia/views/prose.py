"""The comparison of the whole documents of two versions: /compare/text/ (gpia.compare.prose).

Every paragraph and list item of the newer version's answers is shown in the newer document's
order, each beside the older passages it rewrites and redlined against them, or labelled new; the
older passages that nothing rewrites follow, labelled dropped. A reader can narrow the page to one
kind of change (docs/assets/gpia.js; without the script every change shows). The counts at the top
come from the same groups, so they add up. The wording shown is NHS wording, quoted; the notes on
each change and the labels are ours.

The page is split into pages of bounded size (gpia.views.split), a question and its changes never
across two: the first says what is compared and counts it, later ones are at compare/text/pages/<n>/,
and every anchor that left the first page is in the site's moved anchors (text_comparison_moved), so
a link made to /compare/text/#<anchor> still arrives.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from gpia.compare.prose import (KINDS, PIECE_BREAK, ProseChange, ProseComparison, compare_prose, document_of,
                                document_pairs, section_counterparts)
from gpia.compare.pairs import Pairing, direct_pairings, folder
from gpia.compare.redline import Op, groups_by_page, group_url, per_ancestor, redline
from gpia.views.compare import KIND_LABELS
from gpia.model.urls import page_of
from gpia.model.urls import relative_base
from gpia.sitemap import TEXT_COMPARISON, list_page
from gpia.views.common import BuildViews, View
from gpia.views.html import md_text
from gpia.views.split import split_pages
from gpia.views.html import esc
from gpia.views.templating import markup, render
from gpia.views.redline import render_redline
from gpia.views.wording import listed

# The kinds of change in the order the filter lists them: the prose's, then the tables' own (moved).
FILTER_ORDER = (*KINDS, "moved")


def redline_html(ops) -> str:
    """A redline whose pieces (PIECE_BREAK between a split's paragraphs) each start on a new line,
    after a piece break (templates/piece-break.html)."""
    piece_break = str(render("piece-break.html"))
    return render_redline(ops, lambda text: esc(text).replace(PIECE_BREAK, piece_break))


# A question's changes go on pages this many at a time (its paragraphs' changes, then the bullets of the
# tables it prints, which multiply with the corpus): a page never holds more than one such piece too many.
CHANGES_PER_PIECE = 50


@dataclass(frozen=True)
class _Piece:
    """Changes start to end of a question of the newer document (from 0: the question's heading too),
    or one older passage dropped."""
    question: str | None
    changes: tuple[ProseChange, ...]
    start: int = 0
    end: int = 0


@dataclass
class _Rendered:
    """A piece as rendered for its page: its HTML, the kinds of its changes and the anchors it holds."""
    html: str
    kinds: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TextComparison:
    """The comparison of the newest pair of documents, split into pages of bounded size (gpia.views.split)."""
    older: str
    newer: str
    comparison: ProseComparison
    pages: tuple[tuple[tuple[_Piece, _Rendered], ...], ...]


def text_comparison(shared: BuildViews) -> TextComparison | None:
    """The whole documents compared, on as many pages as `shared.page_bytes` needs (computed once per
    build): None when no declared comparison has both its documents in the data."""
    key = ("gpia.views.prose.text_comparison", shared.edit_base, shared.site_url, shared.page_bytes)
    if key in shared.kb.derived:
        return shared.kb.derived[key]
    kb = shared.kb
    pairs = document_pairs(kb)
    if not pairs:
        shared.kb.derived[key] = None
        return None
    older, newer = pairs[0]
    comparison = compare_prose(kb, older, newer)
    old_label, new_label = kb.versions[older].label, kb.versions[newer].label
    counterparts = section_counterparts(kb, comparison)
    pairing = next((p for p in direct_pairings(kb) if (p.old, p.new) == (older, newer)), None)
    # Each question's changes as shown from a page (their links start from it), made once per page's view;
    # the view is kept with them, so its id is not reused.
    made: dict[int, tuple[View, dict[str, list[dict[str, object]]]]] = {}

    def question_changes(view: View, question_id: str, changes: tuple[ProseChange, ...]) -> list[dict[str, object]]:
        by_question = made.setdefault(id(view), (view, {}))[1]
        if question_id not in by_question:
            q = kb.questions[question_id]
            shown = [_change(view, c, old_label, new_label) for c in changes]
            # Each table the answer prints: its bullets' changes, where the newer document prints it.
            for b in q.answer:
                if b.kind == "table" and pairing is not None and kb.tables[b.table or ""].kind in pairing.kinds:
                    shown += _table_changes(view, pairing, kb.tables[b.table or ""].kind, old_label, new_label)
            by_question[question_id] = shown
        return by_question[question_id]

    counting = shared.view()
    pieces = []
    for question_id, changes in _by_question(comparison):
        total = len(question_changes(counting, question_id, tuple(changes)))
        pieces += [_Piece(question_id, tuple(changes), start, min(total, start + CHANGES_PER_PIECE))
                   for start in range(0, max(total, 1), CHANGES_PER_PIECE)]
    made.clear()
    pieces += [_Piece(None, (c,)) for c in comparison.changes if c.kind == "dropped"]
    rendered: dict[int, _Rendered] = {}

    def render_piece(view: View, piece: _Piece) -> str:
        if piece.question is None:
            change = _change(view, piece.changes[0], old_label, new_label)
            out = _Rendered(str(render("prose-change.html", change=change)), [str(change["kind"])], [str(change["anchor"])])
        else:
            q = kb.questions[piece.question]
            shown = question_changes(view, q.id, piece.changes)[piece.start:piece.end]
            first = piece.start == 0
            html = str(render(
                "prose-question.html", id=f"text-{q.id}" if first else "", question=q.question, href=view.href(q.id),
                counterparts=[markup(view.link(h, kb.passages[h].text or h)) for h in counterparts.get(q.id, ())]
                if first else [], old_label=old_label, changes=shown))
            out = _Rendered(html, [str(c["kind"]) for c in shown],
                            [f"text-{q.id}"] * first + [str(c["anchor"]) for c in shown])
        rendered[id(piece)] = out
        return out.html

    def view_of(page: int) -> View:
        return shared.view(relative_base(list_page(TEXT_COMPARISON, page)))

    pages = split_pages(pieces, view_of, render_piece, shared.page_bytes)
    result = TextComparison(older, newer, comparison,
                            tuple(tuple((piece, rendered[id(piece)]) for piece, _ in page) for page in pages))
    shared.kb.derived[key] = result
    return result


def text_comparison_page_count(shared: BuildViews) -> int:
    found = text_comparison(shared)
    return len(found.pages) if found else 1


def text_comparison_moved(shared: BuildViews) -> dict[str, dict[str, str]]:
    """The anchors /compare/text/ held when it was one page that are now on a later page: where each went."""
    found = text_comparison(shared)
    moved: dict[str, str] = {}
    for n, page in enumerate(found.pages[1:] if found else (), start=2):
        url = list_page(TEXT_COMPARISON, n)
        for piece, done in page:
            moved.update({anchor: f"{url}#{anchor}" for anchor in done.anchors})
    dropped = _dropped_start(found) if found else 1
    if dropped > 1:
        moved[DROPPED_ANCHOR] = f"{list_page(TEXT_COMPARISON, dropped)}#{DROPPED_ANCHOR}"
    return {TEXT_COMPARISON: moved} if moved else {}


DROPPED_ANCHOR = "text-dropped"


def _dropped_start(found: TextComparison) -> int:
    """The page on which the dropped passages start (0: none is dropped)."""
    return next((n for n, page in enumerate(found.pages, start=1) if any(p.question is None for p, _ in page)), 0)


def text_comparison_page(view: View) -> str:
    """/compare/text/: the first page of the newest pair of versions whose documents can be compared."""
    found = text_comparison(view.shared)
    if found is None:
        return f"{render('prose-none.html')}{which_comparison(view, None)}"
    return f"{which_comparison(view, (found.older, found.newer))}{_page_body(view.shared, found, 1)}"


def text_comparison_later_page(shared: BuildViews, page: int) -> str:
    """Page n (from 2) of /compare/text/, with its own title."""
    found = text_comparison(shared)
    if found is None or not 2 <= page <= len(found.pages):
        raise ValueError(f"text_comparison_later_page: the whole documents compared have no page {page}")
    kb = shared.kb
    title = f"Compare the whole documents, {kb.versions[found.older].label} and {kb.versions[found.newer].label}"
    return f"# {md_text(title)}: page {page} of {len(found.pages)}\n\n{_page_body(shared, found, page)}"


def _page_body(shared: BuildViews, found: TextComparison, page: int) -> str:
    kb = shared.kb
    view = shared.view(relative_base(list_page(TEXT_COMPARISON, page)))
    older, newer, comparison = found.older, found.newer, found.comparison
    old_label, new_label = kb.versions[older].label, kb.versions[newer].label
    shown = found.pages[page - 1]
    kinds_seen: dict[str, int] = {}
    for _, done in shown:
        for kind in done.kinds:
            kinds_seen[kind] = kinds_seen.get(kind, 0) + 1
    dropped = [markup(done.html) for piece, done in shown if piece.question is None]
    count = len(found.pages)
    links = [(view.base + list_page(TEXT_COMPARISON, target), rel, label)
             for label, target, rel in (("First page", 1, ""), ("Previous page", page - 1, "prev"),
                                        ("Next page", page + 1, "next"), ("Last page", count, ""))
             if 1 <= target <= count and target != page]
    body = render(
        "prose-page.html", first=page == 1, old_label=old_label, new_label=new_label,
        old_document=markup(view.link(kb.versions[older].source, view.source_name(kb.versions[older].source))),
        new_document=markup(view.link(kb.versions[newer].source, view.source_name(kb.versions[newer].source))),
        tables_href=view.base + "compare/",
        counts=_counts(comparison), kinds=[(k, KIND_LABELS[k], kinds_seen[k]) for k in FILTER_ORDER if k in kinds_seen],
        questions=[markup(done.html) for piece, done in shown if piece.question is not None], dropped=dropped,
        dropped_id=DROPPED_ANCHOR if dropped and _dropped_start(found) == page else "",
        pages=count, page=page, links=links)
    files = sorted({kb.questions[b.question].path for c in comparison.changes for b in c.new}
                   | {kb.documents[p.document].path for c in comparison.changes for p in c.old})
    return f"{body}\n\n{view.data_files(files)}"


def which_comparison(view: View, shown: tuple[str, str] | None) -> str:
    """Which declared comparison the page shows, and why it shows no other: a version with no document
    file yet (its tables are still compared, on their own page), or a page of one pair only."""
    kb = view.kb
    others = []
    for pairing in direct_pairings(kb):
        if (pairing.old, pairing.new) == shown:
            continue
        missing = [kb.versions[v].label for v in (pairing.old, pairing.new) if document_of(kb, v) is None]
        if missing:
            has = "has" if len(missing) == 1 else "have"
            why = (f"{listed(missing)} {has} no document file yet (clauses/documents/), so only their tables are "
                   "compared, on the page linked")
        else:
            why = "this page compares the documents of one comparison, the newest whose documents are both in the data"
        others.append({"title": _title(kb, pairing.old, pairing.new), "href": view.base + folder(kb, pairing),
                       "why": why})
    shown_title = f"{kb.versions[shown[0]].label} and {kb.versions[shown[1]].label}" if shown else ""
    return str(render("prose-which.html", shown=shown_title, others=others))


def _title(kb, older: str, newer: str) -> str:
    return f"{kb.versions[older].label} → {kb.versions[newer].label}"


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
