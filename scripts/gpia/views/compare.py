"""The /compare/ page: the MCP 2016 and ICP 2019 tables side by side, with a redline per aligned pair.

Everything shown is computed from the reviewed alignment data (`derives_from`, `status`, `change`,
`why`): the counts, the change kinds, the row renumbering, and which "What changed" notes appear
and which pairs they link to. The notes are our words; the page labels them as such.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..compare import (CHANGE_KINDS, NEW, OLD, AreaGroup, Comparison, Pair, anchor, area_groups, compare,
                       redline, render_redline)
from ..html import esc, md_text
from ..model import Clause, KnowledgeBase, Requirement
from .common import View, ours

TABLE_KINDS = (("governance", "Shared governance and decision making"), ("integration", "Integration commitments"))

KIND_LABELS = {"unchanged": "Unchanged", "reworded": "Reworded", "moved": "Moved", "merged": "Merged",
               "split": "Split", "new": "New", "dropped": "Dropped"}
# Our words: what each badge means. Kept beside the rules in gpia/compare.py that decide them.
KIND_MEANINGS = {
    "unchanged": "the same words, in the same row and bullet position.",
    "reworded": "one 2016 bullet became one 2019 bullet, and the words differ.",
    "moved": "the same words, printed in another place: a different row number, row title or bullet position.",
    "merged": "two or more 2016 bullets became one 2019 bullet; its redline reads the 2016 bullets one after "
              "the other.",
    "split": "one 2016 bullet became two or more 2019 bullets; each has its own redline.",
    "new": "a 2019 bullet that derives from no 2016 bullet.",
    "dropped": "a 2016 bullet that no 2019 bullet carries forward.",
}


@dataclass(frozen=True)
class KnownChange:
    """A change the guide points out in its own words, shown only where the data has an example."""

    summary: str  # our words
    pairs: Callable[[KnowledgeBase, Pair], bool]
    rows: Callable[[AreaGroup], bool] = lambda group: False
    # Extra links for a matching pair (e.g. the two numbers of a renumbered clause).
    pair_links: Callable[[View, Pair], str] | None = None
    records: tuple[str, ...] = ()  # ids of records that explain it (glossary terms), linked when they exist


def _words(pattern: str) -> Callable[[str], bool]:
    compiled = re.compile(pattern)
    return lambda text: bool(compiled.search(text))


def _old_and_new(old: str, new: str) -> Callable[[KnowledgeBase, Pair], bool]:
    in_old, in_new = _words(old), _words(new)
    return lambda kb, p: any(in_old(o.text) for o in p.old) and in_new(p.new.text) and not in_old(p.new.text)


def _same_clause_renumbered(kb: KnowledgeBase, p: Pair) -> bool:
    return bool(_renumbered_clauses(kb, p))


def _renumbered_clauses(kb: KnowledgeBase, p: Pair) -> list[tuple[Clause, Clause]]:
    """(2016 clause, 2019 clause) the aligned bullets point at: same title and schedule, another number."""
    before = [kb.clauses[i] for o in p.old for i in o.related if i in kb.clauses]
    after = [kb.clauses[i] for i in p.new.related if i in kb.clauses]
    return [(b, a) for b in before for a in after
            if b.title == a.title and b.schedule == a.schedule and b.number != a.number]


def _addressee_dropped(kb: KnowledgeBase, p: Pair) -> bool:
    starts = re.compile(r"^(Practices|GPs)\b")
    return any(starts.match(o.text) for o in p.old) and not starts.match(p.new.text)


KNOWN_CHANGES: tuple[KnownChange, ...] = (
    KnownChange("“MCP” becomes “ICP”: in 2019 the provider is an integrated care provider, and the rows and "
                "bullets name it instead of the multispecialty community provider.",
                _old_and_new(r"\bMCP\b", r"\bICP\b"), rows=lambda g: _title_change(g, r"\bMCP\b", r"\bICP\b")),
    KnownChange("Bullets that began with “Practices” or “GPs” now begin with what is to be done: the 2019 "
                "tables list suggested requirements of the Parties rather than of practices or GPs.",
                _addressee_dropped),
    KnownChange("'best for service' in quotation marks becomes Best for Service, capitalised as a defined term.",
                _old_and_new(r"'best for service'", r"\bBest for Service\b"), records=("term-best-for-service",)),
    KnownChange("“Co-produce” becomes “Co-design”.", _old_and_new(r"\bCo-produce\b", r"\bCo-design\b")),
    KnownChange("“patients” becomes “Service Users”, a defined term, in the bullets and in the row title.",
                _old_and_new(r"\bpatients\b", r"\bService Users\b"),
                rows=lambda g: _title_change(g, r"\bpatients\b", r"\bService Users\b"), records=("term-service-user",)),
    KnownChange("Rows of the 2016 integration commitments that the 2019 integration table does not carry: "
                "none of their bullets has a 2019 successor.",
                lambda kb, p: False, rows=lambda g: g.new_area is None and g.kind == "integration"),
    KnownChange("The clinical hub model: the template clause that refers to it is numbered differently in "
                "2016 and 2019, and both send its detail to the same schedule.",
                _same_clause_renumbered, pair_links=lambda view, p: _clause_links(view, p)),
)


def _title_change(group: AreaGroup, old: str, new: str) -> bool:
    return group.new_area is not None and any(re.search(old, a.title) for a in group.old_areas) \
        and bool(re.search(new, group.new_area.title))


def compare_page(view: View) -> str:
    kb = view.kb
    comparisons = {kind: compare(kb, kind) for kind, _ in TABLE_KINDS}
    groups = {kind: area_groups(kb, kind) for kind, _ in TABLE_KINDS}
    anchored: set[str] = set()  # 2016 bullets already given their anchor (a split shows one twice)
    parts = [
        "## Summary { #cmp-summary }", summary(view, comparisons),
        "## How to read the redline { #cmp-legend }", legend(),
        "## What changed { #cmp-what-changed }", what_changed(view, groups),
        "## Rows renumbered and renamed { #cmp-rows }", rows_section(view, groups),
    ]
    for kind, title in TABLE_KINDS:
        parts += [f"## {md_text(title)} {{ #cmp-{kind} }}", headings_table(view, kind)]
        for group in groups[kind]:
            parts += [f"### {md_text(group_title(group))} {{ #{group.anchor} }}", group_section(view, group, anchored)]
    everything = compare(kb)
    parts += ["## Dropped from 2016 { #cmp-dropped }", requirement_list(view, everything.dropped, "dropped"),
              "## New in 2019 { #cmp-new }", requirement_list(view, everything.new, "new")]
    return "\n\n".join(parts)


def summary(view: View, comparisons: dict[str, Comparison]) -> str:
    counts = {kind: c.counts() for kind, c in comparisons.items()}
    head = "".join(f'<th scope="col">{esc(title)}</th>' for _, title in TABLE_KINDS)
    rows = []
    for kind in (*CHANGE_KINDS, "new", "dropped"):
        per_table = [counts[k][kind] for k, _ in TABLE_KINDS]
        cells = "".join(f"<td>{n}</td>" for n in per_table)
        rows.append(f'<tr><th scope="row"><a href="#cmp-kind-{kind}">{KIND_LABELS[kind]}</a></th>{cells}'
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
    kinds = "".join(f'<dt id="cmp-kind-{kind}"><span class="gpia-kind gpia-kind-{kind}">{KIND_LABELS[kind]}</span></dt>'
                    f"<dd>{esc(KIND_MEANINGS[kind])}</dd>" for kind in (*CHANGE_KINDS, "new", "dropped"))
    return ('<div class="gpia-legend">'
            "<p>Each redline reads the 2016 wording into the 2019 wording, word by word:</p><ul>"
            '<li><del class="gpia-del"><span class="gpia-sr-only">removed: </span>Struck-through words</del> are '
            "only in 2016 (a screen reader announces them as “removed”);</li>"
            '<li><ins class="gpia-ins"><span class="gpia-sr-only">added: </span>underlined words</ins> are only in '
            "2019 (announced as “added”);</li>"
            "<li>plain words are in both.</li></ul>"
            f'<p>For example: <span class="gpia-redline">{example}</span></p>'
            "<p>Every 2019 bullet has a badge for its kind of change. The kind is worked out from the reviewed "
            "alignment data (which 2016 bullets each 2019 bullet derives from); a reviewer can override it in "
            "the data.</p>"
            f'<dl class="gpia-kinds">{kinds}</dl></div>')


def what_changed(view: View, groups: dict[str, list[AreaGroup]]) -> str:
    kb = view.kb
    pairs = [p for kind, _ in TABLE_KINDS for p in compare(kb, kind).pairs]
    all_groups = [g for kind, _ in TABLE_KINDS for g in groups[kind]]
    items = []
    for change in KNOWN_CHANGES:
        links = _pair_links(view, [p for p in pairs if change.pairs(kb, p)])
        links += [f'<a href="#{g.anchor}">{esc(group_title(g))}</a>' for g in all_groups if change.rows(g)]
        if change.pair_links:
            links += [change.pair_links(view, p) for p in pairs if change.pairs(kb, p)]
        if links:
            links += [view.link(i) for i in change.records if i in kb.terms]
        if links:
            items.append(f'<li><p>{esc(change.summary)}</p><p class="gpia-examples">See: {"; ".join(links)}</p></li>')
    duplicated = _duplicated_rows(kb)
    if duplicated:
        items.append(f'<li><p>{esc(duplicated)}</p><p class="gpia-examples">See: '
                     '<a href="#cmp-rows">Rows renumbered and renamed</a></p></li>')
    return ours(f'<ul class="gpia-what-changed">{"".join(items)}</ul>', "What changed, in brief")


def _pair_links(view: View, pairs: list[Pair]) -> list[str]:
    """Links to pairs, grouped by 2019 row: "3. Decision making: bullet 1, bullet 2"."""
    by_row: dict[str, list[Pair]] = {}
    for p in pairs:
        by_row.setdefault(p.new.area, []).append(p)
    links = []
    for area_id, in_row in by_row.items():
        area = view.kb.areas[area_id]
        bullets = ", ".join(f'<a href="#{esc(p.anchor)}">bullet {p.new.bullet}</a>' for p in in_row)
        links.append(f"{esc(area.row)} {view.text(area.title, mentions=False)}: {bullets}")
    return links


def _clause_links(view: View, p: Pair) -> str:
    return "; ".join(f"{view.link(before.id, f'clause {before.number} (2016)')} → "
                     f"{view.link(after.id, f'clause {after.number} (2019)')}"
                     for before, after in _renumbered_clauses(view.kb, p))


_NUMBER_WORDS = {2: "two", 3: "three", 4: "four"}


def _duplicated_rows(kb: KnowledgeBase) -> str:
    """Our note on a row number a source prints twice, built from the data."""
    notes = []
    for table in kb.tables.values():
        seen: dict[str, list[str]] = {}
        for area in table.areas:
            seen.setdefault(area.row, []).append(area.title)
        for row, titles in seen.items():
            if len(titles) > 1:
                label = kb.versions[table.version].label
                count = _NUMBER_WORDS.get(len(titles), str(len(titles)))
                notes.append(f"The {label} {table.kind} table numbers {count} rows “{row}” "
                             f"({' and '.join(titles)}). The guide keeps the numbers as printed.")
    return " ".join(notes)


def group_title(group: AreaGroup) -> str:
    """The row's title with both numbers, since rows are numbered differently in the two versions."""
    old_rows = " and ".join(a.row for a in group.old_areas)
    if group.new_area is None:
        return f"{' and '.join(a.title for a in group.old_areas)} (2016 row {old_rows}, not in 2019)"
    new = group.new_area
    if not group.old_areas:
        return f"{new.title} (2019 row {new.row}, new)"
    if old_rows == new.row:
        return f"{new.title} (row {new.row})"
    return f"{new.title} (rows {old_rows} → {new.row})"


