"""Small rules of English that every view and template shares: counts and lists.

`counted` is the one helper behind every count sentence ("1 is dropped", "8 are carried forward");
templates call it as the `counted` filter (gpia.views.templating). `listed` joins names as a sentence
lists them ("a", "a and b", "a, b and c").
"""
from __future__ import annotations

from collections.abc import Iterable

_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """`n` and the words that agree with it: counted(1, "is dropped", "are dropped") -> "1 is dropped",
    counted(2, "bullet") -> "2 bullets" (the plural is the singular with an s unless given)."""
    return f"{n} {singular if n == 1 else plural if plural is not None else singular + 's'}"


def number_word(n: int) -> str:
    """A small number in words ("two"), a larger one in figures."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def listed(items: Iterable[str], conjunction: str = "and") -> str:
    """Names as a sentence lists them: "a", "a and b", "a, b and c"."""
    names = list(items)
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}"
