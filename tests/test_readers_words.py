"""Readers' words (`also_known_as`): validated like every field, written into the record's page for
Pagefind only, and the word list the search box's "Did you mean" reads (gpia/pages/search_words.py)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import copy_data, page, problems

from gpia.model.records import KnowledgeBase
from gpia.pages.search_words import WORD_LIST, WordList, names, page_words_html
from gpia.validate.guide_blocks import record_schema
from gpia.validate.schema_check import schema_for

GLOSSARY = "clauses/glossary.yaml"
WHAT = ("a word or phrase a reader may type: one line of letters, digits and & ' . / + ( ) -, starting with a "
        "letter or digit, words separated by single spaces, such as \"data protection\"")
FIELD = "'terms[6].also_known_as"

CASES = [
    ("two spaces", "[data  protection]", [f"{GLOSSARY}:54:21: {FIELD}[0]' is \"data  protection\", which is not {WHAT}"]),
    ("markup", "['<b>KPI</b>']", [f"{GLOSSARY}:54:21: {FIELD}[0]' is \"<b>KPI</b>\", which is not {WHAT}"]),
    ("a line feed after the word", '["targets\\n"]', [f"{GLOSSARY}:54:21: {FIELD}[0]' is \"targets\" with a line break at the end; remove the line break "
      "at the end"]),
    ("too long", "[" + "a" * 41 + "]",
     [f"{GLOSSARY}:54:21: {FIELD}[0]' is 41 characters long; a word readers type is at most 40 characters, so "
      "shorten it or split it in two"]),
    ("too many", "[" + ", ".join(f"w{i}" for i in range(13)) + "]",
     [f"{GLOSSARY}:54:20: {FIELD}' lists 13 items; at most 12, so keep the ones readers use most"]),
    ("twice", "[targets, targets]", [f"{GLOSSARY}:54:20: {FIELD}' lists the same word twice; remove the repeat"]),
    ("empty list", "[]", [f"{GLOSSARY}:54:20: {FIELD}' is an empty list; add at least one item or remove the field"]),
    ("a number", "[5]", [f"{GLOSSARY}:54:21: {FIELD}[0]' must be text, not 5 (YAML reads unquoted numbers, dates and "
                         "yes/no as other types); put the value in quotes"]),
    ("one letter", "[k]", [f"{GLOSSARY}:54:21: {FIELD}[0]' is \"k\"; it must be at least 2 characters long"]),
]


@pytest.mark.parametrize("value, expected", [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_a_bad_readers_word_is_reported_exactly(tmp_path: Path, value: str, expected: list[str]) -> None:
    root = copy_data(tmp_path / "kb")
    glossary = root / GLOSSARY
    glossary.write_text(glossary.read_text(encoding="utf-8").replace(
        "  - id: term-gms\n", f"  - id: term-gms\n    also_known_as: {value}\n"), encoding="utf-8")
    assert problems(root) == expected


def test_good_readers_words_load(tmp_path: Path) -> None:
    root = copy_data(tmp_path / "kb")
    glossary = root / GLOSSARY
    glossary.write_text(glossary.read_text(encoding="utf-8").replace(
        "  - id: term-gms\n", "  - id: term-gms\n    also_known_as: [GP contract, \"core contract\", A&E, 24/7]\n"),
        encoding="utf-8")
    assert problems(root) == []


def test_the_records_readers_search_for_take_readers_words() -> None:
    places = {"glossary": ("terms", "*"), "schedule": ("schedule",), "faq-section": ("questions", "*"),
              "requirement-table": ("areas", "*"), "agreements": ("agreements", "*")}
    for kind, pattern in places.items():
        field = record_schema(kind, pattern)["properties"]["also_known_as"]
        assert field["$ref"].endswith("#/$defs/readers_words"), kind
        assert "Our own words, not NHS wording" in schema_for(kind)["$defs"]["readers_words"]["description"]


def test_the_real_data_has_readers_words_where_the_sources_use_others(kb: KnowledgeBase) -> None:
    assert "premises" in kb.areas["icp-2019-int-estates-plan"].also_known_as
    assert {"data protection", "information governance"} <= set(kb.agreements["data-sharing-agreement"].also_known_as)
    assert {"KPI", "indicators"} <= set(kb.schedules["schedule-5-kpis"].also_known_as)
    assert "who signs" in kb.questions["faq-who-is-gp-ia-for"].also_known_as


LINE = re.compile(r'<p class="gpia-readers-words" data-pagefind-weight="5"><span data-pagefind-ignore>'
                  r'<span class="gpia-label">Also searched for as</span> '
                  r'<span class="gpia-not-nhs">\(our words, not NHS wording\)</span>:</span> ([^<]*)</p>')


def test_a_records_words_are_weighted_text_on_its_page_labelled_as_ours(built_site: Path) -> None:
    html = page(built_site, "schedules/schedule-5-kpis")
    words = LINE.search(html)
    assert words and words.group(1) == "KPI, KPIs, indicators, performance measures, metrics, targets"
    body = html[html.index("data-pagefind-body"):html.index("</article>")]
    assert 'class="gpia-readers-words"' in body  # inside what Pagefind indexes
    names_meta = re.search(r'data-pagefind-meta="names">([^<]*)<', html).group(1).split(" | ")
    assert {"Schedule 5", "KPI", "Key performance indicators and reporting"} <= set(names_meta)


def test_an_faq_questions_words_sit_in_its_own_section(built_site: Path) -> None:
    html = page(built_site, "faq/faq-section-introduction")
    start = html.index('id="faq-who-is-gp-ia-for"')
    words = html.index("who signs, signatories, parties, every practice, sign up")
    purpose = html.index("aim, overview, point of the agreement")
    assert purpose < start < words  # each in its own question's section
    assert len(LINE.findall(html)) == 2


def test_a_hand_written_pages_front_matter_gives_its_words(built_site: Path) -> None:
    html = page(built_site, "compare/text")
    assert LINE.search(html).group(1).startswith("what changed, changes, differences")


def test_the_label_carries_the_views_mark_in_a_view_and_pagefinds_at_the_end_of_a_finished_page(
        kb: KnowledgeBase) -> None:
    from gpia.pages.build_views import build_views
    from gpia.views.faq import question
    # An FAQ question's line is part of its view's Markdown: marked as every view marks what search leaves out.
    asked = question(build_views(kb).view("../../"), kb.questions["faq-who-is-gp-ia-for"])
    assert LINE.search(asked.replace("<span data-search-exclude>", "<span data-pagefind-ignore>", 1))
    assert "data-pagefind-ignore" not in asked
    # A record's line is added by the search marks to the finished page, after the views' marks became Pagefind's.
    line = page_words_html(kb, {"record": "schedule", "id": "schedule-5-kpis"})
    assert LINE.search(line) and "data-search-exclude" not in line


def test_names_are_what_a_reader_types_for_the_record(kb: KnowledgeBase) -> None:
    assert {"MCP", "multispecialty community provider"} <= set(names(kb, {"record": "term", "id": "term-mcp"}))
    assert {"6.2(d)", "clause 6.2(d)"} <= set(names(kb, {"record": "clause", "id": "clause-6-2-d"}))
    assert names(kb, None) == [] and page_words_html(kb, None) == ""
    assert names(kb, {"record": "term", "id": "no-such-term"}) == []


def test_the_word_list_holds_the_indexed_words_most_widespread_first(built_site: Path) -> None:
    words = json.loads((built_site / WORD_LIST).read_text(encoding="utf-8"))
    assert isinstance(words, list) and len(words) == len(set(words))
    assert {"integration", "integrated", "practice", "premises", "stratification"} <= set(words)
    assert all(re.fullmatch(r"[a-z]{3,}", w) for w in words)
    assert words.index("integration") < words.index("stratification")
    # Contributor pages are left out of readers' results, so their words are not offered.
    assert "apostrophes" not in words and "gdpr" in words  # readers' words count


def test_the_word_list_counts_pages_and_is_deterministic() -> None:
    words = WordList()
    words.add("b.md", "Zebra apple")
    words.add("a.md", "apple mango & apple")
    words.add("a.md", "apple mango kiwi")  # a page rebuilt replaces its words
    assert words.words() == ["apple", "kiwi", "mango", "zebra"]
