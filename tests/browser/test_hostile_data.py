"""Data is text: a copy of the data with a hostile payload in every free-text field the schemas
declare (tests/browser/hostile.py) builds with --strict, every page shows each payload as text where
it received it (in text, attributes and the page title), none of it becomes markup or runs, and the
downloads and the search index hold it as text too.

The fields poisoned and those the schemas constrain are written to test-artifacts/hostile-fields.txt.
"""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import ROOT, copy_data, visible

from .chromium import open_page
from .hostile import (HOSTILE, HOSTILE_SHOWN, JINJA_RAN, MARKER, Poisoned, build_without_wording_check,
                      load_without_wording_check, poison_data)
from .search_box import open_search, search
from .server import serve
from .site_pages import page_paths
from .watch import Watch

pytestmark = pytest.mark.browser

ARTIFACT = ROOT / "test-artifacts" / "hostile-fields.txt"

# Elements the payloads would create if any of them reached a page (or the part of it that a CSS
# selector names) as markup, each with the marker of the field that carried it: a poisoned value
# ends with its marker, so the first marker in the element's attributes or after it names the field.
INJECTED = """(selector) => {
  const MARK = /qz\\d{3}qz/;
  const out = [];
  for (const scope of selector ? document.querySelectorAll(selector) : [document.documentElement]) {
    const found = new Set([
      ...scope.querySelectorAll('img[src="x"], img[src$="/x"], a[href^="javascript:" i], [onerror], [onmouseover], [onfocus]'),
      ...[...scope.querySelectorAll("script:not([src])")].filter(s => s.textContent.includes("alert(")),
      ...[...scope.querySelectorAll("b")].filter(b => b.textContent === "x"),
    ]);
    const pending = [];
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (node.nodeType === Node.TEXT_NODE) {
        const next = node.data.match(MARK);
        if (next && pending.length) pending.splice(0).forEach(el => out.push([el.outerHTML.slice(0, 120), next[0]]));
      } else if (found.has(node)) {
        const own = [...node.attributes].map(a => a.value).join(" ").match(MARK);
        if (own) out.push([node.outerHTML.slice(0, 120), own[0]]);
        else pending.push(node);
      }
    }
    pending.forEach(el => out.push([el.outerHTML.slice(0, 120), null]));
  }
  return out;
}"""

# Where the page holds data: each element with a text node that has a marker (with its tag, its
# text, and whether that node is a run of a word-by-word redline, <del> or <ins>), each attribute
# value with a marker, and the title. A redline interleaves two texts word by word, so the text
# of an element leaves out its redline runs, and a run is read with the whole redline around it.
DATA_ON_PAGE = """() => {
  const MARK = /qz\\d{3}qz/;
  const texts = [], attributes = [];
  const seen = new Set(), seenRuns = new Set();
  const outsideRedline = el => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let text = "";
    while (walker.nextNode()) {
      const run = walker.currentNode.parentElement.closest("del, ins");
      if (!run || !el.contains(run)) text += walker.currentNode.data;
    }
    return text;
  };
  const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!MARK.test(node.data)) continue;
    const run = node.parentElement.closest("del, ins");
    const el = run ? run.parentElement : node.parentElement;
    const seenHere = run ? seenRuns : seen;
    if (seenHere.has(el)) continue;
    seenHere.add(el);
    texts.push([el.tagName.toLowerCase(), run ? el.textContent : outsideRedline(el), !!run]);
  }
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) {
      if (MARK.test(a.value)) attributes.push([el.tagName.toLowerCase(), a.name, a.value]);
    }
  }
  return {texts, attributes, title: document.title};
}"""


# A payload that runs opens a dialog, which the `watch` fixture records. A page where markup got
# through may open a hundred, each a round trip to the browser: only the first alert of a page is a
# real dialog, the others are counted in window.__gpiaMoreAlerts (reported with the dialogs).
FIRST_ALERT_ONLY = """(() => {
  const native = window.alert.bind(window);
  window.__gpiaMoreAlerts = 0;
  window.alert = message => window.__gpiaMoreAlerts++ ? undefined : native(message);
})();"""


