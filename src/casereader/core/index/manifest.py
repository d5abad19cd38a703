"""An index's manifest: what was indexed, read without opening the index (plain JSON)."""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Callable
from contextlib import suppress
from dataclasses import fields
from pathlib import Path
from typing import Any

import orjson

from ..models import DocMeta, DocumentInfo

#: Bump when the schema, the analysis, the paragraph splitting or the manifest's shape
#: changes: old indexes are rebuilt, and their manifests are not read meanwhile.
INDEX_VERSION = 18

#: Beside the manifest: each document's duplicate-detection sample, read only when some
#: document's content changed (in the manifest they were 23 of its 32 MB at 16,657 files,
#: parsed on every launch).
PRINTS_NAME = "fingerprints.json"
#: ...which also keeps, under this key (no file's path), the near-identical pairs of its samples.
PAIRS_KEY = ""
#: The case's catalog as last parsed, with the fingerprint of the files it was parsed from.
CATALOG_KEPT = "catalog.json"
#: Beside the manifest: what opening the case needs of it, in a compact form (see ``Listing``).
LISTING_NAME = "listing.marshal"
#: The listing's shape (bump when it changes: an older listing is then not read, but rebuilt).
LISTING_VERSION = 1

#: A manifest file as written: its size, modification time and inode.  Replaced (write and
#: rename), it gets another inode; the listing says which manifest file it was made from.
FileKey = tuple[int, int, int]


def read_json(path: Path) -> dict[str, Any]:
    """A JSON object kept beside the index ({} when missing, unreadable or not an object).
    Parsed with orjson: Python's json took ~95 ms for the 8 MB manifest of a 16,657-file
    case on each launch, orjson ~60 ms."""
    try:
        data = orjson.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_json(path: Path, data: dict[str, Any]) -> FileKey:
    """Write ``data`` atomically: a temporary file of this process, then renamed, so a reader
    (or another process writing) sees the old file or the new one.  Compact UTF-8, written by
    orjson (7 ms for that manifest, Python's json 65 ms).  Returns the written file's key."""
    return write_bytes(path, orjson.dumps(data))


def write_bytes(path: Path, data: bytes) -> FileKey:
    """Write ``data`` as :func:`write_json` does; the key is the temporary file's, taken before
    the rename (which keeps it): what another process renames there after is another file."""
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        written = tmp.stat()
        os.replace(tmp, path)
    except BaseException:  # a full disk: no half-written file left beside the index
        with suppress(OSError):
            tmp.unlink()
        raise
    return _key(written)


def _key(found: os.stat_result) -> FileKey:
    return (found.st_size, found.st_mtime_ns, found.st_ino)


def file_key(path: Path) -> FileKey | None:
    """The key of the file at ``path`` (None when there is none)."""
    try:
        return _key(path.stat())
    except OSError:
        return None


def remove_temporary(folder: Path, alive: Callable[[int], bool]) -> None:
    """Delete the temporary files :func:`write_json` left in ``folder`` (a run killed or
    stopped by a full disk between writing and renaming), but those of a process still running."""
    for tmp in folder.glob("*.*.tmp"):
        pid = tmp.name.rsplit(".", 2)[-2]
        if not pid.isdigit() or not alive(int(pid)):
            with suppress(OSError):
                tmp.unlink()


def read_manifest(path: Path) -> dict[str, Any]:
    """An index's manifest.json ({} when missing or unreadable: the index is then rebuilt)."""
    return read_manifest_keyed(path)[0]


def read_manifest_keyed(path: Path) -> tuple[dict[str, Any], FileKey | None]:
    """The manifest, and the key of the file it was read from (taken from the open file: a
    manifest renamed there meanwhile is another file, read or not)."""
    try:
        with path.open("rb") as handle:
            key = _key(os.fstat(handle.fileno()))
            data = orjson.loads(handle.read())
    except (OSError, ValueError):
        return {}, None
    return (data, key) if isinstance(data, dict) else ({}, None)


