"""The markup of a source extract is read by an HTML parser: a table cell's bullets are its <ul>, <li>
and <p> elements and its printed bullet marks, other tags read as spaces, and the text between them
(character references included) is kept as the extract writes it."""
from __future__ import annotations

import re
import sys

from gpia.validate.source_outline import _FOLD, fold, parse_outline


def _blocks(text: str) -> list[tuple[str, str, int]]:
    return [(b.kind, b.printed, b.line) for b in parse_outline(text).blocks]


def test_a_cell_s_bullets_are_its_list_elements_and_its_bullet_marks() -> None:
    extract = ('1. Decision making\t<ul style="list-style-type: none"><li>Agree &amp; <b>record</b></li>'
               "<li>Review</li></ul>\n"
               "2. Estates\t• Share plans • Meet <p>yearly</p>\n")
    assert _blocks(extract) == [
        ("row-title", "Decision making", 1), ("row-item", "Agree &amp; record", 1), ("row-item", "Review", 1),
        ("row-title", "Estates", 2), ("row-item", "Share plans", 2), ("row-item", "Meet", 2), ("row-item", "yearly", 2)]


def test_a_row_continued_after_a_page_break_ends_its_last_bullet_first() -> None:
    extract = "1. Access\t<ul><li>Open the</li></ul>\n\tdoors <li>Keep records</li>\n"
    assert _blocks(extract) == [("row-title", "Access", 1), ("row-item", "Open the doors", 1),
                                ("row-item", "Keep records", 2)]


def test_tags_are_read_as_a_browser_reads_them_and_text_is_kept_as_written() -> None:
    # A tag in capitals or written self-closed is a tag; a bullet mark inside an attribute's value is
    # not a bullet; a "<" that opens no tag, and a character reference, are text.
    assert _blocks("<B>Bold</B> text<br/>, a < b & c &lt; d\n") == [
        ("paragraph", "Bold text , a < b & c &lt; d", 1)]
    assert _blocks('1. Row\t<li title="•">one</li>\n') == [("row-title", "Row", 1), ("row-item", "one", 1)]


def test_fold_is_the_translation_then_runs_of_white_space_as_one_space() -> None:
    # fold() takes shortcuts (no translation of ASCII text, str.split for the white space): the same
    # text as the plain definition, for every kind of white space and every character folded.
    spaces = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if re.fullmatch(r"\s", c))
    samples = [" ", "", "a", "  a  b  ", "\u2018quoted\u2019 \u2013 dash", "tab\there\nnew\r\nline", spaces,
               f"a{spaces}b", "\u00a0nbsp\u00a0", "\u2003em\u2002space", "".join(map(chr, _FOLD)) + " x",
               "\x1c\x1d\x1e\x1fseparators", "caf\u00e9 \u201cok\u201d"]
    for text in samples:
        assert fold(text) == re.sub(r"\s+", " ", text.translate(_FOLD)).strip(), repr(text)


def test_first_span_is_the_first_block_that_holds_the_words() -> None:
    # One search of all the blocks' text finds what trying each block in turn finds, at the edges of
    # blocks too.
    from gpia.validate.source_outline import Block, Outline
    from gpia.validate.source_outline import span_at

    texts = ["the cat sat", "cat", "concatenate cat", "sat on the mat", "", "a", "mat. the", "- cat -", "cats"]
    outline = Outline([Block("paragraph", text, n) for n, text in enumerate(texts, start=1)])
    for wanted in ["cat", "the", "sat", "at", "mat", "mat. the", "the cat", "cat sat on", "a", "-", "- cat",
                   "cats", "t", "the mat", "", "concatenate", "nothing", "e c"]:
        expected = next(((i, span_at(b.text, wanted)) for i, b in enumerate(outline.blocks)
                         if span_at(b.text, wanted) is not None), None)
        assert outline.first_span(wanted) == expected, wanted
