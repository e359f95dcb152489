"""Where each kind of data lives. The one place that maps files to schemas."""
from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

# (glob relative to the data root, schema kind). The first match wins.
LAYOUT: tuple[tuple[str, str], ...] = (
    ("clauses/sources.yaml", "sources"),
    ("clauses/versions.yaml", "versions"),
    ("clauses/clauses.yaml", "clauses"),
    ("clauses/agreements.yaml", "agreements"),
    ("clauses/glossary.yaml", "glossary"),
    ("clauses/citations.yaml", "citations"),
    ("clauses/changes.yaml", "changes"),
    ("clauses/requirements/*.yaml", "requirement-table"),
    ("clauses/documents/*.yaml", "document"),
    ("clauses/schedules/*.yaml", "schedule"),
    ("faq/*.yaml", "faq-section"),
)
DATA_DIRS = ("clauses", "faq")
SCHEMA_DIR = Path(__file__).parent / "schemas"


def kind_of(relative: str) -> str | None:
    for pattern, kind in LAYOUT:
        if fnmatch(relative, pattern) and relative.count("/") == pattern.count("/"):
            return kind
    return None


def data_files(root: Path) -> list[Path]:
    """Every YAML file under the data folders, in a stable order."""
    files: list[Path] = []
    for folder in DATA_DIRS:
        base = root / folder
        if base.is_dir():
            files.extend(p for p in base.rglob("*") if p.suffix in {".yaml", ".yml"} and p.is_file())
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def expected_places() -> str:
    return ", ".join(pattern for pattern, _ in LAYOUT)
