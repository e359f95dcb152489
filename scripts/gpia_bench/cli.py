"""`gpia bench` (`make bench`): measure, then write BENCHMARKS.md or, with --only, one part of it."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import gpia_bench
from gpia_bench.baseline import BASELINE_REV, BASELINE_SECTION, measure_baseline
from gpia_bench.document import keep_other_sections, section_of, splice_section, splice_serve, splice_tooltips
from gpia_bench.report import baseline_section, report, search_section, serve_line
from gpia_bench.run import ROOT, snapshot
from gpia_bench.scale import measure
from gpia_bench.search import SEARCH_SECTION, measure_search
from gpia_bench.serve import measure_serve
from gpia_bench.targets import Extra
from gpia_bench.tooltips import measure_tooltips


LARGE = 100  # a scale whose every run takes minutes


def _say(what: str) -> None:
    print(f"measuring {what}…", file=sys.stderr)


def _scales(args: argparse.Namespace) -> list[int]:
    return [int(s) for s in args.scales.split(",")]


def only_baseline(args: argparse.Namespace, text: str) -> tuple[str, str]:
    lines = baseline_section(measure_baseline(args.baseline, _scales(args), args.runs, args.work))
    return splice_section(text, BASELINE_SECTION, lines), "\n".join(lines)


def only_search(args: argparse.Namespace, text: str) -> tuple[str, str]:
    _say(f"search at {_scales(args)}")
    lines = search_section(measure_search(_scales(args), args.runs, args.work), args.runs)
    return splice_section(text, SEARCH_SECTION, lines), "\n".join(lines)


def only_serve(args: argparse.Namespace, text: str) -> tuple[str, str]:
    _say("live reload")
    serve = measure_serve(args.runs, args.work)
    return splice_serve(text, serve), serve_line(serve)


def only_tooltips(args: argparse.Namespace, text: str) -> tuple[str, str]:
    _say("tooltips")
    text = splice_tooltips(text, measure_tooltips(args.runs, args.work))
    return text, text


ONLY = {"tooltips": only_tooltips, "search": only_search, "serve": only_serve, "baseline": only_baseline}


def runs_at(args: argparse.Namespace, scale: int) -> int:
    """How many runs of each figure at `scale`: --large-runs from ×100 up, when given."""
    return args.large_runs if scale >= LARGE and args.large_runs else args.runs


def full_run(args: argparse.Namespace) -> str:
    results = {}
    for scale in _scales(args):
        _say(f"×{scale}")
        results[scale] = measure(scale, runs_at(args, scale), args.work)
    _say("live reload")
    serve = measure_serve(args.runs, args.work)
    _say("tooltips")
    text = report(results, Extra(serve, measure_tooltips(args.runs, args.work)), args.runs)
    old = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    sections = {
        SEARCH_SECTION: ("search", lambda: search_section(measure_search(list(results), args.runs, args.work), args.runs)),
        BASELINE_SECTION: ("baseline", lambda: baseline_section(
            measure_baseline(args.baseline, list(results), args.runs, args.work))),
    }
    for title, (name, measure_section) in sections.items():
        kept = section_of(old, title) if name in args.skip else None
        if kept is not None:  # --skip: the last figures stay, where they were
            text = splice_section(text, title, [kept.rstrip("\n")])
            continue
        _say(title[3:])
        text = splice_section(text, title, measure_section())
    return keep_other_sections(old, text) if old else text


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gpia bench", description=gpia_bench.__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--large-runs", type=int, default=None,
                        help=f"runs of each figure at ×{LARGE} and above (default: --runs); the table gives each "
                             "scale's count, and at least three are wanted at the smaller scales")
    parser.add_argument("--work", type=Path, default=Path("/tmp/gpia-bench"))
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--only", choices=list(ONLY), help="measure only this, and replace only its figures in an existing --out")
    parser.add_argument("--skip", action="append", default=[], choices=["search", "baseline"],
                        help="keep the last figures of this section in --out instead of measuring it again "
                             "(the baseline builds the old revision at every scale: over half an hour at ×100)")
    parser.add_argument("--baseline", default=BASELINE_REV,
                        help=f"the revision compared with in '{BASELINE_SECTION[3:]}' (default {BASELINE_REV}, "
                             "the last commit before the redesign)")
    return parser


def main(argv: list[str] | None = None) -> int:
    command = parser()
    args = command.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    snapshot(args.work)
    if args.only:
        if not args.out.exists():
            command.error(f"{args.out} does not exist yet: run the whole benchmark first")
        text, shown = ONLY[args.only](args, args.out.read_text(encoding="utf-8"))
    else:
        text = shown = full_run(args)
        args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(shown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
