"""Where the anchors of the old one-page lists went, so links made before issue #7 still arrive.

Until records had pages of their own, every record was an anchor on its kind's single page
(`faq/#faq-purpose-of-gp-ia`, `commitments/#<requirement-id>`, `compare/#cmp-<requirement-id>`).
`moved_anchors` maps each such old page and anchor to the record's URL now, and docs/assets/moved-anchors.js
follows it when a page is opened at an anchor it lacks.

The map grows with the data, and a reader following one old link should not fetch all of it: the
site publishes it in shards (`moved_anchors_files`). The entry for an old page and anchor is in shard
`anchor_hash(page + "#" + anchor) % N` (FNV-1a, 32 bits, over the UTF-8 bytes; the script computes the
same), and N is the smallest power of two that keeps every shard within SHARD_BYTES. A small index at
sitemap.MOVED_ANCHORS gives N and the shards' path, so following an old link fetches the index and one
shard, each of bounded size at any scale.
"""
from __future__ import annotations

import json
from pathlib import Path

from gpia.compare.pairs import default_pairing
from gpia.compare.redline import anchor as compare_anchor
from gpia.compare.redline import comparison_pages, compare_url
from gpia.model.records import KnowledgeBase
from gpia.model.urls import PAGE_OF_KIND, kind_of, page_of, url_of
from gpia.sitemap import MOVED_ANCHORS, MOVED_ANCHORS_SHARD, moved_anchors_shard

SHARD_BYTES = 16 * 1024  # the most a shard holds (unless entries sharing one hash are more)

_FNV_OFFSET = 0x811C9DC5
_FNV_PRIME = 0x01000193


def _old_page(kb: KnowledgeBase, record_id: str) -> str:
    """The one page that showed every record of the kind: rows and bullets were on their table's page."""
    kind = kind_of(kb, record_id)
    if kind in ("requirement", "area"):
        return page_of(kb, (kb.requirements.get(record_id) or kb.areas[record_id]).table)
    return PAGE_OF_KIND[kind]


def moved_anchors(kb: KnowledgeBase, also: dict[str, dict[str, str]] | None = None) -> dict[str, dict[str, str]]:
    """Old page -> {old anchor: site-root-relative URL now}, for every record that moved, and `also`:
    the anchors of a whole document that is now split, which have left its first page for a later one
    (gpia.views.prose.text_comparison_moved)."""
    moved: dict[str, dict[str, str]] = {page: dict(anchors) for page, anchors in (also or {}).items()}
    ids = [*kb.areas, *kb.requirements, *kb.clauses, *kb.schedules, *kb.agreements, *kb.terms,
           *kb.citations, *kb.faq_sections, *kb.questions]
    for record_id in ids:
        if kind_of(kb, record_id) == "schedule":
            continue  # schedules had pages of their own already
        now = url_of(kb, record_id)
        old = _old_page(kb, record_id)
        if not now.startswith(f"{old}#"):
            moved.setdefault(old, {})[record_id] = now
    for clause in kb.clauses.values():
        if clause.optional_wording:  # the local decision moved from the checklist to the clause's page
            moved.setdefault("checklist/", {})[f"decision-{clause.id}"] = f"{url_of(kb, clause.id)}#decision"
    for record_id in comparison_pages(kb) if default_pairing(kb) else ():
        moved.setdefault("compare/", {})[compare_anchor(record_id)] = compare_url(kb, record_id)
    return {page: dict(sorted(anchors.items())) for page, anchors in sorted(moved.items())}


def anchor_hash(text: str) -> int:
    """FNV-1a, 32 bits, over the UTF-8 bytes of `text` (docs/assets/moved-anchors.js has the same)."""
    h = _FNV_OFFSET
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * _FNV_PRIME) & 0xFFFFFFFF
    return h


def entry_hash(page: str, anchor: str) -> int:
    """The hash of the entry for `anchor` on the old `page` (the script hashes the same text)."""
    return anchor_hash(f"{page}#{anchor}")


def shard_of(page: str, anchor: str, shards: int) -> int:
    """The shard that holds the entry for `anchor` on the old `page`."""
    return entry_hash(page, anchor) % shards


def map_json(value: object) -> str:
    """How the index and each shard are written: compact and sorted, the same bytes every time."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


Entries = list[tuple[int, str, str, str]]  # (hash, old page, anchor, URL now) of every entry of a map


def _entries(moved: dict[str, dict[str, str]]) -> Entries:
    return [(entry_hash(page, anchor), page, anchor, now)
            for page, anchors in moved.items() for anchor, now in anchors.items()]


def _split(entries: Entries, shards: int) -> list[dict[str, dict[str, str]]]:
    split: list[dict[str, dict[str, str]]] = [{} for _ in range(shards)]
    for h, page, anchor, now in entries:
        split[h % shards].setdefault(page, {})[anchor] = now
    return split


def _count(entries: Entries, bound: int) -> int:
    """The smallest power of two that splits the entries into shards of at most `bound` bytes each, but
    for a shard whose entries all share one hash (no number of shards would split them)."""
    # Fewer shards than the entries' own bytes need cannot keep within the bound: start at the
    # smallest power of two that could.
    least = sum(len(map_json(anchor).encode("utf-8")) + len(map_json(now).encode("utf-8")) - 1
                for _, _, anchor, now in entries)
    shards = 1
    while shards * bound < least:
        shards *= 2
    while True:
        too_big = [n for n, part in enumerate(_split(entries, shards)) if len(map_json(part).encode("utf-8")) > bound]
        if not too_big:
            return shards
        # A shard whose entries all share one hash stays whole however many shards there are.
        hashes: dict[int, set[int]] = {n: set() for n in too_big}
        for h, *_ in entries:
            hashes.get(h % shards, set()).add(h)
        if all(len(found) == 1 for found in hashes.values()):
            return shards
        shards *= 2


def shard_map(moved: dict[str, dict[str, str]], shards: int) -> list[dict[str, dict[str, str]]]:
    """The map split into `shards` maps of the same shape, each entry in the shard its hash names."""
    return _split(_entries(moved), shards)


def moved_anchors_files(moved: dict[str, dict[str, str]], bound: int = SHARD_BYTES) -> dict[str, str]:
    """Site path -> content: the index (sitemap.MOVED_ANCHORS) and every shard, empty ones included,
    so that each path the index names exists."""
    entries = _entries(moved)
    shards = _count(entries, bound)
    files = {MOVED_ANCHORS: map_json({"shard": MOVED_ANCHORS_SHARD, "shards": shards})}
    for n, part in enumerate(_split(entries, shards)):
        files[moved_anchors_shard(n)] = map_json(part)
    return files


def published_moved_anchors(site: Path) -> dict[str, dict[str, str]]:
    """The whole map again, read from the index and shards of a built site."""
    index = json.loads((site / MOVED_ANCHORS).read_text(encoding="utf-8"))
    moved: dict[str, dict[str, str]] = {}
    for n in range(index["shards"]):
        shard = json.loads((site / index["shard"].format(shard=n)).read_text(encoding="utf-8"))
        for page, anchors in shard.items():
            moved.setdefault(page, {}).update(anchors)
    return {page: dict(sorted(anchors.items())) for page, anchors in sorted(moved.items())}
