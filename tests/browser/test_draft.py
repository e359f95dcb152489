"""The drafting pack tool (/draft/) in Chromium.

One whole draft is completed by keyboard alone (Tab, arrows, Space, Enter and typing), kept across
a reload, downloaded as a draft file, cleared ("Start again"), imported back, and downloaded as the
Word pack, which python-docx reads, LibreOffice converts, and whose tracked changes give the site's
text when all are accepted and the national text when all are rejected. Hostile draft files are
refused or shown as text. The browser's redline is the build's on every pair of the real data.
axe-core finds nothing on the page with its tasks opened, at both sizes.
"""
from __future__ import annotations

import copy
import io
import json
import re
import shutil
import subprocess
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import pytest
from axe_playwright_python.sync_playwright import Axe
from lxml import etree
from playwright.sync_api import BrowserContext, Page

from gpia.compare.redline import compare, redline
from gpia.compare.tokens import tokens
from gpia.model.records import KnowledgeBase
from gpia.pages.draft_tool import SCHEMA_FILE, current_tables, pack_schedules

from .chromium import open_page, reload_page
from .every_page import AXE_OPTIONS
from .watch import Watch, watch_tab

pytestmark = pytest.mark.browser

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SITE = "Riverside <b>Health</b> Partnership"
REWORDED = "Commit to delivering the best possible care for the whole local population, with our partners"
LEFT_OUT_REASON = "Covered by our existing alliance agreement & its <risk> schedule"
OWN = "Meet quarterly with the patient participation groups of every practice"


