"""CONTRIBUTING.md's lists come from the code: the NHS-wording fields, the kinds and required fields."""
from __future__ import annotations

import os
import re
import subprocess
import sys

from conftest import ROOT
from gpia.tools.guide import BLOCKS, editor_settings, main, refreshed, required_fields, wording_fields
from gpia.tools.scaffold import RECIPES
from gpia.validate.verbatim import WORDING_FIELDS
from gpia.views.contributing import contributing_guide


def test_contributing_md_is_up_to_date() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert refreshed(text) == text, "run `make guide`"
    for name in BLOCKS:
        assert f"<!-- generated: {name} -->" in text


def test_a_stale_list_is_found_and_rewritten(tmp_path) -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    (tmp_path / "CONTRIBUTING.md").write_text(text.replace("| `term` |", "| `terms` |"), encoding="utf-8")
    assert main(["--root", str(tmp_path), "--check"]) == 1
    assert main(["--root", str(tmp_path)]) == 0
    assert (tmp_path / "CONTRIBUTING.md").read_text(encoding="utf-8") == text


def test_every_wording_field_every_kind_and_required_field_is_listed() -> None:
    table = wording_fields()
    for _, pattern, _ in WORDING_FIELDS:
        assert next(p for p in reversed(pattern) if p != "*") in table
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for kind in RECIPES:
        assert f"make new KIND={kind} ID=" in text
    assert "| term | glossary | `id`, `term`, `definition`, `last_reviewed` |" in required_fields()


def test_the_site_page_shows_the_lists_made_afresh() -> None:
    page = contributing_guide(ROOT)
    assert wording_fields() in page and required_fields() in page


def test_the_make_new_usage_names_every_kind() -> None:
    """The usage line asks the command for its kinds rather than listing them a second time."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"usage: make new KIND=<\$\$\(\$\(PY\) -m gpia.tools.scaffold --kinds\)>", makefile)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts")}
    result = subprocess.run([sys.executable, "-m", "gpia.tools.scaffold", "--kinds"], env=env, capture_output=True,
                            text=True, check=True)
    assert result.stdout == "|".join(RECIPES) + "\n"
    assert list(RECIPES) == ["term", "citation", "change", "clause", "question", "requirement", "schedule",
                             "faq-section", "guidance"]


def test_the_editors_map_of_schemas_is_rewritten_from_the_registry(tmp_path) -> None:
    settings = (ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8")
    assert editor_settings(settings) == settings, "run `make guide`"
    (tmp_path / ".vscode").mkdir()
    (tmp_path / "CONTRIBUTING.md").write_text((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"), encoding="utf-8")
    stale = settings.replace('    "./scripts/gpia/schemas/glossary.json": "clauses/glossary.yaml",\n', "")
    assert stale != settings
    (tmp_path / ".vscode" / "settings.json").write_text(stale, encoding="utf-8")
    assert main(["--root", str(tmp_path), "--check"]) == 1
    assert main(["--root", str(tmp_path)]) == 0
    assert (tmp_path / ".vscode" / "settings.json").read_text(encoding="utf-8") == settings
