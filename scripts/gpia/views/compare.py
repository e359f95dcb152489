"""The comparison of two versions' tables: a page per row group and a compare page over them.

Every pair of versions that the comparisons declared in clauses/versions.yaml link, directly or
through a chain, has its pages (gpia.compare.pairs): the default pair at compare/ and
compare/<row id>/, any other at compare/<from>...<to>/ and compare/<from>...<to>/<row id>/. A pair's
compare page holds what is about the whole comparison (the pairs a reader can choose, counts, the
key to the redline, our notes on what changed, the tables' own headings) and a paged list of the
row groups. Each row group (a newer row and the older row(s) its bullets come from, or an older row
not carried forward) has its own page, with its bullets side by side and a redline per aligned pair;
every requirement's and row's cmp- anchor is where gpia.compare.redline.compare_url says.

Everything shown is computed from the reviewed alignment data (`derives_from`, `status`, `change`,
`why`): the counts, the change kinds and the row renumbering. The "What changed" notes are our
words, reviewed data in clauses/changes.yaml; gpia.compare.changes finds the rows each links to, and
the pages label them as ours. The markup is in templates/compare-*.html; no version is named here.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from gpia.compare.changes import examples, renumbered_clauses
from gpia.compare.key import key_examples
from gpia.compare.pairs import Pairing, default_pairing, folder, is_default, pairings
from gpia.compare.redline import (CHANGE_KINDS, AreaGroup, Comparison, Op, Pair, anchor, compare, compare_url,
                                  comparison_pages, group_page_id, groups_by_page, per_ancestor, redline)
from gpia.compare.redline import group_url as _group_url
from gpia.model.derived import once_per_knowledge_base
from gpia.model.records import KnowledgeBase, Requirement
from gpia.sitemap import COMPARE_GROUPS_PER_PAGE, LISTS, comparison_docx as comparison_path
from gpia.views.common import View, ours
from gpia.views.html import md_text
from gpia.views.paging import Item, Listing
from gpia.views.templating import markup, render
from gpia.views.redline import render_redline
from gpia.views.wording import counted

TABLE_KINDS = (("governance", "Shared governance and decision making"), ("integration", "Integration commitments"))
TABLE_TITLES = dict(TABLE_KINDS)

KIND_LABELS = {"unchanged": "Unchanged", "reworded": "Reworded", "moved": "Moved", "merged": "Merged",
               "split": "Split", "new": "New", "dropped": "Dropped"}
# Our words: what each badge means, with {old} and {new} the versions' labels. Kept beside the rules in
# gpia/compare/redline.py that decide them.
KIND_MEANINGS = {
    "unchanged": "the same words, in the same row and in the same order among the bullets carried forward.",
    "reworded": "one {old} bullet became one {new} bullet, and the words differ.",
    "moved": "the same words, printed in another place: a different row number or row title, or another order "
             "among the bullets carried forward (a bullet dropped or added before it changes its number, not its place).",
    "merged": "two or more {old} bullets became one {new} bullet; its redline has one item per {old} bullet, "
              "each with the part of the {new} wording it became.",
    "split": "one {old} bullet became two or more {new} bullets; each has its own redline.",
    "new": "a {new} bullet that derives from no {old} bullet.",
    "dropped": "an {old} bullet that no {new} bullet carries forward.",
}
ALL_KINDS = (*CHANGE_KINDS, "new", "dropped")

GROUPS_PER_PAGE = COMPARE_GROUPS_PER_PAGE
MAX_EXAMPLES = 3  # rows linked from each "What changed" note; the rest are counted


def group_url(page_id: str, kb: KnowledgeBase | None = None, pairing: Pairing | None = None) -> str:
    """Site-root-relative URL of a row group's comparison page, e.g. 'compare/<row id>/' (the default pair)."""
    return _group_url(kb, page_id, pairing) if kb is not None else f"compare/{page_id}/"


@dataclass(frozen=True)
class _Labels:
    old: str
    new: str


def _labels(kb: KnowledgeBase, pairing: Pairing) -> _Labels:
    return _Labels(kb.versions[pairing.old].label, kb.versions[pairing.new].label)