def tab_to(page: Page, selector: str, limit: int = 600) -> None:
    """Press Tab until `selector` has the focus (a keyboard user's way to reach it); a selector
    'button=<text>' names a button by its text."""
    for _ in range(limit):
        if page.evaluate("""s => { const el = document.activeElement; if (!el) return false;
                                   if (s.startsWith('button=')) return el.tagName === 'BUTTON' && el.textContent === s.slice(7);
                                   return el.matches(s); }""", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def open_task(page: Page, task: str) -> None:
    tab_to(page, f"#link-{task}")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'gpia-draft-task-title'")
    page.wait_for_function("() => !document.querySelector('.gpia-draft-body').textContent.startsWith('Loading')")


def finish_task(page: Page, task: str) -> None:
    tab_to(page, f"#done-{task}")
    page.keyboard.press("Space")
    tab_to(page, ".gpia-draft-body > p:last-child > a.gpia-draft-back")
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.activeElement && document.activeElement.id === 'link-{task}'")


def type_into(page: Page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


@dataclass
class Expected:
    national: list[str] = field(default_factory=list)  # every requirement, in order
    site: list[str] = field(default_factory=list)  # the site's text, in order
    reasons: list[str] = field(default_factory=list)
    schedule_values: list[str] = field(default_factory=list)


@dataclass
class Run:
    expected: Expected
    draft: dict
    draft_file: Path
    pack: bytes
    csv: bytes
    kept: dict
    imported: dict
    pack_ms: float


def complete_by_keyboard(page: Page, kb: KnowledgeBase) -> Expected:
    expected = Expected()
    open_task(page, "parties")
    type_into(page, "#party-site", SITE)
    for name in ("provider", "practices", "federation", "signatories"):
        type_into(page, f"#party-{name}", f"Our {name}\nsecond line")
    finish_task(page, "parties")

    open_task(page, "decisions")
    decisions = list(kb.decisions.values())
    for i, d in enumerate(decisions):
        tab_to(page, f"#decision-{d.id}-0")
        if i == 1:  # the last choice of the group: other, in our own words
            page.keyboard.press("ArrowUp")
            type_into(page, f"#decision-{d.id}-other-words", "Our own arrangement")
        else:
            page.keyboard.press("Space")
        if i == 0:
            type_into(page, f"#decision-{d.id}-note", "Agreed at the board on 3 March")
    finish_task(page, "decisions")

    reworded = left_out = owned = False
    for kind, tables in current_tables(kb).items():
        open_task(page, kind)
        for t in tables:
            for a in t.areas:
                for r in a.requirements:
                    expected.national.append(r.text)
                    tab_to(page, f"#req-{r.id}-keep")
                    if not reworded and "best possible care" in r.text:
                        page.keyboard.press("ArrowDown")
                        type_into(page, f"#req-{r.id}-text", REWORDED)
                        line = page.locator(f"#req-{r.id}-redline")
                        assert line.locator("ins").first.inner_text().strip().endswith("local")
                        expected.site.append(REWORDED)
                        reworded = True
                    elif not left_out and kind != "governance":
                        page.keyboard.press("ArrowDown")
                        page.keyboard.press("ArrowDown")
                        type_into(page, f"#req-{r.id}-reason", LEFT_OUT_REASON)
                        expected.reasons.append(LEFT_OUT_REASON)
                        left_out = True
                    else:
                        page.keyboard.press("Space")
                        expected.site.append(r.text)
                if not owned:
                    tab_to(page, f"#row-{a.id} .gpia-draft-own > button")
                    page.keyboard.press("Enter")
                    page.keyboard.type(OWN)
                    expected.site.append(OWN)
                    owned = True
        finish_task(page, kind)
    assert reworded and left_out and owned

    for s in pack_schedules(kb):
        task = s.id if s.id.startswith("schedule-") else f"schedule-{s.id}"
        open_task(page, task)
        for f in s.fields:
            base = f"#sched-{s.id}-{f.id}"
            if f.kind in ("table", "kpi-table"):
                columns = [c.id for c in f.columns] if f.kind == "table" else [f"c{i}" for i in range(10)]
                for row in (0, 1):
                    if row == 1:
                        tab_to(page, f"#field-{s.id}-{f.id} .gpia-draft-table-field > button")
                        page.keyboard.press("Enter")
                    for c in columns[:2]:
                        value = f"{s.id[-6:]} {f.id} r{row} {c}"
                        type_into(page, f"{base}-r{row}-{c}", value)
                        expected.schedule_values.append(value)
            elif f.kind == "list":
                tab_to(page, base)
                page.keyboard.type(f"First {f.id}\nSecond {f.id}")
                expected.schedule_values += [f"First {f.id}", f"Second {f.id}"]
            elif f.kind == "number":
                type_into(page, base, "42")
                expected.schedule_values.append("42")
            else:
                type_into(page, base, f"Our {f.label.lower()}")
                expected.schedule_values.append(f"Our {f.label.lower()}")
        finish_task(page, task)
    return expected


def download(page: Page, button: str) -> bytes:
    tab_to(page, f"button={button}")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    return Path(info.value.path()).read_bytes()


@pytest.fixture(scope="module")
def run(browser: BrowserContext, site_url: str, kb: KnowledgeBase, watch: Watch,
        tmp_path_factory: pytest.TempPathFactory) -> Run:
    page = browser.new_page()
    watch.clear()
    watch_tab(page, watch)
    open_page(page, site_url + "draft/")
    page.evaluate("localStorage.clear()")
    reload_page(page)
    page.wait_for_selector("#gpia-draft[data-ready]")
    expected = complete_by_keyboard(page, kb)
    tasks = page.locator(".gpia-task-list li").count() - 1
    assert page.locator("#gpia-draft-count").inner_text() == f"{tasks} of {tasks} tasks completed."

    reload_page(page)
    page.wait_for_selector("#gpia-draft[data-ready]")
    assert page.locator("#gpia-draft-count").inner_text() == f"{tasks} of {tasks} tasks completed."
    kept = json.loads(page.evaluate("localStorage.getItem('gpia-draft')"))

    open_task(page, "check")
    assert page.locator("text=Nothing is still open.").count() == 1
    draft_bytes = download(page, "Download the draft as a file (JSON)")
    draft_file = tmp_path_factory.mktemp("draft") / "draft.json"
    draft_file.write_bytes(draft_bytes)
    csv = download(page, "Download decisions and requirements (CSV)")

    # Start again, by keyboard, after the confirmation; then open the saved file.
    tab_to(page, "button=Start again")
    page.keyboard.press("Enter")
    tab_to(page, "button=Yes, clear all my answers")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('gpia-draft-count').textContent.startsWith('0 of')")
    open_task(page, "check")
    page.set_input_files("#gpia-draft-import", str(draft_file))
    # Whatever the report says, then that it opened (a refusal fails here with its reasons, not a timeout).
    page.wait_for_function("() => document.getElementById('gpia-draft-import-report').textContent !== ''")
    assert "The draft was opened." in page.text_content("#gpia-draft-import-report")
    imported = json.loads(page.evaluate("localStorage.getItem('gpia-draft')"))

    pack = download(page, "Download the drafting pack (Word)")
    pack_ms = page.evaluate("window.gpiaLastPackMs")
    assert not watch.console_errors, watch.console_errors
    assert not watch.offsite_requests, watch.offsite_requests
    page.close()
    return Run(expected, json.loads(draft_bytes), draft_file, pack, csv, kept, imported, pack_ms)


def test_a_whole_draft_is_kept_exported_and_imported(run: Run) -> None:
    assert run.kept["parties"]["site"] == SITE
    jsonschema.validate(run.draft, json.loads(SCHEMA_FILE.read_text()))
    saved = {k: v for k, v in run.draft.items() if k != "saved"}
    assert run.imported == saved == run.kept


def test_the_csv_opens_in_a_spreadsheet_as_utf8(run: Run) -> None:
    assert run.csv.startswith(b"\xef\xbb\xbf")
    text = run.csv.decode("utf-8-sig")
    assert REWORDED in text and LEFT_OUT_REASON in text and OWN in text


def _accepted(body: etree._Element) -> list[str]:
    return _paragraphs(body, drop="del", keep="ins")


def _rejected(body: etree._Element) -> list[str]:
    return _paragraphs(body, drop="ins", keep="del")


def _paragraphs(body: etree._Element, drop: str, keep: str) -> list[str]:
    """The text of each NHS-wording paragraph with every change of one kind applied and the other
    undone, as Word's Accept All / Reject All do: a paragraph whose mark is `drop` goes."""
    body = copy.deepcopy(body)
    for change in list(body.iter(f"{W}{drop}")):
        parent = change.getparent()
        if parent.tag == f"{W}rPr" and parent.getparent().tag == f"{W}pPr":
            paragraph = parent.getparent().getparent()
            paragraph.getparent().remove(paragraph)
        elif change.getparent() is not None:
            change.getparent().remove(change)
    texts = []
    for p in body.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is None or style.get(f"{W}val") != "NHSWording":
            continue
        texts.append("".join(t.text or "" for t in p.iter(f"{W}t", f"{W}delText")))
    return texts


def test_the_pack_opens_and_its_changes_give_the_site_or_the_national_text(run: Run) -> None:
    from docx import Document

    document = Document(io.BytesIO(run.pack))
    text = "\n".join([p.text for p in document.paragraphs] +
                     [c.text for t in document.tables for row in t.rows for c in row.cells])
    assert f"Drafting pack: {SITE}" in text
    parts = zipfile.ZipFile(io.BytesIO(run.pack))
    body = etree.fromstring(parts.read("word/document.xml")).find(f"{W}body")
    assert _accepted(body) == run.expected.site
    assert _rejected(body) == run.expected.national
    changes = list(body.iter(f"{W}ins")) + list(body.iter(f"{W}del"))
    assert changes and all(c.get(f"{W}author") == SITE and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", c.get(f"{W}date"))
                           for c in changes)
    comments = etree.fromstring(parts.read("word/comments.xml"))
    assert ["".join(c.itertext()) for c in comments] == [f"Left out: {r}" for r in run.expected.reasons]
    for value in run.expected.schedule_values:
        assert value in text, value
    assert "Nothing is still open." in text
    # The site's Word style: the template's section and styles, as the build writes them.
    template = zipfile.ZipFile(io.BytesIO(run.pack))
    assert template.read("word/styles.xml") == parts.read("word/styles.xml")


def test_the_pack_is_built_in_under_a_second(run: Run) -> None:
    assert 0 < run.pack_ms < 1000, run.pack_ms


def test_libreoffice_converts_the_pack(run: Run, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed on this machine: the conversion check needs it")
    pack = tmp_path / "pack.docx"
    pack.write_bytes(run.pack)
    result = subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                             "--outdir", str(tmp_path), str(pack)], capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "pack.pdf").stat().st_size > 1000


# ---- hostile draft files ----------------------------------------------------------------------

MARKUP = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'


def _import(page: Page, name: str, content: bytes | Path) -> str:
    page.evaluate("document.getElementById('gpia-draft-import-report').textContent = ''")
    if isinstance(content, Path):
        page.set_input_files("#gpia-draft-import", str(content))
    else:
        page.set_input_files("#gpia-draft-import", files=[{"name": name, "mimeType": "application/json", "buffer": content}])
    page.wait_for_function("() => document.getElementById('gpia-draft-import-report').textContent.length > 0")
    report = page.locator("#gpia-draft-import-report").inner_text()
    return report


@pytest.fixture
def check_page(page: Page, site_url: str) -> Page:
    open_page(page, site_url + "draft/")
    page.evaluate("localStorage.clear()")
    page.evaluate("localStorage.setItem('gpia-draft', JSON.stringify({format: 'gpia-draft', format_version: 1, "
                  "version: 'x', parties: {site: 'Kept site'}, decisions: {}, requirements: {}, own: {}, schedules: {}, done: {}}))")
    open_page(page, site_url + "draft/#task-check")
    page.wait_for_selector("#gpia-draft-import")
    return page


def _kept(page: Page) -> str:
    return json.loads(page.evaluate("localStorage.getItem('gpia-draft')"))["parties"].get("site", "")


def test_markup_in_every_field_is_shown_as_text(check_page: Page, kb: KnowledgeBase) -> None:
    page = check_page
    decision = next(iter(kb.decisions))
    tables = current_tables(kb)
    first_table = next(iter(tables.values()))[0]
    area = first_table.areas[0]
    requirement = area.requirements[0]
    schedule = pack_schedules(kb)[0]
    text_field = next(f for f in schedule.fields if f.kind == "text")
    draft = {"format": "gpia-draft", "format_version": 1, "version": "icp-0000",
             "parties": {k: MARKUP for k in ("site", "provider", "practices", "federation", "signatories")},
             "decisions": {decision: {"choice": "other", "other": MARKUP, "note": MARKUP}},
             "requirements": {requirement.id: {"action": "reword", "text": MARKUP, "reason": MARKUP, "hash": "0" * 16}},
             "own": {area.id: [MARKUP]}, "schedules": {schedule.id: {text_field.id: MARKUP}}, "done": {}}
    report = _import(page, "markup.json", json.dumps(draft).encode())
    assert "The draft was opened." in report
    assert "has changed since the draft was made" in report
    for task in ("parties", "decisions", first_table.kind, schedule.id):
        page.goto(page.url.split("#")[0] + "#task-" + task)
        page.wait_for_function("() => !document.querySelector('.gpia-draft-body').textContent.startsWith('Loading')")
        assert page.locator("#gpia-draft img, #gpia-draft script").count() == 0
        if task == "parties":
            assert page.locator("#party-site").input_value() == MARKUP
        if task == first_table.kind:
            assert page.locator(f"#req-{requirement.id}-text").input_value() == MARKUP
            assert MARKUP in page.locator(f"#req-{requirement.id}-redline").inner_text()
            assert page.locator(f"#own-{area.id}-0").input_value() == MARKUP
    assert page.evaluate("window.__pwned") is None


def test_a_huge_file_is_refused_and_nothing_is_lost(check_page: Page, tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as out:
        out.write(b'{"format": "gpia-draft", "parties": {"site": "')
        out.truncate(50 * 1024 * 1024)
    report = _import(check_page, "huge.json", huge)
    assert "at most 2 MB" in report and "nothing you entered has changed" in report
    assert _kept(check_page) == "Kept site"


def test_wrong_types_are_refused_with_where_and_nothing_is_lost(check_page: Page) -> None:
    draft = {"format": "gpia-draft", "format_version": 1, "version": "icp-2019", "parties": {"site": 5},
             "decisions": {"decide-who-signs": {"choice": "yes"}}, "requirements": {"BAD ID": {"action": "keep"}},
             "extra": 1}
    report = _import(check_page, "types.json", json.dumps(draft).encode())
    assert "parties.site: must be text" in report
    assert "decisions.decide-who-signs.choice" in report
    assert 'unknown field "extra"' in report
    assert "an id must be lower-case letters" in report
    assert _kept(check_page) == "Kept site"
    # The same file is refused by the published schema.
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(draft, json.loads(SCHEMA_FILE.read_text()))
    assert "not a JSON file" in _import(check_page, "broken.json", b"{not json")
    assert _kept(check_page) == "Kept site"


def test_unknown_ids_are_ignored_and_named(check_page: Page, kb: KnowledgeBase) -> None:
    draft = {"format": "gpia-draft", "format_version": 1, "version": "icp-2019", "parties": {"site": "Imported site"},
             "decisions": {"decide-nothing-of-the-sort": {"choice": 0}},
             "requirements": {"gone-requirement": {"action": "keep"}}, "schedules": {"schedule-unknown": {"x": "y"}}}
    report = _import(check_page, "unknown.json", json.dumps(draft).encode())
    assert "The draft was opened." in report
    assert "decision decide-nothing-of-the-sort" in report and "schedule schedule-unknown" in report
    assert "gone-requirement is no longer in the national text" in report
    assert _kept(check_page) == "Imported site"


# ---- one redline ------------------------------------------------------------------------------

EDGE_CASES = ["Schedule 5", "schedule 3.1A and ſchedule 4", "İtem Row 2", "6.2(d) and 4.1(b)(ii)", "£1,500 or 95% in 1999.",
              "co-ordinated decision-making practice’s", "x_y  \t z", "Clause 6.2(d)(", "Section 3x", "naïve café ½ Ⅳ 2nd",
              "a\u00a0b\u2028c", "emoji 👍🏽 ok"]


def test_the_browsers_redline_is_the_builds_on_every_pair_of_the_real_data(page: Page, site_url: str,
                                                                            kb: KnowledgeBase) -> None:
    open_page(page, site_url + "draft/")
    page.wait_for_function("() => !!window.gpiaRedline")
    pairs = [(" ".join(o.text for o in p.old), p.new.text) for p in compare(kb).pairs]
    assert len(pairs) > 20 and any(p.kind == "reworded" for p in compare(kb).pairs)
    pairs += [(a, b) for a, b in zip(EDGE_CASES, EDGE_CASES[1:] + EDGE_CASES[:1])]
    browser_ops = page.evaluate("pairs => pairs.map(([a, b]) => window.gpiaRedline.redline(a, b))", pairs)
    for (old, new), ops in zip(pairs, browser_ops):
        assert [(op["kind"], op["text"]) for op in ops] == [(op.kind, op.text) for op in redline(old, new)], (old, new)
    texts = [r.text for r in kb.requirements.values()] + EDGE_CASES
    assert page.evaluate("texts => texts.map(t => window.gpiaRedline.tokens(t))", texts) == [tokens(t) for t in texts]


# ---- accessibility ----------------------------------------------------------------------------

@pytest.mark.parametrize("size", [{"width": 1280, "height": 720}, {"width": 390, "height": 844}], ids=["1280", "390"])
def test_axe_finds_nothing_with_the_tasks_opened(page: Page, site_url: str, kb: KnowledgeBase, size: dict) -> None:
    page.set_viewport_size(size)
    open_page(page, site_url + "draft/")
    page.evaluate("localStorage.clear()")
    axe = Axe()
    tasks = ["", "parties", "decisions", *current_tables(kb), pack_schedules(kb)[0].id, "check"]
    found = []
    for task in tasks:
        open_page(page, site_url + "draft/" + (f"#task-{task}" if task else ""))
        page.wait_for_selector("#gpia-draft[data-ready]")
        if task:
            page.wait_for_function("() => !document.querySelector('.gpia-draft-body').textContent.startsWith('Loading')")
        if task in current_tables(kb):
            page.locator("input[id$='-reword']").first.check()
            page.locator("input[id$='-leave-out']").nth(1).check()
        for details in page.locator("#gpia-draft details").all():
            details.evaluate("d => d.open = true")
        found += [f"{task or 'task list'}: {v['id']}: {v['help']} ({[n['target'] for n in v['nodes']]})"
                  for v in axe.run(page, options=AXE_OPTIONS).response["violations"]]
        overflow = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
        if overflow > 0:  # WCAG 1.4.10: no sideways scrolling of the page
            found.append(f"{task or 'task list'}: the page scrolls sideways by {overflow}px")
    assert not found, "\n".join(found)


def test_a_schedule_page_opens_its_task(page: Page, site_url: str, kb: KnowledgeBase) -> None:
    schedule = pack_schedules(kb)[-1]
    open_page(page, site_url + f"schedules/{schedule.id}/")
    page.get_by_role("link", name="the drafting pack").click()
    page.wait_for_selector("#gpia-draft[data-ready]")
    assert page.locator("#gpia-draft-task-title").inner_text() == schedule.label
    assert page.url.endswith(f"/draft/#task-{schedule.id}")
