"""Both source documents in full: every printed block is in the data, in printed order.

The first test reads the source extracts with a reading of its own (blank lines, tabs, bullets and
tags), independent of the outline the wording check uses, so a block the outline fails to see is
still caught."""
from __future__ import annotations

import re
from pathlib import Path

from gpia.knowledge_base import load_or_raise
from gpia.model.kinds import answer_block, answer_questions
from gpia.validate.source_outline import fold

from conftest import ROOT, SOURCES, problems

DOC_2016 = "clauses/documents/mcp-2016-overview.yaml"
DOC_2019 = "clauses/documents/icp-2019-faqs.yaml"


def printed_pieces(text: str) -> list[tuple[int, str]]:
    """Every piece of printed text in an extract: each line, split at tabs, bullets and list tags."""
    pieces = []
    for number, line in enumerate(text.splitlines(), 1):
        line = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", line).replace("**", "")
        line = re.sub(r"^#+\s+|^- ", "", line)
        for piece in re.split(r"\t|•|</?(?:li|ul|p|b)\b[^>]*>", line):
            piece = fold(piece)
            if piece.rstrip(".").isdigit() or piece in ("", "Area"):
                continue  # page numbers of the contents list; the tables' first column heading
            # Numbers of rows, items and sections are stored apart from their text.
            pieces.append((number, re.sub(r"^\d+(\.|\*\*)?\s+", "", re.sub(r"\.{3,}$", "", piece))))
    return pieces


def all_nhs_wording(kb) -> str:
    texts = [p.text for p in kb.passages.values()]
    for t in kb.tables.values():
        texts += [t.section, t.column_heading] + [a.title for a in t.areas]
        texts += [r.text for a in t.areas for r in a.requirements]
    for s in kb.faq_sections.values():
        texts.append(s.title)
        for q in s.questions:
            texts.append(q.question)
            for block in q.answer:
                texts += [block.text] if block.text else list(block.items)
    return "\n".join(fold(t) for t in texts)


def test_every_printed_piece_of_both_sources_is_in_the_data() -> None:
    kb = load_or_raise(ROOT, SOURCES)
    wording = all_nhs_wording(kb)
    missing = [f"{file.name}:{line}: {piece}" for file in sorted(SOURCES.glob("*.txt"))
               for line, piece in printed_pieces(file.read_text(encoding="utf-8")) if piece not in wording]
    assert missing == []
    # And the pieces are many: the whole documents, not a sample.
    assert sum(len(printed_pieces(f.read_text(encoding="utf-8"))) for f in SOURCES.glob("*.txt")) > 180


def test_front_and_back_matter_are_labelled() -> None:
    kb = load_or_raise(ROOT, SOURCES)
    matter = {p.id: p.matter for p in kb.passages.values()}
    assert matter["mcp-2016-front-p7"] == "front"  # the equality and health inequalities statement
    assert kb.passages["mcp-2016-front-p7"].text.startswith("Promoting equality and addressing health inequalities")
    assert matter["mcp-2016-back-p1"] == "back"  # the Five Year Forward View back page
    assert kb.passages["mcp-2016-back-p2"].text.startswith("Our values:")
    assert kb.passages["icp-2019-front-p11"].text.startswith("This information can be made available in alternative formats")
    assert matter["icp-2019-front-p11"] == "front"
    assert matter["mcp-2016-context-p3"] is None


def block_lines(root: Path, relative: str, words: str) -> tuple[int, int, str]:
    """The line and column of the block ('  - ' item) that holds `words`, and the block's text."""
    lines = (root / relative).read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, l in enumerate(lines) if words in l)
    start = max(i for i in range(index + 1) if lines[i].startswith("  - "))
    end = next((i for i in range(index + 1, len(lines)) if lines[i].startswith("  - ")), len(lines))
    return start + 1, 5, "".join(lines[start:end])


