"""Debian's Chromium, launched the same way by the tests and by the search measurement script."""
from __future__ import annotations

from pathlib import Path

from playwright.sync_api import BrowserContext, Playwright

# Browsers cannot be downloaded here; `make browser` installs this with apt-get.
CHROMIUM = Path("/usr/bin/chromium")

# Playwright adds --headless and, for a persistent context, --user-data-dir itself.
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run", "--disable-quic"]

DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}


def launch(playwright: Playwright, profile: Path) -> BrowserContext:
    """One browser context on a fresh profile folder; service workers blocked so every request is seen."""
    return playwright.chromium.launch_persistent_context(
        profile, executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS, viewport=DESKTOP,
        service_workers="block")
