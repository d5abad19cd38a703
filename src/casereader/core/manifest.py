"""An index's manifest: what was indexed, read without opening the index (plain JSON)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .models import DocMeta, DocumentInfo

#: Bump when the schema, the analysis, the paragraph splitting or the manifest's shape
#: changes: old indexes are rebuilt, and their manifests are not read meanwhile.
INDEX_VERSION = 16

#: Beside the manifest: each document's duplicate-detection sample, read only when some
#: document's content changed (in the manifest they were 23 of its 32 MB at 16,657 files,
#: parsed on every launch).
PRINTS_NAME = "fingerprints.json"


def read_json(path: Path) -> dict[str, Any]:
    """A JSON object kept beside the index ({} when missing, unreadable or not an object)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` atomically: a temporary file of this process, then renamed, so a reader
    (or another process writing) sees the old file or the new one.  Compact: an indented dump
    uses json's slow pure-Python encoder."""
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    os.replace(tmp, path)


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
    from .analysis import language_key

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
    """Duplicate groups, recomputed only when some document's content changed."""
    from . import duplicates

    old_files: dict[str, Any] = old.get("files", {})
    if (
        "duplicates" in old
        and not prints
        and old_files.keys() == files.keys()
        and all(old_files[r]["doc_id"] == e["doc_id"] and old_files[r]["sha1"] == e["sha1"] for r, e in files.items())
    ):
        return dict(old["duplicates"])
    kept = read_prints(prints_file) if prints_file is not None else {}
    samples: dict[str, list[Any]] = {}
    for relpath, entry in files.items():
        sha1 = str(entry.get("sha1", ""))
        if relpath in prints:
            samples[relpath] = [sha1, prints[relpath]]
        elif relpath in kept and kept[relpath][0] == sha1:  # a stale sample is no evidence
            samples[relpath] = kept[relpath]
    if prints_file is not None:
        write_json(prints_file, samples)
    return duplicates.groups(
        {r: {**e, "fingerprints": samples[r][1] if r in samples else None} for r, e in files.items()}
    )


def read_prints(path: Path) -> dict[str, list[Any]]:
    """{path: [sha1 of the file sampled, samples or None]} ({} when missing or unreadable)."""
    return {r: v for r, v in read_json(path).items() if isinstance(v, list) and len(v) == 2}