def pair_title(kb: KnowledgeBase, pairing: Pairing) -> str:
    labels = _labels(kb, pairing)
    return f"Compare the {labels.old} and {labels.new} versions"


def _how(kb: KnowledgeBase, pairing: Pairing) -> str:
    """How a pair is linked: one declared comparison, or a chain through other versions."""
    if pairing.direct:
        return "compared directly"
    through = [kb.comparisons[s].new for s in pairing.steps[:-1]]
    return "through " + " and ".join(kb.versions[v].label for v in through)


# ---- a pair's compare page ----------------------------------------------------------------------

def compare_page(view: View, pairing: Pairing | None = None) -> str:
    """A pair's compare page (the default pair's is /compare/): what is about the whole comparison,
    then page 1 of the list of row groups."""
    kb = view.kb
    pairing = pairing or default_pairing(kb)
    if pairing is None:
        return str(render("compare-none.html"))
    kinds = [(kind, title) for kind, title in TABLE_KINDS if kind in pairing.kinds]
    comparisons = {kind: compare(kb, kind, pairing) for kind, _ in kinds}
    parts = [
        intro(view, pairing),
        "## Summary { #cmp-summary }", summary(view, pairing, comparisons),
        "## How to read the redline { #cmp-legend }", legend(view, pairing), word_download(view, pairing),
        "## What changed { #cmp-what-changed }", what_changed(view, pairing),
        "## The tables' own headings { #cmp-headings }", "".join(headings_table(view, kind, pairing) for kind, _ in kinds),
        "## Compared row by row { #cmp-rows }", rows_intro(view, pairing), listing(kb, pairing).render(view, 1),
    ]
    return "\n\n".join(parts)


def word_download(view: View, pairing: Pairing | None = None) -> str:
    """A declared comparison as a Word document with tracked changes (gpia.pages.compare_docx)."""
    pairing = pairing or default_pairing(view.kb)
    if pairing is None or not pairing.direct:
        return ""
    size = view.download_size(comparison_path(pairing))  # worked out once per build (generated_files asks too)
    return str(render("compare-download.html", href=view.base + comparison_path(pairing), size=f"{size / 1024:.0f} KB"))


def pair_page(view: View, slug: str) -> str:
    """Markdown for compare/<from>...<to>/, the compare page of a pair other than the default."""
    kb = view.kb
    pairing = pairings(kb)[slug]
    data = view.data_files(pair_files(kb, pairing))
    return f"# {md_text(pair_title(kb, pairing))}\n\n{compare_page(view, pairing)}{data}"


def pair_files(kb: KnowledgeBase, pairing: Pairing | None = None) -> list[str]:
    """The files a pair's compare page comes from: the tables of the kinds compared, of its two versions
    (and, for a pair linked through other versions, of those, whose `derives_from` the chain follows)."""
    pairing = pairing or default_pairing(kb)
    if pairing is None:
        return []
    versions = {v for step in pairing.steps for v in (kb.comparisons[step].old, kb.comparisons[step].new)}
    return sorted({t.path for t in kb.tables.values() if t.version in versions and t.kind in pairing.kinds})


def intro(view: View, pairing: Pairing) -> str:
    kb = view.kb
    old, new = kb.versions[pairing.old], kb.versions[pairing.new]
    how = "compared directly." if pairing.direct else (
        f"{_how(kb, pairing)}: each step's reviewed alignment is followed from the older bullets to the newer ones. "
        "Our notes on why each bullet changed are on the pages of the steps.")
    summary = ""
    if pairing.direct and kb.comparisons[pairing.steps[0]].summary:
        summary = ours(render("paragraph.html", text=view.text(kb.comparisons[pairing.steps[0]].summary)), "Our note")
    return (str(render("compare-intro.html", old_label=old.label, new_label=new.label,
                   old_source=markup(view.link(old.source, view.source_name(old.source))),
                   new_source=markup(view.link(new.source, view.source_name(new.source))), how=how, summary=summary))
            + pairs_nav(view, pairing))


