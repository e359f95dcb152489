"""Work done on a second core while the build goes on, on a machine with two cores or more.

A build makes its downloads (the Word documents, the CSV and JSON files and the schemas) from the
knowledge base alone, so they can be made by a forked copy of the process while this one goes on
with the printed guide's parts and the pages (`alongside`, with gpia.load.processes's copy); what
the copy made comes back through a pipe, and what a page also reads of it (/data/ lists the downloads with their sizes) is kept as if
made here (gpia.model.derived). Any engine's build gets this (the MkDocs plugin and `gpia write`).

The same input gives the same files whether the work was done beside the build or in it:
tests/test_determinism.py builds the site both ways. GPIA_BUILD_PROCESSES=1 keeps a build in one
process; so do a machine with one core, a platform that cannot fork safely and a process with other
threads (gpia.load.processes.processes_wanted).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from gpia.load.processes import WorkBeside

T = TypeVar("T")


def alongside(work: Callable[[], T]) -> WorkBeside[T]:
    """Start `work` on the other core (or do it now, with one process); `.result()` gives its value."""
    return WorkBeside(work)
