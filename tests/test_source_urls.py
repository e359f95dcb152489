"""Links to the originals: a source record may carry the publication's official address (`url`,
optional, one https:// address as a whole value), filled in only when a person has checked it; it is
shown on /sources/ and on the source's whole-text page. The real data leaves it out until then."""
from __future__ import annotations

from pathlib import Path

from conftest import ROOT, problems

from gpia.knowledge_base import load_or_raise
from gpia.views.common import BuildViews
from gpia.views.documents import document_page
from gpia.views.sources import sources_page

# A fictional address: the tests never claim an address for a real publication.
ADDRESS = "https://publisher.example/publication/gp-ia-faqs/"
AFTER = "    subtitle: ICP Contract Package\n"


def with_url(root: Path, value: str) -> Path:
    path = root / "clauses/sources.yaml"
    text = path.read_text(encoding="utf-8")
    assert AFTER in text
    path.write_text(text.replace(AFTER, AFTER + f"    url: {value}\n", 1), encoding="utf-8")
    return path


def line_of(path: Path, start: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if line.startswith(start))


def test_an_address_is_optional_and_shown_on_the_sources_and_whole_text_pages(data_copy: Path) -> None:
    with_url(data_copy, ADDRESS)
    assert problems(data_copy) == []
    kb = load_or_raise(data_copy, check_wording=False)
    assert kb.sources["icp-2019-faqs"].url == ADDRESS
    shared = BuildViews.for_knowledge_base(kb)
    assert f'<a href="{ADDRESS}">The publication on NHS England and NHS Improvement’s site</a>' in \
        sources_page(shared.view("../"))
    document = next(d.id for d in kb.documents.values() if d.source == "icp-2019-faqs")
    assert f'which NHS England and NHS Improvement publishes at <a href="{ADDRESS}">{ADDRESS}</a>' in \
        document_page(shared.view("../../../"), document)
    # Without an address the pages say nothing of one.
    real = BuildViews.for_knowledge_base(load_or_raise(ROOT, check_wording=False))
    assert "publishes at" not in document_page(real.view("../../../"), document)


def test_an_address_must_be_one_https_address(data_copy: Path) -> None:
    path = with_url(data_copy, "http://publisher.example/gp-ia-faqs/")
    line = line_of(path, "    url: ")
    assert problems(data_copy) == [
        f"clauses/sources.yaml:{line}:10: 'sources[1].url' is \"http://publisher.example/gp-ia-faqs/\", which is not an "
        "https:// address (one line, without spaces or \" < > \\ ^ ` { | })"]


def test_an_address_with_a_line_break_at_its_end_is_refused(data_copy: Path) -> None:
    # `$` alone would accept it: the pattern matches the whole value.
    path = with_url(data_copy, '"https://publisher.example/gp-ia-faqs/\\n"')
    line = line_of(path, "    url: ")
    found = problems(data_copy)
    assert len(found) == 1 and found[0].startswith(f"clauses/sources.yaml:{line}:10: 'sources[1].url' is "), found
    assert found[0].endswith("with a line break at the end; remove the line break at the end"), found
