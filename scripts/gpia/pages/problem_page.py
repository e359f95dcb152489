"""The page `make serve` shows instead of the guide while the data has problems.

Plain HTML from templates (gpia/views/templates/problem-*.html), every message escaped (messages
quote the data, which comes from pull requests). The
serve adapter (gpia_mkdocs/plugin.py) shows it for every address; the page reloads by itself once the
data is fixed, as MkDocs' live reload does for any page.
"""
from __future__ import annotations

from gpia.load.problems import Problem
from gpia.views.templating import render

TITLE = "The knowledge base data has problems"


def split_fix(message: str) -> tuple[str, str]:
    """A message is 'what is wrong; what to do': the two parts, or the whole and nothing."""
    what, _, fix = message.partition("; ")
    return (what, fix) if fix else (message, "")


def problem_list_html(problems: list[Problem], skipped: str | None = None) -> str:
    """The problems as an HTML fragment: a table of place, problem and fix."""
    return render("problem-list.html", skipped=skipped or "",
                  problems=[(f"{p.path}:{p.line}:{p.col}", *split_fix(p.message)) for p in problems])


def problem_page_html(problems: list[Problem], skipped: str | None = None) -> str:
    """A whole HTML document listing the problems, for addresses that are no page of the site."""
    return f"{render('problem-page.html', title=TITLE, problems=problem_list_html(problems, skipped))}\n"


def problem_page_source(problems: list[Problem], skipped: str | None = None) -> str:
    """What every page of the site says while the data has problems, as a page's Markdown source
    (the served site shows the problems wherever the reader is)."""
    return (f"---\ntitle: {TITLE}\nrender_macros: false\nsearch: {{exclude: true}}\n---\n\n# {TITLE}\n\n"
            f"{problem_list_html(problems, skipped)}\n")
