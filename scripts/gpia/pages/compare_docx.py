"""Each declared comparison as a Word document with tracked changes (data/compare-<from>-<to>.docx).

The same redlines as its compare page, in the same order: the tables' headings, then each row group
(gpia.compare.redline.groups_by_page) under a heading of its own, bullet by bullet. Accepting every
change gives each newer bullet whole and rejecting every change each older bullet whole: a bullet
merged from several older bullets is shown once, redlined against the older bullet nearest to it,
with the other older bullets as deleted paragraphs that join it when accepted
(gpia.pages.tracked.Item); a new bullet is one insertion and a dropped one a deletion. Written by
gpia.pages.tracked.
"""
from __future__ import annotations

from gpia.compare.pairs import Pairing, direct_pairings
from gpia.compare.redline import Op, groups_by_page, redline
from gpia.model.derived import once_per_knowledge_base
from gpia.model.records import KnowledgeBase, Requirement
from gpia.pages.tracked import Item, tracked_changes_docx
from gpia.sitemap import comparison_docx as comparison_path

KIND_WORDS = {"governance": "Shared governance table", "integration": "Integration commitments table"}


def comparison_files(kb: KnowledgeBase) -> dict[str, bytes]:
    """Site path -> bytes: a tracked-changes document for each declared comparison."""
    return {comparison_path(p): comparison_docx(kb, p) for p in direct_pairings(kb)}


def keep_comparison_files(kb: KnowledgeBase, files: dict[str, bytes | str]) -> None:
    """Each comparison's document as comparison_files gave it in another process (files may hold
    other downloads too), kept as if made here: the compare pages print its size."""
    for pairing in direct_pairings(kb):
        comparison_docx.keep(kb, pairing, value=files[comparison_path(pairing)])  # type: ignore[attr-defined]


def comparison_items(kb: KnowledgeBase, pairing: Pairing) -> list[Item]:
    """The document's headings and redlines, in the order of the pair's compare page."""
    older, newer = pairing.old, pairing.new
    old_label, new_label = kb.versions[older].label, kb.versions[newer].label
    items: list[Item] = []
    for kind, name in KIND_WORDS.items():
        if kind not in pairing.kinds:
            continue
        old = [t for t in kb.tables.values() if t.version == older and t.kind == kind]
        new = [t for t in kb.tables.values() if t.version == newer and t.kind == kind]
        if old and new:
            items.append(Item(f"{name}: section heading", (redline(old[0].section, new[0].section),)))
            items.append(Item(f"{name}: requirement column heading",
                              (redline(old[0].column_heading, new[0].column_heading),)))

    def was(r: Requirement) -> str:
        return f"{kb.versions[r.version].label} row {kb.areas[r.area].row.rstrip('.')}, bullet {r.bullet}"

    for group in groups_by_page(kb, pairing).values():
        area = group.new_area or group.old_areas[0]
        items.append(Item(f"{kb.versions[area.version].label} {area.row} {area.title}", (), 2))
        pairs = {p.new.id: p for p in group.pairs}
        for r in (group.new_area.requirements if group.new_area else ()):  # the row's printed order, as on its page
            pair = pairs.get(r.id)
            if pair is None:
                if r in group.new_requirements:
                    items.append(Item(f"Bullet {r.bullet}: new in {new_label}", ((Op("insert", r.text),),), 3))
            elif len(pair.old) == 1:
                items.append(Item(f"Bullet {r.bullet}: {pair.kind}, from {was(pair.old[0])}", (pair.redline,), 3))
            else:
                items.append(Item(f"Bullet {r.bullet}: {pair.kind}, from {' and '.join(was(o) for o in pair.old)}",
                                  merged_paragraphs(tuple(o.text for o in pair.old), r.text), 3))
        for r in group.dropped:
            items.append(Item(f"{was(r)}: dropped from {old_label}", ((Op("delete", r.text),),), 3))
    return items


def merged_paragraphs(olds: tuple[str, ...], new: str) -> tuple[tuple[Op, ...], ...]:
    """A newer text merged from several older ones, as one paragraph per older text: the one with
    the most words kept (the first of equals) redlined to the newer text, the others deleted."""
    redlines = [redline(old, new) for old in olds]
    kept = [sum(len(op.text) for op in ops if op.kind == "equal") for ops in redlines]
    nearest = kept.index(max(kept))
    return tuple(redlines[n] if n == nearest else (Op("delete", old),) for n, old in enumerate(olds))


@once_per_knowledge_base
def comparison_docx(kb: KnowledgeBase, pairing: Pairing) -> bytes:
    older, newer = pairing.old, pairing.new
    old_label, new_label = kb.versions[older].label, kb.versions[newer].label
    notes = [("About this document",
              f"Each {new_label} requirement bullet, redlined against the {old_label} bullet or bullets it derives "
              "from, as tracked changes: open Word's Review pane to see, accept or reject each one. The alignment "
              "of the bullets and the labels are the guide's own work; the wording redlined is NHS wording, "
              f"copied word for word. Accept every change to read the {new_label} bullets, each whole; reject "
              f"every change to read the {old_label} bullets. A bullet merged from several is shown once, "
              "redlined against the nearest of them, with the others as deletions. Nothing here is legal "
              "advice.")]
    reviewed = max(kb.versions[older].last_reviewed, kb.versions[newer].last_reviewed)
    return tracked_changes_docx(f"{old_label} → {new_label}: the requirement tables redlined", comparison_items(kb, pairing),
                                reviewed=reviewed, subject=f"What changed from {old_label} to {new_label}",
                                notes=notes)
