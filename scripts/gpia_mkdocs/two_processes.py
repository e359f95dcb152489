"""One build's pages made by two processes, on a machine with two cores or more.

MkDocs reads, renders and writes one page at a time in one process, so at ×100 (10,600 pages) the
second core waited for Pagefind while the first built every page. A page generated from the data (a
record's page, a list's later page, a part of the printed guide) is in no navigation and depends on
no other page's rendering, so once the files and the navigation are known (`on_nav`) the build forks:

- The generated pages outside the navigation are dealt to the two processes, spread through the
  order of their paths; every other page (the hand-written pages and those in the navigation) is
  the first's, so the first is dealt fewer (`deal`). Each process reads, renders and writes its
  own pages; for the other's, it neither makes nor reads the Markdown, and renders an empty
  template, for which nothing is written.
- When both have read their pages (`on_env`), each sends the other the anchors of its pages, so
  that links to anchors are checked as in one process, and the first sends the titles and front
  matter of the pages only it reads, which make the navigation every page shows.
- Each builds the pages search indexes before those it leaves out (the plugin orders them so), and
  once the second has written the search copies of its own it says so; the first, at the same point,
  waits for that word and starts Pagefind on the copies while both write the other pages.
- The second writes no static file or theme template (the first writes them all), and when its
  pages are written it sends what the first needs to finish the build: the words of its pages (for
  "Did you mean", gpia.pages.search_words) and every message it logged, which the first logs, so
  that `mkdocs build --strict` fails on a warning from either. If it fails, the first fails with its
  messages.

The second never returns into its caller's code: whatever happens, it ends with `os._exit` (and
it is killed if the first dies, and by Ctrl-C as the first is). Two processes give the same site as
one: tests/test_determinism.py builds it both ways and compares every file. The build stays in one
process when serving, under an engine other than MkDocs itself (whose loggers and messages this
module knows), and where `gpia.load.processes.processes_wanted` says so: one core, a platform that
cannot fork safely, a process with other threads, or GPIA_BUILD_PROCESSES=1.
"""
from __future__ import annotations

import gc
import logging
import os
import signal
import sys
import types
from collections.abc import Iterable
from multiprocessing import Pipe
from multiprocessing.connection import Connection
from typing import Any

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.toc import get_toc

from gpia.load.processes import fork_copy

# The template of the pages the other process writes: it renders nothing, so nothing is written.
ELSEWHERE = "gpia-written-elsewhere.html"
# What MkDocs logs (at INFO) for a page whose template rendered nothing, and where.
_SKIPPED = "Page skipped: '{}'. Generated empty output."
_BUILD_LOGGER = "mkdocs.commands.build"
_FIRST, _SECOND = 0, 1
log = get_plugin_logger("gpia")


