"""Pagefind's index in one order, so that the same site gives the same index, byte for byte.

Pagefind 1.5.2 gathers each filter's values in a hash map whose seed is drawn afresh in every run
(hashbrown's default hasher), and writes the values of each filter file, and the list of filter files
in the metadata file, in that map's order. The content is the same every time, but the bytes are
not, nor the file names, which are hashes of the bytes: `filter/*.pf_filter`, the
`pagefind.<hash>.pf_meta` that names them and `pagefind-entry.json`, which names that. No option,
environment variable or thread count fixes the seed; Pagefind's own fix (sorting both by name, as
here) is not yet in a release. So, after Pagefind has written its index, `put_in_order`:

- reads each language's metadata file (named in the entry file) and the filter files it names;
- sorts each filter's values, and the filters, by name, as Pagefind's own fix does (a value's pages
  are already in page order), and the metadata's sort orders by name too;
- writes them again under the names Pagefind gives such bytes, and the entry file with the new name
  of the metadata.

Pagefind's files are gzip-compressed: a signature, `pagefind_dcd`, then CBOR (RFC 8949) of arrays,
text and unsigned integers. The few kinds of CBOR item Pagefind writes are read and written here; a
file is rewritten only if writing what was read gives back its own bytes, and its name only if it is
the name Pagefind gives those bytes, so a Pagefind that writes its files otherwise stops the build
rather than have its index silently changed. Each rewritten file is compressed here, not by Pagefind,
so every filter and metadata file is rewritten every time, whichever order Pagefind happened to use.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
# The metadata's fields (pagefind/src/index/index_metadata.rs): its filters and its sort orders.
META_FILTERS, META_SORTS = 3, 4
# CBOR's major types that Pagefind writes: unsigned integers, text and arrays.
_UNSIGNED, _TEXT, _ARRAY = 0, 3, 4


class IndexFormatError(RuntimeError):
    """Pagefind wrote a file this module does not read back to the same bytes (a RuntimeError, as a
    failed run of Pagefind is: `mkdocs serve` then keeps the index it had)."""


def _decode(data: bytes, at: int) -> tuple[int | str | list, int]:
    """The CBOR item at `at` in `data` and where it ends: only the kinds Pagefind writes, each with
    a definite length, as minicbor writes them."""
    major, info = data[at] >> 5, data[at] & 0x1F
    at += 1
    if info < 24:
        n = info
    elif info <= 27:
        size = 1 << (info - 24)
        n = int.from_bytes(data[at:at + size], "big")
        at += size
    else:
        raise IndexFormatError(f"a CBOR item of indefinite or reserved length (byte {at - 1})")
    if major == _UNSIGNED:
        return n, at
    if major == _TEXT:
        return data[at:at + n].decode("utf-8"), at + n
    if major == _ARRAY:
        items = []
        for _ in range(n):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    raise IndexFormatError(f"a CBOR item of major type {major} (byte {at - 1})")


def _head(out: bytearray, major: int, n: int) -> None:
    """A CBOR item's first bytes: its type and its value or length, in as few bytes as hold it."""
    if n < 24:
        out.append(major << 5 | n)
        return
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            out.append(major << 5 | info)
            out += n.to_bytes(size, "big")
            return
    raise IndexFormatError(f"{n} does not fit in a CBOR head")


def _encode(item: int | str | list, out: bytearray) -> bytearray:
    if isinstance(item, bool):  # a bool is an int to Python; Pagefind writes none
        raise IndexFormatError("a boolean")
    if isinstance(item, int):
        _head(out, _UNSIGNED, item)
    elif isinstance(item, str):
        text = item.encode("utf-8")
        _head(out, _TEXT, len(text))
        out += text
    else:
        _head(out, _ARRAY, len(item))
        for part in item:
            _encode(part, out)
    return out


def encode(item: int | str | list) -> bytes:
    return bytes(_encode(item, bytearray()))


def full_hash(data: bytes) -> str:
    """The hash Pagefind names its files by (pagefind/src/utils.rs): SHA-1, each byte in hex
    without its leading zero."""
    return "".join(format(b, "x") for b in hashlib.sha1(data).digest())


