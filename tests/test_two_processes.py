"""A build's pages shared between two processes (gpia_mkdocs/two_processes.py).

tests/test_determinism.py shows that a build in two processes gives the same site as one in one
process; these show what passes between the two: the pages each writes, the anchors each learns
from the other, the messages the second logs (once, by the first, so that --strict counts them), its
words for "Did you mean", and its failure.
"""
from __future__ import annotations

import logging
import os
import signal
import sys
import time
from types import SimpleNamespace

import jinja2
import pytest
from mkdocs.exceptions import PluginError

from gpia.pages.search_words import WordList
from gpia.load import processes
from gpia_mkdocs import two_processes
from gpia_mkdocs.two_processes import ELSEWHERE, TwoProcesses, deal

from conftest import dead

SHARED = ["records/a.md", "records/b.md", "records/c.md", "records/d.md"]


def _second(split: TwoProcesses, body) -> None:
    """Run `body` in the second process, which must end there (never back in pytest)."""
    if split.role == two_processes._SECOND:
        try:
            body()
        finally:
            os._exit(3)


def _page(uri: str, anchors: set[str] | None, title: str | None = None) -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=uri), present_anchor_ids=anchors, title=title,
                           meta={"template": ELSEWHERE} if anchors is None else {"hide": ["toc"]})


def _config() -> SimpleNamespace:
    return SimpleNamespace(theme=SimpleNamespace(static_templates={"sitemap.xml", "404.html"}),
                           extra_templates=["robots.txt"])


def test_the_pages_are_dealt_through_the_list_and_fewer_to_the_first_for_its_own() -> None:
    pages = [f"records/{n:03}.md" for n in range(100)]
    first, second = deal(pages)
    assert sorted(first) == pages[0::2] and sorted(second) == pages[1::2]  # alternately, the first starts
    first, second = deal(pages, first_only=4)  # four hand-written pages weigh as 28 of these
    assert (len(first), len(second)) == (36, 64) and first | second == set(pages) and not first & second
    # Spread through the list: each has pages of every part of it.
    assert all(first & set(part) and second & set(part) for part in (pages[:25], pages[25:50], pages[50:75], pages[75:]))
    first, second = deal(pages[:10], first_only=19)  # the hand-written pages weigh more than all of these
    assert first == frozenset() and second == frozenset(pages[:10])
    assert deal(pages[:3]) == (frozenset(pages[:1]), frozenset(pages[1:3]))  # the odd page to the second


def test_one_process_reads_and_writes_every_page() -> None:
    split = TwoProcesses()
    assert split.role is None
    assert all(split.mine(uri) for uri in SHARED + ["index.md"])


def test_the_first_writes_its_share_and_every_page_not_dealt(caplog) -> None:
    split = TwoProcesses()
    split.start(reversed(SHARED))
    _second(split, lambda: split.finish(WordList()))
    assert [split.mine(uri) for uri in SHARED] == [True, False, True, False]
    assert split.mine("index.md")  # a page in the navigation, hand-written: the first's
    split.finish(WordList())
    assert split.role is None


def test_each_process_learns_the_anchors_of_the_others_pages() -> None:
    split = TwoProcesses()
    split.start(SHARED)

    def pages(own: set[str]) -> list[SimpleNamespace]:
        return [_page(uri, {f"{uri}-anchor"} if uri in own else None, "Home" if uri in own else None)
                for uri in SHARED + ["index.md"]]

    def second() -> None:
        mine = pages({"records/b.md", "records/d.md"})
        files = [SimpleNamespace(is_documentation_page=lambda: False, name="word.docx"),
                 SimpleNamespace(is_documentation_page=lambda: True, name="b.md")]
        config = _config()
        split.exchange(jinja2.Environment(loader=jinja2.DictLoader({})), files, mine, config)
        # What it learnt, and that it leaves the static files and the theme's templates to the first:
        # sent back to the first as if it were words.
        index = mine[-1]
        words = WordList()
        words.include({"anchors": frozenset(a for p in mine for a in p.present_anchor_ids or ()),
                       "index": frozenset([index.title, *sorted(f"{k}={v}" for k, v in index.meta.items())]),
                       "left": frozenset([f.name for f in files] + sorted(config.theme.static_templates)
                                         + list(config.extra_templates))})
        split.finish(words)

    _second(split, second)
    mine = pages({"records/a.md", "records/c.md", "index.md"})
    env = jinja2.Environment(loader=jinja2.DictLoader({"main.html": "page"}))
    config = _config()
    split.exchange(env, [], mine, config)
    assert {p.file.src_uri: p.present_anchor_ids for p in mine} == {
        "records/a.md": {"records/a.md-anchor"}, "records/b.md": {"records/b.md-anchor"},
        "records/c.md": {"records/c.md-anchor"}, "records/d.md": {"records/d.md-anchor"},
        "index.md": {"index.md-anchor"}}
    assert env.get_template(ELSEWHERE).render() == "" and env.get_template("main.html").render() == "page"
    assert config.theme.static_templates == {"sitemap.xml", "404.html"}
    words = WordList()
    split.finish(words)
    # The second knew the first's pages' anchors too, the title and front matter of the page only the
    # first reads (with the template that renders nothing there), and wrote only its pages.
    assert words.gathered() == {
        "anchors": {"records/a.md-anchor", "records/b.md-anchor", "records/c.md-anchor", "records/d.md-anchor",
                    "index.md-anchor"},
        "index": {"Home", "hide=['toc']", f"template={ELSEWHERE}"},
        "left": {"b.md"}}


