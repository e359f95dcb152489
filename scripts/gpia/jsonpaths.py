"""Find the values at a path pattern in loaded YAML data.

A pattern is a tuple of keys; "*" matches every item of a list. Used by the declarative
tables in `records.py` to find records and references without code per kind.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

Pattern = tuple[str, ...]


def find(data: Any, pattern: Pattern, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if not pattern:
        yield prefix, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        if isinstance(data, list):
            for index, item in enumerate(data):
                yield from find(item, rest, prefix + (index,))
    elif isinstance(data, dict) and head in data:
        yield from find(data[head], rest, prefix + (head,))
