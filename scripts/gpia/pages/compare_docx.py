"""Each declared comparison as a Word document with tracked changes (data/compare-<from>-<to>.docx).

The same redlines as its compare page, in the same order: the tables' headings, then each row group
(gpia.compare.redline.groups_by_page) bullet by bullet. A bullet merged from several older bullets
is one item per older bullet (gpia.compare.redline.per_ancestor); a new bullet is one insertion and
a dropped one a deletion. Written by gpia.pages.tracked.
"""
from __future__ import annotations

from gpia.compare.pairs import Pairing, direct_pairings
from gpia.compare.redline import Op, groups_by_page, per_ancestor, redline
from gpia.model.derived import once_per_knowledge_base
from gpia.model.records import KnowledgeBase, Requirement
from gpia.pages.tracked import tracked_changes_docx
from gpia.sitemap import comparison_docx as comparison_path

KIND_WORDS = {"governance": "Shared governance table", "integration": "Integration commitments table"}


def comparison_files(kb: KnowledgeBase) -> dict[str, bytes]:
    """Site path -> bytes: a tracked-changes document for each declared comparison."""
    return {comparison_path(p): comparison_docx(kb, p) for p in direct_pairings(kb)}


def comparison_items(kb: KnowledgeBase, pairing: Pairing) -> list[tuple[str, tuple[Op, ...]]]:
    """(label, ops) per redline, in the order of the pair's compare page."""
    older, newer = pairing.old, pairing.new
    old_label, new_label = kb.versions[older].label, kb.versions[newer].label
    items: list[tuple[str, tuple[Op, ...]]] = []
    for kind, name in KIND_WORDS.items():
        if kind not in pairing.kinds:
            continue
        old = [t for t in kb.tables.values() if t.version == older and t.kind == kind]
        new = [t for t in kb.tables.values() if t.version == newer and t.kind == kind]
        if old and new:
            items.append((f"{name}: section heading", redline(old[0].section, new[0].section)))
            items.append((f"{name}: requirement column heading", redline(old[0].column_heading, new[0].column_heading)))

    def where(r: Requirement) -> str:
        area = kb.areas[r.area]
        return f"{kb.versions[r.version].label} {area.row} {area.title}, bullet {r.bullet}"

    for group in groups_by_page(kb, pairing).values():
        pairs = {p.new.id: p for p in group.pairs}
        for r in (group.new_area.requirements if group.new_area else ()):  # the row's printed order, as on its page
            pair = pairs.get(r.id)
            if pair is None:
                if r in group.new_requirements:
                    items.append((f"{where(r)} (new in {new_label})", (Op("insert", r.text),)))
            elif len(pair.old) == 1:
                items.append((f"{where(r)} ({pair.kind}), from {where(pair.old[0])}", pair.redline))
            else:
                parts = per_ancestor(pair.redline, [len(o.text) for o in pair.old])
                for n, (ancestor, ops) in enumerate(zip(pair.old, parts), 1):
                    items.append((f"{where(r)} ({pair.kind}, part {n} of {len(parts)}), from {where(ancestor)}", ops))
        for r in group.dropped:
            items.append((f"{where(r)} (dropped from {old_label})", (Op("delete", r.text),)))
    return items


@once_per_knowledge_base
def comparison_docx(kb: KnowledgeBase, pairing: Pairing) -> bytes:
    older, newer = pairing.old, pairing.new
    old_label, new_label = kb.versions[older].label, kb.versions[newer].label
    notes = [("About this document",
              f"Each {new_label} requirement bullet, redlined against the {old_label} bullet or bullets it derives "
              "from, as tracked changes: open Word's Review pane to see, accept or reject each one. The alignment "
              "of the bullets and the labels are the guide's own work; the wording redlined is NHS wording, "
              "copied word for word. A bullet merged from several bullets is shown once per bullet it comes "
              "from. Nothing here is legal advice.")]
    reviewed = max(kb.versions[older].last_reviewed, kb.versions[newer].last_reviewed)
    return tracked_changes_docx(f"{old_label} → {new_label}: the requirement tables redlined", comparison_items(kb, pairing),
                                reviewed=reviewed, subject=f"What changed from {old_label} to {new_label}",
                                notes=notes)
