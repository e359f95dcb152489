"""Command line: `python -m gpia validate` (PYTHONPATH=scripts)."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from gpia.tools.annotations import annotation, step_summary, warnings_summary
from gpia.tools.github_text import log_line, log_text, one_line
from gpia.knowledge_base import load_knowledge_base
from gpia.load.problems import DataWarning, format_problems


def validate(root: Path, sources: Path | None, check_wording: bool = True) -> int:
    result = load_knowledge_base(root, sources, check_wording=check_wording)
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
    c = kb.counts()
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gpia", description="GP IA knowledge base tools")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check every data file and report every problem")
    check.add_argument("--root", type=Path, default=Path("."), help="project folder holding clauses/ and faq/")
    check.add_argument("--sources", type=Path, default=None, help="folder of source extracts (default ../shared/sources)")
    check.add_argument("--skip-wording", action="store_true",
                       help="do not compare NHS wording with the sources (a quicker check while drafting; "
                            "a pull request's checks never skip it)")
    args = parser.parse_args(argv)
    if args.command == "validate":
        return validate(args.root, args.sources, not args.skip_wording)
    return 2


if __name__ == "__main__":
    sys.exit(main())