# Material's content.tooltips shows a title in a tooltip of its own when the pointer is over its
# element: an abbreviation's definition, and the text of any `.md-ellipsis` cut short (the page
# title in the header, navigation and table of contents entries), which Material copies into a
# title. Each page's elements whose title holds data, one per set of fields, are marked to be
# hovered: in the main area, and in the header once the page is scrolled down far enough for the
# header to show the page title (a short page never shows it). A title already hovered on an earlier
# page (the same text, in the header or not: `hovered`) is not hovered again: Material builds a
# tooltip from the title's text alone, so it would show the same.
TITLED = """(hovered) => {
  const MARK = /qz\\d{3}qz/g;
  const done = new Set(hovered), seen = new Set(), marked = [];
  const header = document.querySelector(".md-header__title--active") ? ".md-header [title], " : "";
  document.querySelectorAll(header + ".md-main [title]").forEach((el, i) => {
    const title = el.getAttribute("title");
    const fields = (title.match(MARK) || []).sort().join(" ");
    const key = (el.closest(".md-header") ? "header " : "main ") + title;
    if (!fields || seen.has(fields) || done.has(key) || !el.getClientRects().length) return;
    seen.add(fields);
    el.setAttribute("data-gpia-hover", String(i));
    marked.push([String(i), key]);
  });
  return marked;
}"""
# To the end of the page, once the window has dispatched its scroll event: Material swaps the header's
# site name for the page title in its own listener of that event, which runs first (it was added when
# the page started). A page too short to scroll gets no scroll event, and keeps its site name.
SCROLL_TO_END = """() => new Promise(done => {
  const before = scrollY;
  scrollTo(0, document.body.scrollHeight);
  if (scrollY === before) done();
  else addEventListener("scroll", () => done(), {once: true});
})"""
TOOLTIP_SHOWN = """el => { const id = el.getAttribute("aria-describedby"); return id && document.getElementById(id); }"""


@dataclass(frozen=True)
class HostileSite:
    site: Path
    poisoned: Poisoned
    build: subprocess.CompletedProcess


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> HostileSite:
    root = copy_data(tmp_path_factory.mktemp("hostile") / "kb")
    poisoned = poison_data(root)
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text(poisoned.report(), encoding="utf-8")
    print(f"\nhostile data: {len(poisoned.fields)} string fields in the schemas, {len(poisoned.poisoned())} "
          f"poisoned, {len(poisoned.constrained())} constrained (list: {ARTIFACT.relative_to(ROOT)})")
    problems = load_without_wording_check(root).problems
    assert not problems, ("the poisoned data does not load, so the test would not test the site; the payload "
                          "(or a synthesised field) broke a check:\n" + "\n".join(str(p) for p in problems))
    site = root.parent / "site"
    build = build_without_wording_check(site, root)
    # --strict writes the whole site and then fails on the warnings it counted: the other tests can
    # still look at the pages (and say which field broke out) while the strict test fails.
    complete = build.returncode == 0 or re.search(r"^Aborted with \d+ warnings in strict mode!$", build.stdout, re.M)
    assert complete and (site / "index.html").is_file(), \
        "the hostile site was not built:\n" + build.stderr[-5000:] + build.stdout[-1000:]
    return HostileSite(site, poisoned, build)


@pytest.fixture(scope="module")
def hostile_url(hostile: HostileSite) -> Iterator[str]:
    with serve(hostile.site) as base:
        yield base


def test_the_hostile_data_builds_with_strict(hostile: HostileSite) -> None:
    warnings = Counter(line.split(" - ", 1)[-1].strip() for line in hostile.build.stderr.splitlines()
                       if line.startswith(("WARNING", "ERROR")))
    listed = "\n".join(f"{count} x {warning}" for warning, count in warnings.most_common(15))
    assert hostile.build.returncode == 0, (
        f"mkdocs build --strict fails on the hostile data ({sum(warnings.values())} warnings); a payload reached "
        f"Markdown as markup (test_every_page_... names the fields):\n{listed}")


