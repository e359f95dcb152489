"""`make bench`: build speed and page weight at x1, x10 and x100 the real data, into BENCHMARKS.md.

Not part of `make test`: timings depend on the machine. Each figure is the median of --runs runs.
The floor is Material building the very Markdown the data layer produced (dumped during a build
with GPIA_DUMP_MARKDOWN), with macros and hooks switched off: what the site would cost if it were
hand-written.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from importlib.metadata import version
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from gpia.synthetic import generate  # noqa: E402

PYTHON = sys.executable
SOURCES = ROOT.parent / "shared" / "sources"


def env_for(data_root: Path, **extra: str) -> dict[str, str]:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", GPIA_DATA_ROOT=str(data_root),
                GPIA_SOURCES_DIR=str(SOURCES), PYTHONPATH=str(ROOT / "scripts"), SOURCE_DATE_EPOCH="0", **extra)


def timed(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one command, measured by GNU time."""
    started = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M", *command], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    return elapsed, int(result.stderr.strip().splitlines()[-1])


def floor_config(dump: Path, out: Path) -> Path:
    """mkdocs.yml without the data layer, pointed at the dumped Markdown."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "macros" in p)]
    config.pop("hooks", None)
    config.pop("watch", None)
    config["docs_dir"] = str(dump)
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    shutil.copytree(ROOT / "docs" / "assets", dump / "assets", dirs_exist_ok=True)
    path = out / "mkdocs-floor.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def site_sizes(site: Path) -> dict[str, float]:
    pages = [p.stat().st_size for p in site.rglob("*.html") if p.name != "404.html"]
    return {"pages": len(pages), "heaviest_kb": max(pages) / 1024, "median_kb": statistics.median(pages) / 1024,
            "search_kb": (site / "search" / "search_index.json").stat().st_size / 1024}


def serve_rebuild_seconds(runs: int, port: int = 8799) -> float:
    """Seconds from touching a YAML file to `mkdocs serve` reporting the rebuilt site (real data)."""
    process = subprocess.Popen([PYTHON, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=ROOT,
                               env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(process.stderr.readline, "")), daemon=True)
    reader.start()
    try:
        _wait_for(lines, "Serving on", 0, 120)
        samples = []
        target = ROOT / "clauses" / "citations.yaml"
        for _ in range(runs):
            seen = len(lines)
            started = time.perf_counter()
            os.utime(target)
            _wait_for(lines, "Reloading browsers", seen, 60)
            samples.append(time.perf_counter() - started)
            time.sleep(1.5)
        return statistics.median(samples)
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_for(lines: list[str], text: str, start: int, limit: float) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if any(text in line for line in lines[start:]):
            return
        time.sleep(0.02)
    raise TimeoutError(f"mkdocs serve did not print {text!r}:\n{''.join(lines[-20:])}")


def measure(scale: int, runs: int, work: Path) -> dict[str, float]:
    data = generate(ROOT, work / f"kb-x{scale}", scale)
    env = env_for(data)
    validate = [timed([PYTHON, "-m", "gpia", "validate", "--root", str(data), "--sources", str(SOURCES)], env)[0]
                for _ in range(runs)]
    site = work / f"site-x{scale}"
    dump = work / f"dump-x{scale}"
    builds, rss = [], []
    for run in range(runs):
        extra = {"GPIA_DUMP_MARKDOWN": str(dump)} if run == 0 else {}
        seconds, peak = timed([PYTHON, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                              env_for(data, **extra))
        builds.append(seconds)
        rss.append(peak)
    config = floor_config(dump, work)
    floor = [timed([PYTHON, "-m", "mkdocs", "build", "--config-file", str(config), "--site-dir",
                    str(work / f"floor-x{scale}")], env)[0] for _ in range(runs)]
    result = {"validate_s": statistics.median(validate), "build_s": statistics.median(builds),
              "floor_s": statistics.median(floor), "rss_mb": max(rss) / 1024, **site_sizes(site)}
    result["ratio"] = result["build_s"] / result["floor_s"]
    return result


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


def report(results: dict[int, dict[str, float]], rebuild: float | None, runs: int) -> str:
    rows = ["| scale | pages | validate (s) | build (s) | floor (s) | build/floor | peak RSS (MB) | heaviest page (KB) "
            "| median page (KB) | search index (KB) |", "|---|---|---|---|---|---|---|---|---|---|"]
    for scale, r in results.items():
        rows.append(f"| ×{scale} | {r['pages']:.0f} | {r['validate_s']:.2f} | {r['build_s']:.2f} | {r['floor_s']:.2f} "
                    f"| {r['ratio']:.2f} | {r['rss_mb']:.0f} | {r['heaviest_kb']:.1f} | {r['median_kb']:.1f} "
                    f"| {r['search_kb']:.0f} |")
    lines = [f"Measured {dt.date.today().isoformat()} on {machine()}. Median of {runs} runs.", "", *rows]
    if rebuild is not None:
        lines += ["", f"Serve rebuild at ×1 (touch a YAML file → `mkdocs serve` reloads): {rebuild:.2f} s."]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/gpia-bench"))
    parser.add_argument("--out", type=Path, default=ROOT / "bench-out" / "results.md")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    results = {}
    for scale in (int(s) for s in args.scales.split(",")):
        print(f"measuring ×{scale}…", file=sys.stderr)
        results[scale] = measure(scale, args.runs, args.work)
    rebuild = serve_rebuild_seconds(args.runs) if 1 in results else None
    text = report(results, rebuild, args.runs)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
