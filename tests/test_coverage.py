"""The words that name the versions the guide covers (gpia.views.coverage) and the rules of English
every count and list follows (gpia.views.wording), on the real data and on the built site."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import NO_SOURCES, ROOT, copy_data, mkdocs_build, page, visible
from gpia.model.coverage import coverage
from gpia.model.records import KnowledgeBase
from gpia.pages.write import engine_config
from gpia.views import coverage as words
from gpia.views.templating import ENVIRONMENT
from gpia.views.wording import counted, listed


@pytest.mark.parametrize(("n", "singular", "plural", "expected"), [
    (0, "is new", "are new", "0 are new"), (1, "is new", "are new", "1 is new"), (8, "is new", "are new", "8 are new"),
    (1, "bullet", None, "1 bullet"), (2, "bullet", None, "2 bullets"), (1, "derives", "derive", "1 derives"),
])
def test_a_count_agrees_with_its_number(n: int, singular: str, plural: str | None, expected: str) -> None:
    assert counted(n, singular, plural) == expected
    template = '{{ n | counted(s) }}' if plural is None else '{{ n | counted(s, p) }}'
    assert ENVIRONMENT.from_string(template).render(n=n, s=singular, p=plural) == expected


@pytest.mark.parametrize(("items", "expected"), [
    ([], ""), (["a"], "a"), (["a", "b"], "a and b"), (["a", "b", "c"], "a, b and c")])
def test_names_are_listed_as_a_sentence_lists_them(items: list[str], expected: str) -> None:
    assert listed(items) == expected


def test_the_versions_are_read_from_the_data(kb: KnowledgeBase) -> None:
    c = coverage(kb)
    assert [v.id for v in c.versions] == list(kb.versions)
    assert c.current.id == list(kb.versions)[-1]
    assert [v.published for v in c.versions] == [kb.sources[v.source].published for v in kb.versions.values()]
    assert c.historical == all(kb.sources[v.source].status == "historical" for v in kb.versions.values())
    assert words.years(kb) == listed(v.year for v in c.versions)


def test_the_frame_of_the_real_site_names_its_versions(built_site: Path, kb: KnowledgeBase) -> None:
    html = page(built_site, ".")
    banner = re.search(r'<p class="gpia-announce">(.*?)</p>', html, re.S)
    assert banner and visible(banner.group(1)) == (
        "Historical guidance. This guide covers guidance published in December 2016 (MCP 2016) and August 2019 "
        "(ICP 2019). Check current policy before relying on it.")
    footer = re.search(r'<div class="md-copyright__highlight">(.*?)</div>', html, re.S)
    assert footer and visible(footer.group(1)) == (
        "Source wording is quoted from publications of NHS England (2016) and NHS England and NHS Improvement "
        "(2019). Explanations and examples are the guide's own words and are labelled as such.")
    assert visible(re.search(r'<meta name="description" content="([^"]*)">', html).group(1)) == words.description(kb)
    text = visible(html)
    assert ("Everything quoted here comes from two documents: The multispecialty "
            "community provider (MCP) template Integration Agreement – overview (NHS England, December 2016; the "
            "guide's MCP 2016) and GP Integration Agreement FAQs (NHS England and NHS Improvement, August 2019; the "
            "guide's ICP 2019). Both are historical.") in text


def test_hostile_names_are_shown_as_text_in_the_frame_and_on_the_home_page(tmp_path: Path) -> None:
    root = copy_data(tmp_path / "kb")
    publisher = "NHS <script>alert('owned')</script> **England** {{ 7*7 }}"
    label = 'ICP "2019" <i>x</i> [y](javascript:alert(1))'
    sources = root / "clauses/sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace(
        "    publisher: NHS England\n", f"    publisher: {_quoted(publisher)}\n", 1), encoding="utf-8")
    versions = root / "clauses/versions.yaml"
    versions.write_text(versions.read_text(encoding="utf-8").replace(
        "    label: ICP 2019\n", f"    label: {_quoted(label)}\n", 1), encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(site, root, NO_SOURCES)
    assert result.returncode == 0, result.stderr
    html = page(site, ".")
    assert "<script>alert(" not in html and "<i>x</i>" not in html and 'href="javascript:' not in html
    text = visible(html)
    assert f"({label})" in visible(re.search(r'<p class="gpia-announce">(.*?)</p>', html, re.S).group(1))
    assert f"publications of {publisher} (2016)" in visible(
        re.search(r'<div class="md-copyright__highlight">(.*?)</div>', html, re.S).group(1))
    assert f"({publisher}, December 2016; the guide's MCP 2016)" in text
    # The task list's comparison names the pair /compare/ shows.
    assert f"The MCP 2016 and {label} requirements side by side" in text


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_a_config_written_for_other_engines_carries_the_frames_texts(kb: KnowledgeBase, tmp_path: Path) -> None:
    config = engine_config(ROOT / "mkdocs.yml", tmp_path / "docs", tmp_path / "site", tmp_path / "mkdocs.yml", kb=kb)
    assert config["site_description"] == words.description(kb)
    assert config["extra"]["gpia_site"]["banner"].startswith("This guide covers guidance published in ")
    # Printed as HTML by a theme without the guide's overrides: escaped.
    assert config["copyright"] == words.footer(kb).replace("'", "&#x27;")
