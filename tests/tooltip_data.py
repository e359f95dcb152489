"""A copy of the glossary whose tooltip texts carry markup: shared by tests/test_tooltips.py and
tests/browser/test_tooltips.py.

The schema allows any text in a term's `term` and `definition`, so both get a blank line and then
script, an image with an onerror handler, a quote that would end an attribute, a Markdown link and
Jinja syntax. An abbreviation must be one line of a few plain characters (glossary.json); the added
one uses the two of them that HTML escapes, "&" and "'".
"""
from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import NO_SOURCES, copy_data, mkdocs_build, shared_folder
from gpia.load.problems import Problem
from gpia.load.yaml_loader import load_yaml_file

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)',
    "[a link](https://evil.example/)",
    "{{ 7*7 }}",
)
HOSTILE = "\n\n" + " ".join(PAYLOADS)
ABBREVIATION = "H&X'Q"  # the added term's
ICP_TERM = "integrated care provider" + HOSTILE  # the real term-icp, poisoned
ADDED_TERM = "hostile test term" + HOSTILE
ADDED_DEFINITION = f"A term that uses {ABBREVIATION} and an ICP." + HOSTILE


def one_line(text: str) -> str:
    """What a tooltip shows: the text with its whitespace, blank lines included, collapsed."""
    return " ".join(text.split())


# What each abbreviation's tooltip must show, exactly.
TITLES = {"ICP": one_line(ICP_TERM), ABBREVIATION: one_line(ADDED_TERM)}


def poison_glossary(root: Path) -> None:
    """Rewrite clauses/glossary.yaml under `root` (a copy from conftest.copy_data): term-icp's term
    gets the payloads, and a term with the abbreviation H&X'Q is added, payloads in its term and
    definition."""
    file = root / "clauses" / "glossary.yaml"
    document = load_yaml_file(file, "clauses/glossary.yaml")
    assert not isinstance(document, Problem), str(document)
    terms = document.data["terms"]
    icp = next(t for t in terms if t["id"] == "term-icp")
    icp["term"] = ICP_TERM
    terms.append({"id": "term-hostile", "term": ADDED_TERM, "abbreviation": ABBREVIATION,
                  "definition": ADDED_DEFINITION, "last_reviewed": icp["last_reviewed"]})
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    comments = "".join(itertools.takewhile(lambda line: line.startswith("#"), lines))
    file.write_text(comments + yaml.safe_dump(document.data, allow_unicode=True, sort_keys=False, width=10_000),
                    encoding="utf-8")


def replace_abbreviation(root: Path, term_id: str, abbreviation: str) -> int:
    """Set one term's abbreviation in the copy's glossary; return the line it is on."""
    file = root / "clauses" / "glossary.yaml"
    text = file.read_text(encoding="utf-8")
    start = text.index(f"- id: {term_id}\n")
    found = re.compile(r"^    abbreviation: .*$", re.MULTILINE).search(text, start)
    assert found, term_id
    # A JSON string is a YAML double-quoted one, on one line whatever it holds.
    file.write_text(text[:found.start()] + "    abbreviation: " + json.dumps(abbreviation) + text[found.end():],
                    encoding="utf-8")
    return text.count("\n", 0, found.start()) + 1


def poisoned_glossary_site(factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The site built with --strict from a copy of the data with the poisoned glossary, and the
    Markdown of every page as it was handed to Python-Markdown (GPIA_DUMP_MARKDOWN): built once per
    test run for both test files (conftest.shared_folder)."""
    def build(folder: Path) -> None:
        root = copy_data(folder / "kb")
        poison_glossary(root)
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("GPIA_DUMP_MARKDOWN", str(folder / "markdown"))
            result = mkdocs_build(folder / "site", root, NO_SOURCES)  # no sources: the verbatim check is skipped
        assert result.returncode == 0, result.stderr

    folder = shared_folder(factory, "poisoned-glossary", build)
    return folder / "site", folder / "markdown"