def read(path: Path) -> tuple[list, bytes]:
    """A file of Pagefind's index as it decodes, and its CBOR."""
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise IndexFormatError(f"{path.name}: no {SIGNATURE.decode()} signature")
    body = raw[len(SIGNATURE):]
    try:
        item, end = _decode(body, 0)
    except (IndexError, UnicodeDecodeError) as error:
        raise IndexFormatError(f"{path.name}: its CBOR ends early or holds text that is not UTF-8") from error
    if end != len(body) or encode(item) != body or not isinstance(item, list):
        raise IndexFormatError(f"{path.name}: its CBOR does not read back to the same bytes")
    return item, body


def _write(path: Path, body: bytes) -> None:
    """`body` written as Pagefind writes it: its signature and the CBOR, gzip-compressed (with no
    date in the gzip header, so the same bytes each time)."""
    path.write_bytes(gzip.compress(SIGNATURE + body, compresslevel=9, mtime=0))


def filter_name(language: str, body: bytes, taken: set[str]) -> str:
    """A filter file's name for `body`, as Pagefind names it (pagefind/src/index/mod.rs): the language
    and the first seven characters of the hash, longer by two at a time while another filter of the
    language has it."""
    name = f"{language}_{full_hash(body)}"
    short = name[:len(language) + 8]
    while short in taken and len(short) < len(name):
        short = name[:len(short) + 2]
    return short


def meta_name(language: str, body: bytes) -> str:
    """The metadata file's name for `body`, as Pagefind names it: the language and as many characters
    of the hash as the language has, and eight more."""
    return f"{language}_{full_hash(body)[:len(language) + 8]}"


def _entry_text(entry: dict) -> str:
    """The entry file's JSON as Pagefind writes it (serde_json, compact)."""
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":"))


def _order_language(index: Path, language: str, meta_hash: str) -> str:
    """One language's filter files and metadata file in order; returns the metadata's new name."""
    meta_path = index / f"pagefind.{meta_hash}.pf_meta"
    meta, body = read(meta_path)
    if meta_name(language, body) != meta_hash:
        raise IndexFormatError(f"{meta_path.name}: not named by the hash of its content")
    filters = []
    for name, old in meta[META_FILTERS]:
        path = index / "filter" / f"{old}.pf_filter"
        values, body = read(path)
        if not f"{language}_{full_hash(body)}".startswith(old) or values[0] != name:
            raise IndexFormatError(f"{path.name}: not the filter {name!r} named by the hash of its content")
        filters.append((name, values, path))
    # Every old file goes first: a new file may take the name another had.
    for _, _, path in filters:
        path.unlink()
    meta_path.unlink()
    taken: set[str] = set()
    ordered = []
    for name, values, _ in sorted(filters, key=lambda f: f[0]):
        values[1].sort(key=lambda value: value[0])  # [value, [page numbers]], by value
        body = encode(values)
        short = filter_name(language, body, taken)
        taken.add(short)
        _write(index / "filter" / f"{short}.pf_filter", body)
        ordered.append([name, short])
    meta[META_FILTERS] = ordered
    meta[META_SORTS].sort(key=lambda sort: sort[0])  # [sort key, [page numbers]], by key
    body = encode(meta)
    name = meta_name(language, body)
    _write(index / f"pagefind.{name}.pf_meta", body)
    return name


def put_in_order(index: Path) -> None:
    """Pagefind's index in `index` (its output folder) written again in one order: see above."""
    entry_path = index / ENTRY
    text = entry_path.read_text(encoding="utf-8")
    entry = json.loads(text)
    if _entry_text(entry) != text:
        raise IndexFormatError(f"{ENTRY}: not written as this module writes it")
    languages = entry["languages"]
    for language in sorted(languages):
        languages[language]["hash"] = _order_language(index, language, languages[language]["hash"])
    entry["languages"] = dict(sorted(languages.items()))
    entry_path.write_text(_entry_text(entry), encoding="utf-8")
