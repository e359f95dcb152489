"""Page markup lives in autoescaped templates (gpia/views/templates/), and the rule holds.

No module under scripts/ (the core, the MkDocs plugin, the benchmark) writes an HTML tag in a Python
string, with no exception, and no view calls `esc` itself (the scan below, with its few exceptions
named and explained). Every template is used, and renders
under StrictUndefined when the whole site's views run on the real data.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from markupsafe import Markup

from gpia.pages.build_views import build_views
from gpia.load.problems import Problem
from gpia.model.records import KnowledgeBase
from gpia.pages.page_html import page_html
from gpia.pages.problem_page import problem_page_html
from gpia.views import templating
from gpia.views.checklist import before_you_sign
from gpia.views.compare import compare_page
from gpia.views.requirements import LISTS, tables_page
from gpia.views.common import View
from gpia.views.pages import LISTINGS, RECORD_PAGES
from gpia.views.printing import part_page, printed_parts, whole_guide
from gpia.views.prose import text_comparison_page
from gpia.views.schedules import checklist_page, traceability_page
from gpia.views.sources import sources_page
from gpia.views.templating import TEMPLATES, markup, render

from conftest import ROOT

SCRIPTS = ROOT / "scripts"
VIEWS = SCRIPTS / "gpia" / "views"
# Every module under scripts/: no HTML tag in a Python string anywhere (markup is in templates).
SCANNED = sorted(SCRIPTS.rglob("*.py"))

# A tag in a string: "<p", "</p", "<br>", "<!doctype": an element of HTML by its name. Comments are
# not markup (CONTRIBUTING.md's generated-block markers), and neither is a placeholder in prose such
# as `ID=<new id>`.
_ELEMENTS = frozenset("""a abbr address area article aside audio b base bdi bdo blockquote body br button canvas
caption cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure
footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link main map mark
menu meta meter nav noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp script
search section select slot small source span strong style sub summary sup svg table tbody td template textarea tfoot th
thead time title tr track u ul var video wbr""".split())
_TAG_NAME = re.compile(r"<(?:/?([A-Za-z][A-Za-z0-9-]*)(?=[\s>/])|!(doctype))", re.IGNORECASE)
# A regular expression that looks for tags by name: "</?li>", "<(?:div|p|ul)[\s>]", "<ul|<li".
_PATTERN_NAMES = re.compile(r"<(?:/\?|\(\?:)?((?:[A-Za-z][A-Za-z0-9]*\|)*[A-Za-z][A-Za-z0-9]*)(?=[\s>/|)\\[(]|$)")


def _has_tag(text: str) -> bool:
    return (any((m.group(1) or m.group(2)).lower() in _ELEMENTS | {"doctype"} for m in _TAG_NAME.finditer(text))
            or any(name.lower() in _ELEMENTS for m in _PATTERN_NAMES.finditer(text) for name in m.group(1).split("|")))


# The single places that rightly escape in Python (no place may write a tag). Each exception names
# what it allows; one that no longer matches anything fails, so the list shrinks.
ALLOWED = {
    # (file, what): why
    ("common.py", "esc"): "View.text is where data text becomes markup: escaped, then [sic] and mention links "
                          "are added to the escaped text",
    ("templating.py", "esc"): "the templates' finalize escapes every value with esc",
    ("prose.py", "esc"): "the redline renderer (gpia.views.redline) takes the function that escapes each run "
                         "of words; it writes a piece break in place of each escaped line break",
    ("html.py", "esc"): "the tooltips' pattern finds an abbreviation however the page spells each character: "
                        "html.escape gives the character references to look for; nothing is written with it",
    ("sic.py", "esc"): "the [sic] marker finds the sources' slips in escaped text, so it escapes them to look",
}


def _strings(tree: ast.AST) -> list[tuple[int, str]]:
    """The string literals of a module, f-strings' literal parts included, docstrings left out."""
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant) and isinstance(node.body[0].value.value, str)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def _escapes(tree: ast.AST) -> list[int]:
    """Lines that call an escaping function by hand: esc, html.escape, markupsafe's escape."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else \
                node.func.attr if isinstance(node.func, ast.Attribute) else ""
            if name in ("esc", "escape"):
                found.append(node.lineno)
    return found


def _findings() -> dict[tuple[str, str], list[str]]:
    """What the scan finds, by (file, what)."""
    found: dict[tuple[str, str], list[str]] = {}
    for path in SCANNED:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(SCRIPTS)
        for line, text in _strings(tree):
            if _has_tag(text):
                found.setdefault((path.name, "tag"), []).append(f"{where}:{line}: {text!r}")
        if path.parent == VIEWS:  # only a view may make markup, and then only from its templates
            for line in _escapes(tree):
                found.setdefault((path.name, "esc"), []).append(f"{where}:{line}: a call of esc or escape")
    return found


def test_no_view_builds_html_in_strings_or_escapes_by_hand() -> None:
    found = _findings()
    wrong = [place for key, places in found.items() if key not in ALLOWED for place in places]
    assert not wrong, ("HTML belongs in a template under gpia/views/templates/ (rendered with "
                       "gpia.views.templating.render, which escapes every value):\n" + "\n".join(wrong))


def test_every_exception_to_the_rule_is_still_needed() -> None:
    found = _findings()
    assert [key for key in ALLOWED if key not in found] == []
    assert all(what == "esc" for _, what in ALLOWED)  # no file may write a tag: no exception for tags


def test_the_scan_reads_every_package_under_scripts() -> None:
    packages = {path.relative_to(SCRIPTS).parts[0] for path in SCANNED}
    assert {"gpia", "gpia_mkdocs", "gpia_bench"} <= packages
    assert VIEWS / "compare.py" in SCANNED


def test_the_scan_finds_html_in_an_f_string_and_a_hand_called_esc() -> None:
    tree = ast.parse('def f(x):\n    """A <p> in a docstring is prose."""\n'
                     '    return f\'<p class="a">{esc(x)}</p>\' + "<br>"\n')
    assert sorted(text for _, text in _strings(tree) if _has_tag(text)) == ["</p>", "<br>", '<p class="a">']
    assert not _has_tag("make new KIND=term ID=<new id>") and not _has_tag("<!-- generated: kinds -->")
    assert _has_tag("<!DOCTYPE html>") and _has_tag("the page's <base href>")
    # Regular expressions that name tags: finished HTML is read with a parser instead.
    assert _has_tag(r"<(?:div|p|ul)[\s>]") and _has_tag(r"</?li>|</?ul(?:\s[^>]*)?>") and _has_tag("<ul|<li|•")
    assert not _has_tag(r"(?P<indent> *)") and not _has_tag(r"(?<![\w&#-])") and not _has_tag(r"</\s*%s\s*>")
    assert _escapes(tree) == [3]


# ---- every template used, and renders ----------------------------------------------------------

def _rendered_by_the_views(kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The templates rendered (includes too) by every page's views on the real data."""
    rendered: set[str] = set()
    get_template = templating.ENVIRONMENT.get_template

    def recording(name, *args, **kwargs):  # type: ignore[no-untyped-def]
        rendered.add(name)
        return get_template(name, *args, **kwargs)

    monkeypatch.setattr(templating.ENVIRONMENT, "get_template", recording)
    # So that every template, included ones too, is looked up again, through the recorder.
    templating.ENVIRONMENT.cache.clear()
    templating._template.cache_clear()
    for edit_base in (None, "https://example.org/edit/main/"):
        shared = build_views(kb, edit_base)
        view: View = shared.view("../")
        for ids, page in RECORD_PAGES.values():
            for record_id in ids(kb):
                page(view, record_id)
        for listing in LISTINGS.values():
            pages = listing(kb)
            for n in range(1, pages.page_count + 1):
                pages.render(view, n)
        for macro in (sources_page, whole_guide, checklist_page, traceability_page, before_you_sign, compare_page):
            macro(view)
        text_comparison_page(view)
        for printed in printed_parts(shared):  # each part of the printed guide on pages of its own
            part_page(shared, printed.part.name, 1)
        for table_kind in LISTS:  # page 1 of /governance/ and /commitments/ (a macro of docs/)
            tables_page(view, table_kind)
        # What the build adds to each finished page: the tooltips and the marks Pagefind reads.
        abbreviation = next(t.abbreviation for t in kb.terms.values() if t.abbreviation and t.tooltip)
        assert "<abbr" in shared.abbr.in_html(f"<p>{abbreviation}</p>")
        shared.search.page_html('<article class="md-content__inner md-typeset"><p>x</p></article>', None, "x.md", True)
        # A record's page: its names for the order of search results (and its readers' words).
        term = next(iter(kb.terms))
        shared.search.page_html('<article class="md-content__inner md-typeset"><p>x</p></article>',
                                {"record": "term", "id": term}, "x.md", True)
    # With no pair of versions whose documents can both be compared, the page says so; and with no
    # comparison declared at all, the compare page says so.
    text_comparison_page(build_views(KnowledgeBase()).view())
    compare_page(build_views(KnowledgeBase()).view())
    problem_page_html([Problem("a.yaml", 1, 2, "what; fix")], "skipped")
    page_html("# A generated page's heading { #heading }", "Permanent link")  # its HTML, without Python-Markdown
    templating._template.cache_clear()  # the templates looked up through the recorder
    return rendered


