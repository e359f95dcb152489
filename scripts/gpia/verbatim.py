"""Check that every field meant to be NHS wording appears, word for word, in its source.

The extracts keep PDF tables as HTML lists and break some sentences across pages, so both
sides are compared after removing markup and collapsing white space; nothing else is forgiven.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .jsonpaths import Pattern, find
from .problems import Problem
from .records import QUOTE_PLACES
from .yaml_loader import YamlDocument

_MARKUP = [
    (re.compile(r"<[^>]+>"), " "),
    (re.compile(r"\[([^\]]+)\]\(#\)"), r"\1"),
    (re.compile(r"\*\*"), ""),
    (re.compile(r"•"), " "),
]
_SPACE = re.compile(r"\s+")

# (file kind, where the verbatim text is, where its source id is, relative to the file)
_FILE_SOURCE: tuple[tuple[str, Pattern, Pattern], ...] = (
    ("requirement-table", ("areas", "*", "requirements", "*", "text"), ("source",)),
    ("requirement-table", ("areas", "*", "title"), ("source",)),
    ("requirement-table", ("section",), ("source",)),
    ("requirement-table", ("column_heading",), ("source",)),
    ("faq-section", ("section", "title"), ("section", "source")),
    ("faq-section", ("questions", "*", "question"), ("section", "source")),
    ("faq-section", ("questions", "*", "answer", "*", "paragraph"), ("section", "source")),
    ("faq-section", ("questions", "*", "answer", "*", "numbered", "*"), ("section", "source")),
)


def normalise(text: str) -> str:
    # Most data text has no markup at all: skip the four substitutions for it.
    if any(c in text for c in "<[*•"):
        for pattern, replacement in _MARKUP:
            text = pattern.sub(replacement, text)
    return _SPACE.sub(" ", text).strip()


def load_source_texts(sources_dir: Path, docs: list[tuple[str, YamlDocument]]) -> dict[str, str]:
    """Normalised text of each source record whose file exists in sources_dir, by source id."""
    texts: dict[str, str] = {}
    for kind, doc in docs:
        if kind != "sources":
            continue
        for _, record in find(doc.data, ("sources", "*")):
            if isinstance(record, dict) and isinstance(record.get("file"), str):
                file = sources_dir / record["file"]
                if file.is_file():
                    texts[str(record.get("id"))] = normalise(file.read_text(encoding="utf-8"))
    return texts


def verbatim_problems(docs: list[tuple[str, YamlDocument]], texts: dict[str, str]) -> list[Problem]:
    problems: list[Problem] = []
    for kind, doc in docs:
        checks: list[tuple[tuple[Any, ...], Any, Any]] = []
        for file_kind, pattern, source_at in _FILE_SOURCE:
            if file_kind == kind:
                source = next((value for _, value in find(doc.data, source_at)), None)
                checks.extend((path, value, source) for path, value in find(doc.data, pattern))
        for file_kind, pattern in QUOTE_PLACES:
            if file_kind == kind:
                for path, quote in find(doc.data, pattern):
                    if isinstance(quote, dict):
                        for field in ("text", "section"):
                            if field in quote:
                                checks.append((path + (field,), quote[field], quote.get("source")))
        for path, value, source in checks:
            if isinstance(value, str) and isinstance(source, str) and source in texts:
                problem = _compare(doc, path, value, source, texts[source])
                if problem:
                    problems.append(problem)
    return problems


def _compare(doc: YamlDocument, path: tuple[Any, ...], value: str, source: str, text: str) -> Problem | None:
    wanted = normalise(value)
    if wanted in text:
        return None
    # Longest prefix that does occur, to show the author where the copy goes wrong.
    low, high = 0, len(wanted)
    while low < high:
        mid = (low + high + 1) // 2
        if wanted[:mid] in text:
            low = mid
        else:
            high = mid - 1
    field = path[-1] if isinstance(path[-1], str) else path[-2]
    shown = wanted[:low] if low <= 40 else "…" + wanted[low - 40:low].split(" ", 1)[-1]
    where = f"it matches up to \"{shown}\" and then differs" if low else "no part of its start matches"
    return doc.origin(path).problem(
        f"'{field}' is not word for word in source '{source}' ({where}); copy the wording exactly "
        "from the source, or move our own words to a summary or note field")
