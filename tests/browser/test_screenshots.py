"""Screenshots of the main kinds of page at desktop and phone size, for people to look at, saved
under test-artifacts/screenshots/ (git-ignored)."""
from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from playwright.sync_api import Page

from .chromium import DESKTOP, MOBILE, open_page
from .site_pages import page_paths

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
REQUIRED = {"home": "", "agreements": "agreements/", "faq": "faq/"}
WANTED = {"compare": "compare/", "compare-group": "compare/icp-2019-gov-working-together/",
          "schedule": "schedules/schedule-5-kpis/"}
PNG = b"\x89PNG\r\n\x1a\n"


def test_screenshots_of_each_kind_of_page(page: Page, built_site: Path, site_url: str) -> None:
    paths = set(page_paths(built_site))
    assert set(REQUIRED.values()) <= paths
    missing = {name: path for name, path in WANTED.items() if path not in paths}
    if missing:
        warnings.warn(f"no screenshots of {', '.join(f'{n} (/{p})' for n, p in missing.items())}: not built")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, path in {**REQUIRED, **WANTED}.items():
        if name in missing:
            continue
        for size_name, size in (("desktop", DESKTOP), ("mobile", MOBILE)):
            page.set_viewport_size(size)
            open_page(page, site_url + path)
            shot = ARTIFACTS / f"{name}-{size_name}.png"
            page.screenshot(path=shot, full_page=True)
            assert shot.read_bytes().startswith(PNG)
    page.set_viewport_size(DESKTOP)
