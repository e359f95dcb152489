"""The page `make serve` shows instead of the guide while the data has problems.

Plain HTML, every message escaped (messages quote the data, which comes from pull requests). The
serve adapter (scripts/hooks.py) shows it for every address; the page reloads by itself once the
data is fixed, as MkDocs' live reload does for any page.
"""
from __future__ import annotations

from html import escape

from gpia.load.problems import Problem

TITLE = "The knowledge base data has problems"


def split_fix(message: str) -> tuple[str, str]:
    """A message is 'what is wrong; what to do': the two parts, or the whole and nothing."""
    what, _, fix = message.partition("; ")
    return (what, fix) if fix else (message, "")


def problem_list_html(problems: list[Problem], skipped: str | None = None) -> str:
    """The problems as an HTML fragment: a table of place, problem and fix."""
    noun = "problem" if len(problems) == 1 else "problems"
    rows = []
    for p in problems:
        what, fix = split_fix(p.message)
        rows.append(f'<tr><td><code>{escape(f"{p.path}:{p.line}:{p.col}")}</code></td>'
                    f"<td>{escape(what)}</td><td>{escape(fix)}</td></tr>")
    note = f'<p class="gpia-skipped">{escape(skipped)}</p>' if skipped else ""
    return (f'<div class="gpia-problems" role="alert"><p><strong>{len(problems)} {noun}</strong> in the data: '
            "the guide is built again as soon as you save a fix, and this page then shows it.</p>"
            '<table><thead><tr><th scope="col">where (file:line:column)</th><th scope="col">problem</th>'
            f'<th scope="col">fix</th></tr></thead><tbody>{"".join(rows)}</tbody></table>{note}</div>')


def problem_page_html(problems: list[Problem], skipped: str | None = None) -> str:
    """A whole HTML document listing the problems, for addresses that are no page of the site."""
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{TITLE}</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem;color:#212b32}"
            "table{border-collapse:collapse}td,th{border:1px solid #aeb7bd;padding:.4rem;text-align:left;"
            "vertical-align:top}code{white-space:nowrap}</style></head>"
            f"<body><main><h1>{TITLE}</h1>{problem_list_html(problems, skipped)}</main></body></html>\n")


def problem_page_source(problems: list[Problem], skipped: str | None = None) -> str:
    """What every page of the site says while the data has problems, as a page's Markdown source
    (the served site shows the problems wherever the reader is)."""
    return (f"---\ntitle: {TITLE}\nrender_macros: false\nsearch: {{exclude: true}}\n---\n\n# {TITLE}\n\n"
            f"{problem_list_html(problems, skipped)}\n")
