"""The expression factored by shared starts finds exactly what the plain alternation it replaces found
(longest phrase first), for the search words of spelled-out terms and for the [sic] marks."""
from __future__ import annotations

import random
import re

from gpia.model.phrases import trie_alternation


def _plain(phrases: list[str]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(map(re.escape, ordered)) + r")\b", re.IGNORECASE)


def _factored(phrases: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b(" + trie_alternation([re.escape(c) for c in p] for p in phrases) + r")\b", re.IGNORECASE)


def test_same_matches_as_the_plain_alternation() -> None:
    rng = random.Random(22)
    words = ["gp", "care", "care-navigator", "integrated", "integration", "provider", "a", "agreement", "ia", "(pcn)"]
    for _ in range(300):
        phrases = sorted({" ".join(rng.choice(words) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 12))})
        text = " ".join(rng.choice(words + [",", "."]) for _ in range(60))
        assert _factored(phrases).findall(text) == _plain(phrases).findall(text), (phrases, text)


def test_a_phrase_that_starts_a_longer_one_is_found_alone_and_the_longer_preferred() -> None:
    pattern = _factored(["care", "care navigator", "care navigators"])
    assert pattern.findall("care navigator, care, care navigators, care nav") == [
        "care navigator", "care", "care navigators", "care"]


def test_separator_pieces_between_words() -> None:
    space = r"(?:\s|&#10;)+"
    phrases = [["P", "r", "a", "c", "t", "i", "c", "e", "s", space, "a", "g", "r", "e", "e", "s"],
               ["P", "r", "a", "c", "t", "i", "c", "e", "s", space, "a", "g", "r", "e", "e"]]
    pattern = re.compile(r"(?<![\w-])(" + trie_alternation(phrases) + r")(?![\w-])")
    assert pattern.findall("Practices&#10;agrees and Practices   agree") == ["Practices&#10;agrees", "Practices   agree"]


def test_no_phrase_is_no_expression() -> None:
    assert trie_alternation([]) == ""


def test_many_terms_sharing_a_long_start_nest_no_deeper_than_their_branches() -> None:
    """100 terms sharing 99 characters: one run of the shared start, then one group of 100 endings."""
    start = "x" * 99
    pattern = trie_alternation([re.escape(c) for c in f"{start}{i:03d}"] for i in range(100))
    assert pattern.startswith(start) and pattern.count("(?:") <= 11
    assert re.fullmatch(pattern, f"{start}042")


def test_phrases_that_start_each_other_nest_deeper_than_python_recurses_by_default() -> None:
    """2,000 phrases each one character longer than the last: a group per phrase, nested, compiled."""
    from gpia.model.phrases import compile_nested
    pattern = compile_nested(trie_alternation(["a"] * k for k in range(1, 2001)))
    assert pattern.fullmatch("a" * 2000) and pattern.fullmatch("a" * 7) and not pattern.fullmatch("a" * 2001)