def manifest_head(manifest: dict[str, Any]) -> dict[str, Any]:
    """What opening the case and searching it need of a manifest, its files aside: its own
    fields, and ``paragraphs`` (how many in all) and ``paged`` (the documents whose paragraphs
    know their pages) taken from its files."""
    files: dict[str, Any] = manifest.get("files", {})
    head = {k: v for k, v in manifest.items() if k != "files"}
    head["paragraphs"] = sum(entry["paragraphs"] for entry in files.values())
    head["paged"] = sorted(entry["doc_id"] for entry in files.values() if entry.get("pages"))
    return head


_META_FIELDS = [f.name for f in fields(DocMeta)]


def write_listing(path: Path, key: FileKey, head: dict[str, Any], documents: list[DocumentInfo]) -> None:
    """Write the listing of the manifest file ``key``: its head (:func:`manifest_head`) and its
    documents in columns, in Python's ``marshal`` format, each repeated value stored once.

    Opening an unchanged 50,000-file case read its 24 MB manifest (0.35 s of CPU, its files'
    sizes and times included, which only the check for changes needs, in the background)
    and made the documents from it (0.12 s); from the listing (7 MB) both take 0.17 s."""
    shared: dict[Any, Any] = {}

    def one(value: Any) -> Any:
        if isinstance(value, dict):  # (the fields' origins: a few different ones in all)
            return shared.setdefault(("origins", *sorted(value.items())), value)
        return shared.setdefault(value, value) if isinstance(value, str) else value

    columns: dict[str, list[Any]] = {
        "doc_id": [d.doc_id for d in documents],
        "path": [d.path for d in documents],
        "paragraphs": [d.paragraphs for d in documents],
        "sha1": [d.sha1 for d in documents],
    }
    for name in _META_FIELDS:
        columns[name] = [one(getattr(d.meta, name)) for d in documents]
    listing = {"shape": _listing_shape(), "manifest": list(key), "head": head, "columns": columns}
    write_bytes(path, marshal.dumps(listing))


def read_listing(path: Path, key: FileKey | None) -> tuple[dict[str, Any], list[DocumentInfo]] | None:
    """The head and the documents of the manifest file ``key`` from its listing; None when
    there is no listing of that file (missing, of another manifest, another shape, damaged):
    the manifest itself is read then.  The documents' metadata is shared, read only."""
    if key is None:
        return None
    try:
        listing = marshal.loads(path.read_bytes())
        if not (
            isinstance(listing, dict)
            and listing.get("shape") == _listing_shape()
            and listing.get("manifest") == list(key)
            and isinstance(listing.get("head"), dict)
        ):
            return None
        columns = listing["columns"]
        count = len(columns["doc_id"])
        if any(len(columns[name]) != count for name in ("path", "paragraphs", "sha1", *_META_FIELDS)):
            return None
        metas = [DocMeta(*values) for values in zip(*(columns[name] for name in _META_FIELDS), strict=True)]
        documents = [
            DocumentInfo(*values)
            for values in zip(
                columns["doc_id"], columns["path"], metas, columns["paragraphs"], columns["sha1"], strict=True
            )
        ]
    except (OSError, EOFError, ValueError, TypeError, KeyError):
        return None
    return listing["head"], documents


def _listing_shape() -> list[Any]:
    """What a listing must have been written with to be read: its own shape, the index's
    version, marshal's format and Python's version, and the fields of a document's metadata."""
    return [LISTING_VERSION, INDEX_VERSION, marshal.version, list(sys.version_info[:2]), _META_FIELDS]


def documents_from_manifest(manifest: dict[str, Any]) -> list[DocumentInfo]:
    """The documents a manifest of the current version lists, by path ([] for any other)."""
    if manifest.get("version") != INDEX_VERSION:
        return []
    return [
        DocumentInfo(entry["doc_id"], relpath, DocMeta(**entry["meta"]), entry["paragraphs"], entry.get("sha1", ""))
        for relpath, entry in sorted(manifest.get("files", {}).items())
    ]


