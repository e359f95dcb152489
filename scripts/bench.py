"""`make bench`: build speed and page weight at x1, x10 and x100 the real data, written to BENCHMARKS.md.

Not part of `make test`: timings depend on the machine. Each time is the median of --runs runs.
The floor is Material building the very Markdown the data layer produced (dumped during a build
with GPIA_DUMP_MARKDOWN), with macros and hooks switched off: what the site would cost if it were
hand-written. Every target of issue #7 is evaluated from the numbers measured here, so re-running
refreshes the whole of BENCHMARKS.md; nothing in it is edited by hand.

    NO_MKDOCS_2_WARNING=1 .venv/bin/python scripts/bench.py [--scales 1,10,100] [--runs 3]

`--only tooltips` measures only the abbreviation tooltips (a few minutes instead of about fifteen)
and replaces just their section and target row in BENCHMARKS.md; `--only search` measures only
Pagefind (index time and size, bytes for a first and a second query) at each of --scales;
`--only serve` measures only live reload (a YAML edit during `mkdocs serve`, until the edited page
is served with it) and replaces its line and target row.

`--only baseline` measures only "Before and after the redesign" (issue #13 asks that build,
validate and live reload did not regress): validate, build and pages at each of --scales, and live
reload at ×1, for the code and data of `--baseline REV` (default 4f75fb2, the last commit before the
redesign, extracted with `git archive` into --work) and for the snapshot, alternated run by run in
one run, so that the ratios compare figures of the same machine and load. A full run measures it too.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tarfile
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import yaml
from mkdocs.utils.meta import get_data

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from gpia.knowledge_base import load_or_raise  # noqa: E402
from gpia.model.records import KnowledgeBase  # noqa: E402
from gpia.model.urls import url_of  # noqa: E402
from gpia.load.problems import Problem  # noqa: E402
from gpia.tools.synthetic import generate  # noqa: E402
from gpia.load.yaml_loader import load_yaml_file  # noqa: E402

PYTHON = sys.executable
SOURCES = ROOT.parent / "shared" / "sources"
# Where the measured commands run: a copy of the project taken when the benchmark starts (see
# `snapshot`), so that edits made to the working tree meanwhile change no run.
PROJECT = ROOT
KB = 1024  # bytes; sizes below are in KiB and MiB, written KB and MB
PAGES_LISTED = 4  # heaviest pages named per scale


def env_for(data_root: Path, project: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment of a measured command on `data_root`, importing the `gpia` of `project` (the
    snapshot unless told: the code before the redesign has its own, see `measure_baseline`)."""
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", GPIA_DATA_ROOT=str(data_root),
                GPIA_SOURCES_DIR=str(SOURCES), PYTHONPATH=str((project or PROJECT) / "scripts"),
                SOURCE_DATE_EPOCH="0", **extra)


def timed(command: list[str], env: dict[str, str], cwd: Path | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one command, measured by GNU time, run in `cwd` (the snapshot
    unless told), whose mkdocs.yml a build reads."""
    started = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M", *command], cwd=cwd or PROJECT, env=env,
                            capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    return elapsed, int(result.stderr.strip().splitlines()[-1])


def floor_config(dump: Path, out: Path) -> Path:
    """mkdocs.yml without the data layer, pointed at the dumped Markdown."""
    config = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "macros" in p)]
    config.pop("hooks", None)
    config.pop("watch", None)
    config["docs_dir"] = str(dump)
    config["theme"]["custom_dir"] = str(PROJECT / config["theme"]["custom_dir"])
    shutil.copytree(PROJECT / "docs" / "assets", dump / "assets", dirs_exist_ok=True)
    path = out / f"mkdocs-floor-{dump.name}.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


# ---- what a built page weighs, and how much of it is navigation --------------------------------

_NAV_TAG = re.compile(r"<nav\b|</nav>")


def _element_end(html: str, start: int) -> int:
    """Index just after the </nav> closing the <nav> that starts at `start`."""
    depth = 0
    for match in _NAV_TAG.finditer(html, start):
        depth += 1 if match.group(0) == "<nav" else -1
        if depth == 0:
            return match.end()
    return len(html)


def _bytes(text: str) -> int:
    return len(text.encode("utf-8"))


def navigation_bytes(html: str) -> tuple[int, int]:
    """(site navigation, table of contents) bytes of one Material page.

    The primary navigation holds a copy of the page's table of contents (for narrow screens); it
    is counted with the table of contents, which is the part that grows with the page.
    """
    primary = html.find('<nav class="md-nav md-nav--primary"')
    if primary < 0:
        return 0, 0
    primary_end = _element_end(html, primary)
    tocs = [(m.start(), _element_end(html, m.start()))
            for m in re.finditer(r'<nav class="md-nav md-nav--secondary"', html)]
    toc = sum(_bytes(html[a:b]) for a, b in tocs)
    inside = sum(_bytes(html[a:b]) for a, b in tocs if primary <= a < primary_end)
    return _bytes(html[primary:primary_end]) - inside, toc


@dataclass
class SiteSizes:
    sizes: dict[str, int]  # page -> bytes
    whole: frozenset[str]  # pages that show a whole document by design (see whole_document_pages)
    median_kb: float
    search_kb: float
    home_nav_kb: float  # site navigation on the home page
    nav_kb: float  # the most site navigation on any page
    toc_kb: float  # the largest table of contents
    toc_page: str

    @property
    def pages(self) -> int:
        return len(self.sizes)

    @property
    def heaviest(self) -> list[tuple[str, int]]:
        """The heaviest pages but those that show a whole document, (page, bytes), heaviest first."""
        return sorted(((page, size) for page, size in self.sizes.items() if page not in self.whole),
                      key=lambda item: (-item[1], item[0]))[:PAGES_LISTED]

    @property
    def whole_documents(self) -> list[tuple[str, int]]:
        """The pages that show a whole document, (page, bytes), in order of address."""
        return sorted((page, self.sizes[page]) for page in self.whole if page in self.sizes)

    @property
    def heaviest_kb(self) -> float:
        return self.heaviest[0][1] / KB

    @property
    def total_mb(self) -> float:
        return sum(self.sizes.values()) / KB / KB

    def by_kind(self) -> dict[str, tuple[int, int]]:
        """Kind of page -> (how many, heaviest bytes): each list's pages, each folder's record pages;
        the pages that show a whole document aside."""
        kinds: dict[str, list[int]] = {}
        for page, size in self.sizes.items():
            if page in self.whole:
                continue
            kinds.setdefault(page_kind(page), []).append(size)
        return {kind: (len(sizes), max(sizes)) for kind, sizes in sorted(kinds.items())}


def page_kind(page: str) -> str:
    """'/faq/' and its list's later pages '/faq/pages/3/' -> '/faq/'; a record's '/faq/<id>/' -> '/faq/<id>/'."""
    parts = page.strip("/").split("/")
    if len(parts) == 1 or (len(parts) == 3 and parts[1] == "pages"):
        return f"/{parts[0]}/".replace("//", "/")
    return f"/{parts[0]}/<id>/"


def whole_document_pages(project: Path, kb: KnowledgeBase) -> frozenset[str]:
    """The pages that show a whole document by design, so grow with it rather than with a number of
    records: each source document's own page (from the data), and the hand-written pages whose front
    matter says `whole_document: true` (the printable guide, the whole-document comparison). The
    heaviest-page figures and targets leave them out; they are reported beside them."""
    docs = project / "docs"
    pages = {_address(source.relative_to(docs).with_suffix("").as_posix().removesuffix("index"))
             for source in docs.rglob("*.md")
             if get_data(source.read_text(encoding="utf-8"))[1].get("whole_document") is True}
    pages.update("/" + url_of(kb, document) for document in kb.documents)
    return frozenset(pages)


def _address(folder: str) -> str:
    """A page's address from its folder in the site (or its source's path without .md): '/faq/'."""
    return ("/" + folder.removeprefix(".") + "/").replace("//", "/")


def site_sizes(site: Path, whole: frozenset[str] = frozenset()) -> SiteSizes:
    sizes, nav, toc = {}, {}, {}
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue
        name = _address(page.parent.relative_to(site).as_posix())
        html = page.read_text(encoding="utf-8")
        sizes[name] = _bytes(html)
        nav[name], toc[name] = navigation_bytes(html)
    toc_page = max(toc, key=lambda name: (toc[name], name))
    return SiteSizes(sizes, whole, statistics.median(sizes.values()) / KB,
                     search_index_bytes(site) / KB, nav["/"] / KB,
                     max(nav.values()) / KB, toc[toc_page] / KB, toc_page)


def search_index_bytes(site: Path) -> int:
    """All of Pagefind's index (pagefind/), or Material's search_index.json on a site built before it."""
    lunr = site / "search" / "search_index.json"
    if lunr.exists():
        return lunr.stat().st_size
    return sum(f.stat().st_size for f in (site / "pagefind").rglob("*") if f.is_file())


def tree_digests(site: Path) -> dict[str, str]:
    """A hash of each file's bytes, by path: equal maps mean byte-identical sites."""
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def snapshot(work: Path) -> Path:
    """A copy of the project to measure, without its virtual environment, git data and built output."""
    copy = work / "project"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".venv", ".git", "site", "bench-out", "test-artifacts", "__pycache__", ".pytest_cache"))
    return copy


