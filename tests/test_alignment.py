"""Alignment rules: every requirement of both versions aligned, new or dropped, and pointing the right way.

Each case edits one or two lines of a copy of the real data and lists the exact problems, each
placed by a (line that contains, text it points at) pair looked up in the edited file.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import problems

NEW = "clauses/requirements/icp-2019-integration.yaml"
OLD = "clauses/requirements/mcp-2016-integration.yaml"
VERSIONS = "clauses/versions.yaml"
CHANGES = "clauses/changes.yaml"

# The real lines the cases edit.
NEW_TRANSFERS = "      - id: icp-2019-int-transfers-of-care\n"
NEW_TRANSFERS_LINK = "        derives_from: [mcp-2016-int-transfers-of-care]\n"
OLD_TRANSFERS = "        text: Practices adhere to local transfers of care protocols\n"
OLD_VISION_DROPPED = "        text: Practices agree to the shared vision for MCP\n        status: dropped\n"

UNALIGNED_2019 = ("requirement 'icp-2019-int-transfers-of-care' is not aligned with mcp-2016: add 'derives_from: [...]' "
                  "naming the mcp-2016 requirement(s) it comes from, or 'status: new' if it has none "
                  "(make propose suggests candidates)")
UNCARRIED_2016 = ("requirement 'mcp-2016-int-transfers-of-care' is not carried forward by any icp-2019 requirement: "
                  "name it in the 'derives_from' of the icp-2019 requirement(s) that carry it, or add 'status: dropped'")
UNCARRIED_VISION = UNCARRIED_2016.replace("int-transfers-of-care", "int-agree-shared-vision")

# (name, edits as (file, old text, new text), expected as (file, line containing, points at, message))
CASES = [
    ("2019 requirement left unaligned",
     [(NEW, NEW_TRANSFERS_LINK, "")],
     [(NEW, NEW_TRANSFERS, "icp-2019-int-transfers-of-care", UNALIGNED_2019),
      (OLD, "- id: mcp-2016-int-transfers-of-care", "mcp-2016-int-transfers-of-care", UNCARRIED_2016)]),
    ("2016 requirement neither carried forward nor dropped",
     [(OLD, OLD_VISION_DROPPED, "        text: Practices agree to the shared vision for MCP\n")],
     [(OLD, "- id: mcp-2016-int-agree-shared-vision", "mcp-2016-int-agree-shared-vision", UNCARRIED_VISION)]),
    ("derives_from pointing at a 2019 requirement",
     [(NEW, NEW_TRANSFERS_LINK, "        derives_from: [icp-2019-int-reduce-variation]\n")],
     [(NEW, "derives_from: [icp-2019-int-reduce-variation]", "icp-2019-int-reduce-variation",
       "'derives_from' refers to 'icp-2019-int-reduce-variation', which is an icp-2019 requirement "
       f"({NEW}:18:13); it must be an mcp-2016 requirement"),
      (OLD, "- id: mcp-2016-int-transfers-of-care", "mcp-2016-int-transfers-of-care", UNCARRIED_2016)]),
    ("derives_from pointing at a record that is not a requirement",
     [(NEW, NEW_TRANSFERS_LINK, "        derives_from: [mcp-2016-int-common-protocols]\n")],
     [(NEW, "derives_from: [mcp-2016-int-common-protocols]", "mcp-2016-int-common-protocols",
       f"'derives_from' refers to 'mcp-2016-int-common-protocols', which is an area ({OLD}:25:9); "
       "it must be a requirement"),
      (OLD, "- id: mcp-2016-int-transfers-of-care", "mcp-2016-int-transfers-of-care", UNCARRIED_2016)]),
    ("derives_from on a 2016 requirement",
     [(OLD, OLD_TRANSFERS, OLD_TRANSFERS + "        derives_from: [mcp-2016-int-reduce-variation]\n")],
     [(OLD, "derives_from: [mcp-2016-int-reduce-variation]", "[",
       "'derives_from' is only for icp-2019 requirements; name 'mcp-2016-int-transfers-of-care' in the "
       "'derives_from' of the icp-2019 requirement that carries it, and remove it here")]),
    ("derives_from that is empty",
     [(NEW, NEW_TRANSFERS_LINK, "        derives_from: []\n")],
     [(NEW, "derives_from: []", "[",
       "'derives_from' is empty; name the mcp-2016 requirement(s) this one comes from, or replace it with "
       "'status: new'"),
      (OLD, "- id: mcp-2016-int-transfers-of-care", "mcp-2016-int-transfers-of-care", UNCARRIED_2016)]),
    ("status new on a 2016 requirement",
     [(OLD, OLD_VISION_DROPPED, "        text: Practices agree to the shared vision for MCP\n        status: new\n")],
     [(OLD, "status: new", "new",
       "'status: new' is only for icp-2019 requirements; an mcp-2016 requirement is carried forward "
       "(named in an icp-2019 'derives_from') or 'status: dropped'"),
      (OLD, "- id: mcp-2016-int-agree-shared-vision", "mcp-2016-int-agree-shared-vision", UNCARRIED_VISION)]),
    ("status dropped on a 2019 requirement",
     [(NEW, NEW_TRANSFERS_LINK, "        status: dropped\n")],
     [(NEW, "status: dropped", "dropped",
       "'status: dropped' is only for mcp-2016 requirements that no icp-2019 requirement carries forward; "
       "an icp-2019 requirement has 'derives_from' or 'status: new'"),
      (OLD, "- id: mcp-2016-int-transfers-of-care", "mcp-2016-int-transfers-of-care", UNCARRIED_2016)]),
    ("status dropped on a 2016 requirement that is carried forward",
     [(OLD, OLD_TRANSFERS, OLD_TRANSFERS + "        status: dropped  # edited\n")],
     [(OLD, "status: dropped  # edited", "dropped",
       f"requirement 'mcp-2016-int-transfers-of-care' is marked 'status: dropped' but "
       f"'icp-2019-int-transfers-of-care' ({NEW}:36:13) derives from it; remove 'status: dropped' or the reference")]),
    ("status new and derives_from on the same requirement",
     [(NEW, NEW_TRANSFERS_LINK, NEW_TRANSFERS_LINK + "        status: new\n")],
     [(NEW, "status: new", "new",
       "requirement 'icp-2019-int-transfers-of-care' has both 'status: new' and 'derives_from'; a new "
       "requirement has no mcp-2016 ancestor, so remove one of them")]),
    ("change on a new 2019 requirement",
     [(NEW, NEW_TRANSFERS_LINK, "        status: new\n        change: reworded\n")],
     [(NEW, "change: reworded", "reworded",
       "'change' overrides the kind of change from the mcp-2016 requirement(s) this one derives from, so it "
       "needs 'derives_from'; add 'derives_from' or remove 'change'"),
      (OLD, "- id: mcp-2016-int-transfers-of-care", "mcp-2016-int-transfers-of-care", UNCARRIED_2016)]),
    ("change on a 2016 requirement",
     [(OLD, OLD_TRANSFERS, OLD_TRANSFERS + "        change: reworded\n")],
     [(OLD, "change: reworded", "reworded",
       "'change' is only for icp-2019 requirements with 'derives_from'; remove it here and, if needed, write "
       "it on the icp-2019 requirement that derives from 'mcp-2016-int-transfers-of-care'")]),
    ("why on a 2016 requirement that is carried forward",
     [(OLD, OLD_TRANSFERS, OLD_TRANSFERS + "        why: Our words.\n")],
     [(OLD, "why: Our words.", "Our words.",
       "'why' on an mcp-2016 requirement explains why it was dropped, but 'icp-2019-int-transfers-of-care' "
       f"({NEW}:36:13) carries it forward; move the note to the icp-2019 requirement")]),
    ("2016 requirement carried by two 2019 requirements and marked dropped",
     [(NEW, "        derives_from: [mcp-2016-int-reduce-variation]\n",
       "        derives_from: [mcp-2016-int-reduce-variation, mcp-2016-int-transfers-of-care]\n"),
      (OLD, OLD_TRANSFERS, OLD_TRANSFERS + "        status: dropped  # edited\n")],
     [(OLD, "status: dropped  # edited", "dropped",
       f"requirement 'mcp-2016-int-transfers-of-care' is marked 'status: dropped' but 'icp-2019-int-reduce-variation' "
       f"({NEW}:18:13), 'icp-2019-int-transfers-of-care' ({NEW}:36:13) derive from it; remove 'status: dropped' "
       "or the reference")]),
    ("a comparison to a version no record declares",
     [(VERSIONS, "    to: icp-2019\n", "    to: icp-2091\n")],
     [(VERSIONS, "to: icp-2091", "icp-2091",
       "comparison 'mcp-2016-to-icp-2019' compares to 'icp-2091', but no version has that id; use one of the "
       "versions listed above (mcp-2016, icp-2019), or add the version")]),
    ("a note on what changed about a comparison nobody declared",
     [(CHANGES, "  - id: change-mcp-becomes-icp\n    comparison: mcp-2016-to-icp-2019\n",
       "  - id: change-mcp-becomes-icp\n    comparison: mcp-2016-to-icp-2020\n")],
     [(CHANGES, "comparison: mcp-2016-to-icp-2020", "mcp-2016-to-icp-2020",
       "change 'change-mcp-becomes-icp' is about comparison 'mcp-2016-to-icp-2020', but no comparison in "
       "clauses/versions.yaml has that id; use one of: mcp-2016-to-icp-2019")]),
    ("a comparison of a version with itself",
     [(VERSIONS, "    from: mcp-2016\n", "    from: icp-2019\n")],
     [(VERSIONS, "    to: icp-2019", "icp-2019",
       "comparison 'mcp-2016-to-icp-2019' compares 'icp-2019' with itself; 'to' names the newer version")]),
    ("two comparisons that go round in a circle",
     [(VERSIONS, "    from: mcp-2016\n    to: icp-2019\n    tables: [governance, integration]\n",
       "    from: mcp-2016\n    to: icp-2019\n    tables: [governance, integration]\n    summary: Back.\n"
       "    last_reviewed: 2026-12-02\n  - id: icp-2019-to-mcp-2016\n    from: icp-2019\n    to: mcp-2016\n"
       "    tables: [governance]\n")],
     [(VERSIONS, "    from: icp-2019", "icp-2019",
       "comparison 'icp-2019-to-mcp-2016' compares 'icp-2019' to 'mcp-2016', but comparison 'mcp-2016-to-icp-2019' "
       f"({VERSIONS}:26:11) from 'mcp-2016' to 'icp-2019' already leads the other way: the comparisons go round in a "
       "circle (mcp-2016 → icp-2019 → mcp-2016); each compares an older version to a newer one, so remove one of them "
       "or correct its 'from' and 'to'")]),
]


def _position(root: Path, file: str, line_contains: str, points_at: str) -> str:
    lines = (root / file).read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line_contains.rstrip("\n") in line)
    line = lines[number - 1]
    start = line.index(line_contains.strip()) if line_contains.strip() in line else 0
    return f"{file}:{number}:{line.index(points_at, start) + 1}"


@pytest.mark.parametrize("edits, expected", [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_alignment_problem_is_reported_exactly(data_copy: Path, edits: list[tuple[str, str, str]],
                                               expected: list[tuple[str, str, str, str]]) -> None:
    for file, old, new in edits:
        path = data_copy / file
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (file, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
    wanted = sorted(f"{_position(data_copy, file, contains, at)}: {message}" for file, contains, at, message in expected)
    assert problems(data_copy) == wanted


def test_unaligned_requirement_names_its_own_line(data_copy: Path) -> None:
    """The completeness message points at the id of the requirement left out, nowhere else."""
    path = data_copy / NEW
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(NEW_TRANSFERS_LINK, ""), encoding="utf-8")
    found = [p for p in problems(data_copy) if p.startswith(NEW)]
    assert found == [f"{NEW}:36:13: {UNALIGNED_2019}"]


def test_a_2019_file_with_a_schema_problem_still_counts_its_derives_from(data_copy: Path) -> None:
    """A typo elsewhere in the 2019 file must not make every 2016 bullet it carries look dropped."""
    path = data_copy / NEW
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(NEW_TRANSFERS_LINK, NEW_TRANSFERS_LINK + "        colour: blue\n"), encoding="utf-8")
    assert problems(data_copy) == [
        f"{NEW}:39:9: unknown field 'colour' in areas[0].requirements[2] ('icp-2019-int-transfers-of-care'); "
        "remove it or correct its spelling (allowed here: change, defers_to, derives_from, id, related, rests_on, status, "
        "text, why)"]