def not_literal(text: str, exact: bool = False) -> list[str]:
    """The markers in `text` that do not follow the whole payload, as a reader sees it (white space
    collapsed) or, with `exact`, character for character."""
    shown, payload = (text, HOSTILE) if exact else (" ".join(text.split()), HOSTILE_SHOWN)
    return [m.group(0) for m in MARKER.finditer(shown) if not shown[:m.start()].rstrip().endswith(payload.rstrip())]


def snippet(text: str, around: str) -> str:
    shown = " ".join(text.split())
    at = shown.find(around)
    return shown[max(0, at - 80):at + len(around)]


def test_every_page_shows_hostile_data_as_text_and_runs_none_of_it(
        page: Page, hostile: HostileSite, hostile_url: str, watch: Watch) -> None:
    names = hostile.poisoned.names
    problems: dict[str, list[str]] = defaultdict(list)  # by field
    pages_of: dict[str, set[str]] = defaultdict(set)  # marker -> pages that received the field
    more_alerts = 0
    hovered: set[str] = set()  # titles whose tooltip was checked (problems_in_tooltips)
    page.add_init_script(FIRST_ALERT_ONLY)
    for path in page_paths(hostile.site):
        open_page(page, hostile_url + path)
        where = "/" + path
        more_alerts += max(page.evaluate("window.__gpiaMoreAlerts || 0") - 1, 0)
        for element, marker in page.evaluate(INJECTED):
            problems[names([marker]) if marker else "(no field found)"].append(
                f"{where}: markup from the data became an element: {element}")
        data = page.evaluate(DATA_ON_PAGE)
        shown: set[str] = set()
        for tag, text, redline in data["texts"]:
            markers = {m.group(0) for m in MARKER.finditer(text)}
            shown |= markers
            if tag in ("script", "style"):
                problems[names(markers)].append(f"{where}: data inside <{tag}>: {snippet(text, min(markers))}")
                continue
            # In a redline the payload is shown whole in an equal run, but the marker of each side
            # may follow the other side's words.
            bad = ([m for m in markers if HOSTILE_SHOWN not in " ".join(text.split())] if redline
                   else not_literal(text))
            for m in sorted(set(bad)):
                jinja = " (Jinja ran: {{ 7*7 }} shows 49)" if HOSTILE_SHOWN.replace("{{ 7*7 }}", JINJA_RAN) in \
                    " ".join(text.split()) else ""
                problems[names([m])].append(f"{where}: not shown literally in <{tag}>{jinja}: …{snippet(text, m)}")
        for tag, name, value in data["attributes"]:
            markers = {m.group(0) for m in MARKER.finditer(value)}
            shown |= markers
            for m in sorted(set(not_literal(value))):
                problems[names([m])].append(f"{where}: <{tag} {name}> does not hold the payload as text: …{snippet(value, m)}")
        source = {m.group(0) for m in MARKER.finditer((hostile.site / page_file(path)).read_text(encoding="utf-8"))}
        for m in sorted(source - shown):
            problems[names([m])].append(f"{where}: in the page's HTML but neither shown as text nor held in an attribute")
        problems_in_tooltips(page, where, hostile.poisoned, problems, hovered)
        for m in sorted(set(not_literal(data["title"]))):
            problems[names([m])].append(f"{where}: the page title does not show the payload as text: {data['title']!r}")
        for m in source:
            pages_of[m].add(where)
    with ARTIFACT.open("a", encoding="utf-8") as out:
        out.write("\nPages that received each poisoned field:\n")
        for f in hostile.poisoned.poisoned():
            out.write(f"  {f.marker} {f.field.name}: {len(pages_of.get(f.marker, ()))} page(s)\n")
    ran = (f"a payload ran: {len(watch.dialogs)} dialogs (and {more_alerts} more alerts) on "
           f"{len({d.split(': ')[0] for d in watch.dialogs})} pages, e.g. {watch.dialogs[:3]}\n" if watch.dialogs else "")
    assert not ran and not problems, ran + by_field(problems)
    assert pages_of, "no page shows any poisoned field: the poisoning did not reach the site"