# ---- where validation time goes --------------------------------------------------------------

# Run in a fresh process by `validate_phases`: the steps of gpia.knowledge_base.load_knowledge_base, timed.
_PHASES = """
import gc, json, sys, time
from pathlib import Path
from gpia import knowledge_base as load
from gpia.load.layout import data_files, kind_of
from gpia.validate.schema_check import schema_problems
from gpia.load.yaml_loader import load_yaml_file
root, sources = Path(sys.argv[1]).resolve(), Path(sys.argv[2])
gc.disable()  # as load_knowledge_base does
spent = {}
def step(name, function, *args):
    started = time.perf_counter()
    value = function(*args)
    spent[name] = spent.get(name, 0) + time.perf_counter() - started
    return value
docs = []
for file in data_files(root):
    relative = file.relative_to(root).as_posix()
    doc = step("parse YAML", load_yaml_file, file, relative)
    step("JSON Schemas", schema_problems, doc, kind_of(relative))
    docs.append((kind_of(relative), doc))
index, _ = step("ids and references", load.index_records, docs)
step("ids and references", load.reference_problems, docs, index)
step("other checks", load.semantic_problems, docs)
step("other checks", load.schedule_problems, docs, index)
step("other checks", load.alignment_problems, docs, docs, index)
step("other checks", load.text_problems, docs, root)
texts, _ = step("wording", load.load_sources, sources, docs)
step("wording", load.verbatim_problems, docs, texts)
step("model", load.build_model, docs)
print(json.dumps(spent))
"""