def test_every_template_is_used_and_renders_under_strict_undefined(
        kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    files = {p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.html")}
    rendered = _rendered_by_the_views(kb, monkeypatch)
    # Shown only when the data declares more than one pair of versions to compare: the real data has
    # one; tests/test_third_version.py builds the fixture that has three and finds its <nav>.
    several_pairs = {"compare-pairs.html"}
    assert sorted(files - rendered - several_pairs) == []  # no dead template
    assert sorted(rendered - files) == []


def test_a_template_escapes_every_value_and_refuses_none_and_unknown_names() -> None:
    hostile = '<script>alert("x")</script>\n\n# heading'
    out = render("link.html", href=hostile, text=hostile)
    assert out == ('<a href="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#10;&#10;# heading">'
                   '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#10;&#10;# heading</a>')
    assert isinstance(out, Markup)
    assert render("link.html", href="#a", text=markup("<em>ours</em>")) == '<a href="#a"><em>ours</em></a>'
    with pytest.raises(TypeError, match="was given None"):
        render("link.html", href=None, text="x")
    with pytest.raises(Exception, match="'text' is undefined"):
        render("link.html", href="#a")


def test_a_template_s_own_line_breaks_are_not_in_its_output(tmp_path: Path) -> None:
    """Templates are written on many lines; none of those line breaks (which could end an HTML block
    of a page's Markdown with a blank line) reaches the page."""
    for path in TEMPLATES.rglob("*.html"):
        source, _, _ = templating.ENVIRONMENT.loader.get_source(templating.ENVIRONMENT, path.name)
        assert "\n" not in source, path.name
    out = render("ours.html", title="T", body=markup("<p>x</p>"), unindexed=False)
    assert out == ('<div class="admonition info gpia-ours"><p class="admonition-title">T '
                   '<span class="gpia-not-nhs">(not NHS wording)</span></p><p>x</p></div>')
