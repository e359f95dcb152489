"""Old one-page anchors lead to the record's own page now (gpia.pages.moved, assets/moved-anchors.js),
through an index and shards of bounded size."""
from __future__ import annotations

import json

import pytest

from gpia import sitemap
from gpia.model.records import KnowledgeBase
from gpia.pages.moved import (SHARD_BYTES, anchor_hash, map_json, moved_anchors, moved_anchors_files, shard_map,
                              shard_of)


@pytest.mark.parametrize(("old_page", "anchor", "now"), [
    ("faq/", "faq-purpose-of-gp-ia", "faq/faq-section-introduction/#faq-purpose-of-gp-ia"),
    ("faq/", "faq-section-introduction", "faq/faq-section-introduction/"),
    ("governance/", "icp-2019-gov-best-for-service-decisions",
     "governance/icp-2019-gov-working-together/#icp-2019-gov-best-for-service-decisions"),
    ("clauses/", "clause-6-2-d", "clauses/clause-6-2-d/"),
    ("agreements/", "la-ia", "agreements/la-ia/"),
    ("checklist/", "decision-clause-4-1-b", "clauses/clause-4-1-b/#decision"),
    ("compare/", "cmp-icp-2019-gov-best-for-service-decisions",
     "compare/icp-2019-gov-working-together/#cmp-icp-2019-gov-best-for-service-decisions"),
])
def test_old_anchors_map_to_the_records_url(kb: KnowledgeBase, old_page: str, anchor: str, now: str) -> None:
    assert moved_anchors(kb)[old_page][anchor] == now


def test_every_moved_record_is_in_the_map_once(kb: KnowledgeBase) -> None:
    moved = moved_anchors(kb)
    assert set(moved) == {"agreements/", "checklist/", "clauses/", "commitments/", "compare/", "faq/", "glossary/",
                          "governance/", "sources/"}
    assert len(moved["faq/"]) == len(kb.questions) + len(kb.faq_sections)
    assert len(moved["sources/"]) == len(kb.citations)  # sources and versions stay on /sources/
    assert sum(len(v) for k, v in moved.items() if k in ("governance/", "commitments/")) == \
        len(kb.areas) + len(kb.requirements)


# FNV-1a 32-bit: the first three are the published test vectors; the rest were computed apart from
# gpia.pages.moved, over the UTF-8 bytes (two, three and four bytes a character among them).
@pytest.mark.parametrize(("text", "expected"), [
    ("", 0x811C9DC5),
    ("a", 0xE40C292C),
    ("foobar", 0xBF9CF968),
    ("faq/#faq-purpose-of-gp-ia", 0x209E593F),
    ("é", 0x1E9DE8C1),
    ("glossary/#term-café", 0xB6CFD146),
    ("compare/#cmp-ü-日本-😀", 0xEB2D1411),
])
def test_the_hash_is_fnv_1a_over_utf_8(text: str, expected: int) -> None:
    assert anchor_hash(text) == expected


def _shards(files: dict[str, str]) -> tuple[int, list[dict[str, dict[str, str]]]]:
    index = json.loads(files[sitemap.MOVED_ANCHORS])
    assert index["shard"] == sitemap.MOVED_ANCHORS_SHARD
    count = index["shards"]
    assert set(files) == {sitemap.MOVED_ANCHORS, *(sitemap.moved_anchors_shard(n) for n in range(count))}
    return count, [json.loads(files[sitemap.moved_anchors_shard(n)]) for n in range(count)]


def _check_shards(moved: dict[str, dict[str, str]], bound: int = SHARD_BYTES) -> tuple[int, dict[str, str]]:
    """The shards hold the map exactly, each entry where its hash says, each within the bound; returns
    how many there are, and the files."""
    files = moved_anchors_files(moved, bound)
    count, shards = _shards(files)
    together: dict[str, dict[str, str]] = {}
    for n, shard in enumerate(shards):
        for page, anchors in shard.items():
            for anchor, now in anchors.items():
                assert shard_of(page, anchor, count) == n
                assert anchor not in together.setdefault(page, {}), "an entry in two shards"
                together[page][anchor] = now
    assert together == {page: anchors for page, anchors in moved.items() if anchors}
    assert all(len(files[sitemap.moved_anchors_shard(n)].encode("utf-8")) <= bound for n in range(count))
    return count, files


def _synthetic(entries: int) -> dict[str, dict[str, str]]:
    pages = ["faq/", "commitments/", "governance/", "compare/", "glossary/", "clauses/"]
    moved: dict[str, dict[str, str]] = {}
    for n in range(entries):
        page = pages[n % len(pages)]
        anchor = f"record-{n:06d}-éü" if n % 7 == 0 else f"record-{n:06d}"
        moved.setdefault(page, {})[anchor] = f"{page}section-{n // 40}/#{anchor}"
    return moved


def _fewest(moved: dict[str, dict[str, str]], count: int, bound: int) -> bool:
    """`count` is a power of two, and half as many shards would not keep within the bound."""
    return count & (count - 1) == 0 and (count == 1 or max(
        len(map_json(part).encode("utf-8")) for part in shard_map(moved, count // 2)) > bound)


def test_the_shards_of_the_real_map_hold_it_exactly(kb: KnowledgeBase) -> None:
    moved = moved_anchors(kb)
    count, _ = _check_shards(moved)
    assert _fewest(moved, count, SHARD_BYTES)
    assert count <= 4  # the real map is about 21 KB: one or a few small files


def test_a_small_bound_makes_the_fewest_shards_that_keep_within_it() -> None:
    moved = _synthetic(5_000)
    count, _ = _check_shards(moved, 8 * 1024)
    assert count > 1
    assert _fewest(moved, count, 8 * 1024)


def test_a_large_map_makes_more_shards_of_the_same_bounded_size() -> None:
    moved = _synthetic(50_000)
    count, files = _check_shards(moved)
    assert count >= 128  # about 4 MB of entries, in shards of at most SHARD_BYTES
    assert len(files[sitemap.MOVED_ANCHORS]) < 100  # the index stays a few bytes


def test_the_shards_are_the_same_bytes_every_time(kb: KnowledgeBase) -> None:
    moved = moved_anchors(kb)
    shuffled = {page: dict(reversed(anchors.items())) for page, anchors in reversed(moved.items())}
    assert moved_anchors_files(moved) == moved_anchors_files(moved) == moved_anchors_files(shuffled)


def test_an_empty_map_is_one_empty_shard() -> None:
    index = '{"shard":"assets/moved-anchors/{shard}.json","shards":1}\n'
    assert moved_anchors_files({}) == {sitemap.MOVED_ANCHORS: index, sitemap.moved_anchors_shard(0): "{}\n"}

