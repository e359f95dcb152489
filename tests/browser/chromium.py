"""Debian's Chromium, launched the same way by the tests and by the search measurement script."""
from __future__ import annotations

from pathlib import Path

from playwright.sync_api import BrowserContext, Page, Playwright, Response

from .server import HOST

# Browsers cannot be downloaded here; `make browser` installs this with apt-get. Debian's build of
# Chromium's headless shell: the same Blink and V8 as its `chromium` package without the browser's
# own user interface, and what Playwright itself runs for headless Chromium. Walking the pages
# (load, axe-core at both sizes, the keyboard) took about a fifth less processor time than with
# `chromium --headless`, measured side by side on this suite's pages.
CHROMIUM = Path("/usr/bin/chromium-headless-shell")

# No host name but the test server's resolves, IP addresses included: a page that would call out to
# another host gets a network error and nothing leaves the machine. This is not Playwright routing
# (context.route), which would see every request first but turns off the browser's cache for every
# page: each page's stylesheets and scripts would be fetched and compiled again, and every request
# would wait on a round trip to the test process. With it, half the page walk and the hostile-data
# walk took a fifth more processor time (266 against 219 and 221 seconds). tests/browser/conftest.py
# records the requests to other hosts.
ONLY_THE_TEST_SERVER = f"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {HOST}"

# Playwright adds --headless and, for a persistent context, --user-data-dir itself.
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run", "--disable-quic", ONLY_THE_TEST_SERVER]

DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}


def launch(playwright: Playwright, profile: Path) -> BrowserContext:
    """One browser context on a fresh profile folder; service workers blocked so every request is seen."""
    return playwright.chromium.launch_persistent_context(
        profile, executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS, viewport=DESKTOP,
        service_workers="block")


# The page's scripts are fetched once it has been painted (overrides/main.html) and have all run
# when its root says so; a test that checks what they add waits for that, as a reader would.
SCRIPTS_READY = "document.documentElement.dataset.scripts === 'ready'"


def open_page(tab: Page, url: str, **options: object) -> Response | None:
    """Load `url` in `tab` (Playwright's goto, with its options) and wait until its scripts have run."""
    response = tab.goto(url, **options)
    tab.wait_for_function(SCRIPTS_READY)
    return response


def reload_page(tab: Page) -> Response | None:
    """Reload `tab` and wait until its scripts have run again."""
    response = tab.reload()
    tab.wait_for_function(SCRIPTS_READY)
    return response