def problems_in_tooltips(page: Page, where: str, poisoned: Poisoned, problems: dict[str, list[str]],
                         hovered: set[str]) -> None:
    """Hover each element marked by TITLED that a reader sees without opening a disclosure, and check
    the tooltip Material shows for it (the text of every element, shown or not, is checked above).
    `hovered`: the titles hovered on earlier pages, to which this page's are added."""
    page.evaluate(SCROLL_TO_END)
    for mark, key in page.evaluate(TITLED, sorted(hovered)):
        target = page.locator(f'[data-gpia-hover="{mark}"]')
        if target.evaluate("e => !!e.closest('details:not([open])')"):
            continue  # not hovered here: a later page that shows it hovers it
        hovered.add(key)
        title = target.get_attribute("title") or ""
        field = poisoned.names({m.group(0) for m in MARKER.finditer(title)})
        for attempt in range(2):
            try:
                # The pointer leaves first: a tooltip shows when it enters the element.
                page.mouse.move(0, 0)
                # force: in the header the title's own box is under Material's, which takes the pointer
                target.hover(timeout=2000, force=True)
                # Material links the element to its tooltip while it shows.
                page.wait_for_function(TOOLTIP_SHOWN, arg=target.element_handle(), timeout=2000)
                break
            except PlaywrightTimeout:
                pass
        else:
            # A title the reader can point at shows its tooltip: an element scrolled into view lands
            # below the sticky header (docs/assets/gpia.css), not under it where no pointer reaches it.
            problems[field].append(f"{where}: no tooltip shows for a title that holds data: {title[:60]!r}")
            continue
        tooltip = f'[id="{target.get_attribute("aria-describedby")}"]'
        for m in sorted(set(not_literal(page.locator(tooltip).text_content() or ""))):
            problems[poisoned.names([m])].append(f"{where}: the tooltip of a title does not show it as text")
        for element, marker in page.evaluate(INJECTED, tooltip):
            problems[poisoned.names([marker]) if marker else field].append(
                f"{where}: a title became markup in its tooltip: {element}")
        page.mouse.move(0, 0)


def by_field(problems: dict[str, list[str]], shown: int = 5) -> str:
    """Problems under the field they come from, a few of each."""
    return "\n".join(f"{field} ({len(found)} problems):\n  " + "\n  ".join(found[:shown])
                     for field, found in sorted(problems.items()))


def page_file(path: str) -> str:
    return path + "index.html" if path == "" or path.endswith("/") else path


def test_downloads_hold_hostile_data_as_text(hostile: HostileSite) -> None:
    names = hostile.poisoned.names
    problems: dict[str, list[str]] = defaultdict(list)
    # The JSON download exports every record field by field: every poisoned field is in it, exactly.
    document = (hostile.site / "data" / "knowledge-base.json").read_text(encoding="utf-8")
    strings = list(_strings(json.loads(document)))
    found = {m.group(0) for s in strings for m in MARKER.finditer(s)}
    for m in sorted(set(hostile.poisoned.by_marker()) - found):
        problems[names([m])].append("data/knowledge-base.json does not export it")
    for text in strings:
        for m in sorted(set(not_literal(text, exact=True))):
            problems[names([m])].append(f"data/knowledge-base.json: not exported as the text it is: {text[:160]!r}")
    for table in sorted((hostile.site / "data").glob("*.csv")):
        rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig"), newline="")))
        for row in rows:
            for cell in row:
                # A structure's parts are cells (or rows of a CSV) of their own; a cell that begins
                # with a formula character may be prefixed with ' for spreadsheets.
                values = _cell_strings(cell)
                for v in values:
                    for m in sorted(set(not_literal(v, exact=True))):
                        problems[names([m])].append(f"{table.relative_to(hostile.site)}: not written as the text it is: {v[:160]!r}")
    assert not problems, by_field(problems)


