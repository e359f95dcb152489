"""A whole document split into pages (gpia.views.split), in Chromium: a link made to an anchor of
/compare/text/ when it was one page arrives at the anchor's later page (docs/assets/moved-anchors.js
following the moved anchors, assets/moved-anchors.json and its shards), and a printed part's later
page prints without the site's navigation. The real data is one page of each at its size, so this
site is built with pages of 20,000 bytes (GPIA_PAGE_BYTES), split as a large corpus is split at the
usual size."""
from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from .chromium import open_page
from .server import serve
from .test_print import ARTIFACTS, CHROME_PRINTED

from conftest import ROOT
from gpia.pages.moved import published_moved_anchors

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    site = tmp_path_factory.mktemp("split") / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", GPIA_PAGE_BYTES="20000")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
                             str(ROOT / "mkdocs.yml"), "--site-dir", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    with serve(site) as base:
        yield site, base


def test_an_anchor_of_the_one_page_comparison_arrives_on_its_later_page(page: Page, split_site: tuple[Path, str]) -> None:
    site, base = split_site
    moved = published_moved_anchors(site)["compare/text/"]
    # The last change of the comparison, on its last page, and one from the middle.
    anchors = list(moved)
    for anchor in (anchors[-1], anchors[len(anchors) // 2]):
        now = moved[anchor]
        assert now.startswith("compare/text/pages/") and now.endswith(f"#{anchor}")
        page.goto(f"{base}compare/text/#{anchor}")
        page.wait_for_url(base + now)
        assert page.locator(f"[id='{anchor}']").count() == 1


def test_an_anchor_still_on_the_first_page_stays_put(page: Page, split_site: tuple[Path, str]) -> None:
    site, base = split_site
    first = (site / "compare" / "text" / "index.html").read_text(encoding="utf-8")
    anchor = "text-" + first.split('id="text-', 1)[1].split('"', 1)[0]
    open_page(page, f"{base}compare/text/#{anchor}")
    page.wait_for_load_state("networkidle")
    assert page.url == f"{base}compare/text/#{anchor}"


def test_a_later_page_of_a_printed_part_prints_without_navigation(page: Page, split_site: tuple[Path, str]) -> None:
    site, base = split_site
    assert (site / "print" / "schedules" / "pages" / "2" / "index.html").exists()
    open_page(page, base + "print/")
    assert page.locator('a[href="../print/schedules/pages/2/"]').count() == 1
    open_page(page, base + "print/schedules/pages/2/")
    heading = page.locator("h1").inner_text()
    assert heading.startswith("Schedules, to print: page 2 of ")
    page.emulate_media(media="print")
    assert page.evaluate(CHROME_PRINTED) == []
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = page.pdf(path=ARTIFACTS / "print-schedules-2.pdf", format="A4")
    assert pdf.startswith(b"%PDF-") and len(pdf) > 10_000
