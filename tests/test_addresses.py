"""Every record page's address, made from its id, is its own: an id that would put a page where
another page is (a hand-written page, a list's later pages, a reserved folder, another record's
page) or that is too long to be a folder name is refused at the id, naming what is there."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File

import gpia.validate.addresses
from gpia.validate.addresses import DOCS_DIR, record_pages, reserved_folders, site_address
from gpia.pages.generated import generated_files
from gpia.load.layout import SCHEMA_DIR
from gpia.model.records import KnowledgeBase
from gpia.model.urls import MAX_ID_LENGTH

from conftest import ROOT, problems

GLOSSARY = "clauses/glossary.yaml"
CITATIONS = "clauses/citations.yaml"
LAST_GLOSSARY_LINE = len((ROOT / GLOSSARY).read_text(encoding="utf-8").splitlines())


def add_term(root: Path, term_id: str) -> int:
    """Append a valid term with this id to the glossary; return the line of its id."""
    with (root / GLOSSARY).open("a", encoding="utf-8") as out:
        out.write(f"  - id: {term_id}\n    term: A term\n    definition: Our words.\n    last_reviewed: 2026-11-25\n")
    return LAST_GLOSSARY_LINE + 1


def add_citation(root: Path, citation_id: str) -> int:
    path = root / CITATIONS
    line = len(path.read_text(encoding="utf-8").splitlines()) + 1
    with path.open("a", encoding="utf-8") as out:
        out.write(f"  - id: {citation_id}\n    title: A report\n    publisher: NHS England\n    published: June 2021\n"
                  "    url: https://www.england.nhs.uk/\n    last_reviewed: 2026-11-25\n")
    return line


def rename(root: Path, relative: str, old: str, new: str) -> int:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(f"id: {old}\n") == 1
    path.write_text(text.replace(f"id: {old}\n", f"id: {new}\n"), encoding="utf-8")
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.endswith(f"id: {old}"))


def test_a_term_called_index_would_replace_the_glossary(data_copy: Path) -> None:
    line = add_term(data_copy, "index")
    assert problems(data_copy) == [
        f"{GLOSSARY}:{line}:9: the id 'index' would publish this term's page at /glossary/, the address of the "
        "hand-written page docs/glossary.md (a page called 'index' is its folder's own page); choose another id"]


def test_a_citation_called_index_would_replace_the_sources(data_copy: Path) -> None:
    line = add_citation(data_copy, "index")
    assert problems(data_copy) == [
        f"{CITATIONS}:{line}:9: the id 'index' would publish this citation's page at /sources/, the address of the "
        "hand-written page docs/sources.md (a page called 'index' is its folder's own page); choose another id"]


def test_a_row_called_index_would_replace_two_pages_and_is_reported_once(data_copy: Path) -> None:
    relative = "clauses/requirements/icp-2019-governance.yaml"
    line = rename(data_copy, relative, "icp-2019-gov-shared-vision-outcomes", "index")
    assert problems(data_copy) == [
        f"{relative}:{line}:9: the id 'index' would publish this row's page at /governance/, the address of the "
        "hand-written page docs/governance.md; and this row's comparison page at /compare/, the address of the "
        "hand-written page docs/compare.md (a page called 'index' is its folder's own page); choose another id"]


def test_a_term_called_pages_would_sit_among_the_glossarys_later_pages(data_copy: Path) -> None:
    line = add_term(data_copy, "pages")
    assert problems(data_copy) == [
        f"{GLOSSARY}:{line}:9: the id 'pages' would publish this term's page at /glossary/pages/, inside "
        "glossary/pages/, the folder of the later pages of the list at /glossary/ (/glossary/pages/2/ and on); "
        "choose another id"]


def test_ids_that_only_look_alike_are_fine(data_copy: Path) -> None:
    add_term(data_copy, "index-of-terms")
    add_citation(data_copy, "pages-2")
    assert problems(data_copy) == []


@pytest.fixture
def docs_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    docs = tmp_path / "docs"
    shutil.copytree(DOCS_DIR, docs)
    monkeypatch.setattr(gpia.validate.addresses, "DOCS_DIR", docs)
    return docs


def test_a_term_whose_page_is_a_hand_written_page(data_copy: Path, docs_copy: Path) -> None:
    (docs_copy / "glossary").mkdir()
    (docs_copy / "glossary" / "how-to-read.md").write_text("# How to read the glossary\n", encoding="utf-8")
    (docs_copy / "glossary" / "diagram.png").write_bytes(b"\x89PNG")  # beside a page: reserves nothing
    line = add_term(data_copy, "how-to-read")
    assert problems(data_copy) == [
        f"{GLOSSARY}:{line}:9: the id 'how-to-read' would publish this term's page at /glossary/how-to-read/, the "
        "address of the hand-written page docs/glossary/how-to-read.md; choose another id"]


def test_a_term_inside_a_folder_of_files_from_docs(data_copy: Path, docs_copy: Path) -> None:
    (docs_copy / "glossary" / "figures").mkdir(parents=True)
    (docs_copy / "glossary" / "figures" / "map.svg").write_text("<svg/>", encoding="utf-8")
    line = add_term(data_copy, "figures")
    assert problems(data_copy) == [
        f"{GLOSSARY}:{line}:9: the id 'figures' would publish this term's page at /glossary/figures/, inside "
        "glossary/figures/, the folder of files such as /glossary/figures/map.svg; choose another id"]


def test_reserved_folders_for_a_kind_of_record_published_at_the_site_root(
        data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # No kind of record has its pages at the site root today; if one did, these ids would be refused.
    real = gpia.validate.addresses.page_url
    monkeypatch.setattr(gpia.validate.addresses, "page_url", lambda kb, kind, record_id:
                        f"{record_id}/" if kind == "citation" else real(kb, kind, record_id))
    lines = {i: add_citation(data_copy, i if i != "404" else "'404'")
             for i in ("search", "assets", "data", "pagefind", "schema", "404")}
    assert problems(data_copy) == [
        f"{CITATIONS}:{lines['search']}:9: the id 'search' would publish this citation's page at /search/, inside "
        "search/, the folder of the search index; choose another id",
        f"{CITATIONS}:{lines['assets']}:9: the id 'assets' would publish this citation's page at /assets/, inside "
        "assets/, the folder of files such as /assets/disclosures.js; choose another id",
        f"{CITATIONS}:{lines['data']}:9: the id 'data' would publish this citation's page at /data/, the address of "
        "the hand-written page docs/data.md and inside data/, the folder of files such as /data/knowledge-base.json; "
        "choose another id",
        f"{CITATIONS}:{lines['pagefind']}:9: the id 'pagefind' would publish this citation's page at /pagefind/, "
        "inside pagefind/, the folder of the Pagefind search index; choose another id",
        f"{CITATIONS}:{lines['schema']}:9: the id 'schema' would publish this citation's page at /schema/, inside "
        "schema/, the folder of files such as /schema/agreements.json; choose another id",
        f"{CITATIONS}:{lines['404']}:9: the id '404' would publish this citation's page at /404/, inside 404/, kept "
        "free beside 404.html, the page shown for a missing address; choose another id",
    ]


def test_two_records_at_one_address_name_each_other(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Two kinds sharing a folder could give two ids one page; the one written later is reported.
    real = gpia.validate.addresses.page_url
    monkeypatch.setattr(gpia.validate.addresses, "page_url", lambda kb, kind, record_id:
                        "glossary/shared/" if record_id in ("term-mcp", "term-icp") else real(kb, kind, record_id))
    assert problems(data_copy) == [
        f"{GLOSSARY}:12:9: the id 'term-icp' would publish this term's page at /glossary/shared/, the address of "
        f"the page of the term 'term-mcp' ({GLOSSARY}:3:9); choose another id"]


LONG = "-".join(["long"] * 60)  # 299 characters, kebab-case


def test_an_id_too_long_for_a_folder_name_is_refused_at_the_id(data_copy: Path) -> None:
    line = add_term(data_copy, LONG)
    assert problems(data_copy) == [
        f"{GLOSSARY}:{line}:9: 'terms[{_terms()}].id' is 299 characters long; an id is at most 64 characters, "
        "because it becomes the address of a page, so shorten it"]


def test_a_reference_too_long_to_be_an_id_is_refused_too(data_copy: Path) -> None:
    path = data_copy / "faq" / "01-introduction.yaml"
    text = path.read_text(encoding="utf-8")
    assert "relates_to: [gp-ia," in text
    path.write_text(text.replace("relates_to: [gp-ia,", f"relates_to: [{'x' * 65},", 1), encoding="utf-8")
    line, row = next((i, l) for i, l in enumerate(text.splitlines(), 1) if "relates_to: [gp-ia," in l)
    assert problems(data_copy) == [
        f"faq/01-introduction.yaml:{line}:{row.index('[') + 2}: 'questions[0].relates_to[0]' is 65 characters long; "
        "an id is at most 64 characters, because it becomes the address of a page, so shorten it"]


def test_an_id_of_the_longest_length_allowed_is_fine(data_copy: Path) -> None:
    add_term(data_copy, "t" * MAX_ID_LENGTH)
    add_term(data_copy, "-".join(["a"] * 33))  # 65 characters
    assert problems(data_copy) == [
        f"{GLOSSARY}:{LAST_GLOSSARY_LINE + 5}:9: 'terms[{_terms() + 1}].id' is 65 characters long; an id is at most "
        "64 characters, because it becomes the address of a page, so shorten it"]


def _terms() -> int:
    """How many terms the real glossary has (the index of the first one added)."""
    return (ROOT / GLOSSARY).read_text(encoding="utf-8").count("\n  - id: ")


def test_every_id_and_reference_in_the_schemas_has_the_maximum_length() -> None:
    kebab = "^[a-z0-9]+(-[a-z0-9]+)*$"
    seen = 0
    for file in sorted(SCHEMA_DIR.glob("*.json")):
        schema = json.loads(file.read_text(encoding="utf-8"))

        def walk(node: object) -> None:
            nonlocal seen
            if isinstance(node, dict):
                if node.get("pattern") == kebab:
                    assert node.get("maxLength") == MAX_ID_LENGTH, (file.name, node)
                    seen += 1
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(schema)
    assert seen == 24  # an id and a reference definition in most of the thirteen schemas


def test_the_real_ids_are_well_within_the_maximum(kb: KnowledgeBase) -> None:
    ids = [*kb.requirements, *kb.areas, *kb.tables, *kb.clauses, *kb.schedules, *kb.agreements, *kb.terms,
           *kb.questions, *kb.faq_sections, *kb.sources, *kb.citations, *kb.versions, *kb.changes]
    assert max(map(len, ids)) <= MAX_ID_LENGTH - 10  # room for the synthetic copies' suffixes


def test_the_checked_pages_are_the_pages_the_build_generates(kb: KnowledgeBase) -> None:
    generated = sorted(f.uri for f in generated_files(kb) if f.uri.endswith(".md"))
    records = {p.source for p in record_pages(kb)}
    list_folders = [folder for folder, what in reserved_folders(kb, DOCS_DIR) if "later pages" in what]
    assert records <= set(generated)
    later = [uri for uri in generated if uri not in records]
    assert later, "some list has a second page"
    assert all(any(uri.startswith(folder) for folder in list_folders) for uri in later), later


def test_the_docs_folder_and_addresses_are_mkdocs_own() -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert Path(config["docs_dir"]).resolve() == DOCS_DIR
    assert config["use_directory_urls"] is True


@pytest.mark.parametrize("source, address", [
    ("glossary.md", "glossary/"), ("glossary/term-mcp.md", "glossary/term-mcp/"), ("glossary/index.md", "glossary/"),
    ("glossary/README.md", "glossary/"), ("index.md", ""), ("faq/pages/2.md", "faq/pages/2/"),
])
def test_site_address_is_where_mkdocs_publishes_a_page(source: str, address: str) -> None:
    assert site_address(source) == address
    assert File(source, str(DOCS_DIR), "/site", use_directory_urls=True).url == (address or "./")
