"""The page `make serve` shows while the data has problems: place, problem and fix, all escaped."""
from __future__ import annotations

from gpia.pages.problem_page import problem_page_html, split_fix
from gpia.load.problems import Problem


def test_each_problem_is_listed_with_its_fix_and_escaped() -> None:
    page = problem_page_html([Problem("faq/<x>.yaml", 3, 7, "'note' holds <script>alert(1)</script>; delete it")],
                             "Skipped until faq/<x>.yaml is fixed: 2 checks.")
    assert "<script>alert" not in page
    assert "<code>faq/&lt;x&gt;.yaml:3:7</code>" in page
    assert "<td>&#x27;note&#x27; holds &lt;script&gt;alert(1)&lt;/script&gt;</td><td>delete it</td>" in page
    assert "Skipped until faq/&lt;x&gt;.yaml is fixed" in page


def test_a_message_without_a_fix_is_kept_whole() -> None:
    assert split_fix("no data files found") == ("no data files found", "")
