"""One scale: the synthetic corpus ×N validated and built --runs times, the floor built from the
Markdown the build produced, where validation time goes, and what the site weighs."""
from __future__ import annotations

import json
import shutil
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

from gpia.knowledge_base import load_or_raise
from gpia.model.kinds import counts
from gpia.tools.synthetic import generate

from gpia_bench.run import KB, PYTHON, SOURCES, Project, differing, env_for, mkdocs_build, timed, tree_digests
from gpia_bench.sizes import SiteSizes, site_sizes, whole_document_pages


def floor_config(dump: Path, out: Path) -> Path:
    """mkdocs.yml without the data layer (the macros plugin and the guide's plugin), pointed at the
    dumped Markdown."""
    config = yaml.safe_load((Project.tree / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = [p for p in config["plugins"]
                         if not (p in ("macros", "gpia") or isinstance(p, dict) and ("macros" in p or "gpia" in p))]
    config.pop("watch", None)
    config["docs_dir"] = str(dump)
    config["theme"]["custom_dir"] = str(Project.tree / config["theme"]["custom_dir"])
    shutil.copytree(Project.tree / "docs" / "assets", dump / "assets", dirs_exist_ok=True)
    path = out / f"mkdocs-floor-{dump.name}.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


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
    result = subprocess.run([PYTHON, "-c", _PHASES, str(data), str(SOURCES)], cwd=Project.tree, env=env_for(data),
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)



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
    data = generate(Project.tree, work / f"kb-x{scale}", scale)
    env = env_for(data)
    validate = [timed([PYTHON, "-m", "gpia", "validate", "--root", str(data), "--sources", str(SOURCES)], env)[0]
                for _ in range(runs)]
    site = work / f"site-x{scale}"
    dump = work / f"dump-x{scale}"
    shutil.rmtree(dump, ignore_errors=True)
    builds, rss, trees = [], [], []
    for run in range(runs):
        extra = {"GPIA_DUMP_MARKDOWN": str(dump)} if run == 0 else {}
        seconds, peak = timed(mkdocs_build(site), env_for(data, **extra))
        builds.append(seconds)
        rss.append(peak)
        trees.append(tree_digests(site))
    config = floor_config(dump, work)
    floor = [timed([PYTHON, "-m", "mkdocs", "build", "--config-file", str(config), "--site-dir",
                    str(work / f"floor-x{scale}")], env)[0] for _ in range(runs)]
    kb = load_or_raise(data, SOURCES)
    return Scale(scale, counts(kb), statistics.median(validate), statistics.median(builds),
                 statistics.median(floor), max(rss) / KB, site_sizes(site, whole_document_pages(Project.tree, kb)),
                 differing(trees), validate_phases(data))


