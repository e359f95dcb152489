"""What pages do that no page should: log errors, open dialogs, fetch from other hosts."""
from __future__ import annotations

from dataclasses import dataclass, field

from playwright.sync_api import ConsoleMessage, Dialog, Page


@dataclass
class Watch:
    """What pages did that no page should do, in the order it happened."""
    offsite_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def clear(self) -> None:
        self.offsite_requests.clear()
        self.console_errors.clear()
        self.dialogs.clear()


def watch_tab(tab: Page, watch: Watch) -> None:
    """Record the tab's console errors, uncaught exceptions and dialogs in `watch`; dialogs are
    dismissed so that a page cannot hang the run."""
    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            watch.console_errors.append(f"{tab.url}: {message.text}")

    def on_dialog(dialog: Dialog) -> None:
        watch.dialogs.append(f"{tab.url}: {dialog.type} {dialog.message!r}")
        dialog.dismiss()

    tab.on("console", on_console)
    tab.on("pageerror", lambda error: watch.console_errors.append(f"{tab.url}: uncaught {error}"))
    tab.on("dialog", on_dialog)