def rows_section(view: View, groups: dict[str, list[AreaGroup]]) -> str:
    kb = view.kb
    old_label, new_label = kb.versions[OLD].label, kb.versions[NEW].label
    tables = []
    for kind, title in TABLE_KINDS:
        rows = []
        for g in groups[kind]:
            before = "<br>".join(f"{esc(a.row)} {view.text(a.title)}" for a in g.old_areas) or "—"
            after = f"{esc(g.new_area.row)} {view.text(g.new_area.title)}" if g.new_area else "—"
            rows.append(f'<tr><td>{before}</td><td>{after}</td><td>{row_change(g)}</td>'
                        f'<td><a href="#{g.anchor}">compare</a></td></tr>')
        tables.append(f'<div class="gpia-compare-table"><table><caption>{esc(title)}: rows in {esc(old_label)} and '
                      f'{esc(new_label)}</caption><thead><tr><th scope="col">{esc(old_label)} row</th>'
                      f'<th scope="col">{esc(new_label)} row</th><th scope="col">What happened to the row</th>'
                      f'<th scope="col">Bullets</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>')
    duplicated = _duplicated_rows(kb)
    note = ours(f"<p>{esc(duplicated)}</p>", "Our note") if duplicated else ""
    return note + "".join(tables)


def row_change(group: AreaGroup) -> str:
    """What happened to a row, in words, with a redline of its title when it was renamed."""
    if group.new_area is None:
        return "Not carried into 2019"
    if not group.old_areas:
        return "New in 2019"
    new = group.new_area
    notes = []
    if len(group.old_areas) > 1:
        notes.append(f"Rows merged ({len(group.old_areas)} rows become one)")
    rows = [a.row for a in group.old_areas]
    if rows != [new.row]:
        notes.append(f"Renumbered ({esc(' and '.join(rows))} → {esc(new.row)})")
    titles = [a.title for a in group.old_areas]
    if titles != [new.title]:
        notes.append(f'Renamed ({render_redline(redline(" / ".join(titles), new.title))})')
    return "; ".join(notes) or "Same number and title"


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
    return (f'<div class="gpia-compare-table"><table><caption>The two {esc(kind)} tables: headings as printed'
            f'</caption><thead><tr><td></td><th scope="col">{esc(old_label)} ({view.link(before.id, "table")})</th>'
            f'<th scope="col">{esc(new_label)} ({view.link(after.id, "table")})</th><th scope="col">Redline</th>'
            f'</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def group_section(view: View, group: AreaGroup, anchored: set[str]) -> str:
    kb = view.kb
    where = []
    if group.old_areas:
        where.append(f"{esc(kb.versions[OLD].label)} " + ", ".join(
            view.link(a.id, f"row {a.row} {a.title}") for a in group.old_areas))
    if group.new_area:
        where.append(f"{esc(kb.versions[NEW].label)} {view.link(group.new_area.id, f'row {group.new_area.row} {group.new_area.title}')}")
    blocks = [f'<p class="gpia-provenance" data-search-exclude>Rows compared — {"; ".join(where)}. {row_change(group)}.</p>']
    pairs = {p.new.id: p for p in group.pairs}
    for r in (group.new_area.requirements if group.new_area else ()):
        if r.id in pairs:
            blocks.append(pair_block(view, pairs[r.id], anchored))
        elif r in group.new_requirements:
            blocks.append(new_block(view, r))
    blocks += [dropped_block(view, r, anchored) for r in group.dropped]
    return f'<div class="gpia-compare-area">{"".join(blocks)}</div>'


def badge(kind: str, overridden: bool = False) -> str:
    note = ' <span class="gpia-kind-note">(set by a reviewer)</span>' if overridden else ""
    return (f'<span class="gpia-kind gpia-kind-{kind}"><span class="gpia-sr-only">Change: </span>'
            f"{KIND_LABELS[kind]}</span>{note}")


def _permalink(target: str, what: str) -> str:
    return (f'<a class="gpia-permalink" data-search-exclude href="#{esc(target)}" aria-label="Permanent link to the comparison of '
            f'{esc(what)}">¶</a>')


def _side(view: View, version: str, requirements: tuple[Requirement, ...], anchored: set[str] | None) -> str:
    """One version's bullet(s) of a compared pair. With `anchored`, each bullet not yet given its
    cmp- anchor on the page gets it here (a 2016 bullet split in two is shown twice)."""
    label = esc(view.kb.versions[version].label)
    if not requirements:
        return (f'<div class="gpia-side gpia-side-{version}"><p class="gpia-side-label">{label}</p>'
                f'<p class="gpia-side-empty">Not in the {label} table.</p></div>')
    items = []
    for r in requirements:
        own = anchor(r.id)
        id_attr = f' id="{esc(own)}"' if anchored is not None and own not in anchored else ""
        if anchored is not None:
            anchored.add(own)
        area = view.kb.areas[r.area]
        where = view.link(r.id, f"{area.row} {area.title}, bullet {r.bullet}")
        items.append(f'<li{id_attr}><span class="gpia-side-where">{where}</span><br>'
                     f'<q class="gpia-verbatim">{view.text(r.text)}</q></li>')
    return (f'<div class="gpia-side gpia-side-{version}"><p class="gpia-side-label">{label}</p>'
            f'<ul class="gpia-side-bullets">{"".join(items)}</ul></div>')


def _why(view: View, r: Requirement, title: str = "Why it changed") -> str:
    return ours(f"<p>{view.text(r.why)}</p>", title) if r.why else ""


def pair_block(view: View, pair: Pair, anchored: set[str]) -> str:
    what = view.label(pair.new.id)
    anchored.add(pair.anchor)
    read_as = " (the 2016 bullets read one after the other)" if len(pair.old) > 1 else ""
    return (f'<div class="gpia-pair" id="{esc(pair.anchor)}"><p class="gpia-pair-head">'
            f"{badge(pair.kind, pair.kind != pair.derived_kind)} {_permalink(pair.anchor, what)}</p>"
            f'<div class="gpia-sides">{_side(view, OLD, pair.old, anchored)}{_side(view, NEW, (pair.new,), None)}</div>'
            # The redline repeats both texts with "removed:"/"added:" between words: noise in search.
            f'<p class="gpia-redline" data-search-exclude><span class="gpia-label">Redline{read_as}:</span> '
            f"{_redline_text(pair)}</p>"
            f"{_why(view, pair.new)}</div>")


def _redline_text(pair: Pair) -> str:
    if all(op.kind == "equal" for op in pair.redline):
        return "no word added or removed."
    return render_redline(pair.redline)


def new_block(view: View, r: Requirement) -> str:
    own = anchor(r.id)
    return (f'<div class="gpia-pair" id="{esc(own)}"><p class="gpia-pair-head">{badge("new")} '
            f"{_permalink(own, view.label(r.id))}</p>"
            f'<div class="gpia-sides">{_side(view, OLD, (), None)}{_side(view, NEW, (r,), None)}</div>'
            f'{_why(view, r, "Why it was added")}</div>')


def dropped_block(view: View, r: Requirement, anchored: set[str]) -> str:
    own = anchor(r.id)
    anchored.add(own)
    return (f'<div class="gpia-pair" id="{esc(own)}"><p class="gpia-pair-head">{badge("dropped")} '
            f"{_permalink(own, view.label(r.id))}</p>"
            f'<div class="gpia-sides">{_side(view, OLD, (r,), None)}{_side(view, NEW, (), None)}</div>'
            f'{_why(view, r, "Why it was dropped")}</div>')


def requirement_list(view: View, requirements: tuple[Requirement, ...], kind: str) -> str:
    if not requirements:
        version = view.kb.versions[NEW if kind == "new" else OLD].label
        other = view.kb.versions[OLD if kind == "new" else NEW].label
        return (f'<p class="gpia-compare-none">None: every {esc(version)} bullet '
                f'{"derives from" if kind == "new" else "is carried into"} {esc(other)}.</p>')
    items = "".join(f'<li><a href="#{esc(anchor(r.id))}">{view.text(view.label(r.id), mentions=False)}</a>: '
                    f'<q class="gpia-verbatim">{view.text(r.text)}</q></li>' for r in requirements)
    return f'<ul class="gpia-compare-list gpia-compare-{kind}">{items}</ul>'
