"""Abbreviation tooltips: added to each finished page's HTML from the glossary, never through
Markdown, only in text, with the term escaped into the title attribute so that both the browser and
Material's tooltips (which add the title to the page as HTML) show it as text."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from gpia.views.html import NO_TOOLTIPS_ATTR, Abbreviations, esc, tooltip_title
from gpia.model.records import KnowledgeBase
from gpia.views.common import abbreviations_for

from conftest import ROOT, page, problems, visible
from tooltip_data import ABBREVIATION, PAYLOADS, TITLES, poisoned_glossary_site, replace_abbreviation

TERMS = {"ICP": "integrated care provider", "GP IA": "GP Integration Agreement", "IA": "Integration Agreement",
         "A&E": "accident and emergency", "O'X": "an abbreviation with an apostrophe"}
ABBR = Abbreviations(TERMS)


def tip(abbreviation: str, text: str | None = None) -> str:
    return f'<abbr title="{esc(TERMS[abbreviation])}">{text or abbreviation}</abbr>'


class Elements(HTMLParser):
    """Every element of a page as (tag, attributes, text directly inside it), as a browser parses it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None], list[str]]] = []
        self._open: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text: list[str] = []
        self.elements.append((tag, dict(attrs), text))
        if tag not in ("br", "img", "input", "meta", "link", "hr", "source", "wbr"):
            self._open.append(text)

    def handle_endtag(self, tag: str) -> None:
        if self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1].append(data)


def elements(markup: str) -> list[tuple[str, dict[str, str | None], str]]:
    parser = Elements()
    parser.feed(markup)
    parser.close()
    return [(tag, attrs, "".join(text)) for tag, attrs, text in parser.elements]


# ---- the pass on its own ------------------------------------------------------------------------

def test_tooltips_go_on_text_only_never_in_a_tag_or_an_attribute() -> None:
    markup = '<p title="ICP" data-x=\'ICP > GP IA\'>An ICP and <a href="../ICP/">the ICP</a>.</p>'
    assert ABBR.in_html(markup) == (
        f'<p title="ICP" data-x=\'ICP > GP IA\'>An {tip("ICP")} and <a href="../ICP/">the {tip("ICP")}</a>.</p>')


def test_code_preformatted_text_redlines_existing_abbreviations_and_raw_text_get_none() -> None:
    untouched = ('<pre><code>ICP</code> ICP</pre><code>ICP</code><kbd>ICP</kbd><samp>ICP</samp>'
                 '<del class="gpia-del">the ICP</del><ins>an ICP</ins>'
                 '<abbr title="mine">ICP</abbr><script>var s = "<b>ICP</b>";</script><style>/* ICP */</style>'
                 '<!-- ICP --><textarea>ICP</textarea>'
                 f'<span {NO_TOOLTIPS_ATTR}>ICP <span>ICP</span> ICP</span>')
    assert ABBR.in_html(untouched + " ICP") == untouched + " " + tip("ICP")


def test_the_longest_abbreviation_wins_and_only_whole_words_match() -> None:
    assert ABBR.in_html("<p>GP IA, IA, GP\nIA. ICPs, MICP, ICP-led, (ICP), ICP.</p>") == (
        f"<p>{tip('GP IA')}, {tip('IA')}, {tip('GP IA', 'GP' + chr(10) + 'IA')}. ICPs, MICP, ICP-led, "
        f"({tip('ICP')}), {tip('ICP')}.</p>")


def test_an_abbreviation_matches_however_the_html_spells_its_characters() -> None:
    # Markdown writes "&" as &amp; and leaves "'" alone; gpia.views.html.esc writes "'" as &#x27;.
    apostrophe = "O'X"
    assert ABBR.in_html("<p>A&amp;E, O'X and O&#x27;X</p>") == (
        f"<p>{tip('A&E', 'A&amp;E')}, {tip(apostrophe)} and {tip(apostrophe, 'O&#x27;X')}</p>")


def test_no_match_starts_inside_a_character_reference() -> None:
    references = Abbreviations({"amp": "x", "gt": "x", "x27": "x", "quot": "x"})
    markup = "<p>&amp; &gt; &#x27; &quot;</p>"
    assert references.in_html(markup) == markup


