"""`make bench`: build speed and page weight at x1, x10 and x100 the real data, written to BENCHMARKS.md.

Not part of `make test`: timings depend on the machine. Each time is the median of --runs runs.
The floor is Material building the pages the build wrote, each page's front matter and finished
content handed over as HTML (dumped by a build of their own, not timed, with GPIA_DUMP_HTML), with
Material's search plugin and no other: its page template, navigation and search index per page. Every target of issue #7 is evaluated from the numbers measured here, so re-running
refreshes the whole of BENCHMARKS.md; nothing in it is edited by hand.

    gpia bench [--scales 1,10,100] [--runs 3]          (`make bench`)

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

The package keeps its jobs apart: running and timing the measured commands (run), what a built
site weighs (sizes, read with lxml), one scale (scale), live reload (serve), the tooltips (tooltips),
search (search), the comparison with an earlier revision (baseline), the targets (targets), the
report rendered from templates (report, templates/) and the editing of BENCHMARKS.md by section
(document); cli reads the command line.
"""
