"""One scale: the synthetic corpus ×N validated and built --runs times, the floor built from the
pages a build of its own wrote, where validation time goes, and what the site weighs."""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from gpia.knowledge_base import load_or_raise
from gpia.model.kinds import counts
from gpia.tools.synthetic import generate

from gpia_bench.floor import material_floor, zensical_floor
from gpia_bench.run import KB, PYTHON, SOURCES, Project, differing, env_for, mkdocs_build, timed, tree_digests
from gpia_bench.sizes import SiteSizes, site_sizes, whole_document_pages


# Run in a fresh process by `validate_phases`: the steps of gpia.knowledge_base.load_knowledge_base, timed.
_PHASES = """
import gc, json, sys, time
from pathlib import Path
from gpia import knowledge_base as load
from gpia.load.layout import scan_data
from gpia.load.yaml_loader import parse_yaml, read_data_text
from gpia.model.kinds import file_kind
from gpia.validate.placeholders import placeholder_problems
from gpia.validate.schema_check import schema_problems
from gpia.validate.text_rules import text_problems
root, sources = Path(sys.argv[1]).resolve(), Path(sys.argv[2])
gc.disable()  # as load_knowledge_base does
spent = {}
def step(name, function, *args):
    started = time.perf_counter()
    value = function(*args)
    spent[name] = spent.get(name, 0) + time.perf_counter() - started
    return value
docs = []
for file in scan_data(root)[0]:
    relative = file.relative_to(root).as_posix()
    kind = file_kind(relative)
    if kind is None:
        continue
    text = step("read files", read_data_text, file, relative)
    doc = step("parse YAML", parse_yaml, text, relative)
    step("placeholders and invisible characters", placeholder_problems, doc)
    step("JSON Schemas", schema_problems, doc, kind)
    step("placeholders and invisible characters", text_problems, [(kind, doc)], root)
    docs.append((kind, doc))
index, _ = step("ids and references", load.index_records, docs)
step("ids and references", load.reference_problems, docs, index, frozenset(), [])
step("other checks", load.semantic_problems, docs)
step("other checks", load.comparison_problems, docs)
step("other checks", load.schedule_problems, docs, index)
step("other checks", load.alignment_problems, docs, docs, index)
step("other checks", load.prose_alignment_problems, docs, index)
step("wording", load.wording_checks, root, sources, docs)
kb = step("model", load.build_model, docs)
step("other checks", load.address_problems, kb, index)
print(json.dumps(spent))
"""


def validate_phases(data: Path) -> dict[str, float]:
    """Seconds per step of loading the knowledge base (one run, in its own process)."""
    result = subprocess.run([PYTHON, "-c", _PHASES, str(data), str(SOURCES)], cwd=Project.tree, env=env_for(data),
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)



@dataclass
class Scale:
    scale: int
    counts: dict[str, int]
    validate_s: float  # median, with no cache (every file read)
    build_s: float
    floor_s: float  # Material building the same pages, their content already HTML (gpia_bench.floor)
    rss_mb: float
    sizes: SiteSizes
    differing: list[str]  # files that differed between build runs (none: byte-identical sites)
    phases: dict[str, float]  # validation, step by step
    # Every run's seconds, for the spread beside each median; the load average (1 minute) before and after.
    validate_runs: list[float] = field(default_factory=list)
    validate_warm_runs: list[float] = field(default_factory=list)  # one file edited since the last run
    build_runs: list[float] = field(default_factory=list)
    floor_runs: list[float] = field(default_factory=list)
    zensical_runs: list[float] | None = None  # Zensical building the written tree
    zensical_failed: str | None = None  # why it has no runs (not installed, or it refused the tree)
    load: tuple[float, float] = (0.0, 0.0)

    @property
    def ratio(self) -> float:
        return self.build_s / self.floor_s

    @property
    def validate_warm_s(self) -> float:
        return statistics.median(self.validate_warm_runs) if self.validate_warm_runs else float("nan")

    @property
    def zensical_s(self) -> float | None:
        return statistics.median(self.zensical_runs) if self.zensical_runs else None


def spread(runs: list[float] | None) -> str:
    """'2.41 (2.30–2.95)': the median and the range of the runs."""
    if not runs:
        return "–"
    return f"{statistics.median(runs):.2f} ({min(runs):.2f}–{max(runs):.2f})"


WARM_EDIT = "clauses/glossary.yaml"


def validate_runs(data: Path, runs: int) -> tuple[list[float], list[float]]:
    """Validate with no cache (`--no-cache`), then with the cache after one file was edited each time
    (a comment added to the glossary: its text changes, so it alone is read again)."""
    command = [PYTHON, "-m", "gpia", "validate", "--root", str(data), "--sources", str(SOURCES)]
    env = env_for(data)
    cold = [timed(command + ["--no-cache"], env)[0] for _ in range(runs)]
    timed(command, env)  # fills the cache
    warm = []
    for run in range(runs):
        with (data / WARM_EDIT).open("a", encoding="utf-8") as out:
            out.write(f"# edited by the benchmark, run {run + 1}\n")
        warm.append(timed(command, env)[0])
    return cold, warm


def measure(scale: int, runs: int, work: Path) -> Scale:
    before = os.getloadavg()[0]
    data = generate(Project.tree, work / f"kb-x{scale}", scale)
    validate, warm = validate_runs(data, runs)
    site = work / f"site-x{scale}"
    dump = work / f"dump-x{scale}"
    shutil.rmtree(dump, ignore_errors=True)
    # The floor's pages are written by a build of their own, not timed: writing each page's front matter
    # and content again (10,600 files at ×100, the front matter by PyYAML's emitter) made the timed build
    # that did it about twice as long, and at ×100, with one run, that build was the figure reported.
    timed(mkdocs_build(site), env_for(data, GPIA_DUMP_HTML=str(dump)))
    builds, rss, trees = [], [], [tree_digests(site)]
    for _ in range(runs):
        seconds, peak = timed(mkdocs_build(site), env_for(data))
        builds.append(seconds)
        rss.append(peak)
        trees.append(tree_digests(site))
    floor = material_floor(data, dump, work, runs)
    zensical, zensical_failed = zensical_floor(data, work, runs)
    kb = load_or_raise(data, SOURCES)
    return Scale(scale, counts(kb), statistics.median(validate), statistics.median(builds),
                 statistics.median(floor), max(rss) / KB, site_sizes(site, whole_document_pages(Project.tree, kb)),
                 differing(trees), validate_phases(data), validate, warm, builds, floor, zensical,
                 zensical_failed, (before, os.getloadavg()[0]))
