"""Link clause and schedule mentions in source wording ("clause 6.2(d)", "Schedule 3") to records."""
from __future__ import annotations

import re
from collections.abc import Callable

from gpia.model.records import KnowledgeBase

# One source writes "clause 6.1 (e)" with a space, another "clause 6.2(d)": both are mentions.
_CLAUSE = re.compile(r"\b([Cc]lause) (\d+(?:\.\d+)*) ?(\([a-z]+\))")
_SCHEDULE = re.compile(r"\b([Ss]chedule) (\d+)\b")


class MentionLinker:
    """Finds mentions in escaped HTML text and wraps them in links made by `link(id, text)`.

    The patterns contain no character that HTML escaping changes, so `targets` finds the same
    mentions in plain data text: that is how mentions become backlinks (scripts/gpia/model/backlinks.py).
    """

    def __init__(self, kb: KnowledgeBase):
        by_number: dict[str, list[str]] = {}
        for c in kb.clauses.values():
            by_number.setdefault(c.number, []).append(c.id)
        # A number used by both templates is ambiguous in running text: leave it unlinked.
        self.clauses = {number: ids[0] for number, ids in by_number.items() if len(ids) == 1}
        self.schedules = {s.number: s.id for s in kb.schedules.values() if s.number}

    def _clause(self, match: re.Match[str]) -> str | None:
        return self.clauses.get(match.group(2) + match.group(3))

    def _schedule(self, match: re.Match[str]) -> str | None:
        return self.schedules.get(match.group(2))

    def __call__(self, escaped: str, link: Callable[[str, str], str]) -> str:
        def linked(record: Callable[[re.Match[str]], str | None]) -> Callable[[re.Match[str]], str]:
            def replace(match: re.Match[str]) -> str:
                target = record(match)
                return link(target, match.group(0)) if target else match.group(0)
            return replace

        return _SCHEDULE.sub(linked(self._schedule), _CLAUSE.sub(linked(self._clause), escaped))

    def targets(self, text: str) -> list[str]:
        """Ids of the records mentioned in `text`, in the order they are mentioned (repeats kept)."""
        found = [(m.start(), self._clause(m)) for m in _CLAUSE.finditer(text)]
        found += [(m.start(), self._schedule(m)) for m in _SCHEDULE.finditer(text)]
        return [record for _, record in sorted(found) if record]
