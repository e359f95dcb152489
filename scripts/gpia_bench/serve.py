"""Live reload: a YAML edit during `mkdocs serve`, until the edited page is served with it."""
from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from gpia.tools.synthetic import generate

from gpia_bench.run import PYTHON, Project, env_for, mkdocs_build, timed

# The edit: a word added to a glossary term's note (the guide's own words, not NHS wording), and
# the term's own page, polled until it is served with that word.
SERVE_FILE = "clauses/glossary.yaml"
SERVE_TERM = "term-mcp"
SERVE_PAGE = f"glossary/{SERVE_TERM}/"
# The term's one-line note, however the corpus's YAML is indented (the synthetic copies are re-dumped).
_NOTE = re.compile(rf"^(?P<indent> *)- id: {SERVE_TERM}\n(?:(?P=indent)  .*\n)*?((?P=indent)  note: .+)$", re.M)
SERVE_TARGET = "Serve: edited page served ≤ 2 s after a YAML edit (×1)"


@dataclass
class Serve:
    page_s: float  # median seconds from writing the YAML file to the edited page being served with the edit
    reload_s: float  # ... to `mkdocs serve` telling browsers to reload (the rebuild done)
    search_s: float  # ... to the served Pagefind index being the new one (written in the background)
    build_s: float  # median seconds of `mkdocs build --strict` on the same data, for comparison
    runs: int
    load: float = 0.0  # the machine's one-minute load average when the edits were done

    @property
    def ratio(self) -> float:
        """The edited page served, as a multiple of a full build."""
        return self.page_s / self.build_s


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (OSError, ValueError):
        return ""


def measure_serve(runs: int, work: Path, project: Path | None = None, data: Path | None = None) -> Serve:
    """`mkdocs serve` on a copy of the real data (×1), on a free port: for each run, a word is added to
    a term's note in its YAML file, and the term's page is fetched every 20 ms until it holds the
    word; the time from writing the file to that answer is the page's. The server's own "Reloading
    browsers" line, printed once the rebuild is done, gives the second figure, and the served
    `pagefind/pagefind-entry.json` changing (Pagefind's new index swapped in) the third.

    `project` is the tree whose code and mkdocs.yml serve (the snapshot unless told) and `data` its
    ×1 corpus (made here from the snapshot unless given), so that the code before the redesign is
    measured the same way (`measure_baseline`)."""
    project = project or Project.tree
    data = data or generate(Project.tree, work / "kb-serve", 1)
    file = data / SERVE_FILE
    original = file.read_text(encoding="utf-8")
    found = _NOTE.search(original)
    if not found:
        raise RuntimeError(f"{SERVE_FILE} no longer has a one-line note on {SERVE_TERM}, which the serve benchmark edits")
    note = found.group(2)
    site = work / ("site-serve" if data.name == "kb-serve" else f"site-{data.name}")
    builds = [timed(mkdocs_build(site), env_for(data, project), project)[0] for _ in range(runs)]
    try:
        with _served(project, data) as (base, lines):
            edits = [_edit(file, original.replace(note, f"{note} Benchmark edit {run + 1}.", 1),
                           f"Benchmark edit {run + 1}.", base, lines) for run in range(runs)]
    finally:
        file.write_text(original, encoding="utf-8")
    pages, reloads, searches = zip(*edits)
    return Serve(statistics.median(pages), statistics.median(reloads), statistics.median(searches),
                 statistics.median(builds), runs, os.getloadavg()[0])


@contextmanager
def _served(project: Path, data: Path) -> Iterator[tuple[str, list[str]]]:
    """`mkdocs serve` of `project` on `data`, on a free port: its base URL and the lines it prints
    (read as they come), once it serves; stopped when the block ends."""
    port = _free_port()
    process = subprocess.Popen([PYTHON, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
                               env=env_for(data, project), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(iter(process.stderr.readline, "")), daemon=True).start()
    try:
        _wait_for(lines, "Serving on", 0, 120)
        yield f"http://127.0.0.1:{port}/", lines
    finally:
        process.terminate()
        process.wait(timeout=30)


def _edit(file: Path, edited: str, marker: str, base: str, lines: list[str]) -> tuple[float, float, float]:
    """Seconds from writing `edited` to the edited page being served with `marker`, to the server's
    "Reloading browsers", and to Pagefind's new index being served."""
    url, entry = base + SERVE_PAGE, base + "pagefind/pagefind-entry.json"
    seen = len(lines)
    index_before = _fetch(entry)
    started = time.perf_counter()
    file.write_text(edited, encoding="utf-8")
    _poll(lambda: marker in _fetch(url), started + 60, f"{url} did not show {marker!r} within 60 s", lines)
    page = time.perf_counter() - started
    _wait_for(lines, "Reloading browsers", seen, 60)
    reload = time.perf_counter() - started
    _poll(lambda: _fetch(entry) not in ("", index_before), started + 60, f"{entry} did not change within 60 s", lines)
    search = time.perf_counter() - started
    time.sleep(1.5)  # let the watcher settle before the next edit
    return page, reload, search


def _poll(done: Callable[[], bool], deadline: float, failure: str, lines: list[str]) -> None:
    """Ask `done` every 20 ms until it says yes, or fail with the server's last lines at `deadline`."""
    while not done():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"{failure}:\n{''.join(lines[-20:])}")
        time.sleep(0.02)


def _wait_for(lines: list[str], text: str, start: int, limit: float) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if any(text in line for line in lines[start:]):
            return
        time.sleep(0.02)
    raise TimeoutError(f"mkdocs serve did not print {text!r}:\n{''.join(lines[-20:])}")



def median_serve(serves: list[Serve]) -> Serve:
    """One figure from single-edit measurements: the median of each."""
    return Serve(statistics.median(s.page_s for s in serves), statistics.median(s.reload_s for s in serves),
                 statistics.median(s.search_s for s in serves), statistics.median(s.build_s for s in serves),
                 len(serves), statistics.median(s.load for s in serves))
