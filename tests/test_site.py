"""The built site: every record is on it, data text stays text, and bad data builds nothing."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from gpia.knowledge_base import load_knowledge_base
from gpia.model.urls import page_of, url_of

from conftest import NO_SOURCES, ROOT, SOURCES, copy_data, mkdocs_build, write, without_sic


def page_text(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def visible(markup: str) -> str:
    """Text as a reader sees it: tags removed, entities decoded, spaces collapsed."""
    markup = without_sic(markup)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def test_every_requirement_is_on_its_rows_page_verbatim_with_its_anchor(built_site: Path) -> None:
    kb = load_knowledge_base(ROOT, SOURCES).knowledge_base
    assert kb is not None
    for r in kb.requirements.values():
        folder = "governance" if kb.tables[r.table].kind == "governance" else "commitments"
        assert url_of(kb, r.id) == f"{folder}/{r.area}/#{r.id}"
        markup = page_text(built_site, f"{folder}/{r.area}")
        assert f'id="{r.id}"' in markup, r.id
        assert " ".join(r.text.split()) in visible(markup), r.id


def test_every_faq_is_a_heading_with_its_permalink_on_its_section_page(built_site: Path) -> None:
    kb = load_knowledge_base(ROOT, SOURCES).knowledge_base
    assert kb is not None
    for q in kb.questions.values():
        markup = page_text(built_site, f"faq/{q.section}")
        heading = re.search(rf'<h2 id="{q.id}">(.*?)</h2>', markup, re.S)
        assert heading, q.id
        assert visible(heading.group(1)).startswith(q.question)
        assert f'href="#{q.id}"' in heading.group(1)
        for block in q.answer:
            for text in ([block.text] if block.text else list(block.items)):
                assert " ".join(text.split()) in visible(markup), q.id


def test_the_faq_list_links_every_question_under_its_section(built_site: Path) -> None:
    kb = load_knowledge_base(ROOT, SOURCES).knowledge_base
    assert kb is not None
    markup = page_text(built_site, "faq")
    for s in kb.faq_sections.values():
        assert f'<h2 class="gpia-list-group" id="list-{s.id}"><a href="../faq/{s.id}/">' in markup, s.id
        for q in s.questions:
            assert f'<li><a href="../faq/{s.id}/#{q.id}">' in markup, q.id
    assert "gpia-pager" not in markup  # nine questions fit on one page


def test_every_record_is_at_the_url_its_id_gives(built_site: Path) -> None:
    """Every record of every kind: the page url_of names exists and carries the record's anchor."""
    kb = load_knowledge_base(ROOT, SOURCES).knowledge_base
    assert kb is not None
    ids = [*kb.sources, *kb.versions, *kb.tables, *kb.areas, *kb.requirements, *kb.clauses, *kb.schedules,
           *kb.agreements, *kb.terms, *kb.citations, *kb.faq_sections, *kb.questions]
    pages: dict[str, str] = {}
    for record_id in ids:
        page = page_of(kb, record_id)
        if page not in pages:
            pages[page] = page_text(built_site, page.rstrip("/"))
        assert f'id="{record_id}"' in pages[page], (page, record_id)
        assert url_of(kb, record_id) in (page, f"{page}#{record_id}")


def test_sources_page_counts_come_from_the_data(built_site: Path) -> None:
    row = re.search(r'<tr id="icp-2019-faqs">(.*?)</tr>', page_text(built_site, "sources"), re.S)
    assert row
    cells = [visible(c) for c in re.findall(r"<td>(.*?)</td>", row.group(1), re.S)]
    assert cells[-2:] == ["2 tables, 26 requirements, 9 FAQs", "historical"]


def test_home_page_says_the_guidance_is_historical(built_site: Path) -> None:
    text = visible(page_text(built_site, "."))
    # Said once on a phone's first screen: by the banner, not again by a box on the home page.
    assert text.count("Historical guidance") == 1
    assert "Everything quoted here comes from two documents: " in text and "Both are historical." in text
    assert "57 requirements from 4 printed tables, 9 FAQs" in text


def test_no_third_party_requests_in_pages(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        markup = page.read_text(encoding="utf-8")
        for url in re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?:)?//([^"/]+)', markup):
            raise AssertionError(f"{page}: loads from {url[1]}")
        assert "fonts.googleapis" not in markup


HOSTILE = {
    "jinja": "{{ 7*7 }} and {% include 'x' %}",
    "script": "<script>alert('owned')</script>",
    "markdown": "**bold** [link](javascript:alert(1)) {: #spoof }",
}


def _set_summary(root: Path, schedule: str, yaml_value: str) -> None:
    path = root / "clauses" / "schedules" / f"{schedule}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^  summary:.*(\n    .*)*", lambda _: "  summary: " + yaml_value, text), encoding="utf-8")


# Two schedules' summaries carry markup, each checked on its own page: one build for both tests.
BLANK_LINES = r'"Our words.\n\n[link](javascript:alert(2))\n\n# Spoofed heading\n\n<b>bold</b>"'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_data(tmp_path_factory.mktemp("hostile-text") / "kb")
    _set_summary(root, "schedule-5-kpis", _yaml_quote(" | ".join(HOSTILE.values())))
    _set_summary(root, "schedule-care-model", BLANK_LINES)
    site = root.parent / "site"
    result = mkdocs_build(site, root, NO_SOURCES)
    assert result.returncode == 0, result.stderr
    return site


def test_data_text_is_shown_as_text_not_run(hostile_site: Path) -> None:
    markup = page_text(hostile_site, "schedules/schedule-5-kpis")
    assert "{{ 7*7 }}" in markup and "49" not in visible(markup).split("{{ 7*7 }}")[0][-5:]
    assert "&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt;" in markup
    assert "<script>alert(" not in markup
    assert 'href="javascript:' not in markup
    assert "**bold** [link](javascript:alert(1)) {: #spoof }" in visible(markup)


def test_blank_lines_in_data_text_do_not_end_its_html(hostile_site: Path) -> None:
    """A blank line in a value must not let the rest of it out of its HTML block as Markdown."""
    markup = page_text(hostile_site, "schedules/schedule-care-model")
    assert 'href="javascript:' not in markup and "<b>bold</b>" not in markup
    assert not re.search(r"<h[1-6][^>]*>Spoofed heading", markup)
    assert "Our words.&#10;&#10;[link](javascript:alert(2))&#10;&#10;# Spoofed heading&#10;&#10;&lt;b&gt;bold&lt;/b&gt;" \
        in markup


def _yaml_quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_bad_data_builds_nothing(tmp_path: Path) -> None:
    root = copy_data(tmp_path / "kb")
    write(root, "clauses/schedules/schedule-5-kpis.yaml",
          (ROOT / "clauses/schedules/schedule-5-kpis.yaml").read_text(encoding="utf-8").replace("title:", "titel:", 1))
    site = tmp_path / "site"
    result = mkdocs_build(site, root, NO_SOURCES)
    assert result.returncode != 0
    assert "clauses/schedules/schedule-5-kpis.yaml:" in result.stderr
    assert "unknown field 'titel'" in result.stderr
    assert not (site / "index.html").exists()
