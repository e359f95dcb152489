"""GitHub Actions output for problems: `::error` annotations and a step summary."""
from __future__ import annotations

from .problems import Problem


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem, title: str = "Knowledge base data") -> str:
    return (f"::error file={_escape_property(problem.path)},line={problem.line},col={problem.col},"
            f"title={_escape_property(title)}::{_escape_data(problem.message)}")


def step_summary(problems: list[Problem]) -> str:
    lines = [f"### {len(problems)} problem(s) in the knowledge base data", "",
             "| file | line | column | problem |", "|---|---|---|---|"]
    for p in problems:
        message = p.message.replace("|", "\\|")
        lines.append(f"| `{p.path}` | {p.line} | {p.col} | {message} |")
    return "\n".join(lines) + "\n"