def validate_phases(data: Path) -> dict[str, float]:
    """Seconds per step of loading the knowledge base (one run, in its own process)."""
    result = subprocess.run([PYTHON, "-c", _PHASES, str(data), str(SOURCES)], cwd=PROJECT, env=env_for(data),
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


# ---- serve -----------------------------------------------------------------------------------

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
    project = project or PROJECT
    data = data or generate(PROJECT, work / "kb-serve", 1)
    file = data / SERVE_FILE
    original = file.read_text(encoding="utf-8")
    found = _NOTE.search(original)
    if not found:
        raise RuntimeError(f"{SERVE_FILE} no longer has a one-line note on {SERVE_TERM}, which the serve benchmark edits")
    SERVE_NOTE = found.group(2)
    site = work / ("site-serve" if data.name == "kb-serve" else f"site-{data.name}")
    builds = [timed([PYTHON, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                    env_for(data, project), project)[0] for _ in range(runs)]
    port = _free_port()
    url = f"http://127.0.0.1:{port}/{SERVE_PAGE}"
    process = subprocess.Popen([PYTHON, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
                               env=env_for(data, project), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(process.stderr.readline, "")), daemon=True)
    reader.start()
    pages, reloads, searches = [], [], []
    entry = f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json"
    try:
        _wait_for(lines, "Serving on", 0, 120)
        for run in range(runs):
            marker = f"Benchmark edit {run + 1}."
            seen = len(lines)
            index_before = _fetch(entry)
            started = time.perf_counter()
            file.write_text(original.replace(SERVE_NOTE, f"{SERVE_NOTE} {marker}", 1), encoding="utf-8")
            deadline = started + 60
            while marker not in _fetch(url):
                if time.perf_counter() > deadline:
                    raise TimeoutError(f"{url} did not show {marker!r} within 60 s:\n{''.join(lines[-20:])}")
                time.sleep(0.02)
            pages.append(time.perf_counter() - started)
            _wait_for(lines, "Reloading browsers", seen, 60)
            reloads.append(time.perf_counter() - started)
            while _fetch(entry) in ("", index_before):
                if time.perf_counter() > deadline:
                    raise TimeoutError(f"{entry} did not change within 60 s:\n{''.join(lines[-20:])}")
                time.sleep(0.02)
            searches.append(time.perf_counter() - started)
            time.sleep(1.5)  # let the watcher settle before the next edit
    finally:
        process.terminate()
        process.wait(timeout=30)
        file.write_text(original, encoding="utf-8")
    return Serve(statistics.median(pages), statistics.median(reloads), statistics.median(searches),
                 statistics.median(builds), runs,
                 os.getloadavg()[0])


def serve_line(serve: Serve | None) -> str:
    if serve is None:
        return "Live reload at ×1 (a YAML edit during `mkdocs serve`): not measured in this run."
    return (f"Live reload at ×1 (a word added to a term's note in `{SERVE_FILE}` during `mkdocs serve`; medians of "
            f"{serve.runs} edits): the edited page `/{SERVE_PAGE}` was served with the edit {serve.page_s:.2f} s "
            f"after the file was written, and the server told browsers to reload after {serve.reload_s:.2f} s; "
            f"the search index, which Pagefind writes in the background while the pages are served, was "
            f"replaced after {serve.search_s:.2f} s; a full `mkdocs build --strict` of the same data takes "
            f"{serve.build_s:.2f} s, so the page comes back in {serve.ratio:.2f}× a build (load average "
            f"{serve.load:.1f} on {os.cpu_count()} cores while measured: other jobs slow both figures alike).")


def _wait_for(lines: list[str], text: str, start: int, limit: float) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if any(text in line for line in lines[start:]):
            return
        time.sleep(0.02)
    raise TimeoutError(f"mkdocs serve did not print {text!r}:\n{''.join(lines[-20:])}")


# ---- abbreviation tooltips -------------------------------------------------------------------

TOOLTIP_TERMS = 2000  # abbreviated terms added to the real data
TOOLTIP_TARGET = f"Build ×1 with {TOOLTIP_TERMS:,} abbreviations ≤ 1.5× with tooltips off"
TOOLTIP_SECTION = "## Abbreviation tooltips"


@dataclass
class Tooltips:
    on_s: float  # the build with a tooltip for every abbreviation
    off_s: float  # the same corpus with `tooltip: false` on every term
    on_cpu_s: float  # the same builds' processor time (user and system), less sensitive to other jobs
    off_cpu_s: float
    abbreviations: int  # abbreviations with a tooltip, in the build with tooltips
    pages: int
    shown: int  # <abbr> elements on the pages of the build with tooltips
    runs: int

    @property
    def ratio(self) -> float:
        return self.on_s / self.off_s

    @property
    def cpu_ratio(self) -> float:
        return self.on_cpu_s / self.off_cpu_s


def cpu_timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and processor seconds (user and system) of one command, measured by GNU time."""
    result = subprocess.run(["/usr/bin/time", "-f", "%e %U %S", *command], cwd=PROJECT, env=env,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    wall, user, system = (float(v) for v in result.stderr.strip().splitlines()[-1].split())
    return wall, user + system


def _abbreviation(i: int) -> str:
    """A synthetic abbreviation, "QAAA" to "QCYX"; one in five has two words ("QAAF IA")."""
    letters = "".join(chr(ord("A") + i // 26 ** k % 26) for k in (2, 1, 0))
    return f"Q{letters} IA" if i % 5 == 0 else f"Q{letters}"


def tooltip_corpus(out: Path, tooltips: bool) -> Path:
    """The real data plus TOOLTIP_TERMS glossary terms, each with an abbreviation that the
    definitions of three others use; with tooltips=False, every term has `tooltip: false`."""
    data = generate(PROJECT, out, 1)
    file = data / "clauses" / "glossary.yaml"
    document = load_yaml_file(file, "clauses/glossary.yaml")
    if isinstance(document, Problem):
        raise RuntimeError(str(document))
    terms = document.data["terms"]
    reviewed = terms[0]["last_reviewed"]
    for i in range(TOOLTIP_TERMS):
        used = ", ".join(_abbreviation((i + k) % TOOLTIP_TERMS) for k in (1, 7, 31))
        terms.append({"id": f"term-bench-{i + 1:04d}", "term": f"benchmark term number {i + 1}",
                      "abbreviation": _abbreviation(i),
                      "definition": f"A synthetic term of the tooltip benchmark, which works with {used}.",
                      "last_reviewed": reviewed})
    if not tooltips:
        for term in terms:
            term["tooltip"] = False
    first_line = (PROJECT / "clauses" / "glossary.yaml").read_text(encoding="utf-8").splitlines(keepends=True)[0]
    modeline = first_line if first_line.startswith("#") else ""
    file.write_text(modeline + yaml.safe_dump(document.data, allow_unicode=True, sort_keys=False, width=100),
                    encoding="utf-8")
    return data


def measure_tooltips(runs: int, work: Path) -> Tooltips:
    """Both builds, alternated run by run so that other jobs on the machine slow both alike."""
    corpora = {state: tooltip_corpus(work / f"kb-tooltips-{state}", state == "on") for state in ("on", "off")}
    seconds: dict[str, list[float]] = {"on": [], "off": []}
    cpu: dict[str, list[float]] = {"on": [], "off": []}
    for _ in range(runs):
        for state, data in corpora.items():
            command = [PYTHON, "-m", "mkdocs", "build", "--strict", "--site-dir", str(work / f"site-tooltips-{state}")]
            wall, processor = cpu_timed(command, env_for(data))
            seconds[state].append(wall)
            cpu[state].append(processor)
    pages, shown = {}, {}
    for state in corpora:
        pages[state] = [p for p in (work / f"site-tooltips-{state}").rglob("*.html") if p.name != "404.html"]
        shown[state] = sum(p.read_text(encoding="utf-8").count("<abbr ") for p in pages[state])
    if shown["off"]:
        raise RuntimeError(f"the build with tooltips off has {shown['off']} tooltips")
    kb = load_or_raise(corpora["on"], SOURCES)
    abbreviations = sum(1 for t in kb.terms.values() if t.abbreviation and t.tooltip)
    return Tooltips(statistics.median(seconds["on"]), statistics.median(seconds["off"]), statistics.median(cpu["on"]),
                    statistics.median(cpu["off"]), abbreviations, len(pages["on"]), shown["on"], runs)


def tooltip_section(tooltips: Tooltips | None) -> list[str]:
    if tooltips is None:
        return [TOOLTIP_SECTION, "", "Not measured in this run."]
    t = tooltips
    per_page = (t.on_s - t.off_s) / t.pages * 1000
    return [
        TOOLTIP_SECTION,
        "",
        "A glossary term's abbreviation gets a tooltip (`<abbr title=\"term\">`) wherever it appears in the text "
        "of a page. It is added to the finished HTML of every page (`scripts/hooks.py`, `on_page_content`) by "
        "`gpia.views.html.Abbreviations`: one regular expression, built once per build, finds the page's tags and "
        "its abbreviations (a trie of them, longest first) in a single scan, so a page costs about the same "
        "with 20 abbreviations or 2,000. The data never reaches a page's Markdown.",
        "",
        f"Measured {dt.date.today().isoformat()}, medians of {t.runs} runs of each build, alternated: the real "
        f"data (×1) plus {TOOLTIP_TERMS:,} glossary terms, each with an abbreviation (one in five of two words) "
        "that the definitions of three others use; with tooltips off, the same corpus with `tooltip: false` on "
        "every term. The added terms have pages of their own, so both builds have "
        f"{t.pages:,} pages.",
        "",
        "| build | abbreviations with a tooltip | tooltips on the pages | build (s) | processor time (s) |",
        "|---|--:|--:|--:|--:|",
        f"| tooltips on | {t.abbreviations:,} | {t.shown:,} | {t.on_s:.2f} | {t.on_cpu_s:.2f} |",
        f"| tooltips off | 0 | 0 | {t.off_s:.2f} | {t.off_cpu_s:.2f} |",
        "",
        f"With tooltips the build takes {t.ratio:.2f}× as long ({per_page:+.1f} ms a page) and {t.cpu_ratio:.2f}× "
        "the processor time (user and system, from GNU time), which other jobs on the machine disturb less "
        "than the wall-clock time the target is about. Measured before, when "
        "the abbreviations were Python-Markdown `*[ABBR]: term` definitions appended to every page: 300 of them "
        "made the ×1 build take 30 s, and 2,000 over 15 minutes.",
    ]


def _why_tooltips(results: Results, extra: Extra) -> str:
    return ("The tooltip pass scans each page's HTML once, so its cost follows the bytes of HTML built, not the "
            "number of abbreviations; if it is missed, profile `Abbreviations.in_html` on the largest pages "
            "(a page with thousands of tags makes thousands of calls to its replacement function).")


# ---- before and after the redesign -----------------------------------------------------------

# The last commit before the redesign of issue #13 (a registry of kinds, documents and versions as
# data, page generation independent of the engine, templates): the parent of `8a1ee95 Group
# scripts/gpia into the pipeline's stages`. `--baseline REV` compares with another revision.
BASELINE_REV = "4f75fb2"
BASELINE_SECTION = "## Before and after the redesign"
# After ÷ before beyond these is more than a shared machine's noise ("differences under about 20%").
SLOWER, FASTER = 1.2, 0.8
PAGES_NAMED = 8  # pages that only one revision builds, named


@dataclass(frozen=True)
class Revision:
    """A tree of the project measured in the comparison: its own code, data and mkdocs.yml."""
    name: str  # "before" or "after"
    tree: Path
    synthetic: str  # the module of its synthetic corpora (moved by the redesign)


@dataclass(frozen=True)
class Side:
    """One revision's figures at one scale."""
    validate_s: float  # median seconds of `python -m gpia validate`, process start to exit
    build_s: float  # median seconds of `mkdocs build --strict`
    pages: int  # HTML pages built, 404 page aside


@dataclass(frozen=True)
class Versus:
    """Both revisions at one scale, from the same run."""
    scale: int
    before: Side
    after: Side

    @property
    def validate_ratio(self) -> float:
        return self.after.validate_s / self.before.validate_s

    @property
    def build_ratio(self) -> float:
        return self.after.build_s / self.before.build_s


@dataclass
class Baseline:
    rev: str  # the earlier revision's abbreviated commit id
    date: str  # and its commit date
    scales: list[Versus]
    serve: tuple[Serve, Serve] | None  # live reload at ×1, (before, after); None: not measured
    runs: int
    load: tuple[float, float]  # one-minute load average when the comparison started, and when it ended
    only_after: list[str]  # pages of the smallest scale that only the current code builds
    only_before: list[str]  # and that only the earlier code built

    @property
    def serve_ratio(self) -> float:
        assert self.serve is not None
        return self.serve[1].page_s / self.serve[0].page_s


def baseline_tree(rev: str, work: Path) -> tuple[Path, str, str]:
    """The project at `rev` (`git archive`, so only committed files), extracted into the work folder;
    with the commit's abbreviated id and date."""
    described = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%h %cs", f"{rev}^{{commit}}", "--"],
                               capture_output=True, text=True)
    if described.returncode != 0:
        raise RuntimeError(f"{rev} is not a commit of {ROOT}:\n{described.stderr}")
    short, date = described.stdout.split()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", short], capture_output=True,
                             check=True)
    tree = work / "baseline"
    shutil.rmtree(tree, ignore_errors=True)
    tree.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(tree, filter="data")
    return tree, short, date


