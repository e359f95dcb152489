"""One Chromium, one server and one built site, shared by all the browser tests.

The site comes from the `built_site` fixture of tests/conftest.py (built once with --strict) and is
served on 127.0.0.1 at a port the system picks. Every request to any other host is recorded, and
fails (Chromium resolves no other host: chromium.ONLY_THE_TEST_SERVER), so a page that would call out
to the internet fails the tests instead of leaking.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, Request, sync_playwright

from .chromium import CHROMIUM, launch
from .server import HOST, serve
from .watch import Watch, watch_tab


@pytest.fixture(scope="package")
def watch() -> Watch:
    return Watch()


@pytest.fixture(scope="package")
def browser(tmp_path_factory: pytest.TempPathFactory, watch: Watch) -> Iterator[BrowserContext]:
    """The one browser context of the browser tests, on a fresh profile. Closed when they end
    (package scope), because Playwright's sync API allows one running instance per thread and
    other tests start their own."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (installs Debian's chromium-headless-shell with apt-get)")

    def offsite(request: Request) -> None:
        if urlsplit(request.url).hostname != HOST:
            watch.offsite_requests.append(request.url)

    with sync_playwright() as playwright:
        context = launch(playwright, tmp_path_factory.mktemp("chromium-profile"))
        context.on("request", offsite)
        yield context
        context.close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL (ending in '/') of the real site, built once per session."""
    with serve(built_site) as base:
        yield base


@pytest.fixture
def page(browser: BrowserContext, watch: Watch) -> Iterator[Page]:
    """A fresh tab; console errors, uncaught exceptions and dialogs go to `watch` (dialogs are
    dismissed so a page cannot hang the run)."""
    watch.clear()
    tab = browser.new_page()
    watch_tab(tab, watch)
    yield tab
    tab.close()
