"""The markup of a source extract is read by an HTML parser: a table cell's bullets are its <ul>, <li>
and <p> elements and its printed bullet marks, other tags read as spaces, and the text between them
(character references included) is kept as the extract writes it."""
from __future__ import annotations

from gpia.validate.source_outline import parse_outline


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