def pairs_nav(view: View, shown: Pairing | None = None) -> str:
    """Links to every pair a reader can compare; nothing when there is only one."""
    kb = view.kb
    every = list(pairings(kb).values())
    if len(every) < 2:
        return ""
    items = [{"title": f"{kb.versions[p.old].label} → {kb.versions[p.new].label}", "href": view.base + folder(kb, p),
              "current": p == shown, "how": _how(kb, p)} for p in every]
    return str(render("compare-pairs.html", pairs=items))


def summary(view: View, pairing: Pairing, comparisons: dict[str, Comparison]) -> str:
    kb = view.kb
    labels = _labels(kb, pairing)
    counts = {kind: c.counts() for kind, c in comparisons.items()}
    old_total = sum(len(kb.requirements_of(pairing.old, k)) for k in comparisons)
    new_total = sum(len(kb.requirements_of(pairing.new, k)) for k in comparisons)
    # The old one-page comparison's "New in ..." and "Dropped from ..." anchors land on their counts.
    rows = [{"kind": kind, "label": KIND_LABELS[kind], "anchored": kind in ("new", "dropped"),
             "counts": [counts[k][kind] for k in comparisons]} for kind in ALL_KINDS]
    return str(render("compare-summary.html", old_label=labels.old, new_label=labels.new, old_total=old_total,
                      new_total=new_total, carried=old_total - sum(c["dropped"] for c in counts.values()),
                      derived=new_total - sum(c["new"] for c in counts.values()),
                      titles=[TABLE_TITLES[k] for k in comparisons], rows=rows))


def legend(view: View, pairing: Pairing) -> str:
    """The key to the redline and the badges; its examples are changes of this comparison (gpia.compare.key)."""
    kb = view.kb
    labels = _labels(kb, pairing)
    chosen = key_examples(kb, pairing)
    examples = [{"redline": markup(render_redline(e.ops)), "href": view.base + compare_url(kb, e.pair.new.id, pairing),
                 "where": f"row {area.row} {area.title}, bullet {e.pair.new.bullet}"}
                for e in (chosen.words, chosen.punctuation) if e is not None for area in (kb.areas[e.pair.new.area],)]
    deleted = markup(render_redline((Op("delete", "Struck-through words"),)))
    inserted = markup(render_redline((Op("insert", "words on a striped ground"),)))
    kinds = [{"kind": kind, "label": KIND_LABELS[kind], "meaning": KIND_MEANINGS[kind].format(old=labels.old, new=labels.new)}
             for kind in ALL_KINDS]
    return str(render("compare-legend.html", old_label=labels.old, new_label=labels.new, examples=examples,
                      deleted=deleted, inserted=inserted, kinds=kinds))


def what_changed(view: View, pairing: Pairing | None = None) -> str:
    """Our notes on the changes the guide points out in this comparison (the default pair's unless
    another is given), each with links to the first few rows that show it (the rest counted), so the
    list does not grow with the tables."""
    kb = view.kb
    pairing = pairing or default_pairing(kb)
    assert pairing is not None
    items = []
    shown = examples(kb)
    for change in kb.changes.values():  # our notes, from clauses/changes.yaml
        if not pairing.direct or change.comparison != pairing.steps[0]:
            continue
        found = shown[change.id]
        links = _clause_links if change.find.clause_renumbered else None
        pairs = _pair_links(view, pairing, list(found.pairs), links)
        rows = [render("link.html", href=view.base + compare_url(kb, group_page_id(g), pairing),
                       text=view.text(group_title(kb, pairing, g), mentions=False)) for g in found.rows]
        items.append(_note(pairs + rows, note_id=change.id, summary=view.text(change.summary, mentions=False),
                           terms=[view.link(i) for i in change.records], resting_on=view.resting_on(change.rests_on)))
    notes = duplicate_numbers(kb, pairing)
    if notes:
        more = (f" {len(notes) - 1} more row {'number is' if len(notes) == 2 else 'numbers are'} printed twice; "
                "each row's comparison page says so.") if len(notes) > 1 else ""
        rows = [render("link.html", href=view.base + compare_url(kb, area_id, pairing),
                       text=view.text(_row_name(kb, area_id), mentions=False))
                for note in notes for area_id in note.areas]
        items.append(_note(rows, summary=notes[0].text + more))
    if not items:
        return ours(render("paragraph.html", text="No notes on this comparison yet: its row pages show every change."),
                    "What changed, in brief")
    return ours(render("compare-what-changed.html", items=items), "What changed, in brief")


