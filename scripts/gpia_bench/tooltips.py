"""Abbreviation tooltips: the ×1 build with 2,000 more abbreviated terms, tooltips on and off."""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

import yaml

from gpia.knowledge_base import load_or_raise
from gpia.load.problems import Problem
from gpia.load.yaml_loader import load_yaml_file
from gpia.tools.synthetic import generate

from gpia_bench.run import SOURCES, Project, cpu_timed, env_for, mkdocs_build
from gpia_bench.sizes import abbreviations_shown, html_pages

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



def _abbreviation(i: int) -> str:
    """A synthetic abbreviation, "QAAA" to "QCYX"; one in five has two words ("QAAF IA")."""
    letters = "".join(chr(ord("A") + i // 26 ** k % 26) for k in (2, 1, 0))
    return f"Q{letters} IA" if i % 5 == 0 else f"Q{letters}"


def tooltip_corpus(out: Path, tooltips: bool) -> Path:
    """The real data plus TOOLTIP_TERMS glossary terms, each with an abbreviation that the
    definitions of three others use; with tooltips=False, every term has `tooltip: false`."""
    data = generate(Project.tree, out, 1)
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
    first_line = (Project.tree / "clauses" / "glossary.yaml").read_text(encoding="utf-8").splitlines(keepends=True)[0]
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
            wall, processor = cpu_timed(mkdocs_build(work / f"site-tooltips-{state}"), env_for(data))
            seconds[state].append(wall)
            cpu[state].append(processor)
    pages, shown = {}, {}
    for state in corpora:
        pages[state] = html_pages(work / f"site-tooltips-{state}")
        shown[state] = sum(abbreviations_shown(p.read_text(encoding="utf-8")) for p in pages[state])
    if shown["off"]:
        raise RuntimeError(f"the build with tooltips off has {shown['off']} tooltips")
    kb = load_or_raise(corpora["on"], SOURCES)
    abbreviations = sum(1 for t in kb.terms.values() if t.abbreviation and t.tooltip)
    return Tooltips(statistics.median(seconds["on"]), statistics.median(seconds["off"]), statistics.median(cpu["on"]),
                    statistics.median(cpu["off"]), abbreviations, len(pages["on"]), shown["on"], runs)

