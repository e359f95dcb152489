"""Schedule templates and worked examples: the validation rules (exact messages), the real data,
the derived versions and traceability, and the local adaptation checklist rows and CSV."""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import astuple
from pathlib import Path

import pytest

from gpia.model.checklist import HEADER, checklist_rows
from gpia.pages.checklist import checklist_csv
from gpia.load.layout import SCHEMA_DIR
from gpia.knowledge_base import load_knowledge_base
from gpia.model.records import KnowledgeBase
from gpia.model.schedule_links import kpis_by_requirement, pointers_to, trace_rows, versions_of
from gpia.model.records import FREQUENCIES, OWNERS

from conftest import ROOT, SOURCES, problems, write

FILE = "clauses/schedules/schedule-workforce.yaml"  # a real, referenced schedule, rewritten per case
MODELINE = "# yaml-language-server: $schema=../../scripts/gpia/schemas/schedule.json\n"
HEAD = MODELINE + "schedule:\n  id: schedule-workforce\n  title: Workforce\n  summary: Our words.\n"
FIELDS = """\
  fields:
    - id: roles
      label: Shared roles
      kind: table
      required: true
      guidance: Our words.
      columns:
        - id: role
          label: Role
        - id: employer
          label: Employed by
    - id: notes
      label: Notes
      kind: text
      required: false
      guidance: Our words.
"""
EXAMPLE = """\
  example:
    site: Riverside Health Partnership
    values:
      roles:
        - role: Pharmacist
          employer: The ICP
      notes: Our words.
"""
TAIL = "  last_reviewed: 2026-11-25\n"
GOOD = HEAD + FIELDS + EXAMPLE + TAIL
# Lines in GOOD: 7 "- id: roles", 12 "columns:", 17 "- id: notes", 19 notes' kind, 22 "example:", 24 "values:",
# 25 "roles:", 26 the row, 27 "employer:", 28 "notes:".

KPI_FIELDS = """\
  fields:
    - id: kpis
      label: Key performance indicators
      kind: kpi-table
      required: true
      guidance: Our words.
"""
KPI_EXAMPLE = """\
  example:
    site: Riverside Health Partnership
    values:
      kpis:
        - id: kpi-test
          name: Test indicator
          definition: Our words.
          numerator: Our words.
          denominator: Our words.
          target: {value: 95, unit: "%", direction: at-least}
          frequency: monthly
          data_source: Our words.
          reporting_route: Our words.
          owner: practice-manager
          evidences: [icp-2019-int-data-quality]
"""
KPI_GOOD = HEAD + KPI_FIELDS + KPI_EXAMPLE + TAIL
# Lines in KPI_GOOD: 7 "- id: kpis", 14 "values:", 16 "- id: kpi-test", 21 target, 22 frequency, 25 owner,
# 26 evidences.

VALUES = "'schedule.example.values.roles'"

