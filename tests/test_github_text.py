"""Text for GitHub: code spans that data cannot close, and log lines the Actions runner will not run."""
from __future__ import annotations

import re

import pytest

from gpia.tools.github_text import code, log_line, log_text, one_line, table_cell

# Texts a pull request could put in the data.
HOSTILE = [
    "plain", "", " ", "   ", " lead", "trail ", " both ", "`", "``", "a`b", "``x``", "x```y", "`start", "end`",
    "[x](https://evil)", "![i](https://evil/i.png)", "@org/team", "@someone please", "<img src=x>",
    "<script>alert(1)</script>", "https://evil.example/path", "www.evil.example", "a|b|c", "\\|", "a\\",
    "line one\nline two", "para\n\n- list", "cr\ronly", "crlf\r\nend", "::warning file=x::pwned", "::add-mask::secret",
    "##[add-mask]secret", "###[x]", "x ##[error]y ##[z", "<!-- -->", "&amp; &#64;", "*em* _u_ ~~s~~ #1 :smile:",
    "\t::error::tab", "` `", " ` ", "`` ` ``",
]


def backtick_run(text: str, at: int) -> int:
    end = at
    while end < len(text) and text[end] == "`":
        end += 1
    return end - at


def read_span(text: str, at: int) -> tuple[str, int]:
    """A CommonMark code span starting at `at` (spec 0.31, 6.1): its content and where it ends."""
    n = backtick_run(text, at)
    assert n, text[at:]
    i = at + n
    while i < len(text):
        if text[i] == "`":
            m = backtick_run(text, i)
            if m == n:
                content = text[at + n:i]
                content = re.sub(r"\r\n|\r|\n", " ", content)
                if content.startswith(" ") and content.endswith(" ") and content.strip(" "):
                    content = content[1:-1]
                return content, i + m
            i += m
        else:
            i += 1
    raise AssertionError(f"no closing backtick string of length {n} in {text!r}")


def read_spans(markdown: str) -> str:
    """What GitHub shows for `code(...)`: one or more code spans kept apart by HTML comments."""
    shown, at = "", 0
    while True:
        content, at = read_span(markdown, at)
        shown += content
        if at == len(markdown):
            return shown
        assert markdown.startswith("<!-- -->", at), markdown[at:]
        at += len("<!-- -->")


def runner_would_run(line: str) -> bool:
    """Whether the Actions runner reads the line as a workflow command (ActionCommand.TryParseV2
    and, for the older form, TryParse: `::name ...::data` after leading white space, or
    `##[name ...]data` anywhere)."""
    stripped = line.lstrip()
    if stripped.startswith("::") and "::" in stripped[2:]:
        return True
    start = line.find("##[")
    return start >= 0 and "]" in line[start:]


@pytest.mark.parametrize("text, markdown", [
    ("plain", "`plain`"),
    ("a`b", "``a`b``"),
    ("``x``", "``` ``x`` ```"),
    (" x ", "`  x  `"),
    (" lead", "`  lead `"),
    ("   ", "`   `"),
    ("", "` `"),
    ("[x](https://evil) @org/team <img src=x>", "`[x](https://evil) @org/team <img src=x>`"),
    ("line\n::add-mask::x", "`line\\n::add-mask::x`"),
    ("a\r\nb\rc", "`a\\r\\nb\\rc`"),
    ("##[error]x", "`#`<!-- -->`#[error]x`"),
])
def test_code_span(text: str, markdown: str) -> None:
    assert code(text) == markdown


@pytest.mark.parametrize("text", HOSTILE, ids=repr)
def test_no_text_closes_its_code_span_or_holds_a_command(text: str) -> None:
    markdown = code(text)
    assert read_spans(markdown) == (one_line(text) or " ")  # an empty text shows as one space
    assert "\n" not in markdown and "\r" not in markdown
    assert "##[" not in markdown and not runner_would_run(markdown)


@pytest.mark.parametrize("text", HOSTILE, ids=repr)
def test_table_cell_is_one_cell(text: str) -> None:
    cell = table_cell(text)
    # GitHub splits a row at each `|` that has no backslash before it, then drops those backslashes.
    assert not re.search(r"(?<!\\)\|", cell)
    assert read_spans(re.sub(r"\\\|", "|", cell)) == read_spans(code(text))


def test_table_cell_escapes_pipes() -> None:
    assert table_cell('must be "a" | "b"') == '`must be "a" \\| "b"`'
    assert table_cell("a\\|b") == "`a\\\\|b`"


@pytest.mark.parametrize("line, logged", [
    ("::warning file=x::pwned", "%3A%3Awarning file=x::pwned"),
    ("  ::add-mask::secret", "  %3A%3Aadd-mask::secret"),
    ("\t::error::x", "\t%3A%3Aerror::x"),
    ("\u3000::stop-commands::t", "\u3000%3A%3Astop-commands::t"),  # .NET's TrimStart removes any white space
    ("see ##[error]x", "see ##%5Berror]x"),
    ("path:1:2: '::warning::x'", "path:1:2: '::warning::x'"),  # not at the start: printed as it is
    ("plain", "plain"),
])
def test_log_line(line: str, logged: str) -> None:
    assert log_line(line) == logged
    assert not runner_would_run(log_line(line))


def test_log_text_escapes_every_line() -> None:
    assert log_text("a\n::b::c\r\n::d::e\r ::f::g") == "a\n%3A%3Ab::c\n%3A%3Ad::e\n %3A%3Af::g"


def test_one_line() -> None:
    assert one_line("a\nb\r\nc\rd") == "a\\nb\\r\\nc\\rd"
