"""A problem found in the data, named by file, line and column."""
from __future__ import annotations

from dataclasses import dataclass

from gpia.text import log_line, one_line


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # repository-relative, with forward slashes
    line: int  # 1-based
    col: int  # 1-based
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


@dataclass(frozen=True, order=True)
class DataWarning:
    """Something in the data that passes the checks but should be mended (the message says how). A
    channel apart from problems: checks return problems; the caller shows warnings and still passes."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: warning: {self.message}"


@dataclass(frozen=True)
class Origin:
    """Where a record or value was written."""

    path: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"

    def problem(self, message: str) -> Problem:
        return Problem(self.path, self.line, self.col, message)


class KnowledgeBaseError(Exception):
    """The data has problems; carries all of them, sorted."""

    def __init__(self, problems: list[Problem], skipped: str | None = None):
        self.problems = sorted(problems)
        self.skipped = skipped
        super().__init__(format_problems(self.problems, skipped))


def format_problems(problems: list[Problem], skipped: str | None = None) -> str:
    """One line per problem, `path:line:col: message`, for a terminal or a CI log.

    A message can quote the data, so its line breaks are written as `\\n`, and a line that the
    GitHub Actions runner would run as a workflow command is escaped (`github_text.log_line`)."""
    noun = "problem" if len(problems) == 1 else "problems"
    lines = [log_line(one_line(str(p))) for p in problems]
    if skipped:  # checks that wait for a broken file (load.skipped_line)
        lines.append(log_line(one_line(skipped)))
    lines.append(f"{len(problems)} {noun} in the knowledge base data; nothing was built.")
    return "\n".join(lines)