CASES = [
    ("good template and example", GOOD, []),
    ("good indicator table", KPI_GOOD, []),
    ("example value for a field that is not declared",
     GOOD.replace("      notes: Our words.\n", "      notes: Our words.\n      colour: blue\n"),
     [f"{FILE}:29:7: example value 'colour' is not a field of this schedule; use one of its field ids "
      "(allowed here: roles, notes)"]),
    ("required field left out of the example",
     GOOD.replace("      roles:\n        - role: Pharmacist\n          employer: The ICP\n", ""),
     [f"{FILE}:24:5: required field 'roles' (Shared roles) has no value in the example; add it under example.values"]),
    ("optional field may be left out",
     GOOD.replace("      notes: Our words.\n", ""), []),
    ("text where the table's rows belong",
     GOOD.replace("      roles:\n        - role: Pharmacist\n          employer: The ICP\n", "      roles: Pharmacist\n"),
     [f"{FILE}:25:14: {VALUES} must be a list of rows, because field 'roles' is of kind table; got \"Pharmacist\""]),
    ("list where text belongs",
     GOOD.replace("      notes: Our words.\n", "      notes: [Our words.]\n"),
     [f"{FILE}:28:14: 'schedule.example.values.notes' must be text, because field 'notes' is of kind text; got a list"]),
    ("row with a column the field does not have",
     GOOD.replace("          employer: The ICP\n", "          employer: The ICP\n          colour: blue\n"),
     [f"{FILE}:28:11: 'colour' in row 1 of {VALUES} is not a column of field 'roles'; use one of its column ids "
      "(allowed here: role, employer)"]),
    ("row that leaves a column out",
     GOOD.replace("          employer: The ICP\n", ""),
     [f"{FILE}:26:11: row 1 of {VALUES} leaves out employer; fill in every column"]),
    ("number in a table cell",
     GOOD.replace("employer: The ICP", "employer: 3"),
     [f"{FILE}:27:21: 'employer' in row 1 of {VALUES} must be text; got 3 (put it in quotes)"]),
    ("row that is not a mapping",
     GOOD.replace("        - role: Pharmacist\n          employer: The ICP\n", "        - Pharmacist\n"),
     [f"{FILE}:26:11: row 1 of {VALUES} must be a mapping of column ids to text (role, employer); got \"Pharmacist\""]),
    ("table without columns",
     GOOD.replace("      columns:\n        - id: role\n          label: Role\n        - id: employer\n"
                  "          label: Employed by\n", ""),
     [f"{FILE}:9:13: field 'roles' is a table but declares no columns; add 'columns', each with an id and a label"]),
    ("columns on a text field",
     GOOD.replace("      kind: text\n", "      kind: text\n      columns:\n        - id: x\n          label: X\n"),
     [f"{FILE}:20:7: field 'notes' is of kind text, so 'columns' does not apply; remove it or make the kind table"]),
    ("number without a unit",
     GOOD.replace("      kind: text\n", "      kind: number\n").replace("notes: Our words.", "notes: 4"),
     [f"{FILE}:19:13: field 'notes' is a number but has no 'unit'; add the unit it is counted in"]),
    ("unit on a text field",
     GOOD.replace("      kind: text\n", "      kind: text\n      unit: days\n"),
     [f"{FILE}:20:7: field 'notes' is of kind text, so 'unit' does not apply; remove it or make the kind number"]),
    ("text where a number belongs",
     GOOD.replace("      kind: text\n", "      kind: number\n      unit: days\n"),
     [f"{FILE}:29:14: 'schedule.example.values.notes' must be a number, because field 'notes' is of kind number; "
      "got \"Our words.\""]),
    ("field id used twice",
     GOOD.replace("    - id: notes\n", "    - id: roles\n").replace("      notes: Our words.\n", ""),
     [f"{FILE}:17:11: field id 'roles' is used twice in this schedule (first on line 7); give each field its own id"]),
    ("column id used twice",
     GOOD.replace("        - id: employer\n", "        - id: role\n").replace("          employer: The ICP\n", ""),
     [f"{FILE}:15:15: column id 'role' is used twice in field 'roles' (first on line 13); give each column its own id"]),
    ("indicator table under another id",
     KPI_GOOD.replace("    - id: kpis\n", "    - id: indicators\n"),
     [f"{FILE}:7:11: field 'indicators' is of kind kpi-table, so its id must be 'kpis'; rename it",
      f"{FILE}:14:5: required field 'indicators' (Key performance indicators) has no value in the example; add it "
      "under example.values",
      f"{FILE}:15:7: example value 'kpis' is not a field of this schedule; use one of its field ids "
      "(allowed here: indicators)"]),
    ("template without an example",
     HEAD + FIELDS + TAIL,
     [f"{FILE}:6:3: schedule 'schedule-workforce' has a blank template but no worked example; add 'example' with "
      "a value for each required field"]),
    ("example without a template",
     HEAD + EXAMPLE + TAIL,
     [f"{FILE}:6:3: schedule 'schedule-workforce' has an example but no fields; declare what a site fills in under "
      "'fields' first"]),
    ("frequency outside the list",
     KPI_GOOD.replace("frequency: monthly", "frequency: fortnightly"),
     [f"{FILE}:22:22: 'schedule.example.values.kpis[0].frequency' must be one of \"weekly\", \"monthly\", "
      "\"quarterly\", \"six-monthly\", \"annually\"; got \"fortnightly\""]),
    ("owner outside the list of roles",
     KPI_GOOD.replace("owner: practice-manager", "owner: Dr Smith"),
     [f"{FILE}:25:18: 'schedule.example.values.kpis[0].owner' must be one of \"icp-clinical-director\", "
      "\"icp-performance-lead\", \"icp-business-intelligence-lead\", \"icp-workforce-lead\", "
      "\"practice-clinical-lead\", \"practice-manager\", \"joint-board-chair\"; got \"Dr Smith\""]),
    ("target written as text",
     KPI_GOOD.replace('{value: 95, unit: "%", direction: at-least}', '{value: "95%", unit: "%", direction: at-least}'),
     [f"{FILE}:21:27: 'schedule.example.values.kpis[0].target.value' must be a number, not \"95%\""]),
    ("target without a unit",
     KPI_GOOD.replace('{value: 95, unit: "%", direction: at-least}', "{value: 95, direction: at-least}"),
     [f"{FILE}:21:19: missing required field 'unit' in schedule.example.values.kpis[0].target; add it"]),
    ("indicator that evidences nothing",
     KPI_GOOD.replace("evidences: [icp-2019-int-data-quality]", "evidences: []"),
     [f"{FILE}:26:22: 'schedule.example.values.kpis[0].evidences' is an empty list; add at least one item or "
      "remove the field"]),
    ("indicator evidencing a commitment that does not exist",
     KPI_GOOD.replace("icp-2019-int-data-quality]", "icp-2019-int-data-qualty]"),
     [f"{FILE}:26:23: 'evidences' refers to 'icp-2019-int-data-qualty', but no requirement has that id; "
      "did you mean 'icp-2019-int-data-quality'?"]),
    ("indicator evidencing a schedule instead of a commitment",
     KPI_GOOD.replace("icp-2019-int-data-quality]", "schedule-mdts]"),
     [f"{FILE}:26:23: 'evidences' refers to 'schedule-mdts', which is a schedule "
      "(clauses/schedules/schedule-mdts.yaml:3:7); it must be a requirement"]),
]


