"""Text for GitHub: Markdown that data cannot turn into markup, and log lines that data cannot
turn into workflow commands.

The data comes from pull requests, some from forks, so any text in it may be hostile.

**Markdown** (`make diff` on a pull request, the step summary): every text taken from the data is
put in a code span (`code`). GitHub shows a code span's content as it is: no links, images, HTML,
emphasis, @mentions, issue references or autolinks. The span is fenced with more backticks than
the longest run of backticks in the text, so the text cannot close it; line breaks (which could
end the paragraph, and the span with it) are shown as `\\n`. In a table `table_cell` also escapes
`|`, which GitHub reads as a cell border even inside a code span.

**Log lines** (what a step prints): the Actions runner runs a line as a command when it starts
with `::` after any white space (`::error …::`, `::add-mask::…`, `::stop-commands::…`), and
also when it holds `##[command]` anywhere. `log_text` writes such lines as `%3A%3A…` and
`##%5B…` instead (the runner's own escapes for `:` and `[`), so they are printed, not run.

The escapes themselves are in gpia.text, at the bottom of the core, so that the problems of
gpia.load and the Contributing page can use them without reaching up into the tools.
"""
from __future__ import annotations

from gpia.text import code, log_line, log_text, one_line  # noqa: F401  (the escapes live in gpia.text)


def table_cell(text: str) -> str:
    """A code span for a GitHub table cell: `|` is escaped, as the cell would otherwise end there."""
    return code(text).replace("|", "\\|")