class TwoProcesses:
    """One build's split: which process reads and writes which page, and what passes between them.
    Before `start` (and when it declines) there is one process, which does everything."""

    def __init__(self) -> None:
        self.role: int | None = None  # None: one process; _FIRST or _SECOND
        self._theirs: frozenset[str] = frozenset()  # generated pages the other process reads and writes
        self._ours: frozenset[str] = frozenset()  # generated pages this process reads and writes
        self._pipe: Connection | None = None
        self._child = 0
        self._captured: list[logging.LogRecord] = []
        self._quiet: _SkippedFilter | None = None

    # -- the fork -------------------------------------------------------------------------------------

    def start(self, generated: Iterable[str], first_only: int = 0) -> None:
        """Fork, dealing `generated` (the source paths of the generated pages outside the
        navigation) to the two processes, the first having `first_only` pages of its own besides
        (the hand-written ones); if the fork fails, one process does all."""
        split = sorted(generated)
        if len(split) < 2:
            return
        first, second = deal(split, first_only)
        ours, theirs = Pipe(duplex=True)
        # The knowledge base, the views and the files stay out of garbage collection until the end
        # (_stop), shared by the two.
        child = fork_copy()
        if child is None:  # the build goes on in this process alone
            ours.close()
            theirs.close()
            return
        if child == 0:
            try:
                theirs.close()
                self.role, self._pipe, self._ours, self._theirs = _SECOND, ours, second, first
                self._capture_logging()
            except BaseException:
                os._exit(1)
        else:
            ours.close()
            self.role, self._pipe, self._child, self._ours, self._theirs = _FIRST, theirs, child, first, second
            log.info(f"the pages are shared between two processes ({len(first):,} and {len(second):,} "
                     "of those made from the data)")
        self._quiet = _SkippedFilter(self)
        logging.getLogger(_BUILD_LOGGER).addFilter(self._quiet)

    def mine(self, uri: str) -> bool:
        """Whether this process reads, renders and writes the page."""
        if self.role == _SECOND:
            return uri in self._ours
        return uri not in self._theirs

    # -- reading --------------------------------------------------------------------------------------

    def pass_over(self, page: Any) -> None:
        """A page the other process reads and writes: this one neither reads nor renders it (on_pre_page)."""
        page.read_source = types.MethodType(_read_nothing, page)
        page.render = types.MethodType(_render_nothing, page)

    def exchange(self, env: jinja2.Environment, files: Any, pages: Iterable[Any], config: Any) -> None:
        """Once both have read their pages (on_env): each learns the anchors of the other's pages, and
        the second the titles and front matter of the first's pages that are not dealt; the second
        leaves the static files and theme templates to the first."""
        if self.role is None:
            return
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({ELSEWHERE: ""}), env.loader])
        pages = list(pages)
        read = [page for page in pages if self.mine(page.file.src_uri)]
        anchors = {page.file.src_uri: page.present_anchor_ids for page in read}
        if self.role == _SECOND:
            self._send(("anchors", anchors))
            message = self._receive()
            if message[0] != "anchors":
                self._exit(1)  # the first is gone
        else:
            titles = {page.file.src_uri: (page.title, page.meta) for page in read if page.file.src_uri not in self._ours}
            message = self._receive()
            if message[0] != "anchors":
                self._end_with(message)
            self._send(("anchors", anchors, titles))
        for page in pages:
            uri = page.file.src_uri
            if uri in message[1]:
                page.present_anchor_ids = message[1][uri]
            if self.role == _SECOND and uri in message[2]:
                page.title, meta = message[2][uri]
                page.meta = {**meta, "template": ELSEWHERE}
        if self.role == _SECOND:
            for file in [file for file in files if not file.is_documentation_page()]:
                files.remove(file)
            config.theme.static_templates.clear()
            config.extra_templates.clear()

    # -- writing --------------------------------------------------------------------------------------

    def copies_written(self) -> bool:
        """This process has written the search copy of each of its pages that search indexes (the
        plugin has them built before the others): the second says so to the first, and the first waits
        until the second has said so. True where Pagefind may start on the copies now: in the first,
        or in one process alone."""
        if self.role == _SECOND:
            self._send(("copies",))
            return False
        if self.role == _FIRST:
            message = self._receive()
            if message[0] != "copies":
                self._end_with(message)  # the second failed first: its messages are logged, and this fails
        return True

    def none_to_copy(self) -> None:
        """This process writes no search copy: the second says so at once; the first (or one process
        alone) has Pagefind read the copies at the end of the build."""
        if self.role == _SECOND:
            self.copies_written()

    # -- the end --------------------------------------------------------------------------------------

    def finish(self, words: Any) -> None:
        """At the end of the build (first in on_post_build): the second sends its words and messages
        and ends; the first takes them, and fails if the second failed."""
        if self.role == _SECOND:
            code = 1
            try:
                self._send(("done", self._records(), words.gathered()))
                code = 0
            finally:
                self._exit(code)
        if self.role == _FIRST:
            message = self._receive()
            while message[0] == "copies":  # (the first had no page to index, so never waited for it)
                message = self._receive()
            self._end_with(message, words)

    def failed(self, error: BaseException) -> None:
        """The build failed in this process (on_build_error): the second says so and ends; the first
        stops the second."""
        if self.role == _SECOND:
            try:
                self._send(("failed", self._records(), f"{type(error).__name__}: {error}"))
            finally:
                self._exit(1)
        if self.role == _FIRST and self._child:
            try:
                os.kill(self._child, signal.SIGTERM)
                os.waitpid(self._child, 0)
            except OSError:
                pass
            self._stop()

    def _end_with(self, message: tuple[Any, ...], words: Any = None) -> None:
        """The first, given the second's last message: its messages logged here, its words kept."""
        try:
            os.waitpid(self._child, 0)
        except OSError:
            pass
        self._child = 0
        self._stop()
        kind, records = message[0], message[1] if len(message) > 1 else []
        for fields in records:
            record = logging.makeLogRecord(fields)
            logging.getLogger(record.name).handle(record)
        if kind == "done" and words is not None:
            words.include(message[2])
            return
        reason = message[2] if kind == "failed" else "it ended without a word"
        raise PluginError(f"gpia: the build's second process failed ({reason})")

    def _stop(self) -> None:
        gc.unfreeze()
        if self._quiet is not None:
            logging.getLogger(_BUILD_LOGGER).removeFilter(self._quiet)
        if self._pipe is not None:
            self._pipe.close()
        self.role, self._pipe, self._quiet = None, None, None

    def _send(self, message: tuple[Any, ...]) -> None:
        assert self._pipe is not None
        self._pipe.send(message)

    def _receive(self) -> tuple[Any, ...]:
        assert self._pipe is not None
        try:
            return self._pipe.recv()
        except (EOFError, OSError):
            return ("lost", [])

    def _exit(self, code: int) -> None:
        """The second process ends here, without MkDocs' end of build (the first does that)."""
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)

    # -- messages -------------------------------------------------------------------------------------

    def _capture_logging(self) -> None:
        """In the second: keep every message instead of printing it; the first logs them."""
        capture = _Capture(self._captured)
        for name in ("", "mkdocs"):
            logger = logging.getLogger(name)
            for handler in list(logger.handlers):
                logger.removeHandler(handler)
            logger.addHandler(capture)

    def _records(self) -> list[dict[str, Any]]:
        """Each message as plain values (a record's arguments and extra attributes may not pickle),
        its traceback as text."""
        formatter = logging.Formatter()
        records = []
        for record in self._captured:
            text = record.exc_text or (formatter.formatException(record.exc_info) if record.exc_info else None)
            records.append({"name": record.name, "levelno": record.levelno, "levelname": record.levelname,
                            "msg": record.getMessage(), "exc_text": text, "pathname": record.pathname,
                            "lineno": record.lineno, "funcName": record.funcName, "created": record.created})
        return records


