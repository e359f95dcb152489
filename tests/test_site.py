"""The built site: every record is on it, data text stays text, and bad data builds nothing."""
from __future__ import annotations

import html
import re
from pathlib import Path

from gpia.load import load_knowledge_base

from conftest import NO_SOURCES, ROOT, SOURCES, copy_data, mkdocs_build, write


def page_text(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def visible(markup: str) -> str:
    """Text as a reader sees it: tags removed, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def test_every_requirement_is_on_its_page_verbatim_with_its_anchor(built_site: Path) -> None:
    kb = load_knowledge_base(ROOT, SOURCES).knowledge_base
    assert kb is not None
    pages = {kind: page_text(built_site, page) for kind, page in
             (("governance", "governance"), ("integration", "commitments"))}
    for r in kb.requirements.values():
        markup = pages[kb.tables[r.table].kind]
        assert f'id="{r.id}"' in markup, r.id
        assert " ".join(r.text.split()) in visible(markup), r.id


def test_every_faq_is_a_heading_with_its_permalink(built_site: Path) -> None:
    kb = load_knowledge_base(ROOT, SOURCES).knowledge_base
    assert kb is not None
    markup = page_text(built_site, "faq")
    for q in kb.questions.values():
        heading = re.search(rf'<h3 id="{q.id}">(.*?)</h3>', markup, re.S)
        assert heading, q.id
        assert visible(heading.group(1)).startswith(q.question)
        assert f'href="#{q.id}"' in heading.group(1)
        for block in q.answer:
            for text in ([block.text] if block.text else list(block.items)):
                assert " ".join(text.split()) in visible(markup), q.id


def test_every_item_kind_has_its_anchor(built_site: Path) -> None:
    kb = load_knowledge_base(ROOT, SOURCES).knowledge_base
    assert kb is not None
    expected = {"clauses": list(kb.clauses), "agreements": list(kb.agreements),
                **{f"schedules/{s}": [s] for s in kb.schedules},
                "glossary": list(kb.terms), "sources": list(kb.sources) + list(kb.citations),
                "governance": [a.id for a in kb.areas.values() if kb.tables[a.table].kind == "governance"],
                "commitments": [a.id for a in kb.areas.values() if kb.tables[a.table].kind == "integration"]}
    for page, ids in expected.items():
        markup = page_text(built_site, page)
        for record_id in ids:
            assert f'id="{record_id}"' in markup, (page, record_id)


def test_sources_page_counts_come_from_the_data(built_site: Path) -> None:
    row = re.search(r'<tr id="icp-2019-faqs">(.*?)</tr>', page_text(built_site, "sources"), re.S)
    assert row
    cells = [visible(c) for c in re.findall(r"<td>(.*?)</td>", row.group(1), re.S)]
    assert cells[-4:] == ["2", "26", "9", "historical"]


def test_home_page_says_the_guidance_is_historical(built_site: Path) -> None:
    text = visible(page_text(built_site, "."))
    assert "Historical guidance from 2016 and 2019" in text
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


def test_data_text_is_shown_as_text_not_run(tmp_path: Path) -> None:
    root = copy_data(tmp_path / "kb")
    path = root / "clauses" / "schedules" / "schedule-5-kpis.yaml"
    text = path.read_text(encoding="utf-8")
    summary = " | ".join(HOSTILE.values())
    text = re.sub(r"(?m)^  summary:.*(\n    .*)*", "  summary: " + _yaml_quote(summary), text)
    path.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(site, root, NO_SOURCES)
    assert result.returncode == 0, result.stderr
    markup = page_text(site, "schedules/schedule-5-kpis")
    assert "{{ 7*7 }}" in markup and "49" not in visible(markup).split("{{ 7*7 }}")[0][-5:]
    assert "&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt;" in markup
    assert "<script>alert(" not in markup
    assert 'href="javascript:' not in markup
    assert "**bold** [link](javascript:alert(1)) {: #spoof }" in visible(markup)


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
