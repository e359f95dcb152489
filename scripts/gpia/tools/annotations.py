"""GitHub Actions output for problems: `::error` annotations and a step summary.

A problem's message can quote the data, which may come from a fork. In an annotation the runner's
own escapes keep it to one command (`%`, CR and LF in the message; `:` and `,` too in a property).
In the step summary, which GitHub renders as Markdown, the path and message are code spans that
no text can close (`github_text.table_cell`).
"""
from __future__ import annotations

from gpia.tools.github_text import table_cell
from gpia.load.problems import DataWarning, Problem


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem | DataWarning, title: str = "Knowledge base data") -> str:
    """`::error` for a problem, `::warning` for a warning (shown on the pull request, failing nothing)."""
    level = "warning" if isinstance(problem, DataWarning) else "error"
    return (f"::{level} file={_escape_property(problem.path)},line={problem.line},col={problem.col},"
            f"title={_escape_property(title)}::{_escape_data(problem.message)}")


def step_summary(problems: list[Problem]) -> str:
    lines = [f"### {len(problems)} problem(s) in the knowledge base data", "",
             "| file | line | column | problem |", "|---|---|---|---|"]
    for p in problems:
        lines.append(f"| {table_cell(p.path)} | {p.line} | {p.col} | {table_cell(p.message)} |")
    return "\n".join(lines) + "\n"


def warnings_summary(warnings: list[DataWarning]) -> str:
    lines = [f"### {len(warnings)} warning(s) in the knowledge base data (run `make fix`)", "",
             "| file | line | column | warning |", "|---|---|---|---|"]
    for w in warnings:
        lines.append(f"| {table_cell(w.path)} | {w.line} | {w.col} | {table_cell(w.message)} |")
    return "\n".join(lines) + "\n"
