"""Running the measured commands: where they run, with which environment, and how they are timed."""
from __future__ import annotations

import hashlib
import os
import platform
import shutil
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

# The checkout this package is installed from (editable: its code stays in scripts/).
ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
SOURCES = ROOT.parent / "shared" / "sources"
KB = 1024  # bytes; sizes are in KiB and MiB, written KB and MB


class Project:
    """Where the measured commands run: a copy of the project taken when the benchmark starts (see
    `snapshot`), so that edits made to the working tree meanwhile change no run. ROOT until then."""
    tree: Path = ROOT


def snapshot(work: Path) -> Path:
    """A copy of the project to measure, without its virtual environment, git data and built output;
    from now on the tree the measured commands run in."""
    copy = work / "project"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".venv", ".git", "site", "bench-out", "test-artifacts", "__pycache__", ".pytest_cache", "*.egg-info"))
    Project.tree = copy
    return copy


def env_for(data_root: Path, project: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment of a measured command on `data_root`, importing the `gpia` of `project` (the
    snapshot unless told: the code before the redesign has its own, see gpia_bench.baseline).
    PYTHONPATH comes before the installed package, so the tree's own code and plugin are measured."""
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", GPIA_DATA_ROOT=str(data_root),
                GPIA_SOURCES_DIR=str(SOURCES), PYTHONPATH=str((project or Project.tree) / "scripts"),
                SOURCE_DATE_EPOCH="0", **extra)


def timed(command: list[str], env: dict[str, str], cwd: Path | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one command, measured by GNU time, run in `cwd` (the snapshot
    unless told), whose mkdocs.yml a build reads."""
    started = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M", *command], cwd=cwd or Project.tree, env=env,
                            capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    return elapsed, int(result.stderr.strip().splitlines()[-1])


def cpu_timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and processor seconds (user and system) of one command, measured by GNU time."""
    result = subprocess.run(["/usr/bin/time", "-f", "%e %U %S", *command], cwd=Project.tree, env=env,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    wall, user, system = (float(v) for v in result.stderr.strip().splitlines()[-1].split())
    return wall, user + system


def mkdocs_build(site: Path) -> list[str]:
    """The measured build: `mkdocs build --strict` into `site`."""
    return [PYTHON, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]


def tree_digests(site: Path) -> dict[str, str]:
    """A hash of each file's bytes, by path: equal maps mean byte-identical sites."""
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def differing(trees: list[dict[str, str]]) -> list[str]:
    """Files that differ between the first tree and any other."""
    first = trees[0]
    return sorted({name for tree in trees[1:] for name in set(first) | set(tree) if first.get(name) != tree.get(name)})


def _proc_field(path: str, name: str) -> str | None:
    """A `name: value` line's value in a /proc file, or None."""
    file = Path(path)
    if not file.exists():
        return None
    for line in file.read_text().splitlines():
        key, _, value = line.partition(":")
        if key.strip() == name:
            return value.strip()
    return None


def machine() -> str:
    cpu = _proc_field("/proc/cpuinfo", "model name") or "unknown CPU"
    total = _proc_field("/proc/meminfo", "MemTotal")  # "16384000 kB"
    memory = f", {int(total.split()[0]) / 1024 / 1024:.0f} GiB memory" if total else ""
    return (f"{os.cpu_count()} cores ({cpu}){memory}; {platform.system()} {platform.machine()}; "
            f"Python {platform.python_version()}, mkdocs {version('mkdocs')}, mkdocs-material "
            f"{version('mkdocs-material')}, mkdocs-macros-plugin {version('mkdocs-macros-plugin')}, "
            f"PyYAML {version('PyYAML')}")
