"""The comparison of the MCP 2016 and ICP 2019 tables: a page per row group and /compare/ over them.

/compare/ holds what is about the whole comparison (counts, the key to the redline, our notes on
what changed, the tables' own headings) and a paged list of the row groups. Each row group (a 2019
row and the 2016 row(s) its bullets come from, or a 2016 row not carried forward) has its own page,
compare/<group-page-id>/, with its bullets side by side and a redline per aligned pair; every
requirement's and row's cmp- anchor is where gpia.compare.redline.compare_url says.

Everything shown is computed from the reviewed alignment data (`derives_from`, `status`, `change`,
`why`): the counts, the change kinds and the row renumbering. The "What changed" notes are our
words, reviewed data in clauses/changes.yaml; gpia.compare.changes finds the rows each links to, and the
pages label them as ours.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gpia.compare.redline import (CHANGE_KINDS, NEW, OLD, AreaGroup, Comparison, Op, Pair, anchor, compare, compare_url,
                       comparison_pages, group_page_id, groups_by_page, per_ancestor, redline, render_redline)
from gpia.compare.changes import examples, renumbered_clauses
from gpia.pages.compare_docx import comparison_docx, comparison_path
from gpia.model.derived import once_per_knowledge_base
from gpia.views.html import esc, md_text
from gpia.model.records import KnowledgeBase, Requirement
from gpia.views.common import View, ours
from gpia.views.paging import Item, Listing

TABLE_KINDS = (("governance", "Shared governance and decision making"), ("integration", "Integration commitments"))

KIND_LABELS = {"unchanged": "Unchanged", "reworded": "Reworded", "moved": "Moved", "merged": "Merged",
               "split": "Split", "new": "New", "dropped": "Dropped"}
# Our words: what each badge means. Kept beside the rules in gpia/compare/redline.py that decide them.
KIND_MEANINGS = {
    "unchanged": "the same words, in the same row and bullet position.",
    "reworded": "one 2016 bullet became one 2019 bullet, and the words differ.",
    "moved": "the same words, printed in another place: a different row number, row title or bullet position.",
    "merged": "two or more 2016 bullets became one 2019 bullet; its redline has one item per 2016 bullet, "
              "each with the part of the 2019 wording it became.",
    "split": "one 2016 bullet became two or more 2019 bullets; each has its own redline.",
    "new": "a 2019 bullet that derives from no 2016 bullet.",
    "dropped": "a 2016 bullet that no 2019 bullet carries forward.",
}


GROUPS_PER_PAGE = 20  # row groups per page of the list on /compare/
MAX_EXAMPLES = 3  # rows linked from each "What changed" note; the rest are counted


def group_url(page_id: str) -> str:
    """Site-root-relative URL of a row group's comparison page, e.g. 'compare/<row id>/'."""
    return f"compare/{page_id}/"


def compare_page(view: View) -> str:
    """/compare/: what is about the whole comparison, then page 1 of the list of row groups."""
    kb = view.kb
    comparisons = {kind: compare(kb, kind) for kind, _ in TABLE_KINDS}
    parts = [
        "## Summary { #cmp-summary }", summary(view, comparisons),
        "## How to read the redline { #cmp-legend }", legend(), word_download(view),
        "## What changed { #cmp-what-changed }", what_changed(view),
        "## The tables' own headings { #cmp-headings }", "".join(headings_table(view, kind) for kind, _ in TABLE_KINDS),
        "## Compared row by row { #cmp-rows }", rows_intro(view), listing(kb).render(view, 1),
    ]
    return "\n\n".join(parts)


