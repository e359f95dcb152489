"""What stands between a reader and the first paint: no script is fetched before it (every script
is an inert placeholder that overrides/main.html's loader makes real once the page has been painted,
Material's bundle included), and the site's own stylesheets are served minified
(gpia.pages.assets), with no palette.css. Lighthouse figures: BENCHMARKS.md; that the scripts run,
and only after the first paint: tests/browser/test_script_loading.py."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from gpia.pages.assets import minify_css

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER = re.compile(r'<script type="gpia/after-paint" data-src="([^"]+)"></script>')


def test_no_script_is_fetched_before_the_first_paint(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        if page.parent.name == "pagefind":
            continue
        markup = page.read_text(encoding="utf-8")
        assert re.findall(r"<script\b[^>]*\ssrc=[^>]*>", markup) == [], page
        assert PLACEHOLDER.search(markup), page
        assert 'querySelectorAll(\'script[type="gpia/after-paint"]\')' in markup, page
        assert "palette." not in "".join(re.findall(r"<link\b[^>]*>", markup)), page


def test_the_bundle_runs_after_the_tooltip_patch_and_before_the_site_scripts(built_site: Path) -> None:
    markup = (built_site / "index.html").read_text(encoding="utf-8")
    patch = markup.index('Object.getOwnPropertyDescriptor(Element.prototype, "innerHTML")')
    srcs = PLACEHOLDER.findall(markup)
    assert "bundle." in srcs[0] and markup.index(srcs[0]) > patch
    assert [s.rsplit("/", 1)[-1] for s in srcs[1:]] == ["scroll-regions.js", "moved-anchors.js", "search.js", "gpia.js",
                                                  "menu.js", "disclosures.js"]
    assert markup.index(srcs[-1]) < markup.index('querySelectorAll(\'script[type="gpia/after-paint"]\')')


@pytest.mark.parametrize("name", ["gpia.css", "search.css", "reading.css"])
def test_the_site_stylesheets_are_served_minified(built_site: Path, name: str) -> None:
    source = (ROOT / "docs" / "assets" / name).read_text(encoding="utf-8")
    served = (built_site / "assets" / name).read_text(encoding="utf-8")
    assert served == minify_css(source)
    assert len(served) < 0.9 * len(source)
    assert "/*" not in served and "\n" not in served


@pytest.mark.parametrize("css, expected", [
    ("a  {\n  color : red ;\n}\n", "a{color :red}"),
    ("/* a note */\n.x > .y ,\n.z { margin: 0 0.1em; }", ".x>.y,.z{margin:0 0.1em}"),
    # Strings and url() are kept as written, comment-like text and all.
    ('q::before { content: "a  /* not */ ; b"; }', 'q::before{content:"a  /* not */ ; b"}'),
    ("i { background: url( a  b.png ) }", "i{background:url( a  b.png )}"),
    ("x { content: '\\'  }' }", "x{content:'\\'  }'}"),
    # A space before a colon is a descendant selector: "a :hover" is not "a:hover".
    ("a :hover { top: 0 }", "a :hover{top:0}"),
    ("@media (min-width: 45em) { .a { top: 0 } }", "@media (min-width:45em){.a{top:0}}"),
])
def test_minify_css(css: str, expected: str) -> None:
    assert minify_css(css) == expected
