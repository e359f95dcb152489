"""The tokens a redline compares: whole words, as a lawyer reads them, and each mark of punctuation.

`tokens(text)` cuts a text into tokens whose concatenation is the text again, so a redline built on
them keeps every character of both sides. Each of these is one token, changed or kept whole:

- a word, with its inner hyphens and apostrophes: "Co-produce", "co-ordinated", "decision-making",
  "practice's" (so "Co-produce" → "Co-design" is one word replaced, not "Co-" kept);
- a clause reference, its number and its bracketed parts: "6.2(d)", "4.1(b)(ii)", "12.3";
- a number, with its decimals, thousands separators or percentage: "2.5", "1,000", "95%", "£1,500";
- "Schedule 5", "Clause 6.2(d)", "paragraph 3": a reference word and its number read as one;
- a run of white space;
- any other single character: a quote, bracket, comma, full stop or question mark is a token of its
  own, so a change of punctuation alone is found and shown.

Nothing here knows about HTML or the comparison; `gpia.compare.redline` diffs these tokens.
"""
from __future__ import annotations

import re

# A number: digits with thousands separators and decimals, an optional leading currency sign and
# trailing per cent ("£1,500", "2.5", "95%"). A full stop or comma only joins when digits follow it,
# so "in 1999." ends the number before its full stop.
_NUMBER = r"[£$€]?\d+(?:[.,]\d+)*%?"
# A clause reference: a number with bracketed parts, "6.2(d)", "4.1(b)(ii)", "5(1)".
_CLAUSE = r"\d+(?:\.\d+)*(?:\([0-9a-zA-Z]{1,5}\))+"
# A word: letters and digits, joined by single inner hyphens or apostrophes (straight or curly).
_WORD_PART = r"[^\W_]+"
_WORD = rf"{_WORD_PART}(?:[-'’‑]{_WORD_PART})*"
# The words a reference number belongs to.
_REFERENCE_WORDS = r"(?:Schedule|Schedules|Clause|Clauses|Paragraph|Paragraphs|Annex|Appendix|Part|Section|Row)"
_REFERENCE = rf"(?i:{_REFERENCE_WORDS})\s(?:{_CLAUSE}|\d+(?:\.\d+)*[A-Za-z]?)(?![\w(])"

_TOKEN = re.compile(rf"{_REFERENCE}|{_CLAUSE}|{_NUMBER}(?![^\W\d_])|{_WORD}|\s+|[^\w\s]|_")


def tokens(text: str) -> list[str]:
    """The text as whole-word tokens; "".join(tokens(text)) == text."""
    return _TOKEN.findall(text)
