"""Command line: `gpia <command>` (or `python -m gpia <command>`), installed by `make setup`.

`validate` is here; every other command is the main() of its module, which reads the rest of the
command line (`gpia new --help` shows its own options):

    gpia validate [--root .] [--sources DIR] [--skip-wording] [--no-cache]
    gpia diff --base REV          gpia.tools.datadiff: Markdown of what the data changes since REV
    gpia new KIND ID [--in ID]    gpia.tools.scaffold: a record from its template in templates/
    gpia fix                      gpia.tools.fix: the sources' quotation marks and dashes in NHS wording
    gpia guide                    gpia.tools.guide: the lists in CONTRIBUTING.md that come from the code
    gpia propose                  gpia.tools.propose: candidate ancestors for a comparison's rows
    gpia write OUT_DIR            gpia.pages.write: the whole docs tree, for engines that run no plugins
    gpia bench                    gpia_bench: speed and size at ×1, ×10 and ×100 into BENCHMARKS.md
"""
from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from pathlib import Path

from gpia.tools.annotations import annotation, step_summary, warnings_summary
from gpia.tools.github_text import log_line, log_text, one_line
from gpia.knowledge_base import load_knowledge_base
from gpia.load.problems import DataWarning, format_problems
from gpia.model.kinds import counts


def validate(root: Path, sources: Path | None, check_wording: bool = True, cache: bool = True) -> int:
    result = load_knowledge_base(root, sources, check_wording=check_wording, cache=cache)
    show_warnings(result.warnings)
    if result.problems:
        print(format_problems(result.problems, result.skipped), file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            for problem in result.problems:
                print(annotation(problem))
            summary = os.environ.get("GITHUB_STEP_SUMMARY")
            if summary:
                with open(summary, "a", encoding="utf-8") as out:
                    out.write(step_summary(result.problems))
        return 1
    kb = result.knowledge_base
    assert kb is not None
    per_table = ", ".join(f"{kb.versions[t.version].label} {t.kind} {sum(len(a.requirements) for a in t.areas)}"
                          for t in kb.tables.values())
    c = counts(kb)
    wording = "wording checked against the sources" if result.verbatim_checked else \
        "wording NOT checked (--skip-wording)"
    print(log_text(
        f"OK: {result.files} files; {c['requirements']} requirements ({per_table}) in {c['areas']} areas; "
        f"{c['questions']} FAQs in {c['faq_sections']} sections; {c['clauses']} clauses; {c['schedules']} schedules; "
        f"{c['agreements']} agreements; {c['terms']} terms; {wording}."))
    return 0


def show_warnings(warnings: list[DataWarning]) -> None:
    """Each warning on its own line (stderr), as a pull request's annotation and in its step summary;
    none fails the check."""
    if not warnings:
        return
    print("\n".join(log_line(one_line(str(w))) for w in warnings), file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for warning in warnings:
            print(annotation(warning))
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as out:
                out.write(warnings_summary(warnings))


# Each delegated command: its module (imported only when it runs) and one line of help.
DELEGATED = {
    "diff": ("gpia.tools.datadiff", "Markdown for a pull request: what the data changes since a git revision"),
    "new": ("gpia.tools.scaffold", "add a record from its template in templates/"),
    "fix": ("gpia.tools.fix", "write the sources' quotation marks and dashes into NHS wording"),
    "guide": ("gpia.tools.guide", "rewrite the lists in CONTRIBUTING.md and the editor's schema map that come from the code"),
    "propose": ("gpia.tools.propose", "suggest ancestors for each requirement of a comparison's newer version"),
    "write": ("gpia.pages.write", "write the whole docs tree for engines that run no plugins"),
    "bench": ("gpia_bench.cli", "measure speed and size at x1, x10 and x100 and rewrite BENCHMARKS.md"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gpia", description="GP IA knowledge base tools")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (module, summary) in DELEGATED.items():
        # No options of its own: the rest of the line, --help included, goes to the module's main().
        commands.add_parser(name, help=f"{summary} ({module})", add_help=False)
    check = commands.add_parser("validate", help="check every data file and report every problem")
    check.add_argument("--root", type=Path, default=Path("."), help="project folder holding clauses/ and faq/")
    check.add_argument("--sources", type=Path, default=None, help="folder of source extracts (default ../shared/sources)")
    check.add_argument("--skip-wording", action="store_true",
                       help="do not compare NHS wording with the sources (a quicker check while drafting; "
                            "a pull request's checks never skip it)")
    check.add_argument("--no-cache", action="store_true",
                       help="check every file afresh, without the results kept in .cache/ for files that "
                            "have not changed (the problems are the same either way)")
    args, rest = parser.parse_known_args(argv)
    if args.command in DELEGATED:
        return importlib.import_module(DELEGATED[args.command][0]).main(rest) or 0
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    return validate(args.root, args.sources, not args.skip_wording, not args.no_cache)


def run() -> None:
    """The command line (`gpia`, `python -m gpia`): main(), with one difference for `validate`.

    Validating a large knowledge base leaves millions of small objects (values, positions,
    records) that live until the process ends, so the command turns the cyclic collector off for
    its whole run (load_knowledge_base does so only while it loads: turning it back on started a
    collection over all of them) and, once its output is flushed, exits without freeing them one by
    one (at x100 the two took about a tenth of a second each). Every file the command writes (the
    cache of checked files, a step summary) is closed before main() returns."""
    argv = sys.argv[1:]
    if argv[:1] != ["validate"]:
        sys.exit(main(argv))
    gc.disable()
    code = main(argv)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
