"""The tooltip figures of `make bench` (the gpia_bench package): its corpus, and how they replace their
part of BENCHMARKS.md. No timing is asserted here."""
from __future__ import annotations

from pathlib import Path

from gpia_bench import document, report, search, tooltips
from gpia.knowledge_base import load_or_raise
from gpia.views.common import abbreviations_for

from conftest import ROOT, SOURCES


def test_the_tooltip_corpus_is_valid_with_2000_more_abbreviations_on_or_off(tmp_path: Path) -> None:
    real = load_or_raise(ROOT, SOURCES)
    for on in (True, False):
        kb = load_or_raise(tooltips.tooltip_corpus(tmp_path / f"on-{on}", on), SOURCES)
        added = [t for t in kb.terms.values() if t.id.startswith("term-bench-")]
        assert len(added) == tooltips.TOOLTIP_TERMS
        assert len({t.abbreviation for t in added}) == tooltips.TOOLTIP_TERMS
        definitions = abbreviations_for(kb).definitions
        assert len(definitions) == (len(abbreviations_for(real).definitions) + tooltips.TOOLTIP_TERMS if on else 0)
        # Each added definition uses three abbreviations of other added terms.
        abbreviations = {t.abbreviation for t in added}
        for t in added:
            used = t.definition.removesuffix(".").split("works with ")[1].split(", ")
            assert len(used) == 3 and set(used) <= abbreviations - {t.abbreviation}, t.id


def _tooltips(on_s: float) -> tooltips.Tooltips:
    return tooltips.Tooltips(on_s, 20.0, 10.0, 10.0, 2013, 2165, 15755, 3)


def test_only_tooltips_replaces_their_section_and_target_and_nothing_else() -> None:
    before = (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")
    met = document.splice_tooltips(before, _tooltips(25.0))
    missed = document.splice_tooltips(met, _tooltips(40.0))
    assert document.splice_tooltips(missed, _tooltips(25.0)) == met
    row = f"| {tooltips.TOOLTIP_TARGET} |"
    assert [line for line in met.splitlines() if line.startswith(row)] == [f"{row} 1.25× | met |"]
    assert [line for line in missed.splitlines() if line.startswith(row)] == [
        f"{row} 2.00× | **not met** (over by 0.50×) |"]
    assert f"- **{tooltips.TOOLTIP_TARGET}**: " in missed and f"- **{tooltips.TOOLTIP_TARGET}**" not in met
    assert met.count(tooltips.TOOLTIP_SECTION) == 1 and "| tooltips on | 2,013 | 15,755 | 25.00 | 10.00 |" in met
    # Everything else is as it was: the other targets, and every other section.
    def others(text: str) -> list[str]:
        section = text.index(tooltips.TOOLTIP_SECTION)
        rest = text[:section] + text[text.index("\n## ", section):]
        return [line for line in rest.splitlines() if tooltips.TOOLTIP_TARGET not in line and line.strip()]
    assert others(met) == others(missed) == others(before)


def test_only_search_replaces_just_its_section() -> None:
    text = "# Benchmarks\n\n## Targets\n\nrows\n\n## Search (Pagefind)\n\nold figures\n\n## The synthetic corpora\n\nx\n"
    new = document.splice_section(text, search.SEARCH_SECTION, [search.SEARCH_SECTION, "", "new figures", ""])
    assert new == "# Benchmarks\n\n## Targets\n\nrows\n\n## Search (Pagefind)\n\nnew figures\n\n## The synthetic corpora\n\nx\n"
    # Without one yet, it goes before the corpora.
    added = document.splice_section(text.replace("## Search (Pagefind)\n\nold figures\n\n", ""), search.SEARCH_SECTION,
                                 [search.SEARCH_SECTION, "", "new figures", ""])
    assert added == new
    figures = [search.SearchFigures(1, 120, 0.2, 800, 188, 7), search.SearchFigures(100, 10_000, 9.0, 60_000, 320, 40)]
    lines = report.search_section(figures, 3)
    assert "| ×100 | 10,000 | 9.00 | 60,000 | 320 | 40.0 |" in lines
    assert lines[-2] == "Target: at ×100, at most 300 KB for a first query: 320 KB, **not met**."
