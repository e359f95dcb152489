"""The sources' slips: kept as printed, and marked [sic] wherever the guide shows them."""
from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

from gpia.knowledge_base import load_or_raise

from conftest import ROOT, SOURCES, problems


@cache
def slips() -> tuple[tuple[str, str], ...]:
    """(as printed, as meant) of every slip the sources declare: the knowledge base read once."""
    kb = load_or_raise(ROOT, SOURCES)
    return tuple((s.printed, s.meant) for source in kb.sources.values() for s in source.sic)


def shown_text(markup: str) -> str:
    """What a reader sees, less scripts and the redlines (which strike words through, mark and all)."""
    markup = re.sub(r"<script.*?</script>", "", markup, flags=re.S)
    markup = re.sub(r"<(\w+) hidden[^>]*>.*?</\1>", "", markup, flags=re.S)  # words only the search index reads
    markup = re.sub(r'<(td|p|span|div) class="gpia-redline"[^>]*>.*?</\1>', "", markup, flags=re.S)
    markup = re.sub(r"<del\b.*?</del>|<ins\b.*?</ins>", "", markup, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def test_the_seven_slips_are_declared_in_the_data() -> None:
    assert [p for p, _ in slips()] == [
        "Practices agrees", "locally agreement", "will be affected", "these schedules is captured",
        "used to for", "how this intent be actioned", "A LA IA"]


def test_every_page_that_quotes_a_slip_marks_it(built_site: Path) -> None:
    pages_marked = {printed: 0 for printed, _ in slips()}
    unmarked = []
    for file in sorted(built_site.rglob("*.html")):
        text = shown_text(file.read_text(encoding="utf-8"))
        for printed, meant in slips():
            shown = text.count(printed)
            marked = text.count(f"{printed} [sic: probably “{meant}”]")
            if shown != marked:
                unmarked.append(f"{file.relative_to(built_site)}: '{printed}' shown {shown} times, marked {marked}")
            pages_marked[printed] += bool(marked)
    assert unmarked == []
    # Twelve fields quote the seven slips; each slip is marked on at least one page (most on several).
    assert all(pages_marked.values()), pages_marked
    assert sum(pages_marked.values()) >= 12


def test_the_nhs_wording_itself_is_unchanged(built_site: Path) -> None:
    kb = load_or_raise(ROOT, SOURCES)
    answer = kb.questions["faq-gp-ia-and-la-ia"].answer[0].text or ""
    assert answer.startswith("A LA IA is intended to be used to for ICPs")  # the record: as printed
    shown = shown_text((built_site / "faq/faq-section-other-agreements/index.html").read_text(encoding="utf-8"))
    assert ("A LA IA [sic: probably “An LA IA”] is intended to be used to for [sic: probably “used for”] ICPs"
            in shown)


def test_a_slip_must_be_printed_in_its_source(data_copy: Path) -> None:
    path = data_copy / "clauses/sources.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("- printed: Practices agrees", "- printed: Practices agreed"), encoding="utf-8")
    line = next(n for n, l in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "Practices agreed" in l)
    assert problems(data_copy, SOURCES) == [
        f"clauses/sources.yaml:{line}:18: 'printed' is not printed in source 'mcp-2016-overview' as whole words; "
        "copy the words with the slip exactly as the source prints them"]