def build_manifest(
    folder: Path,
    old: dict[str, Any],
    files: dict[str, Any],
    skipped: list[dict[str, Any]],
    catalog: tuple[str, str],
    checksums: dict[str, list[int]] | None = None,
    prints: dict[str, list[int] | None] | None = None,
    prints_file: Path | None = None,
) -> dict[str, Any]:
    """The manifest of an index of ``folder`` holding ``files`` (``old``: the one it replaces;
    ``checksums`` of the index's files after a commit, else the old ones still hold).
    ``catalog`` is the catalog's fingerprint and why it was ignored, if it was.  ``prints``
    are the duplicate samples of the documents read by this update; the others' are kept in
    ``prints_file``, updated here when the duplicate groups are recomputed."""
    from ..text.analysis import language_key

    return {
        "version": INDEX_VERSION,
        "folder": str(folder),
        "catalog": catalog[0],
        "catalog_problem": catalog[1],
        "files": dict(sorted(files.items())),
        "skipped": sorted(skipped, key=lambda s: s["path"]),
        "languages": sorted({language_key(entry["meta"].get("lang") or "en") for entry in files.values()}),
        "duplicates": _duplicates(old, files, prints or {}, prints_file),
        "checksums": checksums if checksums is not None else old.get("checksums", {}),
    }


def _duplicates(
    old: dict[str, Any], files: dict[str, Any], prints: dict[str, list[int] | None], prints_file: Path | None
) -> dict[str, str]:
    """Duplicate groups, recomputed only when some document's content changed; the near-
    identical pairs kept with the samples are updated from the documents that changed alone
    when they can be (``duplicates.update_pairs``), else found again among all."""
    from ..ingest import duplicates

    old_files: dict[str, Any] = old.get("files", {})
    if (
        "duplicates" in old
        and not prints
        and old_files.keys() == files.keys()
        and all(old_files[r]["doc_id"] == e["doc_id"] and old_files[r]["sha1"] == e["sha1"] for r, e in files.items())
    ):
        return dict(old["duplicates"])
    stored = read_json(prints_file) if prints_file is not None else {}
    kept = {r: v for r, v in stored.items() if isinstance(v, list) and len(v) == 2}
    samples: dict[str, list[Any]] = {}
    for relpath, entry in files.items():
        sha1 = str(entry.get("sha1", ""))
        if relpath in prints:
            samples[relpath] = [sha1, prints[relpath]]
        elif relpath in kept and kept[relpath][0] == sha1:  # a stale sample is no evidence
            samples[relpath] = kept[relpath]
    entries = {r: {**e, "fingerprints": samples[r][1] if r in samples else None} for r, e in files.items()}
    after = duplicates.samples_of(entries)
    known = _stored_pairs(stored.get(PAIRS_KEY))
    pairs = None
    if known is not None:  # the pairs of the samples stored with them, written in the same file
        before = {r: v[1] for r, v in sorted(kept.items()) if isinstance(v[1], list) and v[1]}
        pairs = duplicates.update_pairs(known, before, after)
    if pairs is None:
        pairs = duplicates.near_pairs(after)
    if prints_file is not None:
        write_json(prints_file, {**samples, PAIRS_KEY: {"pairs": sorted(pairs)}})
    return duplicates.groups(entries, pairs)


def _stored_pairs(found: object) -> set[tuple[str, str]] | None:
    """The near-identical pairs kept in the samples file (None when missing or malformed)."""
    listed = found.get("pairs") if isinstance(found, dict) else None
    if not isinstance(listed, list):
        return None
    pairs = set()
    for pair in listed:
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
            return None
        pairs.add((pair[0], pair[1]))
    return pairs
