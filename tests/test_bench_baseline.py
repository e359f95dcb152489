"""The "Before and after the redesign" figures of `make bench` (the gpia_bench package): the table and the
verdicts written from given numbers, and how `--only baseline` replaces just that section of
BENCHMARKS.md. No timing is measured here."""
from __future__ import annotations

from pathlib import Path

from gpia_bench import baseline, document, report, serve, sizes

from conftest import ROOT


def _serve(page_s: float, build_s: float) -> serve.Serve:
    return serve.Serve(page_s, page_s + 0.1, page_s + 0.5, build_s, 3, 0.5)


def _baseline(build_x10_after: float = 6.0, serve: bool = True) -> baseline.Baseline:
    scales = [baseline.Versus(1, baseline.Side(0.50, 4.00, 121), baseline.Side(0.40, 3.00, 122)),
              baseline.Versus(10, baseline.Side(1.00, 5.00, 1_068), baseline.Side(1.10, build_x10_after, 1_070))]
    return baseline.Baseline("4f75fb2", "2026-12-01", scales, (_serve(4.0, 5.0), _serve(2.0, 3.0)) if serve else None,
                          3, (0.4, 1.2), ["/compare/text/"], [])


def test_the_verdict_is_a_regression_only_beyond_the_noise() -> None:
    assert baseline.verdict(1.21) == "**regressed**"
    assert baseline.verdict(1.204) == baseline.verdict(1.2) == baseline.verdict(1.0) == "no regression (within noise)"
    assert baseline.verdict(0.8) == "no regression (within noise)"
    assert baseline.verdict(0.79) == "faster"


def test_the_table_and_the_verdicts_are_computed_from_the_numbers() -> None:
    lines = report.baseline_section(_baseline())
    assert lines[0] == baseline.BASELINE_SECTION
    assert "| ×1 | 0.50 | 0.40 | 0.80× | 4.00 | 3.00 | 0.75× | 121 | 122 |" in lines
    assert "| ×10 | 1.00 | 1.10 | 1.10× | 5.00 | 6.00 | 1.20× | 1,068 | 1,070 |" in lines
    assert "- validate ×1: 0.80×, no regression (within noise)" in lines
    assert "- build ×1: 0.75×, faster" in lines
    assert "- build ×10: 1.20×, no regression (within noise)" in lines
    assert "- live reload ×1: 0.50×, faster" in lines
    assert "Nothing regressed: no ratio is above the noise." in lines
    text = "\n".join(lines)
    assert "before 4.00 s, after 2.00 s, 0.50×" in text
    assert "load average of 0.4 when it started and 1.2 when it ended" in text
    assert "the median of 3 runs" in text and "`4f75fb2` (2026-12-01), the last commit before the redesign" in text
    assert "At ×1 the current site has 1 page that the earlier one did not: `/compare/text/`;" in text

    slower = report.baseline_section(_baseline(build_x10_after=6.5, serve=False))
    assert "- build ×10: 1.30×, **regressed**" in slower
    assert "Regressed: build ×10 (1.30×)." in slower
    assert not any(line.startswith("- live reload") for line in slower)
    assert any(line.startswith("Live reload at ×1: not measured") for line in slower)


def test_another_revision_is_not_called_the_last_one_before_the_redesign() -> None:
    other = _baseline()
    other.rev = "1234abc"
    text = "\n".join(report.baseline_section(other))
    assert "`1234abc` (2026-12-01), given with `--baseline`" in text


def _without_section(text: str) -> str:
    """BENCHMARKS.md with the comparison's section taken out, if a run has written it."""
    if baseline.BASELINE_SECTION not in text:
        return text
    start = text.index(baseline.BASELINE_SECTION)
    return text[:start] + text[text.index("\n## ", start) + 1:]


def test_only_baseline_replaces_just_its_section() -> None:
    without = _without_section((ROOT / "BENCHMARKS.md").read_text(encoding="utf-8"))
    added = document.splice_section(without, baseline.BASELINE_SECTION, report.baseline_section(_baseline()))
    assert added.count(baseline.BASELINE_SECTION) == 1
    # Without one yet, it goes before the corpora; run again, it replaces itself and nothing else.
    assert added.index(baseline.BASELINE_SECTION) < added.index("## The synthetic corpora")
    slower = document.splice_section(added, baseline.BASELINE_SECTION,
                                  report.baseline_section(_baseline(build_x10_after=6.5)))
    assert "Regressed: build ×10 (1.30×)." in slower and "Regressed:" not in added
    assert document.splice_section(slower, baseline.BASELINE_SECTION, report.baseline_section(_baseline())) == added
    assert _without_section(added) == _without_section(slower) == without


