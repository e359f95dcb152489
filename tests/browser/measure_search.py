"""Measure which search settings find the right item for each question; prints Markdown tables.

Run by hand when changing the `search:` block of mkdocs.yml, and copy the output into
docs/about-search.md:

    .venv/bin/python -m tests.browser.measure_search

The separator and field boosts only matter in the browser (Material builds the index there from
search_index.json), so each candidate is measured on a copy of one built site with that file's
`config` changed. "Found" means what the browser test asserts: one of the question's answers is
among the five results Material scores highest.
"""
from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from .chromium import launch
from .search_box import open_search, search
from .search_questions import QUESTIONS, answers
from .server import serve

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "scripts")]
from conftest import mkdocs_build  # noqa: E402

OTHER_SEPARATORS = {
    "Material's richer": r"""[\s\u200b\-_,:!=\[\]()"`/]+|\.(?!\d)|&[lg]t;|(?!\b)(?=[A-Z][a-z])""",
    "MkDocs' default": r"[\s\-]+",
}
MATERIAL_TITLE_BOOST = 1000


def rank(targets: tuple[str, ...], results: list[str]) -> int | None:
    """1-based position of the first answer among the results, best first."""
    return next((n for n, result in enumerate(results, 1) if answers(targets, [result])), None)


def cell(position: int | None) -> str:
    if position is None:
        return "**missed**"
    return f"found ({position})" if position <= 5 else f"**missed** ({position})"


def measure(context, built: Path, work: Path, config: dict) -> list[int | None]:
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    index["config"].update(config)
    site = Path(tempfile.mkdtemp(dir=work)) / "site"
    shutil.copytree(built, site)
    (site / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    with serve(site) as base:
        page = context.new_page()
        open_search(page, base)
        found = [rank(targets, search(page, query, limit=50)) for query, targets in QUESTIONS]
        page.close()
    return found


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="gpia-search-"))
    built = work / "built"
    result = mkdocs_build(built)
    if result.returncode:
        sys.exit(result.stderr)
    ours = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    separators = {"this site's": ours["separator"], **OTHER_SEPARATORS}
    material_fields = {**ours["fields"], "title": {"boost": MATERIAL_TITLE_BOOST}}
    with sync_playwright() as playwright:
        context = launch(playwright, work / "profile")
        tuned = {name: measure(context, built, work, {"separator": s}) for name, s in separators.items()}
        untuned = {name: measure(context, built, work, {"separator": s, "fields": material_fields})
                   for name, s in separators.items()}
        context.close()
    shutil.rmtree(work)

    title_boost = ours["fields"]["title"]["boost"]
    columns = [(f"{name}, {title_boost:g}", tuned[name]) for name in separators]
    columns += [(f"{name}, {MATERIAL_TITLE_BOOST}", untuned[name]) for name in separators]

    def total(positions: list[int | None]) -> str:
        return f"{sum(1 for p in positions if p is not None and p <= 5)} of {len(QUESTIONS)}"

    print("Columns: separator, title boost. Cells: found or missed in the top 5, with the position of "
          "the first right answer.\n")
    print("| query | " + " | ".join(name for name, _ in columns) + " |")
    print("|---|" + "---|" * len(columns))
    for row, (query, _) in enumerate(QUESTIONS):
        print(f"| `{query}` | " + " | ".join(cell(found[row]) for _, found in columns) + " |")
    print("| **found** | " + " | ".join(total(found) for _, found in columns) + " |")
    print("\nSeparators measured:\n")
    for name, separator in separators.items():
        print(f"- {name}: `{separator}`")


if __name__ == "__main__":
    main()
