"""Our own questions and answers: a kind of record for guidance in our words, resting on the sources."""
from __future__ import annotations

from pathlib import Path

from gpia.knowledge_base import load_or_raise
from gpia.model.kinds import answer_questions

from conftest import ROOT, SOURCES, page, problems, visible


def test_each_answer_has_a_page_labelled_ours_with_the_passages_it_rests_on(built_site: Path) -> None:
    kb = load_or_raise(ROOT, SOURCES)
    assert len(kb.guidance) >= 3
    listing = visible(page(built_site, "guidance"))
    for g in kb.guidance.values():
        markup = page(built_site, f"guidance/{g.id}")
        shown = visible(markup)
        assert f'<h1 id="{g.id}">' in markup
        assert "not NHS wording" in shown and "Our answer (not NHS wording)" in shown
        assert " ".join(g.answer.split()) in shown
        # The answer is in our box, never in a quote; the source passages are quoted, as NHS wording.
        box = markup.split('<details class="gpia-rests-on"', 1)
        assert len(box) == 2 and " ".join(g.answer.split()) not in visible(box[1])
        for ref in g.rests_on:  # a paragraph of an FAQ answer, quoted, linked to its whole answer
            question = kb.questions[answer_questions(kb).get(ref, ref)].question
            assert question in visible(box[1])
        assert g.question in listing
        assert 'data-pagefind-filter="kind">Our guidance' in markup


def test_an_answer_must_rest_on_source_wording(data_copy: Path) -> None:
    path = data_copy / "clauses/guidance.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    rests_on: [faq-who-is-gp-ia-for-p1, faq-who-is-gp-ia-for-p2]\n", "", 1), encoding="utf-8")
    assert problems(data_copy) == [
        "clauses/guidance.yaml:3:5: missing required field 'rests_on' in guidance[0] "
        "('guide-can-a-federation-sign-for-practices'); add it"]
