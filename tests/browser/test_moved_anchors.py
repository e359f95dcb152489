"""Links to the anchors of the old one-page lists arrive at the record's own page now
(docs/assets/moved-anchors.js following assets/moved-anchors.json and the one shard of the map it
names, written by gpia/pages/moved.py)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, Request, Route

from .chromium import open_page

from gpia import sitemap
from gpia.pages.moved import anchor_hash, moved_anchors_files, published_moved_anchors, shard_of

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("old", "now"), [
    ("faq/#faq-purpose-of-gp-ia", "faq/faq-section-introduction/#faq-purpose-of-gp-ia"),
    ("governance/#icp-2019-gov-best-for-service-decisions",
     "governance/icp-2019-gov-working-together/#icp-2019-gov-best-for-service-decisions"),
    ("glossary/#term-icp", "glossary/term-icp/"),
    ("compare/#cmp-icp-2019-gov-best-for-service-decisions",
     "compare/icp-2019-gov-working-together/#cmp-icp-2019-gov-best-for-service-decisions"),
])
def test_an_old_anchor_goes_to_the_records_page(page: Page, site_url: str, old: str, now: str) -> None:
    page.goto(site_url + old)
    page.wait_for_url(site_url + now)
    anchor = now.partition("#")[2] or now.strip("/").rsplit("/", 1)[-1]
    assert page.locator(f"[id='{anchor}']").count() == 1


def test_an_anchor_the_page_has_stays_put(page: Page, site_url: str) -> None:
    open_page(page, site_url + "sources/#icp-2019-faqs")
    page.wait_for_load_state("networkidle")
    assert page.url == site_url + "sources/#icp-2019-faqs"


def test_an_unknown_anchor_stays_put(page: Page, site_url: str) -> None:
    open_page(page, site_url + "faq/#no-such-question")
    page.wait_for_load_state("networkidle")
    assert page.url == site_url + "faq/#no-such-question"


# Strings whose hash the script must compute as the build does: ASCII, the old pages' keys, and
# characters of two, three and four bytes in UTF-8 (a four-byte one is two UTF-16 code units).
HASHED = ["", "a", "#", "faq/#faq-purpose-of-gp-ia", "compare/text/#text-1-2", "glossary/#term-café",
          "é", "ü-日本", "😀", "a😀b", "\u00ff\u0100\u07ff\u0800\uffff", "\U0010ffff", "x" * 300,
          *(f"commitments/#row-{n}" for n in range(200))]


def test_the_script_hashes_as_the_build_does(page: Page, site_url: str) -> None:
    open_page(page, site_url)
    hashes = page.evaluate("texts => texts.map(window.gpiaMovedAnchors.hash)", HASHED)
    assert hashes == [anchor_hash(text) for text in HASHED]


def _moved_requests(page: Page) -> list[str]:
    seen: list[str] = []

    def note(request: Request) -> None:
        if "/assets/moved-anchors" in request.url and not request.url.endswith(".js"):
            seen.append(request.url)
    page.on("request", note)
    return seen


def _arrives(page: Page, site_url: str, old_page: str, anchor: str, now: str) -> None:
    page.goto(f"{site_url}{old_page}#{anchor}")
    page.wait_for_url(site_url + now)
    target = now.partition("#")[2] or now.strip("/").rsplit("/", 1)[-1]
    assert page.locator(f"[id='{target}']").count() == 1


def test_an_old_anchor_in_each_shard_arrives_fetching_only_that_shard(page: Page, site_url: str,
                                                                      built_site: Path) -> None:
    index = json.loads((built_site / sitemap.MOVED_ANCHORS).read_text(encoding="utf-8"))
    moved = published_moved_anchors(built_site)
    firsts: dict[int, tuple[str, str, str]] = {}
    for old_page, anchors in moved.items():
        for anchor, now in anchors.items():
            firsts.setdefault(shard_of(old_page, anchor, index["shards"]), (old_page, anchor, now))
    assert sorted(firsts) == list(range(index["shards"]))  # no shard is empty at the real size
    seen = _moved_requests(page)
    for shard, (old_page, anchor, now) in sorted(firsts.items()):
        seen.clear()
        _arrives(page, site_url, old_page, anchor, now)
        assert seen == [site_url + sitemap.MOVED_ANCHORS, site_url + sitemap.moved_anchors_shard(shard)]


def test_with_many_shards_an_old_anchor_arrives_from_its_own(page: Page, site_url: str, built_site: Path) -> None:
    """The map split much finer than the real size needs (shards of 2 KB), served in place of the
    built one: the script finds each entry in the shard the build put it in, and fetches no other."""
    moved = published_moved_anchors(built_site)
    files = moved_anchors_files(moved, bound=2048)
    shards = json.loads(files[sitemap.MOVED_ANCHORS])["shards"]
    assert shards >= 8

    def serve_split(route: Route) -> None:
        path = route.request.url.removeprefix(site_url)
        if path in files:
            route.fulfill(status=200, content_type="application/json", body=files[path])
        else:
            route.fulfill(status=404, body="")
    page.route(site_url + "assets/moved-anchors.json", serve_split)
    page.route(site_url + "assets/moved-anchors/*", serve_split)
    seen = _moved_requests(page)
    picked = [("faq/", "faq-purpose-of-gp-ia"), ("glossary/", "term-icp"),
              ("compare/", "cmp-icp-2019-gov-best-for-service-decisions")]
    picked += [(old_page, anchor) for old_page in sorted(moved) for anchor in list(moved[old_page])[-1:]]
    shards_used = set()
    for old_page, anchor in picked:
        shard = shard_of(old_page, anchor, shards)
        shards_used.add(shard)
        seen.clear()
        _arrives(page, site_url, old_page, anchor, moved[old_page][anchor])
        assert seen == [site_url + sitemap.MOVED_ANCHORS, site_url + sitemap.moved_anchors_shard(shard)]
    assert len(shards_used) > 2


def test_a_missing_shard_leaves_the_page_as_it_is(page: Page, site_url: str) -> None:
    page.route(site_url + "assets/moved-anchors/*", lambda route: route.fulfill(status=404, body=""))
    open_page(page, site_url + "faq/#faq-purpose-of-gp-ia")
    page.wait_for_load_state("networkidle")
    assert page.url == site_url + "faq/#faq-purpose-of-gp-ia"


def test_a_cached_map_of_one_file_is_still_followed(page: Page, site_url: str, built_site: Path) -> None:
    """A browser that kept the single file of an earlier build at the index's address follows it."""
    whole = json.dumps(published_moved_anchors(built_site))
    page.route(site_url + sitemap.MOVED_ANCHORS,
               lambda route: route.fulfill(status=200, content_type="application/json", body=whole))
    seen = _moved_requests(page)
    _arrives(page, site_url, "faq/", "faq-purpose-of-gp-ia", "faq/faq-section-introduction/#faq-purpose-of-gp-ia")
    assert seen == [site_url + sitemap.MOVED_ANCHORS]
