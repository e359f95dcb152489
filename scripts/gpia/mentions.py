"""Link clause and schedule mentions in source wording ("clause 6.2(d)", "Schedule 3") to records."""
from __future__ import annotations

import re
from collections.abc import Callable

from .model import KnowledgeBase

_CLAUSE = re.compile(r"\b([Cc]lause) (\d+(?:\.\d+)*) ?(\([a-z]+\))")
_SCHEDULE = re.compile(r"\b([Ss]chedule) (\d+)\b")


class MentionLinker:
    """Finds mentions in escaped HTML text and wraps them in links made by `link(id, text)`."""

    def __init__(self, kb: KnowledgeBase):
        by_number: dict[str, list[str]] = {}
        for c in kb.clauses.values():
            by_number.setdefault(c.number, []).append(c.id)
        # A number used by both templates is ambiguous in running text: leave it unlinked.
        self.clauses = {number: ids[0] for number, ids in by_number.items() if len(ids) == 1}
        self.schedules = {s.number: s.id for s in kb.schedules.values() if s.number}

    def __call__(self, escaped: str, link: Callable[[str, str], str]) -> str:
        def clause(match: re.Match[str]) -> str:
            record = self.clauses.get(match.group(2) + match.group(3))
            return link(record, match.group(0)) if record else match.group(0)

        def schedule(match: re.Match[str]) -> str:
            record = self.schedules.get(match.group(2))
            return link(record, match.group(0)) if record else match.group(0)

        return _SCHEDULE.sub(schedule, _CLAUSE.sub(clause, escaped))
