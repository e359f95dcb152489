"""Before and after the redesign: the code and data of an earlier revision and of the snapshot,
validated, built and served alternately in one run, so that the ratios compare like with like."""
from __future__ import annotations

import io
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

from gpia_bench.run import PYTHON, ROOT, SOURCES, Project, env_for, mkdocs_build, timed
from gpia_bench.serve import Serve, measure_serve, median_serve
from gpia_bench.sizes import pages_built


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


def synthetic_module(tree: Path) -> str:
    """The module that writes a revision's synthetic corpora: the redesign moved it into tools/."""
    return "gpia.tools.synthetic" if (tree / "scripts" / "gpia" / "tools" / "synthetic.py").is_file() else "gpia.synthetic"


def revision_corpus(revision: Revision, out: Path, scale: int) -> Path:
    """The revision's own data ×`scale`, written by its own synthetic tool: the data format changed
    in the redesign, so each revision reads its copy of the same documents."""
    command = [PYTHON, "-m", revision.synthetic, "--scale", str(scale), "--out", str(out), "--root", str(revision.tree)]
    result = subprocess.run(command, cwd=revision.tree, env=env_for(out, revision.tree), capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({revision.name} the redesign):\n{result.stderr[-3000:]}")
    return out


# Validate takes a second or two at most, and one run of it varies by a fifth (measured: a single run at
# ×10 said 1.25× where five alternated runs said 1.03×), so it is run at least this often.
VALIDATE_RUNS = 5


def measure_baseline(rev: str, scales: list[int], runs: int, work: Path) -> Baseline:
    """Validate and build at each scale, and live reload at ×1, for the code before the redesign and
    the snapshot, run by run alternated (before, then after) so that other jobs slow both alike."""
    load_start = os.getloadavg()[0]
    tree, short, date = baseline_tree(rev, work)
    revisions = [Revision("before", tree, synthetic_module(tree)),
                 Revision("after", Project.tree, synthetic_module(Project.tree))]
    for r in revisions:  # both trees start without bytecode: compiled here, so that no first run pays for it
        subprocess.run([PYTHON, "-m", "compileall", "-q", str(r.tree / "scripts")], capture_output=True, check=True)
    versus, pages = zip(*(_at_scale(revisions, scale, runs, work) for scale in scales)) if scales else ((), ())
    only = {"after": sorted(pages[0]["after"] - pages[0]["before"]),
            "before": sorted(pages[0]["before"] - pages[0]["after"])} if pages else {}
    serve = _live_reload(revisions, runs, work) if 1 in scales else None
    return Baseline(short, date, list(versus), serve, runs, (load_start, os.getloadavg()[0]),
                    only.get("after", []), only.get("before", []))


def _at_scale(revisions: list[Revision], scale: int, runs: int, work: Path) -> tuple[Versus, dict[str, set[str]]]:
    """Both revisions validated and built at one scale, alternated; with the pages each built."""
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
            command = mkdocs_build(work / f"site-{r.name}-x{scale}")
            builds[r.name].append(timed(command, env_for(data[r.name], r.tree), r.tree)[0])
    pages = {r.name: pages_built(work / f"site-{r.name}-x{scale}") for r in revisions}
    before, after = (Side(statistics.median(validate[n]), statistics.median(builds[n]), len(pages[n]))
                     for n in ("before", "after"))
    return Versus(scale, before, after), pages


def _live_reload(revisions: list[Revision], runs: int, work: Path) -> tuple[Serve, Serve]:
    """Live reload at ×1 of both revisions: a server of each per edit, so that the edits alternate too."""
    print("measuring live reload before and after the redesign…", file=sys.stderr)
    data = {r.name: revision_corpus(r, work / f"kb-{r.name}-serve", 1) for r in revisions}
    edits: dict[str, list[Serve]] = {r.name: [] for r in revisions}
    for _ in range(runs):
        for r in revisions:
            edits[r.name].append(measure_serve(1, work, r.tree, data[r.name]))
    return median_serve(edits["before"]), median_serve(edits["after"])


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