def _note(links: list[Markup], *, summary: str, note_id: str = "", terms: list[Markup] | None = None,
          resting_on: Markup = Markup()) -> dict[str, object]:
    """One note of "What changed": the first few links, and how many more rows there are."""
    return {"id": note_id, "summary": summary, "links": links[:MAX_EXAMPLES], "more": len(links) - MAX_EXAMPLES,
            "terms": terms or [], "resting_on": resting_on}


def _row_name(kb: KnowledgeBase, area_id: str) -> str:
    area = kb.areas[area_id]
    return f"{kb.versions[area.version].label} row {area.row} {area.title}"


def _pair_links(view: View, pairing: Pairing, pairs: list[Pair],
                extra: Callable[[View, Pair], Markup] | None = None) -> list[Markup]:
    """Links to pairs, one entry per newer row: "3. Decision making: bullet 1, bullet 2", with any
    extra links for the row's pairs (e.g. the clauses they point at) in brackets."""
    by_row: dict[str, list[Pair]] = {}
    for p in pairs:
        by_row.setdefault(p.new.area, []).append(p)
    links = []
    for area_id, in_row in by_row.items():
        area = view.kb.areas[area_id]
        bullets = [render("link.html", href=view.base + compare_url(view.kb, p.new.id, pairing), text=f"bullet {p.new.bullet}")
                   for p in in_row]
        also = [text for text in (extra(view, p) for p in in_row) if text] if extra else []
        links.append(render("compare-row-bullets.html", row=area.row, title=view.text(area.title, mentions=False),
                            bullets=bullets, also=also))
    return links


def _clause_links(view: View, p: Pair) -> Markup:
    kb = view.kb
    return render("compare-renumbered.html", clauses=[
        {"before": view.link(before.id, f"clause {before.number} ({kb.versions[before.template].label})"),
         "after": view.link(after.id, f"clause {after.number} ({kb.versions[after.template].label})")}
        for before, after in renumbered_clauses(kb, p)])


_NUMBER_WORDS = {2: "two", 3: "three", 4: "four"}


@dataclass(frozen=True)
class DuplicateNumber:
    """Our note on a row number a source prints twice, built from the data."""

    text: str
    areas: tuple[str, ...]  # the rows that share the number, in printed order


@once_per_knowledge_base
def duplicate_numbers(kb: KnowledgeBase, pairing: Pairing | None = None) -> list[DuplicateNumber]:
    """Row numbers printed twice in a table of the pair's versions (of every version without a pair)."""
    versions = (pairing.old, pairing.new) if pairing else tuple(kb.versions)
    notes = []
    for table in kb.tables.values():
        if table.version not in versions or (pairing and table.kind not in pairing.kinds):
            continue
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


def group_title(kb: KnowledgeBase, pairing: Pairing, group: AreaGroup) -> str:
    """The rows compared, with both numbers, since rows are numbered differently in the two versions;
    and both titles when the row was renamed."""
    labels = _labels(kb, pairing)
    old_rows = " and ".join(a.row for a in group.old_areas)
    old_titles = " and ".join(a.title for a in group.old_areas)
    if group.new_area is None:
        return f"{old_titles} ({labels.old} row {old_rows}, not in {labels.new})"
    new = group.new_area
    if not group.old_areas:
        return f"{new.title} ({labels.new} row {new.row}, new)"
    title = new.title if old_titles == new.title else f"{old_titles} → {new.title}"
    if old_rows == new.row:
        return f"{title} (row {new.row})"
    return f"{title} (rows {old_rows} → {new.row})"


