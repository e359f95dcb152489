"""Search: Pagefind's index time and size, and the bytes a browser fetches for two queries."""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path

from gpia.tools.synthetic import generate

from gpia_bench.run import KB, PYTHON, Project, env_for, mkdocs_build, timed

# Run in a fresh process by `fetched_bytes`, with the browser tests on its path: their own measurement.
_FETCHED = """
import json, sys
from pathlib import Path
from browser.measure_search import fetched_bytes
print(json.dumps(fetched_bytes(Path(sys.argv[1]))))
"""


def fetched_bytes(site: Path) -> tuple[int, int]:
    """Bytes Chromium fetches for a first and a second query on `site`, as
    tests/browser/measure_search.py counts them."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(str(Project.tree / folder) for folder in ("tests", "scripts")))
    result = subprocess.run([PYTHON, "-c", _FETCHED, str(site)], cwd=Project.tree, env=env, capture_output=True,
                            text=True)
    if result.returncode != 0:
        raise RuntimeError(f"measuring the search's bytes failed:\n{result.stderr[-3000:]}")
    first, second = json.loads(result.stdout.strip().splitlines()[-1])
    return first, second


SEARCH_SECTION = "## Search (Pagefind)"


@dataclass(frozen=True)
class SearchFigures:
    scale: int
    pages: int
    index_s: float  # median seconds of `python -m pagefind --site` on the built site
    index_kb: float  # all of pagefind/
    first_kb: float  # bytes a fresh browser fetches for a first query
    second_kb: float  # and then for a second one


def measure_search(scales: list[int], runs: int, work: Path) -> list[SearchFigures]:
    """For each scale: build the synthetic corpus once, time Pagefind's indexing alone (a fresh
    pagefind/ each run), weigh the index, and count the bytes Chromium fetches for two queries."""
    figures = []
    for scale in scales:
        data = generate(Project.tree, work / f"kb-search-x{scale}", scale)
        site = work / f"site-search-x{scale}"
        timed(mkdocs_build(site), env_for(data))
        seconds = []
        for _ in range(runs):
            shutil.rmtree(site / "pagefind", ignore_errors=True)
            seconds.append(timed([PYTHON, "-m", "pagefind", "--site", str(site)], env_for(data))[0])
        size = sum(f.stat().st_size for f in (site / "pagefind").rglob("*") if f.is_file())
        first, second = fetched_bytes(site)
        pages = sum(1 for _ in site.rglob("index.html"))
        figures.append(SearchFigures(scale, pages, statistics.median(seconds), size / KB, first / KB, second / KB))
    return figures