def test_markup_in_an_abbreviation_or_a_term_is_text() -> None:
    # The schema allows neither; the pass is safe without it.
    hostile = Abbreviations({"<b>": 'x" onmouseover="alert(1)\n\n<script>alert(1)</script>'})
    out = hostile.in_html("<p><b>bold</b> and &lt;b&gt;</p>")
    assert out == ('<p><b>bold</b> and <abbr title="x&quot; onmouseover=&quot;alert(1) '
                   '&lt;script&gt;alert(1)&lt;/script&gt;">&lt;b&gt;</abbr></p>')
    title = 'x" onmouseover="alert(1) <script>alert(1)</script>'
    # The browser reads the title back as text; Material's tooltip shows it as text (overrides/main.html,
    # hovered in tests/browser/test_hostile_data.py).
    assert [(tag, attrs) for tag, attrs, _ in elements(out)] == [("p", {}), ("b", {}), ("abbr", {"title": title})]


@pytest.mark.parametrize("term", [
    "accident & emergency", "A&E", "a < b > c", "&lt;b&gt; &amp; &#60;", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", '" onmouseover="alert(1)', "'single'", "&", "<", "x\n\ny",
])
def test_a_tooltip_shows_its_term_exactly_as_text(term: str) -> None:
    title = tooltip_title(term)
    assert title == " ".join(term.split())
    # The attribute, as a browser reads it, holds that same title.
    assert elements(f'<abbr title="{esc(title)}">X</abbr>') == [("abbr", {"title": title}, "X")]


def test_a_plain_term_is_its_own_title() -> None:
    for term in ("integrated care provider", "accident & emergency", "GP's list", 'the "host" provider', "a > b"):
        assert tooltip_title(term) == term


def test_no_abbreviations_leave_the_page_as_it_is() -> None:
    markup = "<p>ICP</p>"
    assert Abbreviations({}).in_html(markup) is markup
    assert Abbreviations({"": "empty", "  ": "blank"}).in_html(markup) is markup


def test_terms_with_tooltip_false_get_none(kb: KnowledgeBase, built_site: Path) -> None:
    off = {t.abbreviation for t in kb.terms.values() if t.abbreviation and not t.tooltip}
    assert off == {"GP", "NHS", "FAQs"}
    assert set(abbreviations_for(kb).definitions) == {
        t.abbreviation for t in kb.terms.values() if t.abbreviation and t.tooltip}
    shown = {text for file in built_site.rglob("*.html")
             for tag, _, text in elements(file.read_text(encoding="utf-8")) if tag == "abbr"}
    assert "ICP" in shown and not shown & off


# ---- the real site --------------------------------------------------------------------------------

def test_hand_written_and_generated_pages_get_tooltips_headings_included(built_site: Path) -> None:
    icp = '<abbr title="integrated care provider">ICP</abbr>'
    assert icp in page(built_site, "")  # docs/index.md
    assert icp in page(built_site, "faq")
    heading = re.search(r'<h1 id="term-icp">(.*?)</h1>', page(built_site, "glossary/term-icp")).group(1)
    assert heading.startswith(f"integrated care provider ({icp})")


def test_no_tooltip_inside_code_a_redline_or_another_tooltip_anywhere(built_site: Path) -> None:
    for file in built_site.rglob("*.html"):
        markup = file.read_text(encoding="utf-8")
        assert not re.search(r"<(code|pre|abbr|del|ins)\b[^>]*>(?:(?!</\1>).)*<abbr\b", markup, re.DOTALL), file


def test_no_page_defines_abbreviations_in_markdown() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    names = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    assert "abbr" not in names and "markdown.extensions.abbr" not in names


