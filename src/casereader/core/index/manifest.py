"""An index's manifest: what was indexed, read without opening the index (plain JSON)."""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import suppress
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


def read_json(path: Path) -> dict[str, Any]:
    """A JSON object kept beside the index ({} when missing, unreadable or not an object).
    Parsed with orjson: Python's json took ~95 ms for the 8 MB manifest of a 16,657-file
    case on each launch, orjson ~60 ms."""
    try:
        data = orjson.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` atomically: a temporary file of this process, then renamed, so a reader
    (or another process writing) sees the old file or the new one.  Compact UTF-8, written by
    orjson (7 ms for that manifest, Python's json 65 ms)."""
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        tmp.write_bytes(orjson.dumps(data))
        os.replace(tmp, path)
    except BaseException:  # a full disk: no half-written file left beside the index
        with suppress(OSError):
            tmp.unlink()
        raise


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
    return read_json(path)


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