def test_a_paragraph_left_out_is_reported_once_with_its_words_and_line(data_copy: Path) -> None:
    path = data_copy / DOC_2016
    line, col, block = block_lines(data_copy, DOC_2016, "Given the need to ensure sufficient involvement")
    path.write_text(path.read_text(encoding="utf-8").replace(block, ""), encoding="utf-8")
    # The 2019 paragraph that rewrites it names it too: that link is reported where it is written.
    faq = "faq/02-essential-content.yaml"
    link = next(i for i, l in enumerate((data_copy / faq).read_text(encoding="utf-8").splitlines(), 1)
                if l == "        derives_from: [mcp-2016-context-p2]")
    assert problems(data_copy, SOURCES) == [
        f"{DOC_2016}:{line}:{col}: source 'mcp-2016-overview' prints 'Given the need to ensure sufficient "
        "involvement of primary care, the current ver…' (line 42) before this block, "
        "and no block here holds it; add a block for each, in printed order",
        f"{faq}:{link}:24: 'derives_from' refers to 'mcp-2016-context-p2', but no passage has that id; "
        "did you mean 'mcp-2016-context-p3'?"]


def test_a_paragraph_that_is_not_printed_there_is_refused(data_copy: Path) -> None:
    path = data_copy / DOC_2016
    text = path.read_text(encoding="utf-8")
    line, col, block = block_lines(data_copy, DOC_2016, "The Integration Agreement will perform two main functions")
    invented = "  - id: mcp-2016-context-invented\n    paragraph: The Integration Agreement is binding on every practice.\n"
    path.write_text(text.replace(block, invented + block), encoding="utf-8")
    assert problems(data_copy, SOURCES) == [
        f"{DOC_2016}:{line + 1}:16: 'paragraph' is not the next thing source 'mcp-2016-overview' prints: it prints "
        "'The Integration Agreement will perform two main functions:' (line 44) here (it matches \"The Integration "
        "Agreement \" and then has 'i' LATIN SMALL LETTER I where the source has 'w' LATIN SMALL LETTER W, line 44); "
        "copy the source's wording in its printed order"]


def test_an_answer_paragraph_left_out_of_an_faq_is_reported_at_its_place(data_copy: Path) -> None:
    # A paragraph nothing rests on (one that is, is reported again where it is named).
    faq = data_copy / "faq/03-developing.yaml"
    text = faq.read_text(encoding="utf-8")
    dropped = re.search(r"      - id: [a-z0-9-]+\n        paragraph: For the GP IA to be successful in enabling.*\n",
                        text).group(0)
    faq.write_text(text.replace(dropped, ""), encoding="utf-8")
    doc = (data_copy / DOC_2019).read_text(encoding="utf-8").splitlines()
    line = next(i for i, l in enumerate(doc, 1) if l == "  - question: faq-who-develops-gp-ia")
    assert problems(data_copy, SOURCES) == [
        f"{DOC_2019}:{line}:15: the answer to 'Who should be involved in the development of a GP IA?' in "
        "faq/03-developing.yaml leaves out what source 'icp-2019-faqs' prints at line 110 ('For the GP IA to be "
        "successful in enabling integration, the prospective ICP and …'); add it to the answer there"]


def test_blocks_out_of_order_are_refused(data_copy: Path) -> None:
    path = data_copy / DOC_2016
    text = path.read_text(encoding="utf-8")
    _, _, first = block_lines(data_copy, DOC_2016, "In the partially integrated MCP model")
    _, _, second = block_lines(data_copy, DOC_2016, "Given the need to ensure sufficient involvement")
    path.write_text(text.replace(first + second, second + first), encoding="utf-8")
    found = problems(data_copy, SOURCES)
    assert found and all(p.startswith(DOC_2016) for p in found)


def test_a_passage_needs_an_id_and_a_heading_its_level(data_copy: Path) -> None:
    path = data_copy / DOC_2016
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - id: mcp-2016-context\n    heading: Context\n    level: 2\n",
                                 "  - heading: Context\n"), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    line = lines.index("  - heading: Context") + 1
    assert problems(data_copy, SOURCES) == [
        f"{DOC_2016}:{line}:5: this heading has no 'id'; give it one (its permanent link on the page that reads "
        "the whole document)"]


