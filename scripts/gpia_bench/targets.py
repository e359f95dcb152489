"""The targets of issue #7: each evaluated from the figures of a run, with what to do when it is missed."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gpia_bench.run import KB
from gpia_bench.scale import Scale
from gpia_bench.serve import SERVE_TARGET, Serve
from gpia_bench.sizes import PAGE_LIMIT_KB, WHOLE_KINDS
from gpia_bench.tooltips import TOOLTIP_TARGET, Tooltips

Results = dict[int, Scale]
PAGE_LIMIT_TARGET = "No page over 2 MB, every page at every scale"


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
    r = results[1]
    return (f"At ×1 ({r.sizes.pages:,} pages) fixed costs decide the ratio. Profiled on 2026-12-06 (a sampling "
            "profiler over the whole build): the Word downloads (a blank template and a worked example per "
            "schedule, the comparison, the decisions and the drafting pack) about a sixth of the build, made "
            "on the other core while the printed parts and lists are made; importing the core, the macros "
            "plugin and their dependencies; and a Jinja pass of the macros plugin over every hand-written page; "
            "the floor has none of these. Material's templates now stay compiled between builds (they took "
            "about 1.4 s of processor time a build). Closing the rest at ×1 means cutting the other fixed "
            "costs: keeping the Word files between builds while their inputs are the same (a rebuild of "
            "`mkdocs serve` already writes a Word file again only when its content changes), and rendering "
            "macros only on the pages that call them (`render_by_default: false`).")


def _why_linear(results: Results) -> str:
    return ("Build time follows the number of pages and the bytes of HTML that Python-Markdown and Material's search "
            "indexer parse." + _growth(results))


def _why_60s(results: Results) -> str:
    r = results[100]
    zensical = f" (Zensical, on the written tree: {r.zensical_s:.0f} s)" if r.zensical_s else ""
    return (f"Material alone, building the same {r.sizes.pages:,} pages with their content already HTML (its page "
            f"template, navigation and search index per page, nothing else), takes {r.floor_s:.0f} s at ×100"
            f"{zensical}; the guide's own work adds {r.build_s - r.floor_s:.0f} s: loading and checking the data, "
            "each page's Markdown and Python-Markdown on it, the tooltips and search marks, the printed parts, "
            "the Word and CSV downloads, and Pagefind's index (see \"Build at ×100: where the time went\" below). "
            "MkDocs builds one page at a time in one process; the guide's plugin forks once the pages are known "
            "and deals the generated pages to two processes, and the downloads are made on the other core "
            "while the printed parts are rendered, so the build's own work is shared by both cores of this "
            "machine and the floor's is not. Between builds, each data file's checks are kept in `.cache/` (the "
            "benchmark's builds, like `make build`, follow a validate) and the theme's compiled templates in "
            "Jinja's folder in the temporary folder. Two waits of one process were cut: Pagefind reads each "
            "page's search copy (its content, a fifth of the page's bytes, written as the page is built) "
            "rather than the whole site again, and the last build's 600 MB are deleted by another process "
            "while the build goes on, rather than by MkDocs before it starts. Pagefind starts on the copies as "
            "soon as the pages it indexes are written, beside the pages it leaves out (the printed guide's "
            "parts and the lists' later pages, built last), and a generated page's HTML, table of contents "
            "and title are made from its headings and the views' HTML blocks without Python-Markdown (the same "
            "bytes: gpia.pages.page_html). What is left in one process: loading the data, the printed guide's "
            "parts (every record rendered again for paper, beside the downloads on the other core) and the end "
            "of Pagefind's index. What would "
            "close the rest: fewer pages (the 3,500 glossary terms of ×100 on shared pages, which would give "
            "up their own addresses), the printed parts rendered from the record pages' own Markdown, and more "
            "cores.")


def _why_heaviest_x1(results: Results) -> str:
    sizes = results[1].sizes
    page, size = min(((p, s) for p, s in sizes.sizes.items() if not sizes.is_whole(p)), key=lambda i: (-i[1], i[0]))
    return (f"`{page}` ({size / KB:.0f} KB) holds every record of its kind with its quotes; lighten it by "
            "moving the quotes and details to per-record pages.")


def _why_heaviest(results: Results) -> str:
    high = max(results)
    kinds = results[high].sizes.by_kind()
    low = results[1].sizes.by_kind()
    grown = [f"`{kind}` {size / low[kind][1]:.1f}×" for kind, (_, size) in kinds.items()
             if kind in low and size > 1.2 * low[kind][1] and kind not in WHOLE_KINDS]
    return ("Every list is paged and every record that multiplies has its own page (see Page weight below), so "
            "no page shows a number of records that grows with the corpus. The pages that still grew: "
            + (", ".join(grown) if grown else "none by kind") + ". A record page grows only when a record "
            "is pointed at by more records (its \"Referenced by\" and \"What points here\" lists); paging those "
            "lists too would close it.")


def _why_page_limit(results: Results) -> str:
    scale = max(results, key=lambda s: results[s].sizes.heaviest_kb)
    page, size = results[scale].sizes.heaviest[0]
    return (f"`{page}` weighs {size / KB:,.0f} KB at ×{scale}. The pages of a whole document (the printed guide's "
            "parts, the whole documents compared) are split into pages of at most `PAGE_BYTES` of Markdown "
            "(`scripts/gpia/views/common.py`, which says how much heavier their HTML was); a heavier page is either one "
            "record longer than that on its own, or a kind of page that is not split: lower `PAGE_BYTES`, or "
            "split that kind of page the same way (`scripts/gpia/views/split.py`).")


def _phases(r: Scale) -> str:
    total = sum(r.phases.values())
    steps = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in sorted(r.phases.items(), key=lambda i: -i[1]))
    return f"one run, {total:.2f} s in all, plus starting Python and importing: {steps}"


def _why_validate_edited(results: Results) -> str:
    return ("After an edit only the edited file is read and checked on its own, and its wording checked (the "
            "benchmark edits `clauses/glossary.yaml`, which holds every term: 3,500 at ×100); every other "
            "file's result comes from `.cache/`. What is left runs on every file each time: finding each id and "
            "reference, the schedules, the alignment of the compared versions, the whole documents' order, "
            "building the model and checking each page's address, besides starting Python and reading the "
            "cache. What would close it: keeping those across-file results too, and redoing only what refers to "
            "the records of the edited file.")


def _why_validate(results: Results) -> str:
    r = results[100]
    nodes = r.counts
    return (f"Where the time goes at ×100 with no cache ({_phases(r)}). Reading the YAML is most of what is "
            "left, about 2 s of the ×100 corpus (15.7 MB): libyaml's own parsing about 0.4 s, PyYAML's binding "
            "making a Python object of each of its events about 0.9 s, and building the values with the line "
            "and column of every key and value about 0.7 s. Those are the steps as one process takes them: with "
            "more than 1 MB to read, a copy of the process on the other core reads and checks about half of "
            "the files, from reading them to their schemas (`SPLIT_BYTES` in `scripts/gpia/knowledge_base.py`), "
            "and sends each result back as the cache keeps it (its data and positions marshalled, about a sixth "
            "of the time of reading it), so that part of a run takes a little more than half as long. The "
            "checks after it were made faster (each schema "
            "built once into one yes-or-no check of a whole file, jsonschema explaining only a file that fails; "
            "the wording check's folding and its search of the sources), so no check can now bring a cold run "
            "much nearer 2 s while the YAML is read this way. After the reading, about 1.6 s still runs in "
            "one process: starting Python and importing (0.3 s) and the checks across files (about 1.3 s: the "
            "wording 0.47 s, building the model 0.26 s); the wording's per-file part could be shared by the two "
            "processes too (about 0.2 s). Measured and not taken: rapidyaml 0.15.2 (its "
            "Python interface gives no position for a value), libyaml building the node tree itself (2.15 s "
            "against 1.26 s for the events, and it hides anchors and tags, which must be refused where they "
            "are written), lighter event classes for the binding (0.3 s, but it changes PyYAML for everything "
            "else in the process), and sending the parsed files back from the copy pickled (27 MB, which cost "
            "about what the second core saved). A policy officer's run after an "
            "edit, a build after `make validate`, and a pull request's checks with the `.cache/` kept on main "
            "read only the changed files (the target above). What would close it: a compiled YAML parser that "
            "returns positions "
            f"({nodes['requirements']:,} requirements and {nodes['questions']:,} FAQs are about 400,000 YAML values).")


def _why_serve(results: Results) -> str:
    return ("`mkdocs serve` rebuilds the whole site on any change, and the edited page is served once the "
            "rebuild is done, so this is a ×1 rebuild plus the file watcher's delay (it polls every 0.5 s). A "
            "rebuild skips what an edit cannot change: the data files not edited are not read again, Material's templates stay compiled, the "
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



def _why_tooltips(results: Results, extra: Extra) -> str:
    return ("The tooltip pass scans each page's HTML once, so its cost follows the bytes of HTML built, not the "
            "number of abbreviations; if it is missed, profile `Abbreviations.in_html` on the largest pages "
            "(a page with thousands of tags makes thousands of calls to its replacement function).")


TARGETS = [
    Target("Build ×1 ≤ 1.3× the floor", 1.3, "×", _at(1, lambda r: r.ratio), _scales_only(_why_ratio)),
    Target("Build ×100 ≤ 12× build ×10", 12, "×", _between(100, 10, lambda r: r.build_s), _scales_only(_why_linear)),
    Target("Build ×100 ≤ 60 s", 60, "s", _at(100, lambda r: r.build_s), _scales_only(_why_60s)),
    Target(PAGE_LIMIT_TARGET, PAGE_LIMIT_KB, "KB",
           lambda results, _: max(r.sizes.heaviest_kb for r in results.values()) if results else None,
           _scales_only(_why_page_limit)),
    Target("Heaviest record or list page ×1 ≤ 150 KB", 150, "KB", _at(1, lambda r: r.sizes.heaviest_record_kb),
           _scales_only(_why_heaviest_x1)),
    Target("Heaviest record or list page ×100 ≤ 1.2× its ×1 weight", 1.2, "×",
           _between(100, 1, lambda r: r.sizes.heaviest_record_kb), _scales_only(_why_heaviest)),
    Target("Validate ×100 after one file is edited ≤ 2 s", 2, "s", _at(100, lambda r: r.validate_warm_s),
           _scales_only(_why_validate_edited)),
    Target("Validate ×100 with no cache (a fresh clone) ≤ 2 s", 2, "s", _at(100, lambda r: r.validate_s),
           _scales_only(_why_validate)),
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


@dataclass(frozen=True)
class Outcome:
    """A target as a run found it: its measured value and status in words, and when it is missed,
    the note on its cause (gpia_bench/templates/targets.md.j2 writes its row)."""
    name: str
    measured: str | None  # None: not measured in this run
    status: str
    note: str | None = None


def outcome(target: Target, results: Results, extra: Extra) -> Outcome:
    value = target.value(results, extra)
    if value is None:
        return Outcome(target.name, None, "—")
    if value <= target.limit:
        return Outcome(target.name, _value(value, target.unit), "met")
    return Outcome(target.name, _value(value, target.unit),
                   f"**not met** (over by {_value(value - target.limit, target.unit)})", target.why(results, extra))


def outcomes(results: Results, extra: Extra) -> list[Outcome]:
    return [outcome(target, results, extra) for target in TARGETS]


def named(name: str) -> Target:
    return next(t for t in TARGETS if t.name == name)
