"""/compare/text/, the comparison of the whole documents, as built: counts that add up, a redline
per change, each passage quoted with its link, our notes labelled, and a filter that needs the script."""
from __future__ import annotations

import re

from conftest import page, visible
from gpia.compare.prose import compare_prose, document_pairs


def test_counts_add_up_and_match_the_model(built_site, kb):
    older, newer = document_pairs(kb)[0]
    comparison = compare_prose(kb, older, newer)
    html = page(built_site, "compare/text/")
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th><td>(\d+)</td><td>(.*?)</td></tr>", html)
    assert len(rows) == 2
    new_total, old_total = int(rows[0][1]), int(rows[1][1])
    assert (new_total, old_total) == (comparison.new_total, comparison.old_total)
    rewriting, new = map(int, re.match(r"(\d+) rewrite .*?; (\d+) are new", visible(rows[0][2])).groups())
    carried, dropped = map(int, re.match(r"(\d+) carried into .*?; (\d+) dropped", visible(rows[1][2])).groups())
    assert rewriting + new == new_total and carried + dropped == old_total
    assert new == comparison.count("new") and dropped == comparison.count("dropped")


def test_every_change_has_its_anchor_its_kind_in_words_and_a_redline_when_it_has_two_sides(built_site, kb):
    older, newer = document_pairs(kb)[0]
    html = page(built_site, "compare/text/")
    for change in compare_prose(kb, older, newer).changes:
        start = html.index(f'id="{change.anchor}"')
        article = html[start: html.index("</article>", start)]
        assert f'data-kind="{change.kind}"' in article
        assert re.search(r'<span class="gpia-kind">[A-Z][a-z ]+</span>', article)
        assert ('class="gpia-redline"' in article) == bool(change.old and change.new)
        for passage in change.old:
            assert f'#{passage.id}"' in article
        for block in change.new:
            assert f'#{block.id}"' in article


def test_the_affected_slip_is_struck_and_effected_marked(built_site):
    html = page(built_site, "compare/text/")
    assert re.search(r'<del class="gpia-del"><span class="gpia-sr-only">deleted: </span>\s*affected', html)
    assert re.search(r'<ins class="gpia-ins"><span class="gpia-sr-only">inserted: </span>\s*effected', html)


def test_our_notes_are_labelled_and_the_filter_is_hidden_without_the_script(built_site):
    html = page(built_site, "compare/text/")
    assert html.count("What changed <span class=\"gpia-not-nhs\">(not NHS wording)</span>") >= 5
    assert re.search(r'<form class="gpia-change-filter" data-gpia-filter="gpia-prose-change" hidden>', html)


def test_every_bullet_of_the_compared_tables_is_on_the_page_where_its_table_is_printed(built_site, kb):
    from gpia.compare.pairs import direct_pairings
    from gpia.compare.redline import compare
    older, newer = document_pairs(kb)[0]
    pairing = next(p for p in direct_pairings(kb) if (p.old, p.new) == (older, newer))
    html = page(built_site, "compare/text/")
    expected = 0
    for kind in pairing.kinds:
        c = compare(kb, kind, pairing)
        expected += len(c.pairs) + len(c.new) + len(c.dropped)
        for pair in c.pairs:
            start = html.index(f'id="all-{pair.anchor}"')
            article = html[start: html.index("</article>", start)]
            assert f'data-kind="{pair.kind}"' in article and 'class="gpia-redline"' in article
    assert html.count('<article class="gpia-prose-change" id="all-') == expected
    # Where the newer document prints each table: after the paragraphs of the answer that prints it.
    for q in kb.questions.values():
        for b in q.answer:
            if b.kind == "table" and kb.tables[b.table].kind in pairing.kinds:
                section = html[html.index(f'id="text-{q.id}"'):]
                section = section[: section.find("<section", 1) if "<section" in section[1:] else len(section)]
                first = kb.tables[b.table].areas[0].requirements[0].id
                assert f'id="all-cmp-{first}"' in section, q.id
