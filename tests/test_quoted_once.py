"""Each quotation once: no page of the built site shows a run of 40 words of a source twice.

A page quotes the passage its words rest on (a paragraph, list item or row) and links to the whole
answer; the whole answer is quoted in full only on its own FAQ page and in the source's own text.
Only the comparisons, whose two columns show the same wording side by side by design, and each
source's whole-text page are left out. Pages are read with an HTML parser (lxml), as a reader sees
their main content: scripts, styles and our [sic] marks left out.
"""
from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import lxml.html
import pytest
from conftest import SOURCES

RUN = 40  # words
# The comparisons show the older and newer wording side by side; a source's whole text is itself.
EXEMPT = re.compile(r"\A(compare/.*|sources/[^/]+/read/)\Z")
WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower().replace("’", "'"))


def runs(tokens: list[str]) -> list[tuple[str, ...]]:
    return [tuple(tokens[i:i + RUN]) for i in range(len(tokens) - RUN + 1)]


@pytest.fixture(scope="module")
def source_runs() -> frozenset[tuple[str, ...]]:
    folder = Path(os.environ.get("GPIA_SOURCES_DIR") or SOURCES)
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    assert texts, f"no source extracts in {folder}"
    return frozenset(run for text in texts for run in runs(words(text)))


def main_text(path: Path) -> str:
    """The text of a page's main content as a reader sees it (each element's text apart)."""
    tree = lxml.html.fromstring(path.read_bytes())
    main = tree.find_class("md-content__inner") or [tree]
    for element in main[0].xpath(".//script | .//style | .//*[contains(concat(' ', @class, ' '), ' gpia-sic ')]"):
        element.drop_tree()
    return " ".join(main[0].itertext())


def repeated(text: str, source_runs: frozenset[tuple[str, ...]]) -> list[str]:
    """The stretches of source wording (runs of 40 words or more) that `text` shows more than once,
    each as its first words and how many times."""
    shown = [run if run in source_runs else None for run in runs(words(text))]
    counts = Counter(run for run in shown if run)
    starts = [run for before, run in zip([None, *shown], shown) if run and counts[run] > 1
              and not (before and counts[before] > 1)]
    return [f"{counts[run]}x “{' '.join(run[:12])}…”" for run in dict.fromkeys(starts)]


def test_the_check_finds_a_quotation_shown_twice(source_runs: frozenset[tuple[str, ...]]) -> None:
    passage = " ".join(next(iter(sorted(source_runs))))
    assert repeated(f"<p>{passage}</p> our words <p>{passage}</p>", source_runs)
    assert repeated(f"{passage} and {passage[:-30]}", source_runs) == []


def test_no_page_shows_a_run_of_forty_source_words_twice(built_site: Path,
                                                         source_runs: frozenset[tuple[str, ...]]) -> None:
    problems = []
    for path in sorted(built_site.rglob("index.html")):
        url = path.parent.relative_to(built_site).as_posix() + "/"
        if url == "./" or not EXEMPT.match(url):
            found = repeated(main_text(path), source_runs)
            if found:
                problems.append(f"/{'' if url == './' else url}: " + "; ".join(found[:3])
                                + (f" (and {len(found) - 3} more)" if len(found) > 3 else ""))
    assert problems == [], "\n".join(problems)