def revision_corpus(revision: Revision, out: Path, scale: int) -> Path:
    """The revision's own data ×`scale`, written by its own synthetic tool: the data format changed
    in the redesign, so each revision reads its copy of the same documents."""
    command = [PYTHON, "-m", revision.synthetic, "--scale", str(scale), "--out", str(out), "--root", str(revision.tree)]
    result = subprocess.run(command, cwd=revision.tree, env=env_for(out, revision.tree), capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({revision.name} the redesign):\n{result.stderr[-3000:]}")
    return out


def pages_built(site: Path) -> set[str]:
    """The addresses of a built site's HTML pages, 404 page aside, as `site_sizes` names them."""
    return {_address(page.parent.relative_to(site).as_posix()) for page in site.rglob("*.html")
            if page.name != "404.html"}


def _median_serve(serves: list[Serve]) -> Serve:
    """One figure from single-edit measurements: the median of each."""
    return Serve(statistics.median(s.page_s for s in serves), statistics.median(s.reload_s for s in serves),
                 statistics.median(s.search_s for s in serves), statistics.median(s.build_s for s in serves),
                 len(serves), statistics.median(s.load for s in serves))


# Validate takes a second or two at most, and one run of it varies by a fifth (measured: a single run at
# ×10 said 1.25× where five alternated runs said 1.03×), so it is run at least this often.
VALIDATE_RUNS = 5


def measure_baseline(rev: str, scales: list[int], runs: int, work: Path) -> Baseline:
    """Validate and build at each scale, and live reload at ×1, for the code before the redesign and
    the snapshot, run by run alternated (before, then after) so that other jobs slow both alike."""
    load_start = os.getloadavg()[0]
    tree, short, date = baseline_tree(rev, work)
    revisions = [Revision("before", tree, "gpia.synthetic"), Revision("after", PROJECT, "gpia.tools.synthetic")]
    for r in revisions:  # both trees start without bytecode: compiled here, so that no first run pays for it
        subprocess.run([PYTHON, "-m", "compileall", "-q", str(r.tree / "scripts")], capture_output=True, check=True)
    versus, only = [], {}
    for scale in scales:
        print(f"measuring before and after the redesign at ×{scale}…", file=sys.stderr)
        data = {r.name: revision_corpus(r, work / f"kb-{r.name}-x{scale}", scale) for r in revisions}
        validate: dict[str, list[float]] = {r.name: [] for r in revisions}
        builds: dict[str, list[float]] = {r.name: [] for r in revisions}
        for _ in range(max(runs, VALIDATE_RUNS)):
            for r in revisions:
                command = [PYTHON, "-m", "gpia", "validate", "--root", str(data[r.name]), "--sources", str(SOURCES)]
                validate[r.name].append(timed(command, env_for(data[r.name], r.tree), r.tree)[0])
        for _ in range(runs):
            for r in revisions:
                command = [PYTHON, "-m", "mkdocs", "build", "--strict", "--site-dir",
                           str(work / f"site-{r.name}-x{scale}")]
                builds[r.name].append(timed(command, env_for(data[r.name], r.tree), r.tree)[0])
        pages = {r.name: pages_built(work / f"site-{r.name}-x{scale}") for r in revisions}
        if not only:
            only = {"after": sorted(pages["after"] - pages["before"]),
                    "before": sorted(pages["before"] - pages["after"])}
        before, after = (Side(statistics.median(validate[n]), statistics.median(builds[n]), len(pages[n]))
                         for n in ("before", "after"))
        versus.append(Versus(scale, before, after))
    serve = None
    if 1 in scales:
        print("measuring live reload before and after the redesign…", file=sys.stderr)
        data = {r.name: revision_corpus(r, work / f"kb-{r.name}-serve", 1) for r in revisions}
        edits: dict[str, list[Serve]] = {r.name: [] for r in revisions}
        for _ in range(runs):  # a server of each revision per edit, so that the edits alternate too
            for r in revisions:
                edits[r.name].append(measure_serve(1, work, r.tree, data[r.name]))
        serve = (_median_serve(edits["before"]), _median_serve(edits["after"]))
    return Baseline(short, date, versus, serve, runs, (load_start, os.getloadavg()[0]),
                    only.get("after", []), only.get("before", []))


def regressed(ratio: float) -> bool:
    """After ÷ before beyond the noise, as printed (so that 1.204 is not called a regression as "1.20×")."""
    return round(ratio, 2) > SLOWER


def verdict(ratio: float) -> str:
    """After ÷ before, in words: a regression only beyond the noise."""
    if regressed(ratio):
        return "**regressed**"
    if round(ratio, 2) < FASTER:
        return "faster"
    return "no regression (within noise)"


def _count(n: int, noun: str) -> str:
    """'1 page', '3 pages'."""
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _named(pages: list[str]) -> str:
    shown = ", ".join(f"`{page}`" for page in pages[:PAGES_NAMED])
    return shown + (f" and {len(pages) - PAGES_NAMED:,} more" if len(pages) > PAGES_NAMED else "")


def baseline_section(b: Baseline) -> list[str]:
    rows = ["| scale | validate before (s) | validate after (s) | ratio | build before (s) | build after (s) | ratio "
            "| pages before | pages after |", "|---|--:|--:|--:|--:|--:|--:|--:|--:|"]
    rows += [f"| ×{v.scale} | {v.before.validate_s:.2f} | {v.after.validate_s:.2f} | {v.validate_ratio:.2f}× "
             f"| {v.before.build_s:.2f} | {v.after.build_s:.2f} | {v.build_ratio:.2f}× "
             f"| {v.before.pages:,} | {v.after.pages:,} |" for v in b.scales]
    ratios = [(f"validate ×{v.scale}", v.validate_ratio) for v in b.scales]
    ratios += [(f"build ×{v.scale}", v.build_ratio) for v in b.scales]
    if b.serve is None:
        serve = "Live reload at ×1: not measured in this run (it needs ×1 in --scales)."
    else:
        before, after = b.serve
        ratios.append(("live reload ×1", b.serve_ratio))
        serve = (f"Live reload at ×1 (a word added to a term's note in `{SERVE_FILE}` during `mkdocs serve`, until "
                 f"`/{SERVE_PAGE}` is served with it; medians of {_count(after.runs, 'edit')}, one server of each "
                 f"revision per edit, alternated): before {before.page_s:.2f} s, after {after.page_s:.2f} s, "
                 f"{b.serve_ratio:.2f}×. A full build of the same data took {before.build_s:.2f} s before and "
                 f"{after.build_s:.2f} s after.")
    smallest = b.scales[0].scale if b.scales else 1
    differ = []
    if b.only_after:
        differ.append(f"has {_count(len(b.only_after), 'page')} that the earlier one did not: "
                      f"{_named(b.only_after)}")
    if b.only_before:
        differ.append(f"lacks {_count(len(b.only_before), 'page')} that the earlier one had: "
                      f"{_named(b.only_before)}")
    pages = (f"At ×{smallest} the current site " + ", and ".join(differ) + "; every other page is built by both."
             if differ else f"At ×{smallest} both revisions build the same pages.")
    slower = [f"{name} ({ratio:.2f}×)" for name, ratio in ratios if regressed(ratio)]
    which = ("the last commit before the redesign of issue #13" if b.rev.startswith(BASELINE_REV) else
             f"given with `--baseline` (the last commit before the redesign of issue #13 is `{BASELINE_REV}`)")
    return [
        BASELINE_SECTION,
        "",
        f"Measured {dt.date.today().isoformat()} by `scripts/bench.py` (this section alone: `--only baseline`), "
        f"in one run on {os.cpu_count()} cores with a one-minute load average of {b.load[0]:.1f} when it started "
        f"and {b.load[1]:.1f} when it ended. **Before**: the code and data of `{b.rev}` ({b.date}), {which}, "
        "extracted with `git archive`; **after**: this tree's. Both run with the same virtual environment, each "
        "from its own folder with its own `mkdocs.yml`. The data format "
        "changed in the redesign (the comparisons are declared in `clauses/versions.yaml`, FAQ answers' "
        "paragraphs have ids), so each revision reads its own data of the same documents, multiplied by its "
        "own synthetic tool (`python -m gpia.synthetic` before, `python -m gpia.tools.synthetic` after). "
        f"Each build time is the median of {_count(b.runs, 'run')} and each validate time of "
        f"{_count(max(b.runs, VALIDATE_RUNS), 'run')}, the two revisions alternated run by run so that "
        "other jobs slow both alike; a ratio is after ÷ before, from this run. **validate**: "
        "`python -m gpia validate`, process start to exit; **build**: `mkdocs build --strict`, Pagefind's index "
        "included; **pages**: HTML pages built, 404 page aside.",
        "",
        *rows,
        "",
        serve,
        "",
        pages,
        "",
        f"A ratio above {SLOWER:.2f} is counted as a regression, below {FASTER:.2f} as faster, and between the "
        "two as noise:",
        "",
        *(f"- {name}: {ratio:.2f}×, {verdict(ratio)}" for name, ratio in ratios),
        "",
        ("Regressed: " + ", ".join(slower) + "." if slower else
         "Nothing regressed: no ratio is above the noise."),
        "",
    ]


# ---- one scale -------------------------------------------------------------------------------

@dataclass
class Scale:
    scale: int
    counts: dict[str, int]
    validate_s: float
    build_s: float
    floor_s: float
    rss_mb: float
    sizes: SiteSizes
    differing: list[str]  # files that differed between build runs (none: byte-identical sites)
    phases: dict[str, float]  # validation, step by step

    @property
    def ratio(self) -> float:
        return self.build_s / self.floor_s


def measure(scale: int, runs: int, work: Path) -> Scale:
    data = generate(PROJECT, work / f"kb-x{scale}", scale)
    env = env_for(data)
    validate = [timed([PYTHON, "-m", "gpia", "validate", "--root", str(data), "--sources", str(SOURCES)], env)[0]
                for _ in range(runs)]
    site = work / f"site-x{scale}"
    dump = work / f"dump-x{scale}"
    shutil.rmtree(dump, ignore_errors=True)
    builds, rss, trees = [], [], []
    for run in range(runs):
        extra = {"GPIA_DUMP_MARKDOWN": str(dump)} if run == 0 else {}
        seconds, peak = timed([PYTHON, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                              env_for(data, **extra))
        builds.append(seconds)
        rss.append(peak)
        trees.append(tree_digests(site))
    config = floor_config(dump, work)
    floor = [timed([PYTHON, "-m", "mkdocs", "build", "--config-file", str(config), "--site-dir",
                    str(work / f"floor-x{scale}")], env)[0] for _ in range(runs)]
    kb = load_or_raise(data, SOURCES)
    return Scale(scale, kb.counts(), statistics.median(validate), statistics.median(builds),
                 statistics.median(floor), max(rss) / KB, site_sizes(site, whole_document_pages(PROJECT, kb)),
                 _differing(trees), validate_phases(data))


def _differing(trees: list[dict[str, str]]) -> list[str]:
    first = trees[0]
    return sorted({name for tree in trees[1:] for name in set(first) | set(tree) if first.get(name) != tree.get(name)})


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = found.group(1).strip() if found else cpu
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(re.search(r"MemTotal:\s+(\d+)", meminfo.read_text()).group(1))
        memory = f", {kib / 1024 / 1024:.0f} GiB memory"
    return (f"{os.cpu_count()} cores ({cpu}){memory}; {platform.system()} {platform.machine()}; "
            f"Python {platform.python_version()}, mkdocs {version('mkdocs')}, mkdocs-material "
            f"{version('mkdocs-material')}, mkdocs-macros-plugin {version('mkdocs-macros-plugin')}, "
            f"PyYAML {version('PyYAML')}")


# ---- the report --------------------------------------------------------------------------------

Results = dict[int, Scale]


@dataclass
class Extra:
    """What is measured once rather than per scale; None: not measured in this run."""
    serve: Serve | None = None  # `mkdocs serve` after a YAML edit
    tooltips: Tooltips | None = None


@dataclass
class Target:
    name: str
    limit: float
    unit: str
    value: Callable[[Results, Extra], float | None]  # None: not measured in this run
    why: Callable[[Results, Extra], str]  # when missed: the cause, and what would close the gap


def _at(scale: int, get: Callable[[Scale], float]) -> Callable[[Results, Extra], float | None]:
    return lambda results, _: get(results[scale]) if scale in results else None


def _between(high: int, low: int, get: Callable[[Scale], float]) -> Callable[[Results, Extra], float | None]:
    return lambda results, _: get(results[high]) / get(results[low]) if high in results and low in results else None


def _scales_only(why: Callable[[Results], str]) -> Callable[[Results, Extra], str]:
    return lambda results, _: why(results)


def _growth(results: Results) -> str:
    """How the heaviest pages of the largest scale grew from the scale before it."""
    scales = sorted(results)
    if len(scales) < 2:
        return ""
    low, high = results[scales[-2]], results[scales[-1]]
    pages = [f"`{page}` {high.sizes.sizes[page] / low.sizes.sizes[page]:.0f}×" for page, _ in high.sizes.heaviest
             if page in low.sizes.sizes]
    return (f" From ×{low.scale} to ×{high.scale} ({high.scale // low.scale}× the records) the site's HTML grew "
            f"{high.sizes.total_mb / low.sizes.total_mb:.1f}× ({low.sizes.total_mb:,.1f} MB to "
            f"{high.sizes.total_mb:,.1f} MB), and its heaviest pages grew {', '.join(pages)}.")


def _why_ratio(results: Results) -> str:
    return ("At ×1 the whole build takes a second or two, so fixed costs decide the ratio: the mkdocs-macros plugin "
            "(importing it and a Jinja pass over every page), importing the core, compiling the nine JSON Schemas, "
            "then loading the data, rendering the views and writing the downloads (measured in one process: about "
            "0.2 s, 0.15 s, 0.1 s and 0.1 s). The ratio falls as the corpus grows (see the table). Closing it at ×1 "
            "means cutting those fixed costs: rendering only the pages that call macros "
            "(`render_by_default: false` with `render_macros: true` in their front matter), or caching the "
            "compiled schemas between builds.")


def _why_linear(results: Results) -> str:
    return ("Build time follows the number of pages and the bytes of HTML that Python-Markdown and Material's search "
            "indexer parse." + _growth(results))


def _why_60s(results: Results) -> str:
    r = results[100]
    layer = r.build_s - r.floor_s
    cost = (f"the data layer adds {layer:.0f} s (loading, views, downloads)" if layer > 0 else
            f"the build is {-layer:.0f} s faster than the floor, because generated pages skip the macros plugin's "
            "Jinja pass and Python-Markdown's parsing of their HTML, which the floor's plain Markdown pays")
    return (f"The floor alone, Material building the same pages with no data layer, takes {r.floor_s:.0f} s at ×100 "
            f"for {r.sizes.pages:,} pages; {cost}. With a page per record, what is left is Material's cost per "
            "page: rendering its page template (about a third of the build, half of that the navigation) and "
            "parsing the page again for its search index (about a quarter). What would close it: fewer pages (for "
            "example the 3,500 glossary terms of ×100 on shared pages, which would give up their own addresses), "
            "or a page template without the site navigation for record pages, which Material does not offer.")


def _why_heaviest_x1(results: Results) -> str:
    page, size = results[1].sizes.heaviest[0]
    return (f"`{page}` ({size / KB:.0f} KB) holds every record of its kind with its quotes; lighten it by "
            "moving the quotes and details to per-record pages.")


def _why_heaviest(results: Results) -> str:
    high = max(results)
    kinds = results[high].sizes.by_kind()
    low = results[1].sizes.by_kind()
    grown = [f"`{kind}` {size / low[kind][1]:.1f}×" for kind, (_, size) in kinds.items()
             if kind in low and size > 1.2 * low[kind][1]]
    return ("Every list is paged and every record that multiplies has its own page (see Page weight below), so "
            "no page shows a number of records that grows with the corpus. The pages that still grew: "
            + (", ".join(grown) if grown else "none by kind") + ". A record page grows only when a record "
            "is pointed at by more records (its \"Referenced by\" and \"What points here\" lists); paging those "
            "lists too would close it.")


def _why_validate(results: Results) -> str:
    r = results[100]
    total = sum(r.phases.values())
    steps = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in sorted(r.phases.items(), key=lambda i: -i[1]))
    nodes = r.counts
    return (f"Where the time goes at ×100 (one run, {total:.2f} s in all, plus starting Python and importing): "
            f"{steps}. Reading the YAML with libyaml still costs about a microsecond per value in Python, to build "
            "it and remember the line and column of every key and value. Parsing in two processes was measured "
            "and did not pay: sending the parsed files with their positions back (27 MB pickled, 1.4 s; 31 MB "
            "with marshal, 0.6 s) costs about what the second core saves, on a machine whose two cores other "
            "jobs also use. What would close it: keep each file's checked result in a cache keyed by its content "
            "hash, so a run re-reads only the files that changed, or a compiled YAML parser that returns "
            f"positions ({nodes['requirements']:,} requirements and {nodes['questions']:,} FAQs are about "
            "400,000 YAML values).")


def _why_serve(results: Results) -> str:
    return ("`mkdocs serve` rebuilds the whole site on any change, and the edited page is served once the "
            "rebuild is done, so this is a ×1 rebuild plus the file watcher's delay (it polls every 0.5 s). A "
            "rebuild skips what an edit cannot change: Material's templates are compiled once per process, the "
            "Word downloads are written again only when their content changes, and Pagefind's index is written "
            "after the pages are served.")


def _why_search(results: Results) -> str:
    growth = (f" (×10 to ×100 here: {results[100].sizes.search_kb / results[10].sizes.search_kb:.1f}×)"
              if 10 in results else "")
    return ("Each record's text is now indexed once, on its own page: list entries, comparison sides, the "
            "traceability and checklist copies and all boilerplate carry `data-pagefind-ignore` (see Search index "
            f"below). What is left is the text itself, which grows with the corpus{growth}: a reader can find "
            "any requirement, answer, clause, term or worked example by its words. Closing the rest means "
            "indexing less of it (for example only headings and NHS wording, not our worked examples and "
            "drafting notes, which would make our own guidance unfindable), or splitting the index by section "
            "and loading each part on demand, which Material's search does not do.")


TARGETS = [
    Target("Build ×1 ≤ 1.3× the floor", 1.3, "×", _at(1, lambda r: r.ratio), _scales_only(_why_ratio)),
    Target("Build ×100 ≤ 12× build ×10", 12, "×", _between(100, 10, lambda r: r.build_s), _scales_only(_why_linear)),
    Target("Build ×100 ≤ 60 s", 60, "s", _at(100, lambda r: r.build_s), _scales_only(_why_60s)),
    Target("Heaviest page ×1 ≤ 150 KB", 150, "KB", _at(1, lambda r: r.sizes.heaviest_kb),
           _scales_only(_why_heaviest_x1)),
    Target("Heaviest page ×100 ≤ 1.2× its ×1 weight", 1.2, "×", _between(100, 1, lambda r: r.sizes.heaviest_kb),
           _scales_only(_why_heaviest)),
    Target("Validate ×100 ≤ 2 s", 2, "s", _at(100, lambda r: r.validate_s), _scales_only(_why_validate)),
    Target(SERVE_TARGET, 2, "s", lambda _, extra: extra.serve.page_s if extra.serve else None,
           _scales_only(_why_serve)),
    Target("Search index ×100 ≤ 5 MB", 5 * KB, "KB", _at(100, lambda r: r.sizes.search_kb), _scales_only(_why_search)),
    Target(TOOLTIP_TARGET, 1.5, "×", lambda _, extra: extra.tooltips.ratio if extra.tooltips else None,
           _why_tooltips),
]


def _value(number: float, unit: str) -> str:
    if unit == "KB":
        return f"{number / KB:.2f} MB" if number >= KB else f"{number:.0f} KB"
    if unit == "×":
        return f"{number:.2f}×"
    return f"{number:.2f} s"


def target_row(target: Target, results: Results, extra: Extra) -> tuple[str, str | None]:
    """The target's row of the table, and the note explaining it when it is missed."""
    value = target.value(results, extra)
    if value is None:
        return f"| {target.name} | not measured in this run | — |", None
    met = value <= target.limit
    status = "met" if met else f"**not met** (over by {_value(value - target.limit, target.unit)})"
    note = None if met else f"- **{target.name}**: {target.why(results, extra)}"
    return f"| {target.name} | {_value(value, target.unit)} | {status} |", note


def target_lines(results: Results, extra: Extra) -> list[str]:
    lines = ["| target | measured | status |", "|---|---|---|"]
    notes = []
    for target in TARGETS:
        row, note = target_row(target, results, extra)
        lines.append(row)
        if note:
            notes.append(note)
    return lines + ([""] + notes if notes else [])


def splice_target(text: str, name: str, extra: Extra, old_names: tuple[str, ...] = ()) -> str:
    """BENCHMARKS.md with the row (and note) of the target called `name` (or one of `old_names`,
    what it was called before) in its Targets section replaced, from `extra`."""
    target = next(t for t in TARGETS if t.name == name)
    row, note = target_row(target, {}, extra)
    found = re.search(r"^## Targets\n(.*?)(?=^## )", text, re.MULTILINE | re.DOTALL)
    if not found:
        raise ValueError("BENCHMARKS.md has no Targets section: run the whole benchmark")
    lines = [line for line in found.group(1).split("\n") if line.strip()]
    ours = tuple(f"| {n} |" for n in (name, *old_names)) + tuple(f"- **{n}**" for n in (name, *old_names))
    rows = [line for line in lines if line.startswith("|") and not line.startswith(ours)] + [row]
    notes = [line for line in lines if not line.startswith("|") and not line.startswith(ours)] + ([note] if note else [])
    targets = "\n".join(["## Targets", "", *rows, "", *([*notes, ""] if notes else [])]) + "\n"
    return text[:found.start()] + targets + text[found.end():]


def splice_tooltips(text: str, tooltips: Tooltips) -> str:
    """BENCHMARKS.md with the tooltips' section, and their row (and note) of the targets, replaced."""
    text = splice_target(text, TOOLTIP_TARGET, Extra(tooltips=tooltips))
    section = "\n".join(tooltip_section(tooltips)) + "\n\n"
    found = re.search(rf"^{re.escape(TOOLTIP_SECTION)}\n.*?(?=^## )", text, re.MULTILINE | re.DOTALL)
    if found:
        return text[:found.start()] + section + text[found.end():]
    before = text.index("## The synthetic corpora")
    return text[:before] + section + text[before:]


# What the serve figure's line and target were called before the edited page was polled for.
_OLD_SERVE_LINE = "Serve rebuild at ×1 "
_OLD_SERVE_TARGET = "Serve rebuild after a YAML edit ≤ 2 s"


def splice_serve(text: str, serve: Serve) -> str:
    """BENCHMARKS.md with the live-reload line under Results, and its target's row, replaced."""
    text = splice_target(text, SERVE_TARGET, Extra(serve=serve), (_OLD_SERVE_TARGET,))
    line = serve_line(serve)
    found = re.search(rf"^(?:{re.escape(_OLD_SERVE_LINE)}|Live reload at ×1 ).*$", text, re.MULTILINE)
    if found:
        return text[:found.start()] + line + text[found.end():]
    before = text.index("## Targets")
    return text[:before] + line + "\n\n" + text[before:]


def report(results: Results, extra: Extra, runs: int) -> str:
    rows = ["| scale | records | pages | validate (s) | build (s) | floor (s) | build/floor | peak RSS (MB) "
            "| site HTML (MB) | heaviest page (KB) | median page (KB) | search index (KB) |",
            "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for r in results.values():
        records = sum(v for k, v in r.counts.items() if k not in ("sources", "versions", "tables"))
        rows.append(f"| ×{r.scale} | {records:,} | {r.sizes.pages:,} | {r.validate_s:.2f} | {r.build_s:.2f} "
                    f"| {r.floor_s:.2f} | {r.ratio:.2f} | {r.rss_mb:.0f} | {r.sizes.total_mb:,.1f} "
                    f"| {r.sizes.heaviest_kb:,.1f} "
                    f"| {r.sizes.median_kb:.1f} | {r.sizes.search_kb:,.0f} |")
    corpus = ["| scale | requirements | areas | FAQs | FAQ sections | clauses | schedules | agreements | terms "
              "| citations |",
              "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for r in results.values():
        c = r.counts
        corpus.append(f"| ×{r.scale} | {c['requirements']:,} | {c['areas']:,} | {c['questions']:,} "
                      f"| {c['faq_sections']:,} | {c['clauses']:,} | {c['schedules']:,} | {c['agreements']:,} "
                      f"| {c['terms']:,} | {c['citations']:,} |")
    heaviest = ["| scale | heaviest pages (KB) |", "|---|---|"]
    for r in results.values():
        pages = ", ".join(f"`{page}` {size / KB:,.0f}" for page, size in r.sizes.heaviest)
        heaviest.append(f"| ×{r.scale} | {pages} |")
    whole = ["| scale | pages that show a whole document (KB) |", "|---|---|"]
    for r in results.values():
        pages = ", ".join(f"`{page}` {size / KB:,.0f}" for page, size in r.sizes.whole_documents)
        whole.append(f"| ×{r.scale} | {pages or 'none'} |")
    nav = ["| scale | site navigation on the home page (KB) | most site navigation on any page (KB) "
           "| largest table of contents (KB) |", "|---|--:|--:|---|"]
    for r in results.values():
        s = r.sizes
        nav.append(f"| ×{r.scale} | {s.home_nav_kb:.1f} | {s.nav_kb:.1f} | {s.toc_kb:,.1f} (`{s.toc_page}`) |")
    scales = list(results.values())
    names = sorted({kind for r in scales for kind in r.sizes.by_kind()})
    kinds = ["| kind of page | " + " | ".join(f"×{r.scale}: pages, heaviest (KB)" for r in scales) + " |",
             "|---|" + "--:|" * len(scales)]
    for kind in names:
        cells = []
        for r in scales:
            count, size = r.sizes.by_kind().get(kind, (0, 0))
            cells.append(f"{count:,}, {size / KB:,.1f}" if count else "—")
        kinds.append(f"| `{kind}` | " + " | ".join(cells) + " |")
    identical = "; ".join(f"×{r.scale} " + ("yes" if not r.differing else "**no**, " + ", ".join(
        f"`{name}`" for name in r.differing[:5]) + (" …" if len(r.differing) > 5 else "")) for r in results.values())

    return "\n".join([
        "# Benchmarks",
        "",
        "Written by `make bench` (`scripts/bench.py`); re-run it to refresh this file. Targets from issue #7.",
        "",
        f"Measured {dt.date.today().isoformat()} on {machine()}. Times are wall-clock medians of {runs} runs on a "
        "machine that other jobs were also using, so treat differences under about 20% as noise. KB and MB are "
        "1,024 and 1,048,576 bytes.",
        "",
        "## Results",
        "",
        *rows,
        "",
        serve_line(extra.serve),
        "",
        "- **records**: every record (areas, requirements, clauses, schedules, agreements, terms, citations, FAQ "
        "sections and FAQs); **pages**: HTML pages built, 404 page aside; **site HTML**: all those pages' bytes; **heaviest page**: pages that show a whole document aside (see Page weight below).",
        "- **validate**: `python -m gpia validate` on the corpus, process start to exit.",
        "- **build**: `mkdocs build --strict`; **floor**: Material building the same rendered Markdown with no "
        "macros or hooks (what the pages would cost if written by hand).",
        "- **peak RSS**: the largest of the build runs, from GNU time; **search index**: all of Pagefind's "
        "`pagefind/` (a reader's browser fetches only the fragments a query needs: see Search below).",
        "",
        "## Targets",
        "",
        *target_lines(results, extra),
        "",
        *tooltip_section(extra.tooltips),
        "",
        "## The synthetic corpora",
        "",
        "`python -m gpia.tools.synthetic --scale N --out DIR` (PYTHONPATH=scripts) copies the real data and adds N−1 "
        "clones of every record that can multiply, with the real text, cross-references, alignments and worked "
        "examples, renamed so that each clone points at its own copies; `tests/test_synthetic.py` checks that ×3 "
        "validates with no problem. Sources, versions and their comparisons are not cloned "
        "(each clone is a row of the same tables), "
        "so clones of requirement rows join the four printed tables.",
        "",
        *corpus,
        "",
        "## Page weight and navigation",
        "",
        "No page shows a number of records that grows with the corpus (issue #7). Every record of a kind that "
        "multiplies has a page of its own at a URL made from its id, generated from the data and kept out of "
        "the navigation (`not_in_nav`): `/commitments/<row-id>/` and `/governance/<row-id>/` (a printed row "
        "and its bullets), `/faq/<section-id>/` (a FAQ section and its answers), `/compare/<row-id>/` (a row "
        "of the comparison), `/clauses/<id>/`, `/schedules/<id>/`, `/agreements/<id>/`, `/glossary/<id>/` and "
        "`/sources/<citation-id>/`. Every list of them is paged with a fixed number of entries per page "
        "(`scripts/gpia/views/paging.py`; later pages at `<list>/pages/<n>/`), each entry a link and a few "
        "words. So the site navigation has the same entries at every scale, and each kind of page weighs "
        "about the same at every scale. Anchors of the old one-page lists (`/faq/#<question-id>`) still "
        "arrive: `assets/moved-anchors.js` looks a missing anchor up in `assets/moved-anchors.json` and goes "
        "to the record's page.",
        "",
        "Measured before (2026-11-25, one page per kind of record, schedules aside): heaviest page ×1 149 KB, "
        "×100 12,846 KB (86×), with `/agreements/`, `/compare/`, `/commitments/` and `/faq/` growing 10× "
        "from ×10 to ×100.",
        "",
        *kinds,
        "",
        "Material also repeats the table of contents inside the navigation for narrow screens; it is counted "
        "with the table of contents here.",
        "",
        *nav,
        "",
        *heaviest,
        "",
        "Pages that show a whole document by design grow with that document, not with a number of records "
        "on a page, and are left out of the heaviest-page figures and targets above: each source document's "
        "own page, and the hand-written pages whose front matter says `whole_document: true` (the printable "
        "guide and the whole-document comparison). The synthetic corpora make the documents themselves "
        "N times longer (their FAQ sections and answers are cloned), which the real documents are not.",
        "",
        *whole,
        "",
        "## Search index",
        "",
        "Each record's text is indexed once, on its own page. Everything else carries `data-pagefind-ignore`, so "
        "Material leaves it out of `search_index.json`: list entries, the comparison's quoted sides and "
        "redlines, the traceability and checklist copies, the agreements matrix, and the boilerplate around "
        "records (\"Referenced by\" lists, \"Last reviewed … data: file\" lines, quote captions, provenance "
        "lines, permalink glyphs, pagers). Requirement texts, FAQ answers, clause numbers such as 6.2(d) and "
        "\"Schedule 5\" stay indexed (`tests/test_search_index.py`). Measured on 2026-11-25: boilerplate "
        "excluded, ×1 265 KB → 220 KB (−17%), ×10 2,298 KB → 1,853 KB (−19%); then each text once, see the "
        "table above.",
        "",
        "## Work done once per build",
        "",
        "- The data is read and checked once per build: `scripts/hooks.py` loads it into the build context "
        "(`scripts/gpia/pages/context.py`), which `scripts/macros.py` reads to register the macros.",
        "- Views share one `BuildViews` (abbreviations, mention links, backlinks). Values derived from the whole "
        "knowledge base (the comparisons of versions and their row groups, backlinks, downloads, what points at each "
        "schedule) are computed once and kept on the knowledge base (`scripts/gpia/model/derived.py`); before, the "
        "downloads were built twice, the comparison nine times and the schedule pointers once per schedule "
        "page (schedules × records).",
        "- YAML values are built straight from libyaml's parser events (no node tree); the reference check looks "
        "up a position only for a reference that is wrong.",
        "- The Word downloads (each schedule's template and worked example) are built once per build and kept "
        "on the knowledge base; before, the /data/ page's list and the hook each built all of them. Each "
        "document is a copy of one styled template made once per process (`scripts/gpia/word.py`), with "
        "style ids looked up once and each part compressed once; the bytes are the same.",
        "- `/print/`, the one page that grows with the corpus, has its HTML blocks set aside before "
        "Python-Markdown, as the generated pages do: Markdown's scan of raw HTML costs about the page's length "
        "for every block, so the page cost its length squared (its Markdown alone: 1.3 s at ×10, 8.8 s at ×30, "
        "measured 2026-12-02).",
        "",
        "## Determinism",
        "",
        f"Did the build runs of each corpus give byte-identical sites (every file, downloads and schemas "
        f"included)? {identical}. `tests/test_determinism.py` (part of `make test`) checks the same at ×1: "
        "two builds with "
        "the same SOURCE_DATE_EPOCH are identical file for file, including `data/*.csv`, `data/*.json`, "
        "`schema/*.json` and `search/search_index.json`.",
        "",
        "One file cannot be reproducible on its own: `sitemap.xml.gz`, whose gzip header holds the build day "
        "(MkDocs dates every page with the day it was built). `sitemap.xml` would carry the same date in each "
        "page's `lastmod`, but lists no page while mkdocs.yml has no `site_url`. With SOURCE_DATE_EPOCH set "
        "(as `make build` does, from the last commit's time, and as the benchmark does) it is reproducible "
        "too; the test checks that building on another day changes that file and nothing else.",
        "",
    ])


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
    sys.path.insert(0, str(PROJECT / "tests"))
    from browser.measure_search import fetched_bytes  # the browser tests' own measurement
    figures = []
    for scale in scales:
        data = generate(PROJECT, work / f"kb-search-x{scale}", scale)
        site = work / f"site-search-x{scale}"
        timed([PYTHON, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], env_for(data))
        seconds = []
        for _ in range(runs):
            shutil.rmtree(site / "pagefind", ignore_errors=True)
            seconds.append(timed([PYTHON, "-m", "pagefind", "--site", str(site)], env_for(data))[0])
        size = sum(f.stat().st_size for f in (site / "pagefind").rglob("*") if f.is_file())
        first, second = fetched_bytes(site)
        pages = sum(1 for _ in site.rglob("index.html"))
        figures.append(SearchFigures(scale, pages, statistics.median(seconds), size / KB, first / KB, second / KB))
    return figures


def search_section(figures: list[SearchFigures], runs: int) -> list[str]:
    rows = ["| scale | pages | index build (s) | index size, all of `pagefind/` (KB) | first query (KB) "
            "| second query (KB) |", "|---|--:|--:|--:|--:|--:|"]
    rows += [f"| ×{f.scale} | {f.pages:,} | {f.index_s:.2f} | {f.index_kb:,.0f} | {f.first_kb:,.0f} "
             f"| {f.second_kb:,.1f} |" for f in figures]
    worst = max(figures, key=lambda f: f.scale)
    met = "met" if worst.first_kb <= 300 else "**not met**"
    return [SEARCH_SECTION, "",
            f"Measured {dt.date.today().isoformat()} by `scripts/bench.py --only search` (median of {runs} runs "
            "of `python -m pagefind --site` on each synthetic corpus's built site; bytes are the response "
            "bodies Chromium fetched, in a fresh profile, for the query \"clinical hub\" and then \"6.2(d)\", "
            "as `tests/browser/measure_search.py` counts them). The first query includes Pagefind's script and "
            "WebAssembly, fetched once.", "", *rows, "",
            f"Target: at ×{worst.scale}, at most 300 KB for a first query: {worst.first_kb:,.0f} KB, {met}.", ""]


def splice_section(text: str, heading: str, lines: list[str]) -> str:
    """BENCHMARKS.md with the section under `heading` replaced (or added before the corpora)."""
    section = "\n".join(lines) + "\n"
    found = re.search(rf"^{re.escape(heading)}\n.*?(?=^## )", text, re.MULTILINE | re.DOTALL)
    if found:
        return text[:found.start()] + section + text[found.end():]
    before = text.index("## The synthetic corpora")
    return text[:before] + section + text[before:]


def keep_other_sections(old: str, new: str) -> str:
    """`new` with every section of `old` that the benchmark does not write (one measured by hand, such
    as Lighthouse's) added at its end, in `old`'s order, word for word."""
    def sections(text: str) -> dict[str, str]:
        found = list(re.finditer(r"^## .*$", text, re.MULTILINE))
        return {m.group(0): text[m.start():found[i + 1].start() if i + 1 < len(found) else len(text)]
                for i, m in enumerate(found)}
    written = sections(new)
    kept = [body for heading, body in sections(old).items() if heading not in written]
    if not kept:
        return new
    return new.rstrip("\n") + "\n\n" + "".join(body.rstrip("\n") + "\n\n" for body in kept).rstrip("\n") + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/gpia-bench"))
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--only", choices=["tooltips", "search", "serve", "baseline"],
                        help="measure only this, and replace only its figures in an existing --out")
    parser.add_argument("--baseline", default=BASELINE_REV,
                        help=f"the revision compared with in '{BASELINE_SECTION[3:]}' (default {BASELINE_REV}, "
                             "the last commit before the redesign)")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    global PROJECT
    PROJECT = snapshot(args.work)
    if args.only == "baseline":
        if not args.out.exists():
            parser.error(f"{args.out} does not exist yet: run the whole benchmark first")
        scales = [int(s) for s in args.scales.split(",")]
        lines = baseline_section(measure_baseline(args.baseline, scales, args.runs, args.work))
        text = splice_section(args.out.read_text(encoding="utf-8"), BASELINE_SECTION, lines)
        args.out.write_text(text, encoding="utf-8")
        print("\n".join(lines))
        return 0
    if args.only == "search":
        if not args.out.exists():
            parser.error(f"{args.out} does not exist yet: run the whole benchmark first")
        scales = [int(s) for s in args.scales.split(",")]
        print(f"measuring search at {scales}…", file=sys.stderr)
        lines = search_section(measure_search(scales, args.runs, args.work), args.runs)
        text = splice_section(args.out.read_text(encoding="utf-8"), SEARCH_SECTION, lines)
        args.out.write_text(text, encoding="utf-8")
        print("\n".join(lines))
        return 0
    if args.only == "serve":
        if not args.out.exists():
            parser.error(f"{args.out} does not exist yet: run the whole benchmark first")
        print("measuring live reload…", file=sys.stderr)
        serve = measure_serve(args.runs, args.work)
        args.out.write_text(splice_serve(args.out.read_text(encoding="utf-8"), serve), encoding="utf-8")
        print(serve_line(serve))
        return 0
    if args.only == "tooltips":
        if not args.out.exists():
            parser.error(f"{args.out} does not exist yet: run the whole benchmark first")
        print("measuring tooltips…", file=sys.stderr)
        text = splice_tooltips(args.out.read_text(encoding="utf-8"), measure_tooltips(args.runs, args.work))
        args.out.write_text(text, encoding="utf-8")
        print(text)
        return 0
    results = {}
    for scale in (int(s) for s in args.scales.split(",")):
        print(f"measuring ×{scale}…", file=sys.stderr)
        results[scale] = measure(scale, args.runs, args.work)
    print("measuring live reload…", file=sys.stderr)
    serve = measure_serve(args.runs, args.work)
    print("measuring tooltips…", file=sys.stderr)
    text = report(results, Extra(serve, measure_tooltips(args.runs, args.work)), args.runs)
    print("measuring search…", file=sys.stderr)
    text = splice_section(text, SEARCH_SECTION, search_section(measure_search(list(results), args.runs, args.work),
                                                                args.runs))
    print("measuring before and after the redesign…", file=sys.stderr)
    text = splice_section(text, BASELINE_SECTION,
                          baseline_section(measure_baseline(args.baseline, list(results), args.runs, args.work)))
    if args.out.exists():
        text = keep_other_sections(args.out.read_text(encoding="utf-8"), text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
