"""`make fix` rewrites quotes and dashes pasted from Word to the source's own, and nothing else."""
from __future__ import annotations

from pathlib import Path

from conftest import ROOT, SOURCES, copy_data
from gpia.tools.fix import apply_fixes, main, typographic_fixes
from gpia.knowledge_base import load_knowledge_base

TABLE = "clauses/requirements/icp-2019-integration.yaml"


def test_curly_quotes_from_word_are_fixed_and_the_file_is_otherwise_byte_identical(tmp_path: Path) -> None:
    root = copy_data(tmp_path / "kb")
    path = root / TABLE
    original = path.read_bytes()
    # As pasted from Word: a curly apostrophe, and the file saved with Windows line endings.
    original = original.replace(b"\n", b"\r\n")
    path.write_bytes(original.replace(b"Practice's booking", "Practice’s booking".encode("utf-8")))
    assert load_knowledge_base(root, SOURCES).problems == []  # the check forgives it; fix writes the source's
    fixes = typographic_fixes(root, SOURCES)
    assert [(f, [(w, p) for _, _, w, p in found]) for f, found in fixes.items()] == [(TABLE, [("’", "'")])]
    assert apply_fixes(root, fixes) == 1
    assert path.read_bytes() == original
    assert {p: p.read_bytes() for p in root.rglob("*.yaml") if p != path} == \
        {root / p.relative_to(ROOT): p.read_bytes() for p in (ROOT / "clauses").rglob("*.yaml")
         if p.relative_to(ROOT).as_posix() != TABLE} | \
        {root / p.relative_to(ROOT): p.read_bytes() for p in (ROOT / "faq").rglob("*.yaml")}


def test_the_real_data_needs_no_fix(tmp_path: Path, capsys) -> None:
    root = copy_data(tmp_path / "kb")
    assert main(["--root", str(root), "--sources", str(SOURCES)]) == 0
    assert capsys.readouterr().out == "0 characters rewritten to the source's quotes and dashes; nothing else changed.\n"
