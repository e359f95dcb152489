"""The built-site link checker: a handmade site with known good and bad links, then the real site."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gpia.tools.linkcheck import DuplicateId, LinkProblem, check_site, main, read_page, resolve

# (page, how the link is written, the problem it must give or None)
LINKS: list[tuple[str, str, str | None]] = [
    # Same page.
    ("index.html", 'href="#intro"', None),
    ("index.html", 'href="#missing"', "no id 'missing' on this page"),
    ("index.html", 'href="#"', None),
    ("index.html", 'href="#top"', None),  # the HTML standard's "top of the page"
    ("index.html", 'href="#caf%C3%A9"', None),  # percent-encoded UTF-8 id
    ("index.html", 'href="?q=search"', None),
    # Other pages: folder URLs mean their index.html.
    ("index.html", 'href="faq/"', None),
    ("index.html", 'href="faq/#q1"', None),
    ("index.html", 'href="faq/index.html#q1"', None),
    ("index.html", 'href="/faq/#q1"', None),
    ("index.html", 'href="./faq/#legacy"', None),  # <a name> is a fragment target too
    ("index.html", 'href="faq/#q2"', "no id 'q2' on 'faq/index.html'"),
    ("index.html", 'href="faq"', "'faq' is a folder: end the link with '/'"),
    ("index.html", 'href="news/"', "no folder 'news/' in the site"),
    ("index.html", 'href="empty/"', "no file 'empty/index.html' in the site"),
    ("index.html", 'href="../outside/"', "goes above the site root"),
    ("index.html", 'href="javascript:void(0)"', "unsupported scheme 'javascript:'"),
    # Files of other kinds.
    ("index.html", 'href="data/rows.csv"', None),
    ("index.html", 'href="data/rows.csv#row=2"', None),  # not an element id: only the file is checked
    ("index.html", 'href="data/missing.json"', "no file 'data/missing.json' in the site"),
    ("index.html", 'src="assets/app.js"', None),
    ("index.html", 'src="assets/gone.js"', "no file 'assets/gone.js' in the site"),
    ("index.html", 'href="assets/site.css"', None),
    # Listed, never fetched or checked.
    ("index.html", 'href="https://example.org/nowhere"', None),
    ("index.html", 'href="mailto:someone@example.org"', None),
    ("index.html", 'href="//cdn.example.org/x.js"', None),
    ("index.html", 'src="data:image/gif;base64,R0lGODlhAQABAAAAACw="', None),
    # From a page one folder down.
    ("faq/index.html", 'href="../"', None),
    ("faq/index.html", 'href=".."', None),
    ("faq/index.html", 'href="./"', None),
    ("faq/index.html", 'href="../#intro"', None),
    ("faq/index.html", 'href="../index.html#gone"', "no id 'gone' on 'index.html'"),
    ("faq/index.html", 'href="../../"', "goes above the site root"),
    ("faq/index.html", 'href="q1/"', "no folder 'faq/q1/' in the site"),
    ("faq/index.html", 'href="/data/rows.csv"', None),
]
HEADER = {
    "index.html": ['<!doctype html>', '<html><head><link rel="stylesheet" href="assets/site.css"></head><body>',
                   '<h1 id="intro">Intro</h1><p id="café">Café</p>'],
    "faq/index.html": ['<!doctype html>', '<html><body>', '<h2 id="q1">Q1</h2><a name="legacy"></a>'],
}
FIRST_LINK_LINE = 4  # each page's links start on the line after its three header lines


def write_site(root: Path, links: list[tuple[str, str, str | None]]) -> dict[tuple[str, str], int]:
    """Write the fixture site, one link per line; return the line each (page, link) is on."""
    lines: dict[str, list[str]] = {page: list(header) for page, header in HEADER.items()}
    where = {}
    for page, link, _ in links:
        tag = "script" if link.startswith("src=") else "a"
        lines[page].append(f"<{tag} {link}></{tag}>")
        where[(page, link)] = len(lines[page])
    for page, body in lines.items():
        (root / page).parent.mkdir(parents=True, exist_ok=True)
        (root / page).write_text("\n".join(body + ["</body></html>"]) + "\n", encoding="utf-8")
    for file in ("data/rows.csv", "assets/app.js", "assets/site.css"):
        (root / file).parent.mkdir(parents=True, exist_ok=True)
        (root / file).write_text("x\n", encoding="utf-8")
    (root / "empty").mkdir()
    return where


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[tuple[str, str], int]]:
    root = tmp_path_factory.mktemp("linkcheck") / "site"
    root.mkdir()
    return root, write_site(root, LINKS)


@pytest.mark.parametrize(("page", "link", "reason"), LINKS, ids=[f"{p}:{link}" for p, link, _ in LINKS])
def test_each_link_is_judged(fixture_site: tuple[Path, dict[tuple[str, str], int]], page: str, link: str,
                             reason: str | None) -> None:
    root, where = fixture_site
    line = where[(page, link)]
    found = [str(p) for p in check_site(root).problems if p.page == page and p.line == line]
    href = link.split("=", 1)[1].strip('"')
    assert found == ([f"{page}:{line}: broken link '{href}' ({reason})"] if reason else [])


def test_report_counts_and_lists_external_links(fixture_site: tuple[Path, dict[tuple[str, str], int]]) -> None:
    root, where = fixture_site
    report = check_site(root)
    assert report.pages == 2
    assert sorted((link.page, link.line, link.url) for link in report.external) == sorted([
        ("index.html", where[("index.html", 'href="https://example.org/nowhere"')], "https://example.org/nowhere"),
        ("index.html", where[("index.html", 'href="mailto:someone@example.org"')], "mailto:someone@example.org"),
        ("index.html", where[("index.html", 'href="//cdn.example.org/x.js"')], "//cdn.example.org/x.js"),
    ])
    assert [(link.page, link.url) for link in report.skipped] == [
        ("index.html", "data:image/gif;base64,R0lGODlhAQABAAAAACw=")]
    # Every link is checked, external or skipped: the <link> in the header plus the table's rows.
    assert report.internal + len(report.external) + len(report.skipped) == len(LINKS) + 1
    assert len(report.problems) == sum(1 for *_, reason in LINKS if reason)


def test_duplicate_ids_are_problems(tmp_path: Path) -> None:
    page = read_page('<p id="a">\n<p id="b">\n<p id="a">\n<a name="b"></a>\n', "x/index.html")
    assert page.ids == {"a": 1, "b": 2}
    (tmp_path / "index.html").write_text('<h1 id="top-of">T</h1>\n<h2 id="top-of">Again</h2>\n', encoding="utf-8")
    problems = check_site(tmp_path).problems
    assert [str(p) for p in problems] == [
        "index.html:2: duplicate id 'top-of' (first used on line 1; a link to it reaches only the first)"]
    assert isinstance(problems[0], DuplicateId)


def test_base_href_moves_relative_links(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.html").write_text('<p id="here">x</p>\n', encoding="utf-8")
    (tmp_path / "index.html").write_text('<base href="docs/">\n<a href="#here">a</a>\n<a href="./#here">b</a>\n'
                                         '<a href="nope.html">c</a>\n', encoding="utf-8")
    assert [str(p) for p in check_site(tmp_path).problems] == [
        "index.html:4: broken link 'nope.html' (no file 'docs/nope.html' in the site)"]


@pytest.mark.parametrize(("page", "url", "expected"), [
    ("index.html", "faq/", ("faq/", None)),
    ("faq/index.html", "../glossary/#term-icp", ("glossary/", "term-icp")),
    ("faq/index.html", "..", ("", None)),
    ("a/b/index.html", "../c/./d.csv", ("a/c/d.csv", None)),
    ("index.html", "/x/y/../z/#f%20g", ("x/z/", "f g")),
    ("index.html", "#", ("index.html", "")),
])
def test_resolve(page: str, url: str, expected: tuple[str, str | None]) -> None:
    target = resolve(page, url)
    assert not isinstance(target, str)
    assert (target.path, target.fragment) == expected


def test_command_line_prints_problems_and_fails(fixture_site: tuple[Path, dict[tuple[str, str], int]],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    root, where = fixture_site
    assert main([str(root)]) == 1
    out = capsys.readouterr().out.splitlines()
    line = where[("index.html", 'href="faq"')]
    assert f"index.html:{line}: broken link 'faq' ('faq' is a folder: end the link with '/')" in out
    problems = sum(1 for *_, reason in LINKS if reason)
    assert out[-1] == (f"{problems} problems: 2 pages, {len(LINKS) + 1 - 4} internal links checked, "
                       "3 external links listed (not fetched), 1 not a link (data:)")
    assert len(out) == problems + 1


def test_command_line_lists_external_links_on_request(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "index.html").write_text('<a href="#x" id="x">x</a>\n<a href="https://example.org/">e</a>\n',
                                         encoding="utf-8")
    assert main([str(tmp_path), "--external"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "index.html:2: external link 'https://example.org/' (not fetched)",
        "OK: 1 page, 1 internal link checked, 1 external link listed (not fetched)",
    ]


def test_command_line_needs_a_built_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"{tmp_path}: no index.html here; build the site first (make build)\n"


def test_the_real_site_has_no_broken_link(built_site: Path) -> None:
    report = check_site(built_site)
    assert [str(p) for p in report.problems] == []
    # Nothing was left unchecked: every href and src on every page is internal (and checked) or external.
    assert report.skipped == ()
    assert report.pages >= 10
    # Every page links to Material's stylesheet and script, so those were resolved too.
    assert report.internal > 20 * report.pages


def test_the_real_site_check_catches_a_renamed_anchor(built_site: Path, tmp_path: Path) -> None:
    """The check over the real site is live: rename one FAQ's id and every link to it is reported."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    faq = site / "faq" / "faq-section-other-agreements" / "index.html"
    markup = faq.read_text(encoding="utf-8")
    assert markup.count('id="faq-gp-ia-and-subcontracts"') == 1
    faq.write_text(markup.replace('id="faq-gp-ia-and-subcontracts"', 'id="renamed"'), encoding="utf-8")
    problems = check_site(site).problems
    assert problems, "renaming an anchor that pages link to must break those links"
    reasons = {p.reason for p in problems if isinstance(p, LinkProblem)}
    assert reasons <= {"no id 'faq-gp-ia-and-subcontracts' on this page",
                       "no id 'faq-gp-ia-and-subcontracts' on 'faq/faq-section-other-agreements/index.html'"}
    assert {"faq/index.html", "agreements/subcontract/index.html"} <= {p.page for p in problems}
