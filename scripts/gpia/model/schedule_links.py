"""What points at each schedule, and which indicators evidence which commitments.

Nothing here is stored in the data: the versions a schedule belongs to and the traceability
rows are derived from the requirements, clauses, FAQs and Schedule 5's indicators, so they can
never disagree with them.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from gpia.model.derived import once_per_knowledge_base
from gpia.model.mentions import MentionLinker
from gpia.model.records import KnowledgeBase, Kpi, Question, Requirement, Schedule

TABLE_KINDS = ("governance", "integration")


@dataclass(frozen=True)
class Pointer:
    """One record that points at a schedule, and the version of the guidance it belongs to."""

    schedule: str
    record: str  # requirement, clause or question id
    how: str  # placeholder | related | clause | faq | faq-association
    version: str
    placeholder: str | None = None

    @property
    def names_schedule(self) -> bool:
        """Whether the record's own words refer to the schedule: a placeholder, a clause that
        cross-refers to it, or an FAQ whose answer names it. A requirement's `related` and an FAQ's
        `relates_to` whose answer does not name it are links of ours, declared in the data."""
        return self.how in ("placeholder", "clause", "faq")


@dataclass(frozen=True)
class TraceRow:
    requirement: Requirement
    schedules: tuple[str, ...]  # schedules its placeholders defer to
    kpis: tuple[tuple[Schedule, Kpi], ...]  # indicators that evidence it


def schedule_order(s: Schedule) -> tuple[int, str]:
    """Numbered schedules first (3, 5), then the others by title."""
    return (int(s.number) if s.number else 99, s.title)


def schedules_in_order(kb: KnowledgeBase) -> list[Schedule]:
    return sorted(kb.schedules.values(), key=schedule_order)


def requirements_in_reading_order(kb: KnowledgeBase) -> list[Requirement]:
    """Versions in the order of clauses/versions.yaml (oldest first), governance before integration,
    then as printed."""
    versions = list(kb.versions)
    tables = sorted(kb.tables.values(), key=lambda t: (versions.index(t.version), TABLE_KINDS.index(t.kind)))
    return [r for t in tables for a in t.areas for r in a.requirements]


def version_of_question(kb: KnowledgeBase, question_id: str) -> str | None:
    """The version whose source holds the question; None for FAQs from a source no version comes from."""
    source = kb.faq_sections[kb.questions[question_id].section].source
    return next((v.id for v in kb.versions.values() if v.source == source), None)


def pointers_to(kb: KnowledgeBase, schedule_id: str) -> list[Pointer]:
    return list(_pointers_by_schedule(kb).get(schedule_id, ()))


@once_per_knowledge_base
def _pointers_by_schedule(kb: KnowledgeBase) -> dict[str, tuple[Pointer, ...]]:
    # One pass over every record for the whole build, not one per schedule page.
    found: dict[str, list[Pointer]] = {}
    for p in all_pointers(kb):
        found.setdefault(p.schedule, []).append(p)
    return {schedule: tuple(pointers) for schedule, pointers in found.items()}


def all_pointers(kb: KnowledgeBase) -> Iterator[Pointer]:
    for r in requirements_in_reading_order(kb):
        for ref in r.defers_to:
            yield Pointer(ref.schedule, r.id, "placeholder", r.version, ref.placeholder)
        for target in r.related:
            if target in kb.schedules:
                yield Pointer(target, r.id, "related", r.version)
    for c in kb.clauses.values():
        if c.schedule:
            yield Pointer(c.schedule, c.id, "clause", c.template)
    linker = MentionLinker(kb)
    for q in kb.questions.values():
        for target in q.relates_to:
            if target in kb.schedules:
                how = "faq" if faq_names_schedule(q, kb.schedules[target], linker) else "faq-association"
                version = version_of_question(kb, q.id)
                if version is not None:  # a question of a document that is no version of the guidance
                    yield Pointer(target, q.id, how, version)


def faq_names_schedule(q: Question, s: Schedule, linker: MentionLinker) -> bool:
    """Whether the question's answer names the schedule: one of the schedule's quotes (checked word
    for word against the source) comes from it, or it says "Schedule <number>"."""
    if any(quote.faq == q.id for quote in s.quotes):
        return True
    words = [q.question, *(b.text for b in q.answer if b.text), *(i for b in q.answer for i in b.items)]
    return any(s.id in linker.targets(text) for text in words)


def versions_of(kb: KnowledgeBase, schedule_id: str) -> list[str]:
    """The versions whose requirements, clauses or FAQs point at the schedule, in version order."""
    found = {p.version for p in pointers_to(kb, schedule_id)}
    return [v for v in kb.versions if v in found]


@once_per_knowledge_base
def kpis_by_requirement(kb: KnowledgeBase) -> dict[str, list[tuple[Schedule, Kpi]]]:
    """For each requirement, the (schedule, indicator) pairs of worked examples that evidence it."""
    found: dict[str, list[tuple[Schedule, Kpi]]] = {}
    for s in schedules_in_order(kb):
        for kpi in s.kpis:
            for requirement in kpi.evidences:
                found.setdefault(requirement, []).append((s, kpi))
    return found


def trace_rows(kb: KnowledgeBase) -> list[TraceRow]:
    """Every requirement that defers to a schedule or is evidenced by an indicator, in reading order."""
    kpis = kpis_by_requirement(kb)
    rows = []
    for r in requirements_in_reading_order(kb):
        schedules = tuple(dict.fromkeys(d.schedule for d in r.defers_to))
        if schedules or r.id in kpis:
            rows.append(TraceRow(r, schedules, tuple(kpis.get(r.id, ()))))
    return rows
