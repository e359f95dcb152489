""""Edit this data": every data-driven page names the YAML behind it, linked when edit_base is set."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gpia.pages.build_views import build_views
from gpia.pages.context import load_context
from gpia.views.common import checked_edit_base, reviewed
from gpia.views.pages import record_page

from conftest import ROOT

BASE = "https://github.com/example-org/gpia/edit/main/"


def test_without_edit_base_the_path_is_shown_as_code() -> None:
    assert reviewed("2026-11-25", "faq/01-introduction.yaml") == (
        '<p class="gpia-reviewed" data-search-exclude>Last reviewed 2026-11-25 · data: <code>faq/01-introduction.yaml</code></p>')


def test_with_edit_base_it_is_an_edit_link() -> None:
    assert reviewed("2026-11-25", "faq/01-introduction.yaml", BASE) == (
        '<p class="gpia-reviewed" data-search-exclude>Last reviewed 2026-11-25 · <a class="gpia-edit" '
        'href="https://github.com/example-org/gpia/edit/main/faq/01-introduction.yaml">Edit this data</a> '
        "(<code>faq/01-introduction.yaml</code>)</p>")


@pytest.mark.parametrize("edit_base, expected", [
    (None, '<p class="gpia-reviewed" data-search-exclude>Data: <code>clauses/a.yaml</code>, <code>clauses/b.yaml</code></p>'),
    (BASE, '<p class="gpia-reviewed" data-search-exclude>Edit this data: '
           f'<a class="gpia-edit" href="{BASE}clauses/a.yaml"><code>clauses/a.yaml</code></a>, '
           f'<a class="gpia-edit" href="{BASE}clauses/b.yaml"><code>clauses/b.yaml</code></a></p>'),
])
def test_page_level_list_of_data_files(edit_base: str | None, expected: str) -> None:
    from gpia.knowledge_base import load_or_raise
    view = build_views(load_or_raise(ROOT, check_wording=False), edit_base).view()
    # For contributors, behind a disclosure: the reader's page is not about its data files.
    assert view.data_files(["clauses/a.yaml", "clauses/b.yaml"]) == (
        '<details class="gpia-contributors" data-search-exclude><summary>For contributors</summary>'
        f"{expected}</details>")


@pytest.mark.parametrize("value, expected", [
    (None, None), ("", None), (BASE, BASE), (BASE.rstrip("/"), BASE)])
def test_edit_base_is_normalised(value: str | None, expected: str | None) -> None:
    assert checked_edit_base(value) == expected


@pytest.mark.parametrize("value", ["http://example.org/edit/", "javascript:alert(1)", 5])
def test_edit_base_must_be_https(value: Any) -> None:
    with pytest.raises(ValueError, match=r"edit_base \(the gpia plugin's option in mkdocs.yml, or GPIA_EDIT_BASE\) must be "
                                         r"an https:// URL such as https://github.com/ORG/REPO/edit/main/, not "):
        checked_edit_base(value)


@pytest.mark.parametrize("extra, environment, expected", [
    ({}, None, "data: <code>faq/01-introduction.yaml</code>"),
    ({"edit_base": BASE}, None, f'<a class="gpia-edit" href="{BASE}faq/01-introduction.yaml">Edit this data</a>'),
    ({}, BASE, f'<a class="gpia-edit" href="{BASE}faq/01-introduction.yaml">Edit this data</a>'),
])
def test_the_build_reads_edit_base_from_mkdocs_yml_or_the_environment(
        monkeypatch: pytest.MonkeyPatch, extra: dict, environment: str | None, expected: str) -> None:
    monkeypatch.setenv("GPIA_SKIP_WORDING", "1")
    if environment:
        monkeypatch.setenv("GPIA_EDIT_BASE", environment)
    else:
        monkeypatch.delenv("GPIA_EDIT_BASE", raising=False)
    # What the gpia plugin does with its edit_base option, and gpia.pages.write with the config it reads.
    context = load_context(ROOT, extra.get("edit_base"))
    assert expected in record_page(context.views.view(), "faq-section", "faq-section-introduction")
    assert expected.replace("faq/01-introduction.yaml", "clauses/glossary.yaml") in \
        record_page(context.views.view(), "term", "term-icp")


DATA_PAGES = ["governance", "commitments", "faq", "faq/faq-section-introduction", "compare", "compare/icp-2019-int-workforce", "clauses", "schedules", "schedules/schedule-5-kpis",
              "traceability", "checklist", "agreements", "glossary", "sources",
              "agreements/gp-ia", "glossary/term-icp", "clauses/clause-4-1-b", "sources/cite-health-and-care-act-2022"]


@pytest.mark.parametrize("page", DATA_PAGES)
def test_every_data_driven_page_names_its_yaml(built_site: Path, page: str) -> None:
    markup = (built_site / page / "index.html").read_text(encoding="utf-8")
    assert '<p class="gpia-reviewed" data-pagefind-ignore>' in markup
    assert "<code>clauses/" in markup or "<code>faq/" in markup
    assert "gpia-edit" not in markup  # no edit_base in mkdocs.yml: no links
