"""Find the values at a path pattern in loaded YAML data.

A pattern is a tuple of keys; "*" matches every item of a list. Used by the declarative
tables in `records.py` to find records and references without code per kind.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

Pattern = tuple[str, ...]


def find(data: Any, pattern: Pattern, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    # Level by level rather than recursive generators: the same matches in the same (document)
    # order, several times faster on a large knowledge base.
    found: list[tuple[tuple[Any, ...], Any]] = [(prefix, data)]
    for head in pattern:
        if head == "*":
            found = [(path + (index,), item) for path, value in found if isinstance(value, list)
                     for index, item in enumerate(value)]
        else:
            found = [(path + (head,), value[head]) for path, value in found
                     if isinstance(value, dict) and head in value]
    return iter(found)


def values(data: Any, pattern: Pattern) -> list[Any]:
    """The values `find` gives, without their paths (building a path for every value is most of
    the time of a walk that, for most files, needs none)."""
    found: list[Any] = [data]
    for head in pattern:
        if head == "*":
            found = [item for value in found if isinstance(value, list) for item in value]
        else:
            found = [value[head] for value in found if isinstance(value, dict) and head in value]
    return found


class Found:
    """The values at a pattern, in the order `find` gives them (`values`), each one's path worked out
    only when one is asked for (`path`): a check that needs the paths of a few values only (where a
    problem is) walks the data for paths only then, and only once."""

    __slots__ = ("values", "_data", "_pattern", "_paths")

    def __init__(self, data: Any, pattern: Pattern):
        self.values = values(data, pattern)
        self._data, self._pattern = data, pattern
        self._paths: list[tuple[Any, ...]] | None = None

    def path(self, index: int) -> tuple[Any, ...]:
        """The path of `values[index]`, as `find` gives it."""
        if self._paths is None:
            self._paths = [path for path, _ in find(self._data, self._pattern)]
        return self._paths[index]
