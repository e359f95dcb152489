"""Pagefind's index fed each page as it is built, instead of crawling the built site afterwards.

Pagefind's own service (its Python API, `pagefind.index.PagefindIndex`, which runs the same binary
as the command line in a process of its own) is started when the build starts; each finished page
is sent to it as soon as MkDocs has it, under the address the page will have, and the service parses
and indexes it on the other core while the build goes on with the next pages. At the end of the
build the service writes the index where the crawl wrote it (site/pagefind/). Pagefind reads the
same finished HTML either way, so the index finds the same pages with the same words, filters and
metadata; without the crawl, the build no longer waits for Pagefind to read every page back from
disk (17 s of the ×100 build, measured 2026-12-02).

The event loop that talks to the service runs in a thread of its own, so the build's hooks only hand
it pages and never wait, until `finish`.
"""
from __future__ import annotations

import asyncio
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Any


# Seconds to wait for one answer of the service (a page indexed, the index written): far above what
# any takes (the whole ×100 index is written in a few seconds).
WAIT = 600


class StreamedIndex:
    """One build's index: `start`, then `add` every page, then `finish` (or `abandon`)."""

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="pagefind-service", daemon=True)
        self._thread.start()
        self._index: Any = None
        self._sent: list[Future[Any]] = []
        self._started: Future[Any] = asyncio.run_coroutine_threadsafe(self._start(), self._loop)

    async def _start(self) -> Any:
        from pagefind.index import PagefindIndex  # the binary comes with pagefind[bin] (requirements.txt)

        self._index = await PagefindIndex().__aenter__()
        return self._index

    def add(self, url: str, html: str) -> None:
        """A finished page and its address on the site ("/faq/"); returns at once."""
        previous = self._sent[-1] if self._sent else self._started
        self._sent.append(asyncio.run_coroutine_threadsafe(self._add(previous, url, html), self._loop))

    async def _add(self, previous: Future[Any], url: str, html: str) -> Any:
        # One page at a time, in the build's order: given pages at once, the service numbers them in
        # the order it finishes them, and the index's files would differ from one build to the next.
        await asyncio.wait([asyncio.wrap_future(previous)])
        await asyncio.wrap_future(self._started)
        return await self._index.add_html_file(content=html, url=url)

    def finish(self, output: Path) -> None:
        """Wait for every page to be indexed, write the index into `output`, stop the service. A service
        that does not answer within WAIT seconds of the last page is an error, not a build that hangs."""
        try:
            self._started.result(timeout=WAIT)
            for sent in self._sent:
                sent.result(timeout=WAIT)
            asyncio.run_coroutine_threadsafe(self._index.write_files(output_path=str(output)),
                                             self._loop).result(timeout=WAIT)
        except Exception as error:  # the service's own message, as the crawl's failure gives it
            raise RuntimeError(f"pagefind failed: {error!r}") from error
        finally:
            self._close()

    def abandon(self) -> None:
        """Stop the service without writing anything (the build failed, or is being redone)."""
        for sent in self._sent:
            sent.cancel()
        self._close()

    def _close(self) -> None:
        async def close() -> None:
            service = getattr(self._index, "_service", None)
            if service is not None:
                await service.close()

        try:
            asyncio.run_coroutine_threadsafe(close(), self._loop).result(timeout=60)
        except Exception:  # noqa: BLE001 - the service is gone already
            pass
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=60)
        self._loop.close()