def summary(view: View, comparisons: dict[str, Comparison]) -> str:
    counts = {kind: c.counts() for kind, c in comparisons.items()}
    head = "".join(f'<th scope="col">{esc(title)}</th>' for _, title in TABLE_KINDS)
    rows = []
    for kind in (*CHANGE_KINDS, "new", "dropped"):
        per_table = [counts[k][kind] for k, _ in TABLE_KINDS]
        cells = "".join(f"<td>{n}</td>" for n in per_table)
        # The old one-page comparison's "New in 2019" and "Dropped from 2016" anchors land on their counts.
        row_id = f' id="cmp-{kind}"' if kind in ("new", "dropped") else ""
        rows.append(f'<tr{row_id}><th scope="row"><a href="#cmp-kind-{kind}">{KIND_LABELS[kind]}</a></th>{cells}'
                    f"<td>{sum(per_table)}</td></tr>")
    old_total = sum(len(view.kb.requirements_of(OLD, k)) for k, _ in TABLE_KINDS)
    new_total = sum(len(view.kb.requirements_of(NEW, k)) for k, _ in TABLE_KINDS)
    old_label, new_label = view.kb.versions[OLD].label, view.kb.versions[NEW].label
    carried = old_total - sum(counts[k]["dropped"] for k, _ in TABLE_KINDS)
    derived = new_total - sum(counts[k]["new"] for k, _ in TABLE_KINDS)
    return (f'<p class="gpia-compare-totals">{esc(new_label)} has {new_total} bullets: {derived} derive from '
            f"{esc(old_label)} bullets and {new_total - derived} are new. {esc(old_label)} has {old_total} bullets: "
            f"{carried} are carried forward and {old_total - carried} are dropped.</p>"
            '<div class="gpia-compare-table"><table><caption>Bullets by kind of change (2019 bullets, except '
            f'Dropped, which counts 2016 bullets)</caption><thead><tr><th scope="col">Kind of change</th>{head}'
            f'<th scope="col">Both tables</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def legend() -> str:
    example = render_redline(redline("on a 'best for service' basis", "on a Best for Service basis"))
    punctuation = render_redline(redline("simplified integrated routes", "simplified, integrated routes"))
    kinds = "".join(f'<dt id="cmp-kind-{kind}"><span class="gpia-kind gpia-kind-{kind}">{KIND_LABELS[kind]}</span></dt>'
                    f"<dd>{esc(KIND_MEANINGS[kind])}</dd>" for kind in (*CHANGE_KINDS, "new", "dropped"))
    deleted = render_redline((Op("delete", "Struck-through words"),))
    inserted = render_redline((Op("insert", "words on a striped ground"),))
    return ('<div class="gpia-legend">'
            "<p>Each redline reads the 2016 wording into the 2019 wording, word by word (a hyphenated word, a "
            "number or a clause reference such as 6.2(d) counts as one word):</p><ul>"
            f"<li>{deleted}, marked “−”, are only in 2016 (a screen reader announces them as “deleted”);</li>"
            f"<li>{inserted}, marked “+” and underlined twice, are only in 2019 (announced as “inserted”). "
            "Links are never marked this way;</li>"
            "<li>a change of punctuation alone, such as an added comma, is boxed so that it can be seen;</li>"
            "<li>plain words are in both.</li></ul>"
            f'<p>For example: <span class="gpia-redline">{example}</span>; and '
            f'<span class="gpia-redline">{punctuation}</span>.</p>'
            "<p>Every 2019 bullet has a badge for its kind of change. The kind is worked out from the reviewed "
            "alignment data (which 2016 bullets each 2019 bullet derives from); a reviewer can override it in "
            "the data.</p>"
            f'<dl class="gpia-kinds">{kinds}</dl></div>')


def word_download(view: View) -> str:
    """Markdown (so MkDocs checks the link): the comparison as a Word document with tracked changes."""
    size = len(comparison_docx(view.kb))  # worked out once per build (generated_files asks too)
    return (f"**Download:** [every redline as a Word document with tracked changes]({comparison_path()}) "
            f"(.docx, {size / 1024:.0f} KB). Open it in Word's Review pane to see, accept or reject each change; "
            "the labels are the guide's own words.")


def what_changed(view: View) -> str:
    """Our notes on the changes the guide points out, each with links to the first few rows that
    show it (the rest counted), so the list does not grow with the tables."""
    kb = view.kb
    items = []
    shown = examples(kb)
    for change in kb.changes.values():  # our notes, from clauses/changes.yaml
        found = shown[change.id]
        links = _clause_links if change.find.clause_renumbered else None
        pairs = _pair_links(view, list(found.pairs), links)
        rows = [f'<a href="{esc(view.base + compare_url(kb, group_page_id(g)))}">'
                f"{view.text(group_title(g), mentions=False)}</a>" for g in found.rows]
        terms = [view.link(i) for i in change.records]
        glossary = f" In the glossary: {', '.join(terms)}." if terms else ""
        items.append(f'<li id="{esc(change.id)}"><p>{view.text(change.summary, mentions=False)}</p>'
                     f'<p class="gpia-examples" data-pagefind-ignore>See: {_bounded(pairs + rows)}.{glossary}</p>'
                     f"{view.resting_on(change.rests_on)}</li>")
    notes = duplicate_numbers(kb)
    if notes:
        more = (f" {len(notes) - 1} more row {'number is' if len(notes) == 2 else 'numbers are'} printed twice; "
                "each row's comparison page says so.") if len(notes) > 1 else ""
        rows = [f'<a href="{esc(view.base + compare_url(kb, area_id))}">{view.text(_row_name(kb, area_id), mentions=False)}</a>'
                for note in notes for area_id in note.areas]
        items.append(f'<li><p>{esc(notes[0].text)}{esc(more)}</p><p class="gpia-examples" data-pagefind-ignore>'
                     f"See: {_bounded(rows)}.</p></li>")
    return ours(f'<ul class="gpia-what-changed">{"".join(items)}</ul>', "What changed, in brief")


def _bounded(links: list[str]) -> str:
    """The first few links, and how many more rows there are."""
    shown = "; ".join(links[:MAX_EXAMPLES])
    rest = len(links) - MAX_EXAMPLES
    return shown + (f"; and {rest} more row{'s' if rest > 1 else ''}" if rest > 0 else "")


def _row_name(kb: KnowledgeBase, area_id: str) -> str:
    area = kb.areas[area_id]
    return f"{kb.versions[area.version].label} row {area.row} {area.title}"


def _pair_links(view: View, pairs: list[Pair], extra: Callable[[View, Pair], str] | None = None) -> list[str]:
    """Links to pairs, one entry per 2019 row: "3. Decision making: bullet 1, bullet 2", with any
    extra links for the row's pairs (e.g. the clauses they point at) in brackets."""
    by_row: dict[str, list[Pair]] = {}
    for p in pairs:
        by_row.setdefault(p.new.area, []).append(p)
    links = []
    for area_id, in_row in by_row.items():
        area = view.kb.areas[area_id]
        bullets = ", ".join(f'<a href="{esc(view.base + compare_url(view.kb, p.new.id))}">bullet {p.new.bullet}</a>'
                            for p in in_row)
        also = [text for text in (extra(view, p) for p in in_row) if text] if extra else []
        brackets = f" ({'; '.join(also)})" if also else ""
        links.append(f"{esc(area.row)} {view.text(area.title, mentions=False)}: {bullets}{brackets}")
    return links


def _clause_links(view: View, p: Pair) -> str:
    return "; ".join(f"{view.link(before.id, f'clause {before.number} (2016)')} → "
                     f"{view.link(after.id, f'clause {after.number} (2019)')}"
                     for before, after in renumbered_clauses(view.kb, p))


_NUMBER_WORDS = {2: "two", 3: "three", 4: "four"}


@dataclass(frozen=True)
class DuplicateNumber:
    """Our note on a row number a source prints twice, built from the data."""

    text: str
    areas: tuple[str, ...]  # the rows that share the number, in printed order


@once_per_knowledge_base
def duplicate_numbers(kb: KnowledgeBase) -> list[DuplicateNumber]:
    notes = []
    for table in kb.tables.values():
        seen: dict[str, list[str]] = {}
        for area in table.areas:
            seen.setdefault(area.row, []).append(area.id)
        for row, ids in seen.items():
            if len(ids) > 1:
                label = kb.versions[table.version].label
                count = _NUMBER_WORDS.get(len(ids), str(len(ids)))
                titles = " and ".join(kb.areas[i].title for i in ids)
                notes.append(DuplicateNumber(f"The {label} {table.kind} table numbers {count} rows “{row}” "
                                             f"({titles}). The guide keeps the numbers as printed.", tuple(ids)))
    return notes


def group_title(group: AreaGroup) -> str:
    """The rows compared, with both numbers, since rows are numbered differently in the two versions;
    and both titles when the row was renamed."""
    old_rows = " and ".join(a.row for a in group.old_areas)
    old_titles = " and ".join(a.title for a in group.old_areas)
    if group.new_area is None:
        return f"{old_titles} (2016 row {old_rows}, not in 2019)"
    new = group.new_area
    if not group.old_areas:
        return f"{new.title} (2019 row {new.row}, new)"
    title = new.title if old_titles == new.title else f"{old_titles} → {new.title}"
    if old_rows == new.row:
        return f"{title} (row {new.row})"
    return f"{title} (rows {old_rows} → {new.row})"


def counts_in_words(group: AreaGroup) -> str:
    """The group's bullets by kind of change, e.g. '3 bullets: 2 reworded, 1 merged'."""
    counts = {kind: 0 for kind in (*CHANGE_KINDS, "new", "dropped")}
    for p in group.pairs:
        counts[p.kind] += 1
    counts["new"] = len(group.new_requirements)
    counts["dropped"] = len(group.dropped)
    total = sum(counts.values())
    if not total:
        return "no bullets"
    kinds = ", ".join(f"{n} {KIND_LABELS[kind].lower()}" for kind, n in counts.items() if n)
    return f"{total} bullet{'s' if total > 1 else ''}: {kinds}"


@once_per_knowledge_base
def listing(kb: KnowledgeBase) -> Listing:
    """The row groups of both kinds of table, in page order, under their table's name."""
    items = tuple(Item(page_id, group.kind) for page_id, group in groups_by_page(kb).items())
    titles = dict(TABLE_KINDS)
    return Listing("compare", "Compare the 2016 and 2019 versions, row by row", "compare/", GROUPS_PER_PAGE, items,
                   entry=group_entry, group_heading=lambda view, kind: esc(titles[kind]))


def group_entry(view: View, page_id: str) -> str:
    # The row titles are indexed on the rows' own pages; the entry is a way there, not a copy to find.
    group = groups_by_page(view.kb)[page_id]
    return (f'<span data-pagefind-ignore><a href="{esc(view.base + group_url(page_id))}">'
            f"{view.text(group_title(group), mentions=False)}</a>: {esc(counts_in_words(group))}</span>")


def rows_intro(view: View) -> str:
    groups = groups_by_page(view.kb)
    return (f"<p>Each of the {len(groups)} groups of rows below has a page of its own, with its bullets side by side: "
            "a 2019 row beside the 2016 row or rows its bullets come from, or a 2016 row that was not carried "
            "into 2019. The rows are in the order of the 2016 tables; rows new in 2019 come last.</p>")


def headings_table(view: View, kind: str) -> str:
    """The two tables' own headings compared: the section they sit in and their requirement column."""
    kb = view.kb
    old = [t for t in kb.tables.values() if t.version == OLD and t.kind == kind]
    new = [t for t in kb.tables.values() if t.version == NEW and t.kind == kind]
    if not old or not new:
        return ""
    before, after = old[0], new[0]
    rows = []
    for label, a, b in (("Section heading", before.section, after.section),
                        ("Requirement column heading", before.column_heading, after.column_heading)):
        rows.append(f'<tr><th scope="row">{label}</th><td>{view.text(a)}</td><td>{view.text(b)}</td>'
                    f'<td class="gpia-redline">{render_redline(redline(a, b))}</td></tr>')
    old_label, new_label = kb.versions[OLD].label, kb.versions[NEW].label
    # The headings as printed are indexed on the tables' pages: the body here is a copy.
    return (f'<div class="gpia-compare-table" id="cmp-{esc(kind)}"><table><caption>The two {esc(kind)} tables: '
            f'headings as printed</caption><thead><tr><td></td><th scope="col">{esc(old_label)} '
            f'({view.link(before.id, "table")})</th><th scope="col">{esc(new_label)} ({view.link(after.id, "table")})'
            f'</th><th scope="col">Redline</th></tr></thead><tbody data-pagefind-ignore>{"".join(rows)}</tbody>'
            "</table></div>")


# A row group's page: compare/<group-page-id>/.

def group_page(view: View, page_id: str) -> str:
    """Markdown for compare/<page-id>/: a 2019 row and the 2016 row(s) its bullets come from (or a
    2016 row not carried forward), bullet by bullet. Each requirement and row has its cmp- anchor on
    the first page that shows it (gpia.compare.redline.comparison_pages)."""
    kb = view.kb
    group = groups_by_page(kb)[page_id]
    anchors = _Anchors(comparison_pages(kb), page_id, {anchor(page_id)})
    heading = f"# Compare: {md_text(group_title(group))} {{ #{anchor(page_id)} }}"
    blocks = [provenance(view, group, anchors),
              f'<p class="gpia-compare-nav" data-pagefind-ignore>Part of '
              f'<a href="{esc(view.base)}compare/#cmp-rows">Compare the 2016 and 2019 versions</a> '
              f"({esc(dict(TABLE_KINDS)[group.kind])}). How to read the redline and the badges: "
              f'<a href="{esc(view.base)}compare/#cmp-legend">the key</a>.</p>']
    shown = {a.id for a in group.old_areas} | ({group.new_area.id} if group.new_area else set())
    notes = [note.text for note in duplicate_numbers(kb) if shown.intersection(note.areas)]
    if notes:
        blocks.append(ours("".join(f"<p>{esc(n)}</p>" for n in notes), "Our note"))
    pairs = {p.new.id: p for p in group.pairs}
    bullets = []
    for r in (group.new_area.requirements if group.new_area else ()):
        if r.id in pairs:
            bullets.append(pair_block(view, pairs[r.id], anchors))
        elif r in group.new_requirements:
            bullets.append(new_block(view, r, anchors))
    bullets += [dropped_block(view, r, anchors) for r in group.dropped]
    blocks.append(f'<div class="gpia-compare-area">{"".join(bullets)}</div>')
    tables = sorted({kb.tables[a.table].path for a in (*group.old_areas, *([group.new_area] if group.new_area else []))})
    return heading + "\n\n" + "".join(blocks) + view.data_files(tables)


@dataclass
class _Anchors:
    """Which cmp- anchors this page gives: a record's, if this is its page and it has none here yet
    (a 2016 bullet split in two is shown twice; a 2016 row feeding two 2019 rows is on both pages)."""

    pages: dict[str, str]
    page_id: str
    given: set[str]

    def attr(self, record_id: str) -> str:
        own = anchor(record_id)
        if self.pages.get(record_id) != self.page_id or own in self.given:
            return ""
        self.given.add(own)
        return f' id="{esc(own)}"'


def provenance(view: View, group: AreaGroup, anchors: _Anchors) -> str:
    kb = view.kb
    where = []
    if group.old_areas:
        where.append(f"{esc(kb.versions[OLD].label)} " + ", ".join(_row_link(view, a.id, anchors) for a in group.old_areas))
    if group.new_area:
        where.append(f"{esc(kb.versions[NEW].label)} {_row_link(view, group.new_area.id, anchors)}")
    return f'<p class="gpia-provenance" data-pagefind-ignore>Rows compared — {"; ".join(where)}. {row_change(group)}.</p>'


def _row_link(view: View, area_id: str, anchors: _Anchors) -> str:
    area = view.kb.areas[area_id]
    return (f'<a{anchors.attr(area_id)} href="{esc(view.href(area_id))}">'
            f"{view.text(f'row {area.row} {area.title}', mentions=False)}</a>")


def row_change(group: AreaGroup) -> str:
    """What happened to a row, in words, with a redline of its title when it was renamed."""
    if group.new_area is None:
        return "Not carried into 2019"
    if not group.old_areas:
        return "New in 2019"
    new = group.new_area
    notes = []
    if len(group.old_areas) > 1:
        # Only bullets are aligned: a 2016 row may give one bullet and lose the others.
        notes.append(f"Its bullets come from {len(group.old_areas)} 2016 rows")
    rows = [a.row for a in group.old_areas]
    if rows != [new.row]:
        notes.append(f"Renumbered ({esc(' and '.join(rows))} → {esc(new.row)})")
    titles = [a.title for a in group.old_areas]
    if new.title not in titles:
        notes.append(f'Renamed ({render_redline(redline(" / ".join(titles), new.title))})')
    return "; ".join(notes) or "Same number and title"


def badge(kind: str, overridden: bool = False) -> str:
    note = ' <span class="gpia-kind-note">(set by a reviewer)</span>' if overridden else ""
    return (f'<span class="gpia-kind gpia-kind-{kind}"><span class="gpia-sr-only">Change: </span>'
            f"{KIND_LABELS[kind]}</span>{note}")


def _permalink(target: str, what: str) -> str:
    return (f'<a class="gpia-permalink" data-pagefind-ignore href="#{esc(target)}" aria-label="Permanent link to the comparison of '
            f'{esc(what)}">¶</a>')


def _side(view: View, version: str, requirements: tuple[Requirement, ...], anchors: _Anchors | None) -> str:
    """One version's bullet(s) of a compared pair, each linked to its row's page. With `anchors`,
    a bullet whose cmp- anchor belongs on this page and is not given yet gets it here.

    The bullets are indexed for search on their rows' pages; here they are copies, left out."""
    label = esc(view.kb.versions[version].label)
    if not requirements:
        return (f'<div class="gpia-side gpia-side-{version}" data-pagefind-ignore><p class="gpia-side-label">{label}</p>'
                f'<p class="gpia-side-empty">Not in the {label} table.</p></div>')
    items = []
    for r in requirements:
        id_attr = anchors.attr(r.id) if anchors is not None else ""
        area = view.kb.areas[r.area]
        where = view.link(r.id, f"{area.row} {area.title}, bullet {r.bullet}")
        items.append(f'<li{id_attr}><span class="gpia-side-where">{where}</span><br>'
                     f'<q class="gpia-verbatim">{view.text(r.text)}</q></li>')
    return (f'<div class="gpia-side gpia-side-{version}" data-pagefind-ignore><p class="gpia-side-label">{label}</p>'
            f'<ul class="gpia-side-bullets">{"".join(items)}</ul></div>')


def _why(view: View, r: Requirement, title: str = "Why it changed") -> str:
    return view.ours(f"<p>{view.text(r.why)}</p>", title, r.rests_on) if r.why else ""


def pair_block(view: View, pair: Pair, anchors: _Anchors) -> str:
    # Left out of search: the badge and permalink (the same words on every pair), the sides (copies of
    # bullets indexed on their rows' pages) and the redline. Kept: the page's title and our why notes.
    what = view.label(pair.new.id)
    return (f'<div class="gpia-pair"{anchors.attr(pair.new.id)}><p class="gpia-pair-head" data-pagefind-ignore>'
            f"{badge(pair.kind, pair.kind != pair.derived_kind)} {_permalink(pair.anchor, what)}</p>"
            f'<div class="gpia-sides">{_side(view, OLD, pair.old, anchors)}{_side(view, NEW, (pair.new,), None)}</div>'
            # The redline repeats both texts with "deleted:"/"inserted:" between words: noise in search.
            f"{_redline_block(view, pair)}"
            f"{_why(view, pair.new)}</div>")


def _redline_block(view: View, pair: Pair) -> str:
    """The pair's redline. A 2019 bullet merged from several 2016 bullets gets one item per 2016
    bullet, each with its own marker and label, and the part of the 2019 wording it became."""
    if len(pair.old) == 1:
        return (f'<p class="gpia-redline" data-pagefind-ignore><span class="gpia-label">Redline:</span> '
                f"{_redline_text(pair.redline)}</p>")
    parts = per_ancestor(pair.redline, [len(o.text) for o in pair.old])
    items = []
    for old, ops in zip(pair.old, parts):
        area = view.kb.areas[old.area]
        where = f"From {view.kb.versions[OLD].label} {area.row} {area.title}, bullet {old.bullet}:"
        items.append(f'<li><span class="gpia-label">{view.text(where, mentions=False)}</span> '
                     f"{_redline_text(ops)}</li>")
    return (f'<div class="gpia-redline" data-pagefind-ignore><p><span class="gpia-label">Redline, one item per '
            f"{esc(view.kb.versions[OLD].label)} bullet:</span></p>"
            f'<ul class="gpia-redline-parts">{"".join(items)}</ul></div>')


def _redline_text(ops: tuple[Op, ...]) -> str:
    if all(op.kind == "equal" for op in ops):
        return "no word added or removed."
    return render_redline(ops)


def new_block(view: View, r: Requirement, anchors: _Anchors) -> str:
    own = anchor(r.id)
    return (f'<div class="gpia-pair"{anchors.attr(r.id)}><p class="gpia-pair-head" data-pagefind-ignore>{badge("new")} '
            f"{_permalink(own, view.label(r.id))}</p>"
            f'<div class="gpia-sides">{_side(view, OLD, (), None)}{_side(view, NEW, (r,), None)}</div>'
            f'{_why(view, r, "Why it was added")}</div>')


def dropped_block(view: View, r: Requirement, anchors: _Anchors) -> str:
    own = anchor(r.id)
    return (f'<div class="gpia-pair"{anchors.attr(r.id)}><p class="gpia-pair-head" data-pagefind-ignore>{badge("dropped")} '
            f"{_permalink(own, view.label(r.id))}</p>"
            f'<div class="gpia-sides">{_side(view, OLD, (r,), None)}{_side(view, NEW, (), None)}</div>'
            f'{_why(view, r, "Why it was dropped")}</div>')