def _cell_strings(cell: str) -> list[str]:
    """The data strings of a CSV cell: a structure is written as JSON (a list of strings one a line,
    which the literal check reads as one text), and a text that begins with a formula character may
    be prefixed with ' for spreadsheets."""
    if cell[:1] in "[{":
        try:
            return list(_strings(json.loads(cell)))
        except json.JSONDecodeError:
            pass
    return [cell.removeprefix("'")]


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _indexed_pages(site: Path) -> dict[str, str]:
    from conftest import indexed_text
    assert (site / "pagefind" / "pagefind.js").is_file(), "Pagefind wrote no index"
    return {p.parent.relative_to(site).as_posix() + "/": indexed_text(p.read_text(encoding="utf-8"))
            for p in sorted(site.rglob("index.html"))}


def test_the_search_index_holds_hostile_data_as_text(hostile: HostileSite) -> None:
    # Pagefind indexes the text of each page's data-pagefind-body, less what it is told to ignore
    # (conftest.indexed_text reads the same): the payload must be there as text.
    names = hostile.poisoned.names
    problems: dict[str, list[str]] = defaultdict(list)
    found = set()
    for location, text in _indexed_pages(hostile.site).items():
        found |= {m.group(0) for m in MARKER.finditer(text)}
        for m in sorted(set(not_literal(text))):
            problems[names([m])].append(f"{location}: not text: …{snippet(text, m)}")
    assert found, "no poisoned field reached the search index"
    assert not problems, by_field(problems)


def test_search_results_show_hostile_data_as_text(
        page: Page, hostile: HostileSite, hostile_url: str, watch: Watch) -> None:
    indexed = {m.group(0) for text in _indexed_pages(hostile.site).values() for m in MARKER.finditer(text)}
    # One query per kind of data (the marker of its first field in the index), and a word of the payload.
    by_kind: dict[str, str] = {}
    for f in hostile.poisoned.poisoned():
        if f.marker in indexed:
            by_kind.setdefault(f.field.kind, f.marker)
    page.add_init_script(FIRST_ALERT_ONLY)
    open_search(page, hostile_url)
    # What the page itself does is test_every_page_...'s: this test is about what the results do.
    dialogs, alerts = len(watch.dialogs), page.evaluate("window.__gpiaMoreAlerts")
    problems: dict[str, list[str]] = defaultdict(list)
    for query in ["onerror", *by_kind.values()]:
        field = hostile.poisoned.names([query]) if MARKER.fullmatch(query) else "(the payload's words)"
        if not search(page, query):
            problems[field].append(f"{query!r} finds nothing: the payload is not searchable")
            continue
        text = page.locator(".gpia-search__results").inner_text()
        # Pagefind's excerpts are a few dozen words, so a result shows part of the payload: whatever
        # part it shows must be text (the markup just before the marker, at least).
        if "<img src=x onerror=alert(1)>" not in text and "</textarea><script>alert(2)</script>" not in text:
            problems[field].append(f"{query!r}: the results do not show the payload as text")
        # The excerpts are Pagefind's HTML: only its <mark> highlights survive into the results.
        if page.locator(".gpia-search__results mark").count() == 0:
            problems[field].append(f"{query!r}: no term is highlighted in the results")
        others = page.locator(".gpia-search__results :not(li, ul, a, p, span, mark, h2, h3, div, button)").count()
        if others:
            problems[field].append(f"{query!r}: {others} elements in the results that the search script does not write")
        for element, marker in page.evaluate(INJECTED, ".gpia-search__results"):
            problems[hostile.poisoned.names([marker]) if marker else field].append(
                f"{query!r}: markup from the data became an element in the results: {element}")
    # Every alert is counted, whether it opened a dialog or not (FIRST_ALERT_ONLY).
    ran = max(len(watch.dialogs) - dialogs, page.evaluate("window.__gpiaMoreAlerts") - alerts)
    assert not ran and not problems, (f"search results ran a payload ({ran} alerts)\n" if ran else "") + by_field(problems)