def test_the_seconds_messages_are_logged_once_by_the_first_and_its_words_kept(caplog) -> None:
    caplog.set_level(logging.INFO)
    split = TwoProcesses()
    split.start(SHARED)

    def second() -> None:
        logging.getLogger("mkdocs.plugins.gpia").warning("a warning from %s", "the second")
        logging.getLogger("mkdocs.commands.build").info("Page skipped: 'records/a.md'. Generated empty output.")
        logging.getLogger("mkdocs.commands.build").info("Page skipped: 'records/b.md'. Generated empty output.")
        words = WordList()
        words.add("records/b.md", "zebra crossing")
        split.finish(words)

    _second(split, second)
    logging.getLogger("mkdocs.commands.build").info("Page skipped: 'records/b.md'. Generated empty output.")
    logging.getLogger("mkdocs.commands.build").info("Page skipped: 'records/c.md'. Generated empty output.")
    words = WordList()
    words.add("records/a.md", "apple")
    split.finish(words)
    assert [(r.name, r.levelname, r.getMessage()) for r in caplog.records] == [
        ("mkdocs.plugins.gpia", "INFO", "gpia: the pages are shared between two processes (2 and 2 of those made "
                                        "from the data)"),
        # The first's own: a page the second writes renders nothing here, and MkDocs' note of it is dropped.
        ("mkdocs.commands.build", "INFO", "Page skipped: 'records/c.md'. Generated empty output."),
        # The second's, once, when it has finished: its note of a page the first writes is dropped.
        ("mkdocs.plugins.gpia", "WARNING", "a warning from the second"),
        ("mkdocs.commands.build", "INFO", "Page skipped: 'records/b.md'. Generated empty output."),
    ]
    assert sorted(words.gathered()) == ["records/a.md", "records/b.md"]
    assert words.words() == ["apple", "crossing", "zebra"]


def test_a_failure_in_the_second_fails_the_build_with_its_messages(caplog) -> None:
    split = TwoProcesses()
    split.start(SHARED)

    def second() -> None:
        try:
            raise ValueError("boom")
        except ValueError as error:
            logging.getLogger("mkdocs.commands.build").exception("Error building page 'records/b.md': boom")
            split.failed(error)

    _second(split, second)
    with pytest.raises(PluginError, match=r"^gpia: the build's second process failed \(ValueError: boom\)$"):
        split.finish(WordList())
    assert [r.getMessage() for r in caplog.records] == ["Error building page 'records/b.md': boom"]
    # Its traceback comes as text.
    assert caplog.records[0].exc_text.startswith("Traceback") and "ValueError: boom" in caplog.records[0].exc_text
    assert split.role is None


def test_the_second_ends_even_when_the_first_is_gone() -> None:
    """It never returns into the code that called the build (here pytest: `_second` would end it
    with 3), even when what it sends cannot be sent."""
    split = TwoProcesses()
    split.start(SHARED)

    def second() -> None:
        assert split._pipe is not None
        split._pipe.poll(30)  # until the first has closed its end
        split.failed(ValueError("boom"))

    _second(split, second)
    child = split._child
    split._pipe.close()
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 1


def test_a_second_that_ends_without_a_word_fails_the_build() -> None:
    split = TwoProcesses()
    split.start(SHARED)
    _second(split, lambda: os._exit(0))
    with pytest.raises(PluginError, match=r"\(it ended without a word\)$"):
        split.finish(WordList())


def test_the_first_waits_for_the_seconds_copies_before_pagefind_starts() -> None:
    split = TwoProcesses()
    split.start(SHARED)

    def second() -> None:
        time.sleep(0.5)  # writing its copies
        assert split.copies_written() is False  # the second never starts Pagefind
        split.finish(WordList())

    _second(split, second)
    started = time.monotonic()
    assert split.copies_written() is True  # the first starts it, once the second has said so
    assert time.monotonic() - started >= 0.4
    split.finish(WordList())
    assert split.role is None


def test_a_second_with_no_copy_to_write_says_so_at_once_and_a_first_with_none_indexes_at_the_end() -> None:
    split = TwoProcesses()
    split.start(SHARED)

    def second() -> None:
        split.none_to_copy()
        split.finish(WordList())

    _second(split, second)
    split.none_to_copy()  # the first: nothing to say; its word is passed over at the end
    split.finish(WordList())
    assert split.role is None


