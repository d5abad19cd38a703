"""An index's manifest: what was indexed, read without opening the index (plain JSON)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .models import DocMeta, DocumentInfo

#: Bump when the schema, the analysis, the paragraph splitting or the manifest's shape
#: changes: old indexes are rebuilt, and their manifests are not read meanwhile.
INDEX_VERSION = 15


def read_manifest(path: Path) -> dict[str, Any]:
    """An index's manifest.json ({} when missing or unreadable: the index is then rebuilt)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


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
    catalog: str,
    checksums: dict[str, list[int]] | None = None,
) -> dict[str, Any]:
    """The manifest of an index of ``folder`` holding ``files`` (``old``: the one it replaces;
    ``checksums`` of the index's files after a commit, else the old ones still hold)."""
    from .analysis import language_key

    return {
        "version": INDEX_VERSION,
        "folder": str(folder),
        "catalog": catalog,
        "files": dict(sorted(files.items())),
        "skipped": sorted(skipped, key=lambda s: s["path"]),
        "languages": sorted({language_key(entry["meta"].get("lang") or "en") for entry in files.values()}),
        "duplicates": _duplicates(old, files),
        "checksums": checksums if checksums is not None else old.get("checksums", {}),
    }


def _duplicates(old: dict[str, Any], files: dict[str, Any]) -> dict[str, str]:
    """Duplicate groups, recomputed only when some document's content changed."""
    from . import duplicates

    old_files: dict[str, Any] = old.get("files", {})
    if (
        "duplicates" in old
        and old_files.keys() == files.keys()
        and all(
            old_files[r]["doc_id"] == e["doc_id"]
            and old_files[r].get("fingerprints") == e.get("fingerprints")
            and old_files[r].get("sha1") == e.get("sha1")
            for r, e in files.items()
        )
    ):
        return dict(old["duplicates"])
    return duplicates.groups(files)