def test_each_document_reads_whole_with_a_permalink_per_passage(built_site: Path) -> None:
    from conftest import page
    kb = load_or_raise(ROOT, SOURCES)
    for d in kb.documents.values():
        markup = page(built_site, f"sources/{d.source}/read")
        for p in d.passages:
            assert f'id="{p.anchor}"' in markup, (d.id, p.anchor)
            if p.id:
                assert f'href="#{p.id}"' in markup, p.id
        # Printed order: each passage's anchor comes after the one before it.
        positions = [markup.index(f'id="{p.anchor}"') for p in d.passages]
        assert positions == sorted(positions)
    markup = page(built_site, "sources/mcp-2016-overview/read")
    assert '<section class="gpia-matter" aria-label="Front matter">' in markup
    assert '<section class="gpia-matter" aria-label="Back matter">' in markup


def test_records_link_back_to_their_place_in_the_whole_document(built_site: Path) -> None:
    from conftest import page
    area = page(built_site, "commitments/mcp-2016-int-shared-vision")
    assert 'href="../../sources/mcp-2016-overview/read/#mcp-2016-int-shared-vision"' in area
    faq = page(built_site, "faq/faq-section-introduction")
    assert 'href="../../sources/icp-2019-faqs/read/#faq-purpose-of-gp-ia"' in faq
    sources = page(built_site, "sources")
    assert 'href="../sources/mcp-2016-overview/read/"' in sources and 'href="../sources/icp-2019-faqs/read/"' in sources


def test_our_words_show_the_source_passages_they_rest_on(built_site: Path) -> None:
    from conftest import page, visible
    kb = load_or_raise(ROOT, SOURCES)
    resting = [(kind, r) for kind, records in (("agreements", kb.agreements), ("clauses", kb.clauses),
                                               ("schedules", kb.schedules), ("glossary", kb.terms))
               for r in records.values() if r.rests_on]
    assert len(resting) >= 6
    for folder, record in resting:
        markup = page(built_site, f"{folder}/{record.id}")
        box = markup.split('<details class="gpia-rests-on" data-pagefind-ignore>', 1)[1].split("</ul></details>", 1)[0]
        for ref in record.rests_on:
            words = (kb.passages[ref].text if ref in kb.passages else kb.questions[ref].question
                     if ref in kb.questions else answer_block(kb, ref).text or " ".join(answer_block(kb, ref).items)
                     if ref in answer_questions(kb) else kb.requirements[ref].text)
            # Quoted in the box, or, where the page quotes it already, linked to that quotation.
            entry = next(li for li in re.findall(r"<li\b.*?</li>", box, re.S) if f'#{ref}"' in li)
            referred = re.search(r'href="#(quoted-[^"]+)">Quoted on this page', entry)
            if referred:
                quotation = markup.split(f'id="{referred.group(1)}"', 1)[1].split("</blockquote>", 1)[0]
                assert " ".join(words.split()) in visible(quotation), (record.id, ref)
            else:
                # A part the page quotes already may be left out, “[…]” linking to that quotation.
                entry = re.sub(r'<a class="gpia-elided" href="#([^"]+)"[^>]*>\[…\]</a>',
                               lambda m: markup.split(f'id="{m.group(1)}"', 1)[1].split("<blockquote", 1)[1]
                               .split(">", 1)[1].split("</blockquote>", 1)[0], entry)
                assert " ".join(words.split()) in visible(entry), (record.id, ref)


def test_rests_on_points_only_at_source_wording(data_copy: Path) -> None:
    path = data_copy / "clauses/agreements.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("rests_on: [faq-gp-ia-and-la-ia-p1, faq-gp-ia-and-la-ia-p2]", "rests_on: [term-gp-ia]"),
                    encoding="utf-8")
    line = next(n for n, l in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "rests_on: [term-gp-ia]" in l)
    found = problems(data_copy, SOURCES)
    assert len(found) == 1 and found[0].startswith(f"clauses/agreements.yaml:{line}:"), found
    assert found[0].endswith("'rests_on' refers to 'term-gp-ia', which is a term (clauses/glossary.yaml:25:9); it must "
                             "be an answer, area, faq-section, passage, question, requirement or table")
