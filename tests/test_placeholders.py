"""Template text left in the data is refused, naming the field; "did you mean" never offers a clash."""
from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT, problems
from gpia.validate.placeholders import PLACEHOLDERS


def test_the_templates_use_only_the_known_placeholders() -> None:
    used: set[str] = set()
    for template in (ROOT / "templates").glob("*.yaml"):
        for line in template.read_text(encoding="utf-8").splitlines():
            if not line.lstrip().startswith("#"):
                used.update(re.findall(r"CHANGE[ -]ME|NEW-ID|Y{4}-M{2}-D{2}|[A-Z]{3,}(?:[ -][A-Z]{2,})+", line))
    assert used and used <= set(PLACEHOLDERS), used - set(PLACEHOLDERS)


def test_a_value_still_holding_template_text_names_the_field(data_copy: Path) -> None:
    path = data_copy / "clauses/glossary.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    note: The 2019 FAQs say", "    note: change me. The 2019 FAQs say", 1),
                    encoding="utf-8")
    [problem] = problems(data_copy)
    assert problem.startswith("clauses/glossary.yaml:10:11: 'terms[0].note' still holds template text "
                              "(\"change me. The 2019 FAQs say")
    assert problem.endswith("replace the whole value with your text for 'note'")


def test_a_template_id_and_date_are_named_as_such(data_copy: Path) -> None:
    path = data_copy / "clauses/glossary.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - id: term-mcp", "  - id: NEW-ID", 1)
                    .replace("last_reviewed: 2026-11-25", "last_reviewed: YYYY-MM-DD", 1), encoding="utf-8")
    found = problems(data_copy)
    assert found[:2] == [
        "clauses/glossary.yaml:3:9: 'terms[0].id' still holds template text (\"NEW-ID\"); replace the whole value "
        "with the record's id (kebab-case, e.g. term-care-navigator)",
        "clauses/glossary.yaml:11:20: 'terms[0].last_reviewed' still holds template text (\"YYYY-MM-DD\"); replace "
        "the whole value with today's date, written YYYY-MM-DD (e.g. 2026-11-25)"]


def test_did_you_mean_never_offers_an_id_that_two_records_use(data_copy: Path) -> None:
    path = data_copy / "clauses/glossary.yaml"
    text = path.read_text(encoding="utf-8")
    # A copied term whose id was not changed, and a reference with a slip in that id.
    first = text.index("  - id: term-icp\n")
    end = text.index("  - id: ", first + 5)
    path.write_text(text + text[first:end], encoding="utf-8")
    agreements = data_copy / "clauses/agreements.yaml"
    agreements.write_text(agreements.read_text(encoding="utf-8").replace("term-gp-ia", "term-icpp", 1),
                          encoding="utf-8")
    found = problems(data_copy)
    assert any("duplicate id 'term-icp'" in p for p in found)
    wrong = [p for p in found if "'term-icpp'" in p]
    assert wrong and "did you mean" not in wrong[0] and "two records use that id" in wrong[0], wrong



def test_the_quick_search_of_a_whole_file_misses_nothing_the_search_of_a_value_finds() -> None:
    # placeholder_problems searches a file's joined text with _MAYBE before each value with _FOUND:
    # every character _FOUND takes for a placeholder's first letter (ignoring case, where "I" is also
    # "ı" and "İ") must be in _MAYBE's leading set, and the rest is searched as _FOUND searches it.
    import sys
    from gpia.validate.placeholders import _FOUND, _MAYBE
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    firsts = set(re.findall("(?i)[" + "".join({p[0] for p in PLACEHOLDERS}) + "]", every))
    leading = set(re.findall(_MAYBE.pattern.split("]")[0] + "]", every))
    assert firsts and firsts <= leading
    for text in ["change me", "Change_Me", "NEW ID", "new-ıd", "NEW-İD", "yyyy mm dd", "YYYY-MM-DD", "cHaNgE-mE",
                 "no placeholder", "renew idea", "changeme", "NEWID", "Ｃhange me"]:
        assert bool(_MAYBE.search(f"x {text} y")) >= bool(_FOUND.search(f"x {text} y")), text