class _Capture(logging.Handler):
    def __init__(self, into: list[logging.LogRecord]):
        super().__init__()
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        if not self.into or self.into[-1] is not record:  # held by both loggers, it sees a message twice
            self.into.append(record)


class _SkippedFilter(logging.Filter):
    """Drops MkDocs' note that a page rendered nothing, for the pages the other process writes."""

    def __init__(self, split: TwoProcesses):
        super().__init__()
        self.split = split

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno != logging.INFO or not str(record.msg).startswith("Page skipped: '"):
            return True
        uri = str(record.msg)[len("Page skipped: '"):].split("'", 1)[0]
        return record.msg != _SKIPPED.format(uri) or self.split.mine(uri)


# A hand-written page costs the process that reads and writes it about as much as this many generated
# pages (the macros, a longer page): measured at ×1 (87 ms against 12 ms) and at ×100.
HAND_WRITTEN_WEIGHT = 7


def deal(pages: list[str], first_only: int = 0) -> tuple[frozenset[str], frozenset[str]]:
    """The pages each process reads and writes: spread through the list in its order, so each gets
    pages of every kind, and fewer to the first for the pages it has alone (each weighing
    HAND_WRITTEN_WEIGHT), so that both finish together."""
    wanted = min(len(pages), (len(pages) + HAND_WRITTEN_WEIGHT * first_only + 1) // 2)  # the second's
    first: list[str] = []
    second: list[str] = []
    for index, page in enumerate(pages):
        # The second's share of the pages so far kept at its share of all (the first starts).
        to_second = len(second) < wanted and (len(first) >= len(pages) - wanted
                                              or len(second) * len(pages) < wanted * index)
        (second if to_second else first).append(page)
    return frozenset(first), frozenset(second)


def engine_is_mkdocs(config: Any) -> bool:
    """Whether MkDocs itself runs the build (not a fork of it with loggers and messages of its own)."""
    return type(config).__module__.split(".")[0] == "mkdocs"


def _read_nothing(page: Any, config: Any) -> None:
    # No macros either: the macros plugin would compile the empty page as a template (at x100, some
    # 5,000 of them, 5 seconds).
    page.markdown, page.meta = "", {"template": ELSEWHERE, "render_macros": False}


def _render_nothing(page: Any, config: Any, files: Any) -> None:
    page.content, page.toc, page.present_anchor_ids = "", get_toc([]), None