def counts_in_words(group: AreaGroup) -> str:
    """The group's bullets by kind of change, e.g. '3 bullets: 2 reworded, 1 merged'."""
    counts = {kind: 0 for kind in ALL_KINDS}
    for p in group.pairs:
        counts[p.kind] += 1
    counts["new"] = len(group.new_requirements)
    counts["dropped"] = len(group.dropped)
    total = sum(counts.values())
    if not total:
        return "no bullets"
    kinds = ", ".join(f"{n} {KIND_LABELS[kind].lower()}" for kind, n in counts.items() if n)
    return f"{counted(total, 'bullet')}: {kinds}"


@once_per_knowledge_base
def listing(kb: KnowledgeBase, pairing: Pairing | None = None) -> Listing:
    """A pair's row groups of every compared kind of table, in page order, under their table's name."""
    pairing = pairing or default_pairing(kb)
    if pairing is None:
        return Listing("compare", "Compare versions, row by row", LISTS["compare"], GROUPS_PER_PAGE, (), entry=lambda v, i: "")
    items = tuple(Item(page_id, group.kind) for page_id, group in groups_by_page(kb, pairing).items())
    name = "compare" if is_default(kb, pairing) else f"compare-{pairing.slug}"
    return Listing(name, f"{pair_title(kb, pairing)}, row by row", folder(kb, pairing), GROUPS_PER_PAGE, items,
                   entry=lambda view, page_id: group_entry(view, page_id, pairing),
                   group_heading=lambda view, kind: render("compare-group-heading.html", title=TABLE_TITLES[kind]))


def group_entry(view: View, page_id: str, pairing: Pairing | None = None) -> str:
    # The row titles are indexed on the rows' own pages; the entry is a way there, not a copy to find.
    kb = view.kb
    pairing = pairing or default_pairing(kb)
    assert pairing is not None
    group = groups_by_page(kb, pairing)[page_id]
    return str(render("compare-entry.html", href=view.base + _group_url(kb, page_id, pairing),
                      title=markup(view.text(group_title(kb, pairing, group), mentions=False)),
                      counts=counts_in_words(group)))


def rows_intro(view: View, pairing: Pairing) -> str:
    labels = _labels(view.kb, pairing)
    groups = groups_by_page(view.kb, pairing)
    return str(render("compare-rows-intro.html", groups=len(groups), old_label=labels.old, new_label=labels.new))


def headings_table(view: View, kind: str, pairing: Pairing) -> str:
    """The two tables' own headings compared: the section they sit in and their requirement column."""
    kb = view.kb
    old = [t for t in kb.tables.values() if t.version == pairing.old and t.kind == kind]
    new = [t for t in kb.tables.values() if t.version == pairing.new and t.kind == kind]
    if not old or not new:
        return ""
    before, after = old[0], new[0]
    rows = [{"label": label, "old": markup(view.text(a)), "new": markup(view.text(b)),
             "redline": markup(render_redline(redline(a, b)))}
            for label, a, b in (("Section heading", before.section, after.section),
                                ("Requirement column heading", before.column_heading, after.column_heading))]
    labels = _labels(kb, pairing)
    return str(render("compare-headings.html", kind=kind, old_label=labels.old, new_label=labels.new,
                      old_link=markup(view.link(before.id, "table")), new_link=markup(view.link(after.id, "table")),
                      rows=rows))


# ---- a row group's page: compare/<group-page-id>/ (or compare/<from>...<to>/<group-page-id>/) -----