# ---- hostile glossary data ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The site built with --strict from a copy of the data whose tooltip texts carry markup, and
    the Markdown of every page as it was handed to Python-Markdown."""
    return poisoned_glossary_site(tmp_path_factory)


def test_hostile_term_text_is_only_ever_an_escaped_title(hostile: tuple[Path, Path]) -> None:
    site, _ = hostile
    tooltips: dict[str, set[str]] = {}  # abbreviation -> the titles it was given
    pages: dict[str, set[str]] = {}  # page -> the hostile terms' abbreviations with a tooltip on it
    problems_found = []
    for file in sorted(site.rglob("*.html")):
        where = file.relative_to(site).as_posix()
        for tag, attrs, text in elements(file.read_text(encoding="utf-8")):
            handlers = [name for name in attrs if name.startswith("on")]
            if handlers:
                problems_found.append(f"{where}: <{tag}> has {handlers}")
            if tag == "img" and attrs.get("src") == "x" or tag == "script" and "alert(" in text:
                problems_found.append(f"{where}: a <{tag}> from the data")
            if tag == "a" and "evil.example" in (attrs.get("href") or ""):
                problems_found.append(f"{where}: a link from the data")
            if tag == "abbr":
                tooltips.setdefault(text, set()).add(attrs["title"])
                if text in TITLES:
                    pages.setdefault(where, set()).add(text)
    assert not problems_found, "\n".join(problems_found)
    # Each abbreviation's tooltip is its term exactly, on one line: markup and all, as text.
    assert tooltips["ICP"] == {TITLES["ICP"]}
    assert tooltips[ABBREVIATION] == {TITLES[ABBREVIATION]}
    assert all(payload in TITLES["ICP"] for payload in PAYLOADS)
    # A hand-written page, a generated page and the added term's own page have them.
    assert "ICP" in pages["index.html"] and "ICP" in pages["faq/index.html"]
    assert pages["glossary/term-hostile/index.html"] == {"ICP", ABBREVIATION}


def test_hostile_term_text_shows_literally_on_its_page(hostile: tuple[Path, Path]) -> None:
    site, _ = hostile
    markup = page(site, "glossary/term-hostile")
    shown = visible(markup)
    for payload in PAYLOADS:
        assert payload in shown, payload
    assert "{{ 7*7 }}" in shown and " 49 " not in f" {shown} "
    # The abbreviation's own characters, as the page escaped them, inside its tooltip.
    assert f'<abbr title="{esc(TITLES[ABBREVIATION])}">{esc(ABBREVIATION)}</abbr>' in markup


def test_term_text_never_reaches_a_page_as_markdown(hostile: tuple[Path, Path]) -> None:
    _, dump = hostile
    pages = sorted(dump.rglob("*.md"))
    assert len(pages) > 100
    for file in pages:
        text = file.read_text(encoding="utf-8")
        assert not re.search(r"^\*\[", text, re.MULTILINE), f"{file}: an abbreviation definition"
        assert "<script>alert(1)</script>" not in text, f"{file}: data markup unescaped"


# ---- what the schema allows ---------------------------------------------------------------------

@pytest.mark.parametrize("abbreviation", [
    "ICP\n\n<script>alert(1)</script>", "<img src=x onerror=alert(1)>", 'ICP" onmouseover="alert(1)',
    "[ICP](https://evil.example/)", "{{ 7*7 }}", "ICP\nContract", "GP  IA",
])
def test_an_abbreviation_must_be_one_line_of_plain_characters(data_copy: Path, abbreviation: str) -> None:
    line = replace_abbreviation(data_copy, "term-icp", abbreviation)
    assert problems(data_copy) == [
        f"clauses/glossary.yaml:{line}:19: 'terms[1].abbreviation' is {json.dumps(abbreviation)}, which is not an "
        "abbreviation as the text writes it: one line of letters, digits and & ' . / + ( ) -, words separated "
        'by single spaces, such as "GP IA"']


@pytest.mark.parametrize("abbreviation, where", [(" ICP", "start"), ("ICP ", "end")])
def test_an_abbreviation_with_a_space_around_it_is_told_to_remove_it(data_copy: Path, abbreviation: str,
                                                                     where: str) -> None:
    line = replace_abbreviation(data_copy, "term-icp", abbreviation)
    assert problems(data_copy) == [
        f"clauses/glossary.yaml:{line}:19: 'terms[1].abbreviation' is \"ICP\" with a space at the {where}; remove "
        f"the space at the {where}"]


@pytest.mark.parametrize("abbreviation", ["A&E", "O'X", "GP IA", "NHS 111", "ICP(s)", "B/C.", "C++"])
def test_an_abbreviation_may_use_the_characters_abbreviations_use(data_copy: Path, abbreviation: str) -> None:
    replace_abbreviation(data_copy, "term-icp", abbreviation)
    assert problems(data_copy) == []
