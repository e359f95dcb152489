"""A YAML syntax error explained in an officer's terms, at the line of the slip that caused it.

PyYAML reports where parsing gave up, which is often lines after the slip: an unclosed quote runs
on to the next quotation mark in the file, an unclosed bracket to the next `]`. This module looks
at the text for the usual slips (a tab, an unclosed quote or bracket, an unquoted `: `, a line
indented differently from its neighbours) and names the one it finds, with its fix.
"""
from __future__ import annotations

import re

import yaml

# `key: ` or `- ` (or both) before a value, at the start of a line.
_VALUE_START = re.compile(r"^( *)(- +)?([A-Za-z_][\w-]*: +)?")
_KEY = re.compile(r"^( *)(- +)?[A-Za-z_][\w-]*:( |$)")


def explain(text: str, error: yaml.MarkedYAMLError) -> tuple[int, int, str]:
    """(line, column, message), 1-based, for a YAML syntax error in text."""
    lines = text.split("\n")
    mark = error.problem_mark or error.context_mark
    at = mark.line if mark else 0
    problem = (error.problem or "").strip()
    context = (error.context or "").strip()
    for index, line in enumerate(lines[:at + 1]):
        indent = line[:len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            return index + 1, indent.index("\t") + 1, (
                "this line is indented with a tab; YAML needs spaces, so replace the tab with spaces, "
                "lining the line up with the one above")
    quote = _unclosed_quote(lines[:at + 1])
    if quote:
        return quote
    if "flow" in context and error.context_mark is not None:
        line, col = error.context_mark.line, error.context_mark.column
        opened = lines[line][col:col + 1] if line < len(lines) else "["
        closing = "]" if opened == "[" else "}"
        return line + 1, col + 1, (
            f"this '{opened}' starts a list that is not closed with '{closing}'; add '{closing}' at the end of "
            f"the list, or, if the text itself starts with '{opened}', put the whole value in double quotes")
    if mark is None:
        return 1, 1, _generic(problem, context)
    line = lines[at] if at < len(lines) else ""
    previous = next((lines[i] for i in range(at - 1, -1, -1) if lines[i].strip() and not lines[i].lstrip().startswith("#")), "")
    indent, before = _indent(line), _indent(previous)
    if problem.startswith("mapping values are not allowed"):
        if _KEY.match(line) and indent > before and _KEY.match(previous) and not previous.rstrip().endswith(":"):
            return at + 1, 1, (
                f"this line is indented {indent} spaces, more than the field above it ({before}), so YAML reads it "
                f"as more of that field's text; indent it {before} spaces, like the line above")
        start = _VALUE_START.match(line)
        key = (start.group(3) or "").strip()
        value = line[start.end():]
        if key and ": " in value + " ":
            shown = value if len(value) <= 40 else value[:37] + "…"
            return at + 1, mark.column + 1, (
                f"the text after '{key}' contains ': ', which YAML reads as the start of a new field; put the "
                f"whole text in double quotes: {key} \"{shown}\"")
    if _KEY.match(line) or line.lstrip().startswith("- "):
        if indent != before:
            return at + 1, 1, (
                f"this line is indented {indent} spaces and the line above {before}; YAML reads the indentation "
                "as what belongs to what, so line it up with the fields of the same record (copy the "
                "indentation of the lines around it)")
    return at + 1, mark.column + 1, _generic(problem, context)


def _unclosed_quote(lines: list[str]) -> tuple[int, int, str] | None:
    for index, line in enumerate(lines):
        start = _VALUE_START.match(line)
        rest = line[start.end():]
        if not rest[:1] in ("\"", "'"):
            continue
        quote = rest[0]
        body = rest[1:]
        closed = re.search(r'(?<!\\)"', body) if quote == '"' else re.search(r"'(?!')", body.replace("''", "\0\0"))
        if closed is None:
            return index + 1, start.end() + 1, (
                f"this value opens a quotation mark ({quote}) that is not closed on its line; end the text with "
                f"{quote} (a {quote} inside the text is written {_escaped(quote)})")
    return None


def _escaped(quote: str) -> str:
    return '\\"' if quote == '"' else "''"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _generic(problem: str, context: str) -> str:
    said = f"{problem} {context}".strip() or "invalid YAML"
    return (f"YAML syntax error: {said}; check the indentation and quoting here "
            "(text containing ': ' or starting with [ { ' \" * & ! | > needs quotes)")
