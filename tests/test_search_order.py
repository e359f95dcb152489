"""Pagefind's index in one order (gpia.pages.search_order): the same site gives the same index, byte
for byte, with the content Pagefind wrote, its files named as Pagefind names them.

Pagefind on its own writes its filters in an order that changes from run to run (four filters, so
two runs agree by chance about once in hundreds); the first test fails if they are not put in order.
"""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from gpia.pages.search import write_index
from gpia.pages.search_order import (ENTRY, META_FILTERS, SIGNATURE, IndexFormatError, encode, filter_name,
                                     meta_name, read)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _meta(index: Path) -> tuple[str, list, bytes]:
    """The index's one language, its metadata and the metadata's CBOR."""
    (language, about), = json.loads((index / ENTRY).read_text(encoding="utf-8"))["languages"].items()
    return (language, *read(index / f"pagefind.{about['hash']}.pf_meta"))


def _filters(index: Path) -> dict[str, dict[str, list[int]]]:
    """Each filter's values and their pages, read from the files the metadata names, in their order."""
    _, meta, _ = _meta(index)
    return {name: {value: pages for value, pages in read(index / "filter" / f"{file}.pf_filter")[0][1]}
            for name, file in meta[META_FILTERS]}


@pytest.fixture(scope="module")
def indexes(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site indexed twice as the build indexes it, and once by Pagefind alone."""
    root = tmp_path_factory.mktemp("search-order")
    write_index(built_site, root / "one")
    write_index(built_site, root / "two")
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(built_site),
                    "--output-path", str(root / "pagefind"), "--silent"], check=True, capture_output=True)
    return root


def test_indexing_the_same_site_twice_gives_the_same_index(indexes: Path, built_site: Path) -> None:
    one = _files(indexes / "one")
    assert one == _files(indexes / "two")
    assert one == _files(built_site / "pagefind")  # and the build's own


def test_the_filters_are_pagefinds_in_order_and_nothing_else_changes(indexes: Path) -> None:
    ours, pagefinds = _filters(indexes / "one"), _filters(indexes / "pagefind")
    assert ours == pagefinds  # the same filters, values and pages (dictionaries compare without order)
    assert list(ours) == sorted(ours) == ["audience", "kind", "version", "wording"]
    assert all(list(values) == sorted(values) for values in ours.values())
    ordered, alone = _files(indexes / "one"), _files(indexes / "pagefind")
    rewritten = {name for name in ordered.keys() | alone.keys() if ordered.get(name) != alone.get(name)}
    assert all(name.startswith(("filter/", "pagefind.")) and name.endswith((".pf_filter", ".pf_meta"))
               or name == ENTRY for name in rewritten)
    _, meta, _ = _meta(indexes / "one")
    _, pagefind_meta, _ = _meta(indexes / "pagefind")
    assert meta[:META_FILTERS] == pagefind_meta[:META_FILTERS]  # version, pages, word index chunks
    assert meta[META_FILTERS + 1:] == pagefind_meta[META_FILTERS + 1:]


def test_each_file_is_named_as_pagefind_names_it(indexes: Path) -> None:
    index = indexes / "one"
    language, meta, body = _meta(index)
    entry = json.loads((index / ENTRY).read_text(encoding="utf-8"))
    assert entry["languages"][language]["hash"] == meta_name(language, body)
    assert [p.name for p in index.glob("pagefind.*.pf_meta")] == [f"pagefind.{meta_name(language, body)}.pf_meta"]
    for _, file in meta[META_FILTERS]:
        assert file == filter_name(language, read(index / "filter" / f"{file}.pf_filter")[1], set())
    assert sorted(p.stem for p in (index / "filter").iterdir()) == sorted(file for _, file in meta[META_FILTERS])


def test_cbor_is_written_as_rfc_8949_writes_it() -> None:
    """Examples from RFC 8949, appendix A: the shortest head for each number and length."""
    assert encode(0) == bytes.fromhex("00") and encode(23) == bytes.fromhex("17")
    assert encode(24) == bytes.fromhex("1818") and encode(1000) == bytes.fromhex("1903e8")
    assert encode(1000000) == bytes.fromhex("1a000f4240")
    assert encode(1000000000000) == bytes.fromhex("1b000000e8d4a51000")
    assert encode("\u00fc") == bytes.fromhex("62c3bc")
    assert encode([1, [2, 3], [4, 5]]) == bytes.fromhex("8301820203820405")
    assert encode(list(range(1, 26)))[:2] == bytes.fromhex("9819")


@pytest.mark.parametrize("cbor", [
    "82616b190005",  # ["k", 5] with 5 in three bytes: valid CBOR, but not as Pagefind writes it
    "9f0102ff",  # an array of indefinite length
    "a1616b01",  # a map
    "8201",  # an array that ends early
])
def test_a_file_not_read_back_to_its_own_bytes_is_refused(tmp_path: Path, cbor: str) -> None:
    path = tmp_path / "en_0000000.pf_filter"
    path.write_bytes(gzip.compress(SIGNATURE + bytes.fromhex(cbor)))
    with pytest.raises(IndexFormatError):
        read(path)