def test_a_failure_in_the_second_before_its_copies_are_written_fails_the_first_where_it_waits(caplog) -> None:
    split = TwoProcesses()
    split.start(SHARED)

    def second() -> None:
        logging.getLogger("mkdocs.commands.build").error("Error building page 'records/b.md': boom")
        split.failed(ValueError("boom"))

    _second(split, second)
    with pytest.raises(PluginError, match=r"^gpia: the build's second process failed \(ValueError: boom\)$"):
        split.copies_written()
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == [
        "Error building page 'records/b.md': boom"]
    assert split.role is None


def test_one_process_starts_pagefind_once_its_own_copies_are_written() -> None:
    assert TwoProcesses().copies_written() is True


def test_a_failure_in_the_first_stops_the_second() -> None:
    split = TwoProcesses()
    split.start(SHARED)
    _second(split, lambda: __import__("time").sleep(60))
    child = split._child
    split.failed(RuntimeError("the first failed"))
    assert split.role is None
    with pytest.raises(ChildProcessError):
        os.waitpid(child, 0)  # already reaped: it was stopped and waited for


@pytest.mark.parametrize(("setting", "expected"), [("1", 1), ("2", 2)])
def test_the_number_of_processes_can_be_set(monkeypatch, setting, expected) -> None:
    monkeypatch.setenv("GPIA_BUILD_PROCESSES", setting)
    monkeypatch.setattr(processes.threading, "active_count", lambda: 1)
    assert processes.processes_wanted() == expected


def test_a_process_with_other_threads_is_never_forked(monkeypatch) -> None:
    """`mkdocs serve` runs its server and watcher in threads."""
    monkeypatch.setenv("GPIA_BUILD_PROCESSES", "2")
    monkeypatch.setattr(processes.threading, "active_count", lambda: 2)
    assert processes.processes_wanted() == 1
    assert processes.WorkBeside(lambda: os.getpid()).result() == os.getpid()  # done here, now


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's PR_SET_PDEATHSIG")
def test_a_copy_dies_with_the_process_that_forked_it() -> None:
    """The second process, the copy making the downloads and the copy reading half of the data files
    all come from fork_copy (gpia.load.processes): none goes on working when the process that forked
    it has died."""
    read, write = os.pipe()
    middle = os.fork()
    if middle == 0:  # the build
        try:
            if processes.fork_copy() == 0:  # the copy, set up: it says so, and works on
                os.write(write, str(os.getpid()).encode())
            time.sleep(60)
        finally:
            os._exit(0)
    os.close(write)
    copy = int(os.read(read, 32))
    os.close(read)
    os.kill(middle, signal.SIGKILL)  # the build dies mid-way
    os.waitpid(middle, 0)
    deadline = time.monotonic() + 10
    while not dead(copy) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert dead(copy)


def test_work_beside_the_build_that_is_not_taken_is_stopped(monkeypatch) -> None:
    """A build that fails before it takes the downloads stops the copy that makes them (which would
    otherwise wait for ever to send more than a pipe holds)."""
    monkeypatch.setenv("GPIA_BUILD_PROCESSES", "2")
    monkeypatch.setattr(processes.threading, "active_count", lambda: 1)
    work = processes.WorkBeside(lambda: b"x" * 1_000_000)
    child = work._child
    assert child
    work.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(child, 0)  # already waited for


def test_work_beside_interrupted_while_its_result_is_awaited_is_stopped(monkeypatch) -> None:
    """Ctrl-C while the build (or the reading of the data) waits for the copy: it does not wait for the
    copy to finish its work first."""
    monkeypatch.setenv("GPIA_BUILD_PROCESSES", "2")
    monkeypatch.setattr(processes.threading, "active_count", lambda: 1)
    work = processes.WorkBeside(lambda: time.sleep(60))
    child = work._child
    assert child

    def interrupt(*_) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 0.2)
    started = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            work.result()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):
        os.waitpid(child, 0)  # stopped and already waited for


def test_work_beside_the_build_gives_its_value_or_raises_its_error(monkeypatch) -> None:
    monkeypatch.setenv("GPIA_BUILD_PROCESSES", "2")
    monkeypatch.setattr(processes.threading, "active_count", lambda: 1)
    here = os.getpid()
    assert processes.WorkBeside(lambda: (os.getpid() != here, {"data/x.csv": b"a,b\r\n"})).result() == \
        (True, {"data/x.csv": b"a,b\r\n"})
    failing = processes.WorkBeside(lambda: {}["schedule-9"])
    for _ in range(2):  # and again if asked again
        with pytest.raises(KeyError, match="'schedule-9'"):
            failing.result()
    failing.cancel()  # nothing left to stop