def group_page(view: View, page_id: str, pairing: Pairing | None = None) -> str:
    """Markdown for a row group's page: a newer row and the older row(s) its bullets come from (or an
    older row not carried forward), bullet by bullet. Each requirement and row has its cmp- anchor on
    the first page that shows it (gpia.compare.redline.comparison_pages)."""
    kb = view.kb
    pairing = pairing or default_pairing(kb)
    assert pairing is not None
    group = groups_by_page(kb, pairing)[page_id]
    anchors = _Anchors(comparison_pages(kb, pairing), page_id, {anchor(page_id)})
    heading = f"# Compare: {md_text(group_title(kb, pairing, group))} {{ #{anchor(page_id)} }}"
    home = view.base + folder(kb, pairing)
    blocks = [provenance(view, pairing, group, anchors),
              str(render("compare-group-nav.html", home=home, title=pair_title(kb, pairing), table=TABLE_TITLES[group.kind]))]
    shown = {a.id for a in group.old_areas} | ({group.new_area.id} if group.new_area else set())
    notes = [note.text for note in duplicate_numbers(kb, pairing) if shown.intersection(note.areas)]
    if notes:
        blocks.append(ours(Markup().join(render("paragraph.html", text=n) for n in notes), "Our note"))
    pairs = {p.new.id: p for p in group.pairs}
    bullets = []
    for r in (group.new_area.requirements if group.new_area else ()):
        if r.id in pairs:
            bullets.append(_pair_block(view, pairing, pairs[r.id], anchors))
        elif r in group.new_requirements:
            bullets.append(_block(view, pairing, "new", r, (), (r,), anchors, "Why it was added"))
    bullets += [_block(view, pairing, "dropped", r, (r,), (), anchors, "Why it was dropped") for r in group.dropped]
    blocks.append(str(render("compare-area.html", blocks=[markup(b) for b in bullets])))
    blocks.append(prev_next(view, pairing, page_id))
    tables = sorted({kb.tables[a.table].path for a in (*group.old_areas, *([group.new_area] if group.new_area else []))})
    return f"{heading}\n\n{''.join(blocks)}{view.data_files(tables)}"


def prev_next(view: View, pairing: Pairing, page_id: str) -> str:
    """Links to the row groups before and after this one, in the order of the pair's list of rows."""
    kb = view.kb
    order = list(groups_by_page(kb, pairing))
    at = order.index(page_id)

    def link(other: str) -> dict[str, str]:
        return {"href": view.base + _group_url(kb, other, pairing),
                "title": group_title(kb, pairing, groups_by_page(kb, pairing)[other])}

    return str(render("compare-prev-next.html", previous=link(order[at - 1]) if at > 0 else None,
                      next=link(order[at + 1]) if at + 1 < len(order) else None))


def pair_group_page(view: View, record_id: str) -> str:
    """Markdown for compare/<from>...<to>/<row id>/: `record_id` is '<from>...<to>/<row id>'."""
    slug, _, page_id = record_id.partition("/")
    return group_page(view, page_id, pairings(view.kb)[slug])


def pair_list_page(view: View, record_id: str) -> str:
    """Markdown for compare/<from>...<to>/pages/<n>/: `record_id` is '<from>...<to>/pages/<n>'."""
    slug, _, page = record_id.partition("/pages/")
    rows = listing(view.kb, pairings(view.kb)[slug])
    return f"{rows.title_markdown(int(page))}\n\n{rows.render(view, int(page))}"


@dataclass
class _Anchors:
    """Which cmp- anchors this page gives: a record's, if this is its page and it has none here yet
    (an older bullet split in two is shown twice; an older row feeding two newer rows is on both pages)."""

    pages: dict[str, str]
    page_id: str
    given: set[str]

    def take(self, record_id: str) -> str:
        """The record's cmp- anchor if this element gets it, else ""."""
        own = anchor(record_id)
        if self.pages.get(record_id) != self.page_id or own in self.given:
            return ""
        self.given.add(own)
        return own


def provenance(view: View, pairing: Pairing, group: AreaGroup, anchors: _Anchors) -> str:
    kb = view.kb
    sides = [{"label": kb.versions[version].label, "rows": [_row_link(view, a.id, anchors) for a in areas]}
             for version, areas in ((pairing.old, group.old_areas),
                                    (pairing.new, (group.new_area,) if group.new_area else ())) if areas]
    return str(render("compare-provenance.html", sides=sides, change=row_change(kb, pairing, group)))


def _row_link(view: View, area_id: str, anchors: _Anchors) -> dict[str, object]:
    area = view.kb.areas[area_id]
    return {"anchor": anchors.take(area_id), "href": view.href(area_id),
            "text": view.text(f"row {area.row} {area.title}", mentions=False)}


