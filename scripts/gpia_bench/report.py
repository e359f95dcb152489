"""The report: BENCHMARKS.md and each of its sections rendered from the templates in templates/
(Markdown, so not autoescaped) from the figures of a run."""
from __future__ import annotations

import datetime as dt
import os

import jinja2

from gpia_bench.baseline import (BASELINE_REV, BASELINE_SECTION, FASTER, PAGES_NAMED, SLOWER, VALIDATE_RUNS,
                                 Baseline, regressed, verdict)
from gpia_bench.run import KB, machine
from gpia_bench.scale import Scale, spread
from gpia_bench.search import SEARCH_SECTION, SearchFigures
from gpia_bench.serve import SERVE_FILE, SERVE_PAGE, Serve
from gpia_bench.targets import PAGE_LIMIT_TARGET, Extra, Outcome, Results, outcomes
from gpia_bench.tooltips import TOOLTIP_SECTION, TOOLTIP_TERMS, Tooltips

SEARCH_LIMIT_KB = 300  # at most this for a first query at the largest scale


def _count(n: int, noun: str) -> str:
    """'1 page', '3 pages'."""
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _named(pages: list[str]) -> str:
    shown = ", ".join(f"`{page}`" for page in pages[:PAGES_NAMED])
    return shown + (f" and {len(pages) - PAGES_NAMED:,} more" if len(pages) > PAGES_NAMED else "")


def _weights(pages: list[tuple[str, int]]) -> str:
    """'`/faq/` 12, `/` 9': pages and their KB."""
    return ", ".join(f"`{page}` {size / KB:,.0f}" for page, size in pages)


def _records(scale: Scale) -> int:
    """Every record of the corpus: sources, versions and tables are not records."""
    return sum(v for k, v in scale.counts.items() if k not in ("sources", "versions", "tables"))


_ENV = jinja2.Environment(loader=jinja2.PackageLoader("gpia_bench", "templates"), autoescape=False,
                          trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                          undefined=jinja2.StrictUndefined)
_ENV.filters.update(fmt=format, count=_count, named=_named, weights=_weights, records=_records, spread=spread)


def _render(template: str, **values: object) -> str:
    return _ENV.get_template(template).render(today=dt.date.today().isoformat(), cores=os.cpu_count(), **values)


def _lines(text: str) -> list[str]:
    """A rendered section as lines, its last line break dropped."""
    return text.removesuffix("\n").split("\n")


def serve_line(serve: Serve | None) -> str:
    return _render("serve.md.j2", serve=serve, serve_file=SERVE_FILE, serve_page=SERVE_PAGE).removesuffix("\n")


def target_lines(results: Results, extra: Extra) -> list[str]:
    return _lines(_render("targets.md.j2", outcomes=outcomes(results, extra)))


def target_row(outcome: Outcome) -> tuple[str, str | None]:
    """One target's row of the table, and its note when it is missed."""
    macros = _ENV.get_template("targets.md.j2").make_module({"outcomes": []})
    return str(macros.row(outcome)), str(macros.note(outcome)) if outcome.note else None


def tooltip_section(tooltips: Tooltips | None) -> list[str]:
    return _lines(_render("tooltips.md.j2", heading=TOOLTIP_SECTION, t=tooltips, terms=TOOLTIP_TERMS))


def search_section(figures: list[SearchFigures], runs: int) -> list[str]:
    return _lines(_render("search.md.j2", heading=SEARCH_SECTION, figures=figures, runs=runs,
                          worst=max(figures, key=lambda f: f.scale), limit_kb=SEARCH_LIMIT_KB))


def baseline_section(b: Baseline) -> list[str]:
    ratios = [(f"validate ×{v.scale}", v.validate_ratio) for v in b.scales]
    ratios += [(f"build ×{v.scale}", v.build_ratio) for v in b.scales]
    if b.serve is not None:
        ratios.append(("live reload ×1", b.serve_ratio))
    return _lines(_render(
        "baseline.md.j2", heading=BASELINE_SECTION, b=b, baseline_rev=BASELINE_REV,
        validate_runs=max(b.runs, VALIDATE_RUNS), serve_file=SERVE_FILE, serve_page=SERVE_PAGE,
        smallest=b.scales[0].scale if b.scales else 1, slower=SLOWER, faster=FASTER,
        ratios=[(name, ratio, verdict(ratio)) for name, ratio in ratios],
        regressions=[f"{name} ({ratio:.2f}×)" for name, ratio in ratios if regressed(ratio)]))


def _kinds(scales: list[Scale]) -> list[tuple[str, list[tuple[int, float] | None]]]:
    """Each kind of page, with (pages, heaviest KB) at each scale, or None where there is none."""
    by_kind = [r.sizes.by_kind() for r in scales]
    names = sorted({kind for kinds in by_kind for kind in kinds})
    return [(kind, [(kinds[kind][0], kinds[kind][1] / KB) if kinds.get(kind, (0, 0))[0] else None
                    for kinds in by_kind]) for kind in names]


def report(results: Results, extra: Extra, runs: int) -> str:
    """The whole of BENCHMARKS.md but the sections on search and on the baseline."""
    scales = list(results.values())
    return _render("report.md.j2", machine=machine(), runs=runs, scales=scales, kinds=_kinds(scales),
                   page_limit_target=PAGE_LIMIT_TARGET,
                   serve_line=serve_line(extra.serve), targets="\n".join(target_lines(results, extra)),
                   tooltips="\n".join(tooltip_section(extra.tooltips)))