def test_pages_are_named_as_the_other_figures_name_them(tmp_path: Path) -> None:
    for page in ("index.html", "404.html", "compare/text/index.html", "faq/pages/2/index.html"):
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text("<html></html>", encoding="utf-8")
    assert sizes.pages_built(tmp_path) == {"/", "/compare/text/", "/faq/pages/2/"}


def test_a_full_run_keeps_the_sections_it_does_not_write() -> None:
    from gpia_bench.document import keep_other_sections
    old = "# Benchmarks\n\n## Results\n\nold figures\n\n## Lighthouse\n\nby hand, 98\n\n## Determinism\n\nold\n"
    new = "# Benchmarks\n\n## Results\n\nnew figures\n\n## Determinism\n\nnew\n"
    kept = keep_other_sections(old, new)
    assert kept == "# Benchmarks\n\n## Results\n\nnew figures\n\n## Determinism\n\nnew\n\n## Lighthouse\n\nby hand, 98\n"
    assert keep_other_sections(new, new) == new


def test_each_revision_writes_its_corpora_with_its_own_synthetic_tool(tmp_path: Path) -> None:
    assert baseline.synthetic_module(ROOT) == "gpia.tools.synthetic"
    (tmp_path / "scripts" / "gpia").mkdir(parents=True)
    (tmp_path / "scripts" / "gpia" / "synthetic.py").write_text("", encoding="utf-8")
    assert baseline.synthetic_module(tmp_path) == "gpia.synthetic"  # before the redesign moved it into tools/


def test_a_skipped_section_keeps_its_last_figures_where_they_were(tmp_path: Path, monkeypatch) -> None:
    """`gpia bench --skip baseline`: everything else is measured, the baseline is not, and its section
    stays word for word in its place; a section skipped that the file does not have yet is measured."""
    from gpia_bench import cli
    out = tmp_path / "BENCHMARKS.md"
    out.write_text((ROOT / "BENCHMARKS.md").read_text(encoding="utf-8"), encoding="utf-8")
    measured: list[str] = []
    monkeypatch.setattr(cli, "measure", lambda scale, runs, work: measured.append(f"x{scale}") or scale)
    monkeypatch.setattr(cli, "measure_serve", lambda runs, work: "serve")
    monkeypatch.setattr(cli, "measure_tooltips", lambda runs, work: "tooltips")
    monkeypatch.setattr(cli, "report", lambda results, extra, runs: "# Benchmarks\n\n## Results\n\nnew\n\n"
                                                                   "## The synthetic corpora\n\nnew\n")
    monkeypatch.setattr(cli, "measure_search", lambda scales, runs, work: measured.append("search"))
    monkeypatch.setattr(cli, "search_section", lambda found, runs: [cli.SEARCH_SECTION, "", "searched"])
    monkeypatch.setattr(cli, "measure_baseline", lambda *args: measured.append("baseline"))
    args = cli.parser().parse_args(["--scales", "1", "--out", str(out), "--skip", "baseline", "--work", str(tmp_path)])
    text = cli.full_run(args)
    assert measured == ["x1", "search"]
    old_baseline = document.section_of(out.read_text(encoding="utf-8"), baseline.BASELINE_SECTION)
    assert old_baseline and document.section_of(text, baseline.BASELINE_SECTION).rstrip("\n") == old_baseline.rstrip("\n")
    assert text.index(baseline.BASELINE_SECTION) < text.index("## The synthetic corpora")
    assert "searched" in text
    # With no file yet, a skipped section is measured all the same.
    out.unlink()
    monkeypatch.setattr(cli, "baseline_section", lambda found: [baseline.BASELINE_SECTION, "", "measured"])
    measured.clear()
    assert "measured" in cli.full_run(args) and measured == ["x1", "search", "baseline"]