def row_change(kb: KnowledgeBase, pairing: Pairing, group: AreaGroup) -> Markup:
    """What happened to a row, in words, with a redline of its title when it was renamed."""
    labels = _labels(kb, pairing)
    new = group.new_area
    rows = [a.row for a in group.old_areas]
    titles = [a.title for a in group.old_areas]
    renamed = "" if new is None or new.title in titles else markup(render_redline(redline(" / ".join(titles), new.title)))
    return render("compare-row-change.html", old_label=labels.old, new_label=labels.new, old_rows=rows,
                  new_row=new.row if new else None, merged=len(rows) > 1, renumbered=new is not None and rows != [new.row],
                  renamed=renamed)


def badge(kind: str, overridden: bool = False) -> str:
    return str(render("compare-badge.html", kind=kind, label=KIND_LABELS[kind], overridden=overridden))


def _side(view: View, version: str, requirements: tuple[Requirement, ...], anchors: _Anchors | None) -> str:
    """One version's bullet(s) of a compared pair, each linked to its row's page. With `anchors`,
    a bullet whose cmp- anchor belongs on this page and is not given yet gets it here.

    The bullets are indexed for search on their rows' pages; here they are copies, left out."""
    bullets = []
    for r in requirements:
        area = view.kb.areas[r.area]
        bullets.append({"anchor": anchors.take(r.id) if anchors is not None else "",
                        "where": markup(view.link(r.id, f"{area.row} {area.title}, bullet {r.bullet}")),
                        "text": markup(view.text(r.text))})
    return str(render("compare-side.html", version=version, label=view.kb.versions[version].label, bullets=bullets))


def _why(view: View, pairing: Pairing, r: Requirement, title: str) -> str:
    """Our note on the change; only in a declared comparison, the one the note was written for."""
    return view.ours_text(r.why, title, r.rests_on) if r.why and pairing.direct else ""


def _pair_block(view: View, pairing: Pairing, pair: Pair, anchors: _Anchors) -> str:
    # Sides first: the older side gives the anchors of the older bullets this page holds.
    old_side = _side(view, pairing.old, pair.old, anchors)
    own = anchors.take(pair.new.id)
    return str(render("compare-block.html", anchor=own, kind=pair.kind, label=KIND_LABELS[pair.kind],
                      overridden=pair.kind != pair.derived_kind, target=pair.anchor, what=view.label(pair.new.id),
                      old_side=markup(old_side), new_side=markup(_side(view, pairing.new, (pair.new,), None)),
                      redline=markup(_redline_block(view, pairing, pair)),
                      why=markup(_why(view, pairing, pair.new, "Why it changed"))))


def _redline_block(view: View, pairing: Pairing, pair: Pair) -> str:
    """The pair's redline: one item per older bullet when several were merged into one."""
    if len(pair.old) == 1:
        return str(render("compare-redline.html", parts=[], redline=markup(_redline_text(pair.redline))))
    old_label = view.kb.versions[pairing.old].label
    parts = []
    for old, ops in zip(pair.old, per_ancestor(pair.redline, [len(o.text) for o in pair.old])):
        area = view.kb.areas[old.area]
        parts.append({"where": f"From {old_label} {area.row} {area.title}, bullet {old.bullet}:",
                      "redline": markup(_redline_text(ops))})
    return str(render("compare-redline.html", parts=parts, old_label=old_label))


def _redline_text(ops: tuple[Op, ...]) -> str:
    if all(op.kind == "equal" for op in ops):
        return "no word added or removed."
    return render_redline(ops)


def _block(view: View, pairing: Pairing, kind: str, r: Requirement, old: tuple[Requirement, ...],
           new: tuple[Requirement, ...], anchors: _Anchors, why_title: str) -> str:
    """A new or a dropped bullet: one side empty, no redline."""
    own = anchors.take(r.id)
    return str(render("compare-block.html", anchor=own, kind=kind, label=KIND_LABELS[kind],
                      overridden=False, target=anchor(r.id), what=view.label(r.id),
                      old_side=markup(_side(view, pairing.old, old, None)),
                      new_side=markup(_side(view, pairing.new, new, None)), redline=None,
                      why=markup(_why(view, pairing, r, why_title))))
