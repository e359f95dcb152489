"""Work done once per build: values derived from the knowledge base, kept on the knowledge base.

The comparison, the backlinks, the downloads and the schedule pointers are each needed by several
pages (and by the hook that adds generated files); recomputing them per page made the build grow
with pages × records. The model is not changed once `load.build_model` returns, so a value
computed from it stays true for the whole build. Callers must not modify what they get back.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from gpia.model.records import KnowledgeBase

T = TypeVar("T")


def once_per_knowledge_base(function: Callable[..., T]) -> Callable[..., T]:
    """Cache `function(kb, *args)` on kb, by function and arguments."""
    @functools.wraps(function)
    def cached(kb: KnowledgeBase, *args: Any) -> T:
        key = (function.__module__, function.__qualname__, args)
        try:
            return kb.derived[key]
        except KeyError:
            value = kb.derived[key] = function(kb, *args)
            return value

    def keep(kb: KnowledgeBase, *args: Any, value: T) -> None:
        """What `function(kb, *args)` gave in another process (gpia.pages.generated), kept as if made here."""
        kb.derived[(function.__module__, function.__qualname__, args)] = value

    cached.keep = keep  # type: ignore[attr-defined]
    return cached
