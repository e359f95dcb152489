"""The same input gives the same site, file for file and byte for byte."""
from __future__ import annotations

from pathlib import Path

from conftest import mkdocs_build


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_identical(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764028800")
    first, second = tmp_path / "one", tmp_path / "two"
    for site in (first, second):
        result = mkdocs_build(site)
        assert result.returncode == 0, result.stderr
    a, b = _tree(first), _tree(second)
    assert sorted(a) == sorted(b)
    different = [name for name in a if a[name] != b[name]]
    assert different == []
