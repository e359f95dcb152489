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
"""
from __future__ import annotations

import re

from gpia.text import log_line, log_text, one_line  # noqa: F401  (the escapes for log lines live in gpia.text)

_BACKTICKS = re.compile(r"`+")
# Where "##[" would be: the split goes between the two "#".
_LEGACY_COMMAND = re.compile(r"(?<=#)(?=#\[)")


def code(text: str) -> str:
    """The text as a GitHub Markdown code span that no text can close or break out of."""
    text = one_line(text)
    # "##[" is split over two adjacent spans (an HTML comment, which GitHub drops, keeps them
    # apart), so that not even the Markdown source holds a workflow command (see log_text).
    return "<!-- -->".join(_span(part) for part in _LEGACY_COMMAND.split(text))


def _span(text: str) -> str:
    if not text:
        return "` `"
    fence = "`" * (1 + max((len(run) for run in _BACKTICKS.findall(text)), default=0))
    # CommonMark removes one space from each end of a span that has them: pad a text that begins or
    # ends with a space or backtick (a backtick there would join the fence) so that it stays whole.
    # A text of spaces only is kept as it is.
    pad = " " if text[0] in "` " or text[-1] in "` " else ""
    if not text.strip(" "):
        pad = ""
    return f"{fence}{pad}{text}{pad}{fence}"


def table_cell(text: str) -> str:
    """A code span for a GitHub table cell: `|` is escaped, as the cell would otherwise end there."""
    return code(text).replace("|", "\\|")
