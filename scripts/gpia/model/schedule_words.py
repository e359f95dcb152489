"""Our words for the parts of a schedule, shared by its page (gpia.views.schedules) and its Word
documents (gpia.pages.drafting), so the two say the same."""
from __future__ import annotations

from gpia.model.records import Kpi

# The label of every worked example, so nobody mistakes one for NHS wording.
EXAMPLE_LABEL = "Illustrative example — not NHS wording"
DIRECTIONS = {"at-least": "at least", "at-most": "at most"}
KIND_NAMES = {"text": "text", "list": "a list", "table": "a table", "number": "a number",
              "kpi-table": "an indicator table"}
KPI_COLUMNS = ("Indicator", "Definition", "Numerator", "Denominator", "Target", "Frequency", "Data source",
               "Reporting route", "Owner", "Evidences")


def number(value: object) -> str:
    """12.0 -> '12', 2.5 -> '2.5'."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def target_text(kpi: Kpi) -> str:
    """An indicator's target in words: 'at least 80%', 'at most 3 days'."""
    unit = kpi.target.unit
    return f"{DIRECTIONS[kpi.target.direction]} {number(kpi.target.value)}{'' if unit == '%' else ' '}{unit}"