@pytest.mark.parametrize("text, expected", [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_schedule_rules_are_reported_exactly(data_copy: Path, text: str, expected: list[str]) -> None:
    write(data_copy, FILE, text)
    assert problems(data_copy) == expected


def test_indicator_id_must_be_unique_across_the_knowledge_base(data_copy: Path) -> None:
    write(data_copy, FILE, KPI_GOOD.replace("id: kpi-test", "id: kpi-coding-audit"))
    real = (ROOT / "clauses/schedules/schedule-5-kpis.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(real, 1) if text.strip() == "- id: kpi-coding-audit")
    assert problems(data_copy) == [
        f"{FILE}:16:15: duplicate id 'kpi-coding-audit': already used by the kpi at "
        f"clauses/schedules/schedule-5-kpis.yaml:{line}:15; ids must be unique across the knowledge base, "
        "so rename one of them"]


NEW = "clauses/schedules/schedule-test.yaml"
NEW_BODY = MODELINE + "schedule:\n  id: schedule-test\n  title: Test schedule\n  summary: Our words.\n" + TAIL
UNREFERENCED = (f"{NEW}:3:7: schedule 'schedule-test' is not referenced by any requirement, clause or FAQ; point a "
                "requirement's defers_to or related, a clause's schedule or an FAQ's relates_to at it, or quote the "
                "FAQ that mentions it")


def test_a_schedule_nothing_points_at_is_reported(data_copy: Path) -> None:
    write(data_copy, NEW, NEW_BODY)
    assert problems(data_copy) == [UNREFERENCED]


@pytest.mark.parametrize("how", ["requirement defers_to", "requirement related", "clause", "faq relates_to",
                                 "faq quote"])
def test_each_kind_of_reference_counts(data_copy: Path, how: str) -> None:
    body = NEW_BODY
    if how == "faq quote":
        body = body.replace(TAIL, "  quotes:\n    - source: icp-2019-faqs\n      section: How can the GP IA capture "
                                  "integration commitments?\n      text: Our test.\n"
                                  "      faq: faq-integration-commitments\n" + TAIL)
    write(data_copy, NEW, body)
    edits = {
        "requirement defers_to": ("clauses/requirements/icp-2019-integration.yaml",
                                  "          - schedule: schedule-data-quality\n",
                                  "          - schedule: schedule-test\n"),
        "requirement related": ("clauses/requirements/icp-2019-integration.yaml",
                                "related: [clause-6-2-d, schedule-3-clinical-hub]",
                                "related: [clause-6-2-d, schedule-3-clinical-hub, schedule-test]"),
        "clause": ("clauses/clauses.yaml", "    schedule: schedule-3-clinical-hub\n    quotes:\n      - source: icp-2019",
                   "    schedule: schedule-test\n    quotes:\n      - source: icp-2019"),
        "faq relates_to": ("faq/04-in-practice.yaml", "schedule-5-kpis, term-ccg", "schedule-5-kpis, schedule-test, term-ccg"),
    }
    if how in edits:
        relative, old, new = edits[how]
        path = data_copy / relative
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (relative, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
    expected = []
    if how == "clause":  # 6.2(d) no longer shares its schedule with 6.1(e): our note on the renumbering finds nothing
        expected = ["clauses/changes.yaml:68:7: change 'change-clinical-hub-clause-renumbered' finds no bullet or row "
                    "in the data, so /compare/ would not show it; check 'find' against the data (before and after are "
                    "whole words, capitals as written), or remove the change"]
    assert problems(data_copy) == expected


def test_a_schedule_losing_its_only_references_is_reported_at_its_id(data_copy: Path) -> None:
    for relative in ("clauses/requirements/mcp-2016-integration.yaml", "clauses/requirements/icp-2019-integration.yaml"):
        path = data_copy / relative
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\n        defers_to:\n          - schedule: schedule-workforce\n            placeholder: .*", "", text)
        path.write_text(text, encoding="utf-8")
    assert problems(data_copy) == [
        "clauses/schedules/schedule-workforce.yaml:3:7: schedule 'schedule-workforce' is not referenced by any "
        "requirement, clause or FAQ; point a requirement's defers_to or related, a clause's schedule or an FAQ's "
        "relates_to at it, or quote the FAQ that mentions it"]


# ---- the real data -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    loaded = load_knowledge_base(ROOT, SOURCES).knowledge_base
    assert loaded is not None
    return loaded


def test_every_schedule_has_a_template_and_a_worked_example_for_the_same_fictional_site(kb: KnowledgeBase) -> None:
    assert len(kb.schedules) == 12
    for s in kb.schedules.values():
        assert s.fields and s.example, s.id
        assert s.example.site == "Riverside Health Partnership", s.id
        assert {f.id for f in s.fields if f.required} <= set(s.example.values), s.id


def test_schedule_3_is_fully_worked(kb: KnowledgeBase) -> None:
    s = kb.schedules["schedule-3-clinical-hub"]
    assert [f.id for f in s.fields] == ["hub-purpose", "hub-location", "hours", "access-routes", "triage",
                                        "practice-contributions", "total-gp-sessions", "escalation", "mdt-interface",
                                        "records", "review"]
    assert set(s.example.values) == {f.id for f in s.fields}
    practices = [row["practice"] for row in s.example.values["practice-contributions"]]
    assert practices == ["Millbrook Surgery", "Castle Street Medical Centre", "Ferry Lane Practice",
                         "Orchard Road Health Centre"]
    # The total the rota is planned around matches the practices' rows.
    assert s.example.values["total-gp-sessions"] == sum(int(row["sessions"]) for row in
                                                        s.example.values["practice-contributions"])


def test_schedule_5_has_at_least_8_indicators_each_tracing_to_a_commitment(kb: KnowledgeBase) -> None:
    kpis = kb.schedules["schedule-5-kpis"].kpis
    assert len(kpis) >= 8
    for kpi in kpis:
        assert kpi.evidences, kpi.id
        for requirement in kpi.evidences:
            assert kb.tables[kb.requirements[requirement].table].kind in ("governance", "integration")
        assert isinstance(kpi.target.value, (int, float)) and kpi.target.unit
    # Every placeholder of the 2019 integration table is evidenced by at least one indicator.
    evidenced = kpis_by_requirement(kb)
    assert [r.id for r in kb.requirements_of("icp-2019", "integration") if r.defers_to and r.id not in evidenced] == []


def test_readable_names_cover_the_schema_enums() -> None:
    kpi = json.loads((SCHEMA_DIR / "schedule.json").read_text(encoding="utf-8"))["$defs"]["kpi"]["properties"]
    assert list(FREQUENCIES) == kpi["frequency"]["enum"]
    assert list(OWNERS) == kpi["owner"]["enum"]


def test_versions_are_derived_from_what_points_at_each_schedule(kb: KnowledgeBase) -> None:
    versions = {s: versions_of(kb, s) for s in kb.schedules}
    assert versions["schedule-3-clinical-hub"] == ["mcp-2016", "icp-2019"]  # 2016 placeholder, 2019 clause 6.2(d)
    assert versions["schedule-mdts"] == ["mcp-2016"]  # the 2019 table has no MDT row
    assert versions["schedule-5-kpis"] == ["icp-2019"]  # only the 2019 FAQs mention it
    assert versions["schedule-care-model"] == ["icp-2019"]
    assert all(versions.values())


def test_a_mention_of_a_schedule_is_told_apart_from_a_link_of_ours(kb: KnowledgeBase) -> None:
    """An FAQ names a schedule only if its answer does (a quote of the schedule comes from it, or it says
    "Schedule 5"); relates_to alone, like a requirement's related, is our association."""
    def how(schedule: str) -> dict[str, tuple[str, bool]]:
        return {p.record: (p.how, p.names_schedule) for p in pointers_to(kb, schedule) if p.how != "placeholder"}
    assert how("schedule-5-kpis") == {"faq-integration-commitments": ("faq", True),
                                      "faq-monitoring-gp-ia": ("faq-association", False)}
    assert how("schedule-3-clinical-hub") == {
        "mcp-2016-int-unplanned-care-routes": ("related", False), "icp-2019-int-unplanned-care-routes": ("related", False),
        "clause-6-1-e": ("clause", True), "clause-6-2-d": ("clause", True),
        "faq-integration-commitments": ("faq", True)}
    assert how("schedule-care-model") == {"faq-integration-commitments": ("faq", True)}  # unnumbered: by its quote


def test_an_faq_that_says_the_schedule_number_names_it_without_a_quote(data_copy: Path) -> None:
    path = data_copy / "clauses/schedules/schedule-5-kpis.yaml"
    text = path.read_text(encoding="utf-8")
    quotes = text[text.index("  quotes:\n"):text.index("  # The blank template")]
    path.write_text(text.replace(quotes, ""), encoding="utf-8")
    loaded = load_knowledge_base(data_copy, SOURCES).knowledge_base
    assert loaded is not None and not loaded.schedules["schedule-5-kpis"].quotes
    assert {p.record: p.how for p in pointers_to(loaded, "schedule-5-kpis")} == {
        "faq-integration-commitments": "faq", "faq-monitoring-gp-ia": "faq-association"}


def test_traceability_rows_cover_every_placeholder_and_every_evidenced_commitment(kb: KnowledgeBase) -> None:
    rows = trace_rows(kb)
    with_placeholder = [r.id for r in kb.requirements.values() if r.defers_to]
    evidenced = set(kpis_by_requirement(kb))
    assert {row.requirement.id for row in rows} == set(with_placeholder) | evidenced
    row = next(r for r in rows if r.requirement.id == "mcp-2016-int-clinical-hub-model")
    assert row.schedules == ("schedule-3-clinical-hub",)
    assert [k.id for _, k in row.kpis] == ["kpi-hub-triage-time"]


# ---- the local adaptation checklist ---------------------------------------------------------------

def test_checklist_has_one_row_per_placeholder_in_reading_order(kb: KnowledgeBase) -> None:
    rows = checklist_rows(kb)
    assert len(rows) == sum(len(r.defers_to) for r in kb.requirements.values()) == 18
    # The current version first (gpia.model.current), each version as printed.
    assert [r.version for r in rows] == ["ICP 2019"] * 8 + ["MCP 2016"] * 10
    first = rows[8]
    assert astuple(first) == (
        "MCP 2016", "mcp-2016-int-stratification", "3. Identification of patients", 1,
        "Practices agrees stratification approach with the MCP, and how this will be applied at practice level "
        "[specific practice requirements set out in relevant schedule]",
        "[specific practice requirements set out in relevant schedule]", "schedule-stratification",
        "Stratification approach", "commitments/mcp-2016-int-identification/#mcp-2016-int-stratification",
        "schedules/schedule-stratification/#template", "schedules/schedule-stratification/#example")
    for row in rows:
        assert row.placeholder in row.requirement_text


def test_checklist_csv_is_the_rows_with_a_header_and_crlf_lines(kb: KnowledgeBase) -> None:
    text = checklist_csv(kb)
    assert text.startswith(",".join(f'"{name}"' for name in HEADER) + "\r\n")  # every cell quoted
    assert text.count("\r\n") == 19 and "\n" not in text.replace("\r\n", "")
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    assert parsed[0] == list(HEADER)
    assert parsed[1:] == [[str(v) for v in astuple(r)] for r in checklist_rows(kb)]
    assert checklist_csv(kb) == text  # deterministic
