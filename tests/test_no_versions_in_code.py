"""Documents and versions are data: nothing under scripts/ names a particular document, version or
year. The ids come from clauses/ (versions.yaml, sources.yaml, documents/), so a test reads them from
there rather than listing them, and fails on any that the code spells out."""
from __future__ import annotations

import re

import yaml

from conftest import ROOT


def _data_ids() -> set[str]:
    versions = yaml.safe_load((ROOT / "clauses/versions.yaml").read_text(encoding="utf-8"))
    sources = yaml.safe_load((ROOT / "clauses/sources.yaml").read_text(encoding="utf-8"))
    ids = {v["id"] for v in versions["versions"]} | {c["id"] for c in versions.get("comparisons", [])}
    ids |= {s["id"] for s in sources["sources"]}
    for path in (ROOT / "clauses/documents").glob("*.yaml"):
        ids.add(yaml.safe_load(path.read_text(encoding="utf-8"))["document"]["id"])
    return ids


def test_no_document_version_or_year_is_named_in_the_code() -> None:
    ids = _data_ids()
    years = {m for i in ids for m in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", i)}
    assert ids and years
    pattern = re.compile("|".join(re.escape(x) for x in sorted(ids | years, key=len, reverse=True)))
    found = []
    for path in sorted((ROOT / "scripts").rglob("*")):
        if path.suffix in {".py", ".html", ".json"} and path.is_file():
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                for match in pattern.finditer(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {match.group(0)}")
    assert found == []
